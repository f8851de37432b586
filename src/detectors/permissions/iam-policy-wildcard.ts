import { isDoc, isJson, isTerraform, isYaml } from '../file-kind.js';
import { defineDetector } from '../define.js';
import type { Severity } from '../../model/types.js';
import {
  mayContainStatements,
  policyStatementsOf,
  type PolicyStatement,
} from './iam-statements.js';
import { newContentMatches } from './support.js';

interface Loosening {
  messageId: string;
  severity: Severity;
  line: number;
  data: Record<string, string>;
}

const isStar = (value: string): boolean => value === '*' || value === '*:*';

/** Describes what a wildcard resource covers (every bucket for `arn:aws:s3:::*`), or returns null. */
function wildcardResource(resource: string): string | null {
  if (resource === '*') return 'every resource';
  if (/^arn:[^:]+:s3:::\*(?:\/\*)?$/.test(resource)) return 'every bucket';
  if (/^arn:[^:]+:[^:]+:[^:]*:[^:]*:\*$/.test(resource)) return 'every resource of the service';
  return null;
}

/** Judges one Allow statement: the widest grant first, so each statement gets one finding for its actions. */
function looseningsOf(statement: PolicyStatement): Loosening[] {
  if (statement.effect !== 'Allow') return [];
  const result: Loosening[] = [];
  const everyResource = statement.resources.some(isStar) || statement.notResources !== null;
  const actions = (statement.notActions ?? statement.actions).join(', ');
  if (statement.notActions !== null) {
    result.push(
      everyResource
        ? {
            messageId: 'notActionEverywhere',
            severity: 'block',
            line: statement.actionLine,
            data: { actions },
          }
        : {
            messageId: 'notAction',
            severity: 'warn',
            line: statement.actionLine,
            data: { actions },
          },
    );
  } else if (statement.actions.some(isStar)) {
    result.push(
      everyResource
        ? { messageId: 'administrator', severity: 'block', line: statement.actionLine, data: {} }
        : { messageId: 'everyAction', severity: 'warn', line: statement.actionLine, data: {} },
    );
  } else {
    const serviceWide = statement.actions.find((action) => /^[\w-]+:\*$/.test(action));
    if (serviceWide && everyResource) {
      result.push({
        messageId: 'serviceWildcard',
        severity: 'warn',
        line: statement.actionLine,
        data: { action: serviceWide },
      });
    } else {
      const resource = statement.resources.find((r) => wildcardResource(r) !== null);
      if (resource !== undefined) {
        result.push({
          messageId: 'resourceWildcard',
          severity: 'warn',
          line: statement.resourceLine,
          data: { resource, scope: wildcardResource(resource)! },
        });
      }
    }
  }
  if (statement.principals.some(isStar) && !statement.hasCondition) {
    result.push({
      messageId: 'everyPrincipal',
      severity: 'warn',
      line: statement.principalLine,
      data: {},
    });
  }
  return result;
}

function signatureOf(statement: PolicyStatement, loosening: Loosening): string {
  const list = (values: string[] | null) => (values === null ? '-' : [...values].sort().join(','));
  return [
    loosening.messageId,
    list(statement.actions),
    list(statement.notActions),
    list(statement.resources),
    list(statement.principals),
  ].join('|');
}

export default defineDetector({
  meta: {
    id: 'permission/iam-policy-wildcard',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report IAM and bucket policy statements that allow every action, every resource or every principal.',
    messages: {
      administrator:
        'This statement allows every action on every resource, which is administrator access to the account. List the actions and resources the workload needs.',
      notActionEverywhere:
        'Allow + NotAction on * is near-administrator: it grants every action except {{actions}} on every resource. Replace NotAction with an Action list of what is needed.',
      notAction:
        'Allow + NotAction grants every action except {{actions}}, including ones AWS adds later. Replace NotAction with an Action list of what is needed.',
      everyAction:
        'This statement allows every action on its resources. List the actions the workload needs.',
      serviceWildcard:
        '`{{action}}` on every resource allows every operation of that service across the account. List the operations and resources the workload needs.',
      resourceWildcard:
        'The resource wildcard covers {{scope}} (`{{resource}}`), so the allowed actions reach far more than this workload uses. Name the specific resources, such as `arn:aws:s3:::my-bucket/*`.',
      everyPrincipal:
        'This statement allows every principal with no condition, so anyone, including anonymous callers, gets the listed access. Name the principals or add a condition.',
    },
  },
  keywords: ['statement', 'action', 'resource', 'principal', 'allow', 'effect'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || isDoc(file.path) || file.added.length === 0) continue;
      if (!isJson(file.path) && !isYaml(file.path) && !isTerraform(file.path)) continue;
      const mayMatch = (text: string) => mayContainStatements(file.path, text);
      if (!(await newContentMatches(file, mayMatch))) continue;
      const newStatements = policyStatementsOf(file.path, await file.newContent());
      if (newStatements.length === 0) continue;
      const old = new Set<string>();
      for (const statement of policyStatementsOf(file.path, await file.oldContent())) {
        for (const loosening of looseningsOf(statement)) old.add(signatureOf(statement, loosening));
      }
      for (const statement of newStatements) {
        for (const loosening of looseningsOf(statement)) {
          const signature = signatureOf(statement, loosening);
          if (old.has(signature)) continue;
          context.report({
            messageId: loosening.messageId,
            data: loosening.data,
            file: file.path,
            line: loosening.line,
            match: signature,
            evidence: signature
              .split('|')
              .slice(1)
              .filter((part) => part !== '-' && part !== '')
              .join(' | '),
            severity: loosening.severity,
          });
        }
      }
    }
  },
});
