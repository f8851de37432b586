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

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';
const RULE_PREFIX = '@secretlint/secretlint-rule-';

interface Engine {
  lint: typeof import('@secretlint/core').lintSource;
  preset: typeof import('@secretlint/secretlint-rule-preset-recommend').creator;
  /** Configs by the sorted short ids of the rules they leave on; the empty key runs every rule. */
  configs: Map<string, SecretLintCoreConfig>;
}

let enginePromise: Promise<Engine> | null = null;

function load(): Promise<Engine> {
  enginePromise ??= (async () => {
    const [core, preset, profiler] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
      import('@secretlint/profiler'),
    ]);
    // secretlint profiles every lint call unless told otherwise. Each call adds
    // performance marks that are never cleared, so memory grew with the range
    // and time went to the observer. Its own CLI turns this off unless --profile.
    profiler.secretLintProfiler.setEnabled(false);
    return { lint: core.lintSource, preset: preset.creator, configs: new Map() };
  })();
  return enginePromise;
}

function shortId(ruleId: string): string {
  return ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
}

/**
 * Returns the config that runs the given preset rules. secretlint 13 ignores
 * `disabled` on the rules inside a preset, so a subset is configured as the
 * preset's rules registered one by one, in the preset's order.
 */
function configFor(engine: Engine, rules: ReadonlySet<string> | undefined): SecretLintCoreConfig {
  const key = rules ? [...rules].sort().join(',') : '';
  let config = engine.configs.get(key);
  if (!config) {
    const subset = (only: ReadonlySet<string>) =>
      engine.preset.rules.filter((rule) => only.has(shortId(rule.meta.id))).map((rule) => ({ id: rule.meta.id, rule }));
    config = { rules: rules ? subset(rules) : [{ id: PRESET_ID, rule: engine.preset }] };
    engine.configs.set(key, config);
  }
  return config;
}

/** Returns the short ids (such as `aws`) of the rules in secretlint's recommended preset. */
export async function presetRuleIds(): Promise<string[]> {
  return (await load()).preset.rules.map((rule) => shortId(rule.meta.id));
}

/**
 * Lints one text with secretlint's recommended preset and returns where it
 * matched. `rules`, when given, limits the run to those short rule ids.
 */
export async function lintWithSecretlint(
  content: string,
  filePath: string,
  rules?: ReadonlySet<string>,
): Promise<SecretlintHit[]> {
  const engine = await load();
  const result = await engine.lint({
    source: { content, filePath, contentType: 'text' },
    options: { config: configFor(engine, rules), maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages
    .filter((message) => message.type === 'message')
    .map((message) => ({
      rule: shortId(message.ruleId),
      messageId: message.messageId,
      start: message.range[0],
      end: message.range[1],
    }));
}
