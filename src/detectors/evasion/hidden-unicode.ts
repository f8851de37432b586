import { defineDetector } from '../define.js';
import { isDoc } from '../file-kind.js';
import { hasNonAscii } from '../literal-scan.js';
import { addedTextOf, lineIndexesMatching } from '../secrets/added-text.js';

// Bidirectional controls reorder how code is displayed without changing how it
// is compiled ("Trojan Source", CVE-2021-42574), and zero-width characters make
// two identifiers that look the same differ. Neither belongs in source code a
// reviewer is meant to read. U+FEFF is allowed as the first character of a file.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const INVISIBLE = /[\u200b-\u200d\u2060-\u2064\u180e\ufeff\u00ad\u115f\u1160\u3164\uffa0]/;
// Both classes together, searched in a file's joined lines to find the lines worth reading.
const HIDDEN = new RegExp(`[${BIDI.source.slice(1, -1)}${INVISIBLE.source.slice(1, -1)}]`, 'g');

function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export default defineDetector({
  meta: {
    id: 'disabled-check/hidden-unicode',
    category: 'disabled-check',
    severity: 'block',
    confidence: 'high',
    description: 'Report bidirectional control and invisible characters added to code, which make code read differently from how it runs.',
    messages: {
      bidi:
        'Added line contains the bidirectional control {{codePoint}}, which can make code display differently from how it compiles. Remove it or write it as an escape sequence.',
      invisible:
        'Added line contains the invisible character {{codePoint}}, which can make identical-looking names differ. Remove it or write it as an escape sequence.',
    },
  },
  run(context) {
    for (const file of context.commit.files) {
      if (file.skipped || file.binary || isDoc(file.path)) continue;
      const added = addedTextOf(file.added);
      // Every character searched for is outside ASCII, and the shared pass has seen whether any is there.
      if (!hasNonAscii(added)) continue;
      for (const index of lineIndexesMatching(added, HIDDEN)) {
        const line = file.added[index]!;
        const text = line.line === 1 && line.text.startsWith('\ufeff') ? line.text.slice(1) : line.text;
        const bidi = BIDI.exec(text);
        const invisible = bidi ? null : INVISIBLE.exec(text);
        const hit = bidi ?? invisible;
        if (!hit) continue;
        const codePoint = codePointName(hit[0]);
        context.report({
          messageId: bidi ? 'bidi' : 'invisible',
          data: { codePoint },
          file: file.path,
          line: line.line,
          match: `${codePoint}:${text}`,
          evidence: text.replace(/[\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\u3164\ufeff\uffa0]/g, (c) => `<${codePointName(c)}>`),
        });
      }
    }
  },
});
