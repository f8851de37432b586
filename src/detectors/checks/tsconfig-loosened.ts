import { defineDetector } from '../define.js';
import { jsonKeyLine, parseJsonc } from './jsonc.js';

const TSCONFIG = /(?:^|\/)(?:tsconfig(?:\.[\w.-]+)?|jsconfig)\.json$/;

// Options that `strict: true` turns on unless they are set on their own.
const STRICT_FAMILY = [
  'noImplicitAny', 'strictNullChecks', 'strictFunctionTypes', 'strictBindCallApply',
  'strictPropertyInitialization', 'noImplicitThis', 'alwaysStrict', 'useUnknownInCatchVariables',
];
// Further checks that are off unless set.
const OTHER_CHECKS = [
  'noImplicitReturns', 'noUncheckedIndexedAccess', 'exactOptionalPropertyTypes', 'noFallthroughCasesInSwitch',
  'noImplicitOverride', 'noUnusedLocals', 'noUnusedParameters', 'noPropertyAccessFromIndexSignature', 'checkJs',
];

function compilerOptions(text: string | null): Record<string, unknown> | null {
  const config = parseJsonc(text) as { compilerOptions?: Record<string, unknown> } | null;
  if (config === null || typeof config !== 'object') return null;
  return config.compilerOptions ?? {};
}

/** Tests whether an option is in effect, counting what `strict` implies. */
function effective(options: Record<string, unknown>, name: string): boolean {
  const own = options[name];
  if (typeof own === 'boolean') return own;
  return name !== 'strict' && STRICT_FAMILY.includes(name) && options.strict === true;
}

// NOTE: options inherited through `extends` are not followed, so a change to the base file is read on its own.
export default defineDetector({
  meta: {
    id: 'disabled-check/tsconfig-loosened',
    category: 'disabled-check',
    severity: 'warn',
    confidence: 'high',
    description: 'Report TypeScript compiler checks turned off in tsconfig files.',
    messages: {
      optionOff: 'Type check turned off: `{{option}}` is no longer in effect in {{path}}, so the compiler accepts code it used to reject. Set `"{{option}}": true` again.',
    },
  },
  keywords: ['strict', 'noimplicit', 'nounused', 'nounchecked', 'exactoptional', 'nofallthrough', 'checkjs', 'nopropertyaccess', 'useunknown', 'tsconfig', 'jsconfig'],
  appliesTo: (file) => TSCONFIG.test(file.path),
  async run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.newPath === null || file.status === 'added' || !TSCONFIG.test(file.path)) continue;
      const oldText = await file.oldContent();
      const newText = await file.newContent();
      const before = compilerOptions(oldText);
      const after = compilerOptions(newText);
      if (!before || !after || oldText === null || newText === null) continue;
      const turnedOff = ['strict', ...STRICT_FAMILY, ...OTHER_CHECKS].filter((name) => effective(before, name) && !effective(after, name));
      // With `strict` itself off, the family members it implied are one finding, not nine.
      const reported = turnedOff.filter((name) => !(STRICT_FAMILY.includes(name) && turnedOff.includes('strict') && typeof after[name] !== 'boolean'));
      for (const option of reported) {
        const line = jsonKeyLine(newText, option) || jsonKeyLine(newText, 'compilerOptions');
        context.report({ messageId: 'optionOff', data: { option, path: file.path }, file: file.path, line, match: `off:${option}`, evidence: `${option}: ${String(after[option] ?? 'removed')}` });
      }
    }
  },
});
