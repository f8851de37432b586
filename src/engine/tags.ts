import { secretDetectors } from '../detectors/secrets/index.js';
import { gitSync } from '../git/exec.js';
import type { CommitChange, CommitVerdict, Identity } from '../model/types.js';
import type { Policy } from '../packs/types.js';
import { scanCommit } from './scan-commit.js';

/** Pseudo-path under which findings in an annotated tag's message are reported. */
export const TAG_MESSAGE = '<tag-message>';

function parseTagger(line: string | undefined): Identity {
  const match = /^tagger (.*) <([^>]*)> (\d+) [+-]\d{4}$/.exec(line ?? '');
  if (!match) return { name: '', email: '', date: new Date(0).toISOString() };
  return { name: match[1]!, email: match[2]!, date: new Date(Number(match[3]) * 1000).toISOString() };
}

/** Returns the ids among `oids` that name annotated tag objects. */
export function annotatedTags(cwd: string, oids: readonly string[]): string[] {
  if (oids.length === 0) return [];
  const out = gitSync(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd, input: oids.join('\n') + '\n' });
  return out
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, type]) => type === 'tag')
    .map(([oid]) => oid!);
}

/**
 * Scans the messages of annotated tags with every secret detector. A tag
 * message is published with the tag, so a credential there leaks as surely
 * as one in a commit. Returns one verdict per tag, keyed by the tag object id.
 */
export async function checkTagMessages(cwd: string, tagOids: readonly string[], policy: Policy): Promise<CommitVerdict[]> {
  const verdicts: CommitVerdict[] = [];
  for (const oid of tagOids) {
    const raw = gitSync(['cat-file', 'tag', oid], { cwd });
    const split = raw.indexOf('\n\n');
    const header = split < 0 ? raw : raw.slice(0, split);
    const message = split < 0 ? '' : raw.slice(split + 2).replace(/-----BEGIN (?:PGP|SSH) SIGNATURE-----[\s\S]*$/, '');
    const tagger = parseTagger(header.split('\n').find((l) => l.startsWith('tagger ')));
    const change: CommitChange = {
      sha: oid,
      tree: '',
      parents: [],
      base: null,
      author: tagger,
      committer: tagger,
      message,
      trailers: [],
      files: [],
    };
    verdicts.push(await scanCommit(change, { policy, detectors: secretDetectors, messagePath: TAG_MESSAGE }));
  }
  return verdicts;
}

/** Pseudo-path under which findings in pushed ref names are reported. */
export const REF_NAME = '<ref-name>';

/** Scans ref names with every secret detector: a branch or tag name is published like a file name. */
export async function checkRefNames(refs: readonly string[], policy: Policy): Promise<CommitVerdict> {
  const nobody: Identity = { name: '', email: '', date: new Date(0).toISOString() };
  const change: CommitChange = {
    sha: 'REFS',
    tree: '',
    parents: [],
    base: null,
    author: nobody,
    committer: nobody,
    message: refs.join('\n'),
    trailers: [],
    files: [],
  };
  const attribution = { agent: false, matchedBy: [] };
  return scanCommit(change, { policy, detectors: secretDetectors, attribution, messagePath: REF_NAME });
}
