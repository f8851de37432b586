import { isDoc } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { declareLineWords, linesWithWords } from './line-words.js';
import { codeLines, firstLineOf, normalizeSpace } from './support.js';

// Added lines that switch CSRF protection off. Matched with string contents blanked.
const DISABLING = [
  { label: '@csrf_exempt', pattern: /^\s*@(?:\w+\.)*csrf_exempt\b/ },
  { label: 'csrf: false', pattern: /\bcsrf\s*:\s*false\b/i },
  {
    label: 'CSRF setting turned off',
    pattern: /\b(?:WTF_CSRF_ENABLED|WTF_CSRF_CHECK_DEFAULT|CSRF_ENABLED)\b\s*[=:]\s*False\b/,
  },
  {
    label: 'csrf().disable()',
    pattern:
      /\bcsrf\s*\(\s*\)\s*\.\s*disable\s*\(|\bcsrf\s*\(\s*\w+::disable\s*\)|\bcsrf\s*\(\s*(\w+)\s*->\s*\1\s*\.\s*disable\s*\(|\bcsrf\s*\{\s*disable\s*\(\s*\)/,
  },
  {
    label: 'skip_before_action :verify_authenticity_token',
    pattern: /\bskip_before_action\b.*\bverify_authenticity_token\b|\bskip_forgery_protection\b/,
  },
  {
    label: 'withoutMiddleware(VerifyCsrfToken)',
    pattern: /\bwithoutMiddleware\s*\(.*\bVerifyCsrfToken\b/,
  },
  {
    label: '[IgnoreAntiforgeryToken]',
    pattern: /\[\s*IgnoreAntiforgeryToken\b|\.DisableAntiforgery\s*\(/,
  },
];
// Lines that install CSRF protection; removing one without re-adding it turns protection off.
// Read on the code with strings intact because Django names its middleware in a string.
const PROTECTING =
  /\b(?:csurf|csrf|csrfProtection|doubleCsrfProtection|csrfSync)\s*\(|\blusca\.csrf\s*\(|django\.middleware\.csrf\.CsrfViewMiddleware|\bCSRFProtect\s*\(|\bcsrf\.init_app\s*\(|^\s*protect_from_forgery\b|\bVerifyCsrfToken::class|\bValidateAntiForgeryToken\b/;
// Every pattern above contains one of these words, so lines without them are never read as code.
const CSRF_WORDS = declareLineWords(/csrf|csurf|authenticity_token|forgery/i);

export default defineDetector({
  meta: {
    id: 'permission/csrf-protection-disabled',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report CSRF protection that is turned off, exempted or removed.',
    messages: {
      disabled:
        "CSRF protection is turned off here (`{{label}}`), so another site can submit requests with a signed-in user's cookies. Remove the exemption, or send and verify a CSRF token on this route.",
      removed:
        "This change removes CSRF protection (`{{label}}`), so another site can submit requests with a signed-in user's cookies. Restore the middleware or its equivalent.",
    },
  },
  keywords: ['csrf', 'csurf', 'authenticity_token', 'forgery', 'antiforgery'],
  async run(context) {
    for (const file of context.commit.files) {
      if (isDoc(file.path)) continue;
      const firstLine = await firstLineOf(file);
      const added = codeLines(file, linesWithWords(file.added, CSRF_WORDS), firstLine);
      const removed = codeLines(file, linesWithWords(file.removed, CSRF_WORDS), firstLine);
      const removedLabels = removed.flatMap((line) =>
        DISABLING.filter((d) => d.pattern.test(line.masked)).map((d) => d.label),
      );
      for (const line of added) {
        const found = DISABLING.find((d) => d.pattern.test(line.masked));
        if (!found) continue;
        const index = removedLabels.indexOf(found.label);
        if (index !== -1) {
          removedLabels.splice(index, 1);
          continue;
        }
        context.report({
          messageId: 'disabled',
          data: { label: found.label },
          file: file.path,
          line: line.line,
          match: normalizeSpace(line.code),
          evidence: line.code.trim(),
        });
      }
      const stillProtected = new Set(
        added
          .filter((line) => PROTECTING.test(line.code))
          .map((line) => PROTECTING.exec(line.code)![0]),
      );
      for (const line of removed) {
        const protection = PROTECTING.exec(line.code)?.[0];
        if (protection === undefined || stillProtected.has(protection)) continue;
        // Removing `csrf(c -> c.disable())` turns protection back on.
        if (DISABLING.some((d) => d.pattern.test(line.masked))) continue;
        context.report({
          messageId: 'removed',
          data: { label: normalizeSpace(line.code).slice(0, 80) },
          file: file.path,
          line: line.line,
          match: `-${normalizeSpace(line.code)}`,
          evidence: `removed: ${line.code.trim()}`,
        });
      }
    }
  },
});
