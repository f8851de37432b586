import type { RangeVerdict } from '../model/types.js';

export type ReportFormat = 'text' | 'json' | 'sarif';

export interface ReportOptions {
  color: boolean;
  /** Print only findings whose action is block. */
  quiet: boolean;
  /** The tool version, recorded in JSON and SARIF. */
  version: string;
  /** Repository root, for SARIF artifact locations. */
  root?: string;
}

export type Reporter = (verdict: RangeVerdict, options: ReportOptions) => string;
