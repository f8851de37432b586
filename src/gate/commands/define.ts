import type { DetectorMeta, ReportDescriptor } from '../../detectors/define.js';
import type { Category, Severity } from '../../model/types.js';
import type { Policy } from '../../packs/types.js';
import type { Project } from '../project.js';
import type { SimpleCommand } from '../shell/parse.js';

/** The file a command finding is reported against, since a command has no file of its own. */
export const COMMAND_FILE = '<command>';

/** An agent's proposed action: a shell command line, or a write to one file. */
export type GateSubject =
  | { kind: 'command'; text: string; commands: SimpleCommand[] }
  | { kind: 'write'; tool: string; path: string };

export interface GateDetectorContext {
  readonly subject: GateSubject;
  readonly project: Project;
  readonly policy: Policy;
  report(descriptor: ReportDescriptor): void;
  /** Reports a finding whose rule and message come from elsewhere, such as the dependency policy. */
  reportFinding(finding: ExternalFinding): void;
}

/** A finding made by shared judging code rather than by this detector's own messages. */
export interface ExternalFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  /** Feeds the fingerprint; never printed. */
  match: string;
  evidence: string;
}

/**
 * A detector of proposed actions that have no diff, or whose risk is where
 * they write rather than what: shell commands, and writes outside the files
 * a commit would show. File edits are also judged by the commit detectors.
 */
export interface GateDetector {
  meta: DetectorMeta;
  /**
   * Lower-case keywords. For a command, the detector runs only if one occurs in its text.
   * That text is matched before quote removal, so `ch''mod` hides `chmod` from it, and
   * detectors of command names leave this unset.
   */
  keywords?: readonly string[];
  run(context: GateDetectorContext): void | Promise<void>;
}

export function defineGateDetector(detector: GateDetector): GateDetector {
  const { id, category } = detector.meta;
  if (!/^[a-z-]+\/[a-z0-9-]+$/.test(id) || !id.startsWith(`${category}/`)) {
    throw new Error(`detector id ${JSON.stringify(id)} must be "${category}/<kebab-case-subject>"`);
  }
  return detector;
}

/** Returns the commands of a command subject, or none for a file write. */
export function commandsOf(subject: GateSubject): SimpleCommand[] {
  return subject.kind === 'command' ? subject.commands : [];
}

/** Formats argv back into one line for evidence and fingerprints, quoting words with spaces. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((arg) => (arg === '' || /[\s'"\\$`]/.test(arg) ? `'${arg.replace(/'/g, "'\\''")}'` : arg)).join(' ');
}
