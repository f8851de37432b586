import type { Category, CommitChange, FileChange, Severity } from '../model/types.js';
import type { Policy } from '../packs/types.js';

/** Static description of a detector, shown in docs, SARIF rules and `--list-rules`. */
export interface DetectorMeta {
  /** `<category>/<subject>`, such as `secret/aws-access-key`. */
  id: string;
  category: Category;
  /** Severity of this detector's findings before any pack is applied. */
  severity: Severity;
  confidence: 'high' | 'medium' | 'low';
  /** One sentence starting with "Report". */
  description: string;
  /** Message templates by message id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
  /** Experimental detectors are left out of the default pack. */
  status?: 'stable' | 'experimental';
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** Repository path, or `<commit-message>`. */
  file: string;
  /** 1-based line; 0 for a finding about the whole file. */
  line: number;
  /**
   * The text that matched. It feeds the fingerprint and, for secrets, the
   * redacted evidence. It is never printed as is.
   */
  match: string;
  /** Overrides the detector's severity for this one finding. */
  severity?: Severity;
  /** Shown instead of the redacted match for findings that are not secrets. */
  evidence?: string;
  /**
   * Set by a secret detector whose `match` contains no credential (a file too
   * large to scan), so that `evidence` is shown, token-masked, as for other
   * categories instead of a redacted match.
   */
  evidenceHasNoSecret?: true;
}

export interface DetectorContext {
  readonly commit: CommitChange;
  /** True when attribution judged the commit agent-authored. */
  readonly agent: boolean;
  /** The policy judging this commit; dependency detectors read its `dependencies` section. */
  readonly policy?: Policy;
  /** Folder of the repository under review; unset for a change built in memory. */
  readonly cwd?: string;
  report(descriptor: ReportDescriptor): void;
  /**
   * Registers a secret found inside a file name, so every path this commit's
   * report shows has it redacted. Optional, so nested contexts may omit it.
   */
  maskInPaths?(value: string): void;
}

export interface Detector {
  meta: DetectorMeta;
  /**
   * Lower-case keywords; when given, the detector runs only if one of them
   * occurs in an added line, a path or the commit message. This keeps cheap
   * commits cheap.
   */
  keywords?: readonly string[];
  /** Limits the detector to files it understands. Without it, the detector gets every file. */
  appliesTo?(file: FileChange): boolean;
  run(context: DetectorContext): void | Promise<void>;
}

export function defineDetector(detector: Detector): Detector {
  const { id, category } = detector.meta;
  if (!/^[a-z-]+\/[a-z0-9-]+$/.test(id) || !id.startsWith(`${category}/`)) {
    throw new Error(`detector id ${JSON.stringify(id)} must be "${category}/<kebab-case-subject>"`);
  }
  return detector;
}

/** Files whose added lines a detector should read: text content that was not skipped. */
export function scannableFiles(commit: CommitChange, detector: Detector): FileChange[] {
  return commit.files.filter((file) => !file.skipped && (!detector.appliesTo || detector.appliesTo(file)));
}

/** Fills `{{name}}` placeholders in a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
