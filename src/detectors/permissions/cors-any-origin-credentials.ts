import { isDoc } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { declareLineWords, linesWithWords } from './line-words.js';
import {
  codeLines,
  firstLineOf,
  linesMatching,
  normalizeSpace,
  type CodeLine,
} from './support.js';

// Settings that accept every origin, or echo the caller's origin back. Read on the code with
// strings intact because the wildcard itself is a string ('*').
const ANY_ORIGIN = [
  /Access-Control-Allow-Origin['"]?\s*[,:]?\s*(?:['"]\*['"]|\*|\$http_origin|req(?:uest)?\.headers?(?:\.origin|\[['"]origin['"]\]|\.get\(\s*['"]origin['"]\s*\))|r\.Header\.Get\(\s*"Origin"\s*\))/i,
  /\borigin\s*:\s*(?:true|['"]\*['"])/,
  /\b(?:allow_origins|origins)\s*=\s*(?:\[\s*)?['"]\*['"]/,
  /\bCORS_(?:ALLOW_ALL_ORIGINS|ORIGIN_ALLOW_ALL)\s*=\s*True\b/,
  /\bAllowAllOrigins\s*:\s*true\b|\bAllowedOrigins\s*:\s*\[\]string\{\s*"\*"\s*\}|\bAllowOriginFunc\s*:.*return\s+true\b/,
  /\b(?:allowedOrigins|allowedOriginPatterns|addAllowedOrigin|addAllowedOriginPattern)\s*\(\s*(?:(?:List|Arrays)\.(?:of|asList)\s*\(\s*)?"\*"/,
  /@CrossOrigin\s*\(.*origins?\s*=\s*"\*"/,
];
const CREDENTIALS =
  /\bcredentials\s*:\s*true\b|\b(?:supports_credentials|allow_credentials)\s*=\s*True\b|\bCORS_ALLOW_CREDENTIALS\s*=\s*True\b|\bAllowCredentials\s*:\s*true\b|\b(?:allowCredentials|setAllowCredentials)\s*\(\s*true\s*\)|allowCredentials\s*=\s*"true"|Access-Control-Allow-Credentials['"]?\s*[,:]?\s*['"]?true/i;
// flask_cors allows every origin unless `origins` is given, so CORS(app, supports_credentials=True) counts.
const FLASK_CORS_DEFAULT =
  /\bCORS\s*\(\s*\w+\s*,(?![^)]*\borigins\b)[^)]*\bsupports_credentials\s*=\s*True/;
// Every pattern above contains one of these words, so lines without them are never read as code.
// In each pattern `origin` is followed by something other than `al`, which skips `original`.
const SETTING_WORDS = declareLineWords(/origin(?!al)|credentials/i);
/** Lines apart within which an origin setting and a credentials setting are taken as one policy. */
const WINDOW = 25;

interface Policy {
  originLine: number;
  credentialsLine: number;
  text: string;
}

function policiesOf(lines: CodeLine[]): Policy[] {
  const origins = lines.filter(
    (line) =>
      ANY_ORIGIN.some((pattern) => pattern.test(line.code)) || FLASK_CORS_DEFAULT.test(line.code),
  );
  const credentials = lines.filter((line) => CREDENTIALS.test(line.code));
  // Module-level settings (Django) apply file-wide, so any credentials line pairs with them.
  const policies: Policy[] = [];
  for (const origin of origins) {
    const fileWide = /\bCORS_/.test(origin.code);
    const partner = credentials.find(
      (line) => fileWide || Math.abs(line.line - origin.line) <= WINDOW,
    );
    if (partner)
      policies.push({
        originLine: origin.line,
        credentialsLine: partner.line,
        text: normalizeSpace(origin.code),
      });
  }
  return policies;
}

/** Lines of a whole file that mention an origin or credentials setting. */
function settingLines(content: string | null): Array<{ line: number; text: string }> {
  const lines = (content ?? '').split('\n').map((text, index) => ({ line: index + 1, text }));
  return linesMatching(lines, SETTING_WORDS);
}

export default defineDetector({
  meta: {
    id: 'permission/cors-any-origin-credentials',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description: 'Report CORS settings that accept any origin together with credentials.',
    messages: {
      anyOrigin:
        'CORS now accepts any origin with credentials, so any website a signed-in user visits can call this API as that user. List the allowed origins explicitly or turn off credentials.',
    },
  },
  keywords: ['origin', 'cors', 'credentials'],
  async run(context) {
    for (const file of context.commit.files) {
      if (file.newPath === null || isDoc(file.path) || file.added.length === 0) continue;
      const firstLine = await firstLineOf(file);
      // Whole files are read only when an added line touches an origin or credentials setting.
      const touched = codeLines(file, linesWithWords(file.added, SETTING_WORDS), firstLine).some(
        (line) =>
          CREDENTIALS.test(line.code) ||
          FLASK_CORS_DEFAULT.test(line.code) ||
          ANY_ORIGIN.some((pattern) => pattern.test(line.code)),
      );
      if (!touched) continue;
      const added = new Set(file.added.map((line) => line.line));
      const newPolicies = policiesOf(
        codeLines(file, settingLines(await file.newContent()), firstLine),
      );
      if (newPolicies.length === 0) continue;
      const oldPolicies = new Set(
        policiesOf(codeLines(file, settingLines(await file.oldContent()), firstLine)).map(
          (p) => p.text,
        ),
      );
      for (const policy of newPolicies) {
        if (!added.has(policy.originLine) && !added.has(policy.credentialsLine)) continue;
        if (oldPolicies.has(policy.text) && !added.has(policy.originLine)) continue;
        const line = added.has(policy.originLine) ? policy.originLine : policy.credentialsLine;
        context.report({
          messageId: 'anyOrigin',
          file: file.path,
          line,
          match: policy.text,
          evidence: policy.text,
        });
      }
    }
  },
});
