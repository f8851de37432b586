import { isSeq } from '../../util/yaml.js';
import { CHECK_NAME, entriesOf, isGithubWorkflow, parseYaml, runsCheck, scalarText, type YamlFile } from './ci-files.js';

/** A field of a job or step: its scalar text and the line of its key. */
export interface CiField {
  value: string | null;
  line: number;
}

/** A GitHub Actions step. */
export interface CiStep {
  /** Identity used to pair the step across versions: its id, name, action or first command. */
  key: string;
  line: number;
  fields: Map<string, CiField>;
  /** True when the step runs a test, lint, audit or scan, by its command, action or name. */
  isCheck: boolean;
}

/** A GitHub Actions job or a GitLab CI job. */
export interface CiJob {
  id: string;
  line: number;
  fields: Map<string, CiField>;
  steps: CiStep[];
  isCheck: boolean;
}

// Top-level GitLab CI keys that configure the pipeline instead of naming a job.
const GITLAB_RESERVED = new Set([
  'default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache',
  'before_script', 'after_script', 'spec',
]);

function fieldsOf(node: unknown, file: YamlFile): Map<string, CiField> {
  const fields = new Map<string, CiField>();
  for (const [key, value, line] of entriesOf(node, file)) fields.set(key, { value: scalarText(value), line });
  return fields;
}

function text(fields: Map<string, CiField>, ...keys: string[]): string {
  return keys.map((key) => fields.get(key)?.value ?? '').join('\n');
}

function isCheckText(label: string, command: string): boolean {
  return runsCheck(command) || CHECK_NAME.test(label);
}

function stepsOf(node: unknown, file: YamlFile): CiStep[] {
  if (!isSeq(node)) return [];
  const seen = new Map<string, number>();
  return node.items.map((item) => {
    const fields = fieldsOf(item, file);
    const run = text(fields, 'run');
    const base = fields.get('id')?.value ?? fields.get('name')?.value ?? fields.get('uses')?.value ?? run.trim().split('\n')[0] ?? '';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const line = [...fields.values()].reduce((min, f) => Math.min(min, f.line), Number.MAX_SAFE_INTEGER);
    const label = text(fields, 'name', 'uses', 'id');
    return { key: count > 1 ? `${base}#${count}` : base, line, fields, isCheck: isCheckText(label, `${run}\n${text(fields, 'uses')}`) };
  });
}

/** Reads the jobs of a GitHub Actions workflow or a GitLab CI file; null when the text is not valid YAML. */
export function jobsOf(path: string, content: string | null): CiJob[] | null {
  const file = parseYaml(content);
  if (!file) return null;
  if (isGithubWorkflow(path)) {
    const jobs = entriesOf(file.root, file).find(([key]) => key === 'jobs');
    return entriesOf(jobs?.[1], file).map(([id, node, line]) => {
      const fields = fieldsOf(node, file);
      const steps = stepsOf(entriesOf(node, file).find(([key]) => key === 'steps')?.[1], file);
      const isCheck = steps.some((s) => s.isCheck) || isCheckText(`${id} ${text(fields, 'name')}`, text(fields, 'uses'));
      return { id, line, fields, steps, isCheck };
    });
  }
  return entriesOf(file.root, file)
    .filter(([id]) => !GITLAB_RESERVED.has(id) && !id.startsWith('.'))
    .map(([id, node, line]) => {
      const fields = fieldsOf(node, file);
      const isCheck = isCheckText(`${id} ${text(fields, 'stage')}`, text(fields, 'script', 'before_script'));
      return { id, line, fields, steps: [], isCheck };
    });
}
