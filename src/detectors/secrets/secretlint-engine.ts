// The one module that imports secretlint. Version 13 is used although it declares
// Node 22, because it runs on Node 20 and version 11 (the last to declare Node 20)
// profiles every lint call with a cost that grows with the square of the files
// linted in one process: 508 s against 5 s for 8,900 files on the 2-core
// development machine. Swapping versions means changing this file alone.
import type { SecretLintCoreConfig } from '@secretlint/types';

export interface SecretlintHit {
  /** secretlint's rule id without the package prefix, such as `aws`. */
  rule: string;
  messageId: string;
  /** Offsets into the linted text. */
  start: number;
  end: number;
}

let configPromise: Promise<{ lint: typeof import('@secretlint/core').lintSource; config: SecretLintCoreConfig }> | null =
  null;

function load() {
  configPromise ??= (async () => {
    const [core, preset, profiler] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
      import('@secretlint/profiler'),
    ]);
    // secretlint profiles every lint call unless told otherwise. Each call adds
    // performance marks that are never cleared, so memory grew with the range
    // and time went to the observer. Its own CLI turns this off unless --profile.
    profiler.secretLintProfiler.setEnabled(false);
    const config: SecretLintCoreConfig = {
      rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }],
    };
    return { lint: core.lintSource, config };
  })();
  return configPromise;
}

/** Lints one text with secretlint's recommended preset and returns where it matched. */
export async function lintWithSecretlint(content: string, filePath: string): Promise<SecretlintHit[]> {
  const { lint, config } = await load();
  const result = await lint({
    source: { content, filePath, contentType: 'text' },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages
    .filter((message) => message.type === 'message')
    .map((message) => ({
      rule: message.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
      messageId: message.messageId,
      start: message.range[0],
      end: message.range[1],
    }));
}
