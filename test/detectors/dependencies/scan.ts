import { dependencyDetectors } from '../../../src/detectors/dependencies/index.js';
import type { CommitVerdict, Finding } from '../../../src/model/types.js';
import { defaultPolicy } from '../../../src/packs/load.js';
import type { DependencyPolicy, Policy } from '../../../src/packs/types.js';
import { changeOfFiles, runDetectors, type FileSpec } from '../../helpers/change.js';

export interface ScanOptions {
  agent?: boolean;
  dependencies?: DependencyPolicy;
  policy?: Policy;
}

/** Runs every dependency detector on whole old and new file contents, with the default pack. */
export async function scanFiles(files: Record<string, FileSpec>, options: ScanOptions = {}): Promise<CommitVerdict> {
  const base = options.policy ?? defaultPolicy();
  const policy = options.dependencies ? { ...base, dependencies: { ...base.dependencies, ...options.dependencies } } : base;
  return runDetectors(dependencyDetectors, changeOfFiles(files), { agent: options.agent ?? true, policy });
}

export async function findingsOfFiles(files: Record<string, FileSpec>, options: ScanOptions = {}): Promise<Finding[]> {
  return (await scanFiles(files, options)).findings;
}

/** Summarizes findings for table assertions as rule id, file and line. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
}

/** Formats a package.json with the given top-level fields, two-space indented like npm writes it. */
export function packageJson(fields: Record<string, unknown>): string {
  return `${JSON.stringify({ name: 'app', version: '1.0.0', ...fields }, null, 2)}\n`;
}
