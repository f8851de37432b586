import { describe, expect, it } from 'vitest';
import { annotatedTags, checkTagMessages, TAG_MESSAGE } from '../../src/engine/tags.js';
import { defaultPolicy } from '../../src/packs/load.js';
import { githubToken } from '../helpers/secrets.js';
import { TestRepo } from '../helpers/repo.js';

describe('tag messages', () => {
  it('blocks a secret in an annotated tag message', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    const token = githubToken();
    repo.git('tag', '-a', 'v1.0.0', '-m', `Release 1.0.0\n\ndeploy token ${token}`);
    repo.git('tag', 'light');
    const oids = repo.git('rev-parse', 'v1.0.0', 'light').trim().split('\n');
    const tags = annotatedTags(repo.dir, oids);
    expect(tags).toEqual([oids[0]]);
    const [verdict] = await checkTagMessages(repo.dir, tags, defaultPolicy());
    expect(verdict!.verdict).toBe('block');
    expect(verdict!.findings[0]!.file).toBe(TAG_MESSAGE);
    expect(verdict!.findings[0]!.line).toBe(3);
    expect(JSON.stringify(verdict)).not.toContain(token);
  });

  it('allows a plain tag message', async () => {
    const repo = TestRepo.init();
    repo.write('a.txt', 'x\n').commit('one');
    repo.git('tag', '-a', 'v1.0.1', '-m', 'Release 1.0.1 with fixes');
    const oid = repo.git('rev-parse', 'v1.0.1').trim();
    const [verdict] = await checkTagMessages(repo.dir, [oid], defaultPolicy());
    expect(verdict!.verdict).toBe('allow');
  });
});
