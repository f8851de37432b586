import { parse } from '../../util/yaml.js';
import type { FileChange } from '../../model/types.js';
import { defineDetector, type DetectorContext } from '../define.js';

// Files that acknowledge secret findings, read from the tree of each judged
// commit's base. The allowlist paths come from the policy (`repositoryFiles`).
const DEFAULT_ALLOWLIST = '.diff-guardian-allowlist.yml';
const IGNORE_FILES = new Set(['.gitleaksignore', '.secretlintignore']);

/** Returns the entry lines of an ignore file with their 1-based numbers; `#` lines are comments. */
function ignoreEntries(text: string | null): Array<{ entry: string; line: number }> {
  if (text === null) return [];
  return text
    .split('\n')
    .map((raw, index) => ({ entry: raw.trim(), line: index + 1 }))
    .filter(({ entry }) => entry !== '' && !entry.startsWith('#'));
}

/** Returns the allowlist entries as comparable keys, or null when the text is not a valid allowlist. */
function allowlistKeys(text: string | null): Map<string, string> | null {
  if (text === null) return new Map();
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return null;
  }
  if (document === null || document === undefined) return new Map();
  const entries = (document as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return null;
  const keys = new Map<string, string>();
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') return null;
    const { fingerprint, path, rule, expires } = entry as Record<string, unknown>;
    const day = expires instanceof Date ? expires.toISOString().slice(0, 10) : String(expires);
    keys.set(JSON.stringify([String(fingerprint), String(path), String(rule ?? ''), day]), String(fingerprint));
  }
  return keys;
}

/** Returns the line of `text` that contains `needle` first, or 0. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index < 0 ? 0 : text.slice(0, index).split('\n').length;
}

/** Reads the content the file had at the same path before the change, or null when the path is new. */
async function previousContent(file: FileChange): Promise<string | null> {
  return file.oldPath === file.newPath ? file.oldContent() : null;
}

async function checkIgnoreFile(context: DetectorContext, file: FileChange): Promise<void> {
  const secretlint = file.path === '.secretlintignore';
  const before = ignoreEntries(await previousContent(file));
  const after = ignoreEntries(await file.newContent());
  const beforeSet = new Set(before.map((e) => e.entry));
  const afterSet = new Set(after.map((e) => e.entry));
  // A secretlint pattern starting with `!` takes paths back into the scan, so removing it loosens.
  const added = after.filter((e) => !beforeSet.has(e.entry) && !(secretlint && e.entry.startsWith('!')));
  const removedKeeps = secretlint ? before.filter((e) => e.entry.startsWith('!') && !afterSet.has(e.entry)) : [];
  for (const { entry, line } of added) {
    context.report({ messageId: 'ignoreAdded', data: { path: file.path }, file: file.path, line, match: `ignore:${entry}`, evidence: `+ ${entry.slice(0, 120)}` });
  }
  for (const { entry } of removedKeeps) {
    context.report({ messageId: 'ignoreAdded', data: { path: file.path }, file: file.path, line: 0, match: `keep-removed:${entry}`, evidence: `- ${entry.slice(0, 120)}` });
  }
}

async function checkAllowlist(context: DetectorContext, file: FileChange): Promise<void> {
  const text = await file.newContent();
  const before = allowlistKeys(await previousContent(file));
  const after = allowlistKeys(text);
  if (text === null || before === null || after === null) {
    // Unreadable content cannot be compared entry by entry, so the file is reported as a whole.
    context.report({ messageId: 'unreadable', data: { path: file.path }, file: file.path, line: 0, match: `allowlist:${file.status}:${file.path}`, evidence: `${file.status} ${file.path}` });
    return;
  }
  for (const [key, fingerprint] of after) {
    if (before.has(key)) continue;
    context.report({ messageId: 'allowlistEntryAdded', data: { path: file.path, fingerprint }, file: file.path, line: lineOf(text, fingerprint), match: `allowlist:${key}`, evidence: `+ fingerprint ${fingerprint.slice(0, 16)}` });
  }
}

export default defineDetector({
  meta: {
    id: 'disabled-check/ignore-file-loosened',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: "Report entries added to diff-guardian's allowlist file, .gitleaksignore or .secretlintignore.",
    messages: {
      ignoreAdded:
        '{{path}} now ignores more: secret findings it matches are acknowledged instead of blocked in the commits after this one. Remove the entry, or have a reviewer approve it in a commit of its own.',
      allowlistEntryAdded:
        'Allowlist entry added to {{path}} for fingerprint {{fingerprint}}: the finding is acknowledged in the commits after this one. Remove the entry, or have a reviewer approve it in a commit of its own.',
      unreadable:
        '{{path}} was changed and could not be read as an allowlist or ignore file, so the entries it adds are unknown. Have a reviewer approve the change in a commit of its own.',
    },
  },
  async run(context) {
    const allowlists = new Set(context.policy?.repositoryFiles?.allowlists ?? [context.policy?.settings.allowlistFile ?? DEFAULT_ALLOWLIST]);
    for (const file of context.commit.files) {
      if (file.newPath === null) continue;
      if (file.skipped) {
        if (IGNORE_FILES.has(file.newPath) || allowlists.has(file.newPath)) {
          context.report({ messageId: 'unreadable', data: { path: file.path }, file: file.path, line: 0, match: `skipped:${file.path}`, evidence: `${file.status} ${file.path}` });
        }
        continue;
      }
      if (IGNORE_FILES.has(file.newPath)) await checkIgnoreFile(context, file);
      else if (allowlists.has(file.newPath)) await checkAllowlist(context, file);
    }
  },
});
