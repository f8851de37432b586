import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Detector } from '../../src/detectors/define.js';
import { changeFromUnifiedDiff, type KnownContents } from '../../src/diff/unified.js';
import { scanCommit } from '../../src/engine/scan-commit.js';
import type { CommitChange, CommitVerdict, Finding } from '../../src/model/types.js';
import { defaultPolicy, loadPolicy, fileSource } from '../../src/packs/load.js';
import type { Policy } from '../../src/packs/types.js';

const AGENT = { agent: true, matchedBy: ['test:agent'], name: 'test-agent' };
const HUMAN = { agent: false, matchedBy: [] };

export { changeFromUnifiedDiff };

export interface FileSpec {
  old?: string;
  new?: string;
  oldMode?: string;
  newMode?: string;
}

/** Builds a unified diff text for whole-file contents, with git's own diff algorithm. */
export function unifiedDiffOf(files: Record<string, FileSpec>): { text: string; contents: KnownContents } {
  const root = mkdtempSync(join(tmpdir(), 'dg-diff-'));
  const contents: KnownContents = { old: {}, new: {} };
  let text = '';
  try {
    for (const [path, spec] of Object.entries(files)) {
      mkdirSync(dirname(join(root, 'a', path)), { recursive: true });
      mkdirSync(dirname(join(root, 'b', path)), { recursive: true });
      if (spec.old !== undefined) {
        writeFileSync(join(root, 'a', path), spec.old);
        contents.old![path] = spec.old;
      }
      if (spec.new !== undefined) {
        writeFileSync(join(root, 'b', path), spec.new);
        contents.new![path] = spec.new;
      }
      // Relative paths with empty prefixes make git print the usual a/PATH and b/PATH headers.
      const from = spec.old !== undefined ? `a/${path}` : '/dev/null';
      const to = spec.new !== undefined ? `b/${path}` : '/dev/null';
      const args = ['diff', '--no-index', '--text', '--no-color', '--no-ext-diff', '--src-prefix=', '--dst-prefix=', from, to];
      const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
      let out = result.stdout;
      if (spec.oldMode && spec.newMode && spec.oldMode !== spec.newMode) {
        out = out.replace(/^(diff --git .*\n)/, `$1old mode ${spec.oldMode}\nnew mode ${spec.newMode}\n`);
      }
      text += out;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { text, contents };
}

/**
 * Builds a change from files given as whole old and new contents, through a
 * real unified diff computed by git (`git diff --no-index`), so line numbers
 * and hunks are exactly what git would produce.
 */
export function changeOfFiles(files: Record<string, FileSpec>, options: { message?: string } = {}): CommitChange {
  const { text, contents } = unifiedDiffOf(files);
  const change = changeFromUnifiedDiff(text, { contents, message: options.message });
  for (const file of change.files) {
    const spec = files[file.path];
    if (spec?.oldMode) {
      file.oldMode = spec.oldMode;
    }
    if (spec?.newMode) {
      file.newMode = spec.newMode;
    }
  }
  return change;
}

export interface RunOptions {
  agent?: boolean;
  policy?: Policy;
  /** A config file whose rules apply on top of the default pack. */
  configPath?: string;
}

/** Runs one or more detectors on a change and applies the default pack (or a given policy). */
export async function runDetectors(
  detectors: Detector | Detector[],
  change: CommitChange,
  options: RunOptions = {},
): Promise<CommitVerdict> {
  const policy = options.policy ?? (options.configPath ? loadPolicy(fileSource(), options.configPath) : defaultPolicy());
  return scanCommit(change, {
    policy,
    detectors: Array.isArray(detectors) ? detectors : [detectors],
    attribution: options.agent === false ? HUMAN : AGENT,
  });
}

/** Shorthand: the findings of one detector on a unified diff text. */
export async function findingsOf(detector: Detector | Detector[], diff: string, options: RunOptions & { message?: string } = {}): Promise<Finding[]> {
  const change = changeFromUnifiedDiff(diff, { message: options.message });
  return (await runDetectors(detector, change, options)).findings;
}
