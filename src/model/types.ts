/** Finding categories. Every detector belongs to exactly one. */
export type Category = 'secret' | 'permission' | 'disabled-check' | 'dependency';

export const CATEGORIES: readonly Category[] = [
  'secret',
  'permission',
  'disabled-check',
  'dependency',
];

/** Outcome of applying the rule packs to a finding, a commit or a range. */
export type Action = 'allow' | 'warn' | 'block';

/** Severity a detector gives its findings before any pack is applied. */
export type Severity = 'block' | 'warn' | 'info';

/** File status as git reports it in the diff (the letters of `git diff --raw`). */
export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';

/** Kind of tree entry a mode denotes. */
export type EntryKind = 'file' | 'executable' | 'symlink' | 'submodule' | 'none';

/** One line of a diff, with its 1-based number in the old or new file. */
export interface DiffLine {
  line: number;
  /** Line text without the diff prefix, the newline or a trailing carriage return. */
  text: string;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The lines in diff order, each tagged '+', '-' or ' '. */
  lines: Array<{ op: '+' | '-' | ' '; oldLine: number; newLine: number; text: string }>;
}

/** Reason a file's content was not read into the change model. */
export type SkipReason = 'too-large' | 'submodule';

export interface FileChange {
  status: FileStatus;
  /** Path before the change; equals newPath unless renamed or copied. Null for an added file. */
  oldPath: string | null;
  /** Path after the change. Null for a deleted file. */
  newPath: string | null;
  /** The path findings are reported against: the new path, or the old one for a deletion. */
  path: string;
  /** True when the path bytes are not valid UTF-8; `path` then contains a C-style escaped form. */
  pathEscaped: boolean;
  oldMode: string;
  newMode: string;
  oldKind: EntryKind;
  newKind: EntryKind;
  oldOid: string;
  newOid: string;
  /** Rename or copy similarity in percent, when git reported one. */
  similarity?: number;
  /** True when the content contains NUL bytes, which makes git call a file binary. */
  binary: boolean;
  /** True when the new content uses CRLF line ends. */
  crlf: boolean;
  skipped?: SkipReason;
  hunks: Hunk[];
  added: DiffLine[];
  removed: DiffLine[];
  /** Reads the whole old content; resolves to null for an added file or a skipped one. */
  oldContent(): Promise<string | null>;
  /** Reads the whole new content; resolves to null for a deleted file or a skipped one. */
  newContent(): Promise<string | null>;
  /**
   * Streams up to `maxBytes` of the new blob, whatever settings.maxFileBytes is, with
   * its size in bytes; null for no new blob. Absent on changes built without a repository.
   */
  newContentStream?(maxBytes: number): { size: number; chunks: AsyncIterable<Buffer> } | null;
}

export interface Identity {
  name: string;
  email: string;
  /** ISO 8601 time. */
  date: string;
}

/** A commit object header beyond tree, parent, author and committer, such as `mergetag`. */
export interface CommitHeader {
  name: string;
  /** The header's lines (name, space, value) with continuation spaces and signature blocks removed. */
  text: string;
}

export interface Trailer {
  key: string;
  value: string;
}

/** Evidence that a commit was written by a coding agent. */
export interface AgentAttribution {
  agent: boolean;
  /** Matchers that fired, such as `trailer:claude-code` or `config:agents[0]:house-bot`. */
  matchedBy: string[];
  /** The agent's name, when the matcher that fired names one. */
  name?: string;
}

export interface CommitChange {
  /** Commit id, or the literal `STAGED` for the index. */
  sha: string;
  tree: string;
  parents: string[];
  /** The parent this diff was taken against, or null for a root commit or an empty-tree base. */
  base: string | null;
  author: Identity;
  committer: Identity;
  message: string;
  trailers: Trailer[];
  /** Extra headers of the commit object, present only when it has some; scanned for secrets like the message. */
  headers?: CommitHeader[];
  files: FileChange[];
}

export interface Finding {
  ruleId: string;
  category: Category;
  /** The detector's own severity, before packs. */
  severity: Severity;
  /** The action the packs chose. */
  action: Action;
  message: string;
  /** Repository path, or `<commit-message>` for a finding in the message. */
  file: string;
  /** 1-based line in the new file (old file for removals); 0 when the finding is about the whole file. */
  line: number;
  commit: string;
  /** A redacted view of what matched: never the matched secret itself. */
  evidence: string;
  /** Stable across rebases: a hash of rule, path and matched content. */
  fingerprint: string;
  /** Set when an inline comment, an allowlist entry or a baseline acknowledged the finding. */
  suppressed?: { by: string; reason: string };
  /** Pack rule that set the action, such as `rules/secrets.yml#rules[0]`. */
  decidedBy?: string;
}

export interface CommitVerdict {
  sha: string;
  verdict: Action;
  agent: AgentAttribution;
  findings: Finding[];
  /** Files the diff listed but whose content was not read, with the reason. */
  skipped: Array<{ file: string; reason: SkipReason }>;
  /** Rule ids that inline allow comments on added lines name, each with the first line that names it. */
  inlineRules?: InlineRule[];
}

/** A rule id named by an inline allow comment (`diff-guardian: allow <rule> -- <reason>`), with its file and line. */
export interface InlineRule {
  rule: string;
  file: string;
  line: number;
}

export interface RangeVerdict {
  verdict: Action;
  commits: CommitVerdict[];
  findings: Finding[];
}
