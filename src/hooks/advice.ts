import type { Category, Finding } from '../model/types.js';

const FIX_BY_CATEGORY: Record<Category, string> = {
  secret: 'remove the value and read it from the environment or a secret store; rotate it if it ever left this machine',
  permission: 'restore the stricter permission or setting',
  'disabled-check': 'turn the test, lint, CI step or hook back on',
  dependency: 'remove or pin the dependency, or allow it under dependencies.allow in the config',
};

/** Returns one line per category of the blocking findings, saying how to fix it. */
export function fixAdvice(findings: readonly Finding[]): string[] {
  const categories = new Set(findings.filter((f) => f.action === 'block' && !f.suppressed).map((f) => f.category));
  return [...categories].map((category) => `${category}: ${FIX_BY_CATEGORY[category]}`);
}
