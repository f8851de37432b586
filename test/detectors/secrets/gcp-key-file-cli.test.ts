import { describe, expect, it } from 'vitest';
import { gcpServiceAccountJson, generatedSecrets } from '../../helpers/secrets.js';
import { jsonOf, runCli, TestRepo } from '../../helpers/repo.js';

/** Commits `content` at `path` in a new repository and returns the check's findings as rule, file and line. */
function findingsOf(path: string, content: string): Array<[string, string, number]> {
  const repo = TestRepo.init();
  repo.write('README.md', '# demo\n').commit('init');
  repo.write(path, content).commit('add a deploy key', { agent: true });
  const result = runCli(repo.dir, ['check', 'HEAD', '--format', 'json']);
  for (const secret of generatedSecrets()) expect(result.stdout).not.toContain(secret);
  expect(result.code).toBe(1);
  return jsonOf(result).findings.map((f) => [f.ruleId as string, f.file as string, f.line as number]);
}

// secretlint's gcp rule cannot report here (it needs a source `ext` the engine does not set), so
// secret/gcp-service-account is the rule that must report every form of the key file.
describe('Google Cloud service-account key file in a commit', () => {
  const escaped = (json: string) => json.replace(/-----/g, '\\u002d'.repeat(5));
  const cases: Array<[string, string, string, number]> = [
    ['pretty-printed', 'deploy/sa.json', gcpServiceAccountJson(), 5],
    ['on one line', 'deploy/sa.json', `${JSON.stringify(JSON.parse(gcpServiceAccountJson()))}\n`, 1],
    ['with CRLF line ends', 'deploy/sa.json', gcpServiceAccountJson().replace(/\n/g, '\r\n'), 5],
    ['under a name without .json', 'creds/key-prod', gcpServiceAccountJson(), 5],
    ['with escaped PEM markers', 'deploy/sa.json', escaped(gcpServiceAccountJson()), 5],
  ];

  it.each(cases)('is reported %s', (_name, path, content, line) => {
    expect(findingsOf(path, content)).toEqual([['secret/gcp-service-account', path, line]]);
  });
});
