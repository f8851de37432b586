import { gitStatus } from '../git/exec.js';
import type { Action, CommitVerdict, Finding } from '../model/types.js';
import { strongerAction } from '../packs/decide.js';
import type { BatchResult } from './batch.js';

/** The findings of a merge's diff against one of its parents. */
export interface ParentDiff {
  parent: string;
  /** Fingerprints of the findings, whatever their action. */
  fingerprints: string[];
  /** Files the diff listed but did not read, so their findings are unknown. */
  skippedFiles: string[];
}

/**
 * Joins batch results in range order and judges each merge for what it adds
 * itself. A merge finding is dropped in two cases:
 *
 * - an earlier non-merge commit of the range reported the same fingerprint
 *   with an action at least as strong, so the range verdict already has it;
 * - the merge took the finding's content over from a parent that already
 *   contains it, and a commit of this range that is an ancestor of that
 *   parent, but of no parent lacking the content, reported it. That commit's
 *   verdict (its author, its inline allow comments) then stands for it.
 *
 * Content that a merge adds itself (a conflict resolution, an "evil merge"),
 * and content brought in by commits outside the range, stays with the merge.
 * So does content that a parent's history removed, which the merge restores.
 *
 * NOTE: side commits that an earlier push brought to the server are outside
 * the range of a later push, so a server still judges an agent's merge of
 * them in full, as does pre-push once they are on the remote.
 */
export class RangeMerger {
  /** Strongest action reported outside merges, by fingerprint. */
  private readonly seenOutsideMerges = new Map<string, Action>();
  /** Commits of the range that reported each fingerprint, oldest first. */
  private readonly reporters = new Map<string, string[]>();
  private readonly ancestry = new Map<string, boolean | null>();

  /**
   * `readParentDiffs` diffs a merge against every parent, for a merge that
   * was read against its first parent only. It runs only for merges with a
   * finding that a commit of the range reported before.
   */
  constructor(
    private readonly cwd: string,
    private readonly readParentDiffs: (sha: string) => Promise<ParentDiff[] | null>,
  ) {}

  async add(batch: BatchResult, into: CommitVerdict[]): Promise<void> {
    for (const [index, verdict] of batch.verdicts.entries()) {
      if (batch.merges[index]) {
        verdict.findings = verdict.findings.filter((f) => {
          const seen = this.seenOutsideMerges.get(f.fingerprint);
          return seen === undefined || strongerAction(seen, f.action) !== seen;
        });
        if (verdict.findings.some((f) => this.reporters.has(f.fingerprint))) {
          const diffs = batch.parentDiffs[index] ?? (await this.readParentDiffs(verdict.sha));
          if (diffs) verdict.findings = verdict.findings.filter((f) => !this.isTakenOver(f, diffs));
        }
      } else {
        for (const finding of verdict.findings) {
          const seen = this.seenOutsideMerges.get(finding.fingerprint);
          this.seenOutsideMerges.set(finding.fingerprint, seen === undefined ? finding.action : strongerAction(seen, finding.action));
        }
      }
      for (const finding of verdict.findings) {
        const shas = this.reporters.get(finding.fingerprint) ?? [];
        if (!shas.includes(verdict.sha)) shas.push(verdict.sha);
        this.reporters.set(finding.fingerprint, shas);
      }
      into.push(verdict);
    }
  }

  /** Decides whether a merge took `finding` over from a parent whose side of this range already judged it. */
  private isTakenOver(finding: Finding, diffs: readonly ParentDiff[]): boolean {
    const reporters = this.reporters.get(finding.fingerprint);
    if (!reporters) return false;
    const containing: string[] = [];
    const lacking: string[] = [];
    for (const diff of diffs) {
      // A skipped file's findings are unknown, so the parent counts as lacking the content.
      const absent = !diff.fingerprints.includes(finding.fingerprint) && !diff.skippedFiles.includes(finding.file);
      (absent ? containing : lacking).push(diff.parent);
    }
    if (containing.length === 0) return false;
    return reporters.some(
      (sha) =>
        containing.some((parent) => this.isAncestor(sha, parent) === true) &&
        lacking.every((parent) => this.isAncestor(sha, parent) === false),
    );
  }

  /** Returns whether `sha` is an ancestor of `of` (or `of` itself), or null when git cannot tell, as past a shallow boundary. */
  private isAncestor(sha: string, of: string): boolean | null {
    const key = `${sha} ${of}`;
    if (!this.ancestry.has(key)) {
      const status = gitStatus(['merge-base', '--is-ancestor', sha, of], { cwd: this.cwd });
      let known: boolean | null = null;
      if (status === 0) known = true;
      else if (status === 1) known = false;
      this.ancestry.set(key, known);
    }
    return this.ancestry.get(key)!;
  }
}
