import type { RangeVerdict } from '../model/types.js';
import { jsonReport } from './json.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';
import type { ReportFormat, ReportOptions } from './types.js';

export function renderReport(format: ReportFormat, verdict: RangeVerdict, options: ReportOptions): string {
  if (format === 'json') return jsonReport(verdict, options);
  if (format === 'sarif') return sarifReport(verdict, options);
  return textReport(verdict, options);
}
