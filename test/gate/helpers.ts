import { expect } from 'vitest';
import type { GateDetector } from '../../src/gate/commands/define.js';
import { COMMAND_FILE } from '../../src/gate/commands/define.js';
import { runGateDetectors } from '../../src/gate/judge.js';
import { findProject, type Project } from '../../src/gate/project.js';
import { readCommandLine } from '../../src/gate/shell/read-commands.js';
import type { Finding } from '../../src/model/types.js';
import { defaultPolicy } from '../../src/packs/load.js';
import type { Policy } from '../../src/packs/types.js';
import { TestRepo } from '../helpers/repo.js';

let shared: Project | null = null;

/** Returns a project in a real, empty git repository, shared by the tests of one file. */
export function testProject(): Project {
  shared ??= findProject(TestRepo.init().dir);
  return shared;
}

export interface GateRunOptions {
  project?: Project;
  policy?: Policy;
}

/** Runs one gate detector on a shell command line, with the default pack unless a policy is given. */
export async function commandFindings(detector: GateDetector, command: string, options: GateRunOptions = {}): Promise<Finding[]> {
  const subject = { kind: 'command' as const, text: command, commands: readCommandLine(command, () => new Map()) };
  return runGateDetectors(subject, options.project ?? testProject(), options.policy ?? defaultPolicy(), [detector]);
}

/** Runs one gate detector on a proposed write of `path` by a file tool. */
export async function writeFindings(detector: GateDetector, path: string, options: GateRunOptions & { tool?: string } = {}): Promise<Finding[]> {
  const subject = { kind: 'write' as const, tool: options.tool ?? 'Write', path };
  return runGateDetectors(subject, options.project ?? testProject(), options.policy ?? defaultPolicy(), [detector]);
}

/** Asserts that a command gives exactly one finding of `ruleId` against the command and returns it. */
export function expectOneCommandFinding(findings: Finding[], ruleId: string): Finding {
  expect(findings.map((f) => f.ruleId)).toEqual([ruleId]);
  const finding = findings[0]!;
  expect(finding.file).toBe(COMMAND_FILE);
  expect(finding.line).toBe(0);
  return finding;
}
