import { defineDetector } from '../define.js';
import { findAssignments } from './assignments.js';
import { nameWords } from './credential-names.js';
import { fileKind } from './file-kind.js';
import { scanTexts } from './scan-text.js';
import { isHexDigest, isPlausibleSecret, isUuid, looksRandom } from './values.js';

// Names whose values are random by design but not secret.
const NEUTRAL = /^(?:hash|sha\d*|md5|checksum|digest|integrity|etag|commit|rev|revision|version|id|uuid|guid|nonce|salt|iv|region|zone)$/;

export default defineDetector({
  meta: {
    id: 'secret/high-entropy-value',
    category: 'secret',
    severity: 'warn',
    confidence: 'low',
    description: 'Report long random-looking values assigned in .env, shell and variable files under names that do not say what they hold.',
    messages: {
      found:
        'Random-looking value in `{{name}}` in a variable file. If it is a token or key, move it to a secret store and rotate it.',
    },
  },
  run(context) {
    for (const text of scanTexts(context.commit, { message: false })) {
      if (fileKind(text.path) !== 'env') continue;
      for (const run of text.runs) {
        for (const assignment of findAssignments(run, 'env')) {
          if (assignment.kind) continue;
          const { value } = assignment;
          if (NEUTRAL.test(nameWords(assignment.name).pop() ?? '')) continue;
          if (value.length < 32 || !isPlausibleSecret(value) || isHexDigest(value) || isUuid(value)) continue;
          // The charset-aware test keeps a lower-case base32 token, which falls below a fixed 4.5-bit cut-off.
          if (!looksRandom(value) || !/[0-9]/.test(value)) continue;
          context.report({ messageId: 'found', data: { name: assignment.name }, file: text.path, line: assignment.line, match: value });
        }
      }
    }
  },
});
