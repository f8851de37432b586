import type { DiffLine } from '../../model/types.js';
import { defineDetector } from '../define.js';
import { addedTextOf, lineIndexesMatching } from './added-text.js';
import { credentialNameKind } from './credential-names.js';
import { judgeCredentialValue } from './judge-value.js';
import { scanTexts } from './scan-text.js';

// `<add key="ApiSecret" value="…"/>` in the appSettings section of web.config
// and app.config, with the attributes in any order and the element spread over
// several lines. Connection strings in such a value (`Password=…;`) are
// reported by secret/generic-assignment, which reads `Password=` pairs.
// NOTE: an element is read from its added lines only, so a key or value on an unchanged line is missed.
const ADD_START = /<add\b/gi;
const ATTRIBUTE = /(?<![\w:.-])([\w:.-]{1,64})[ \t]*=[ \t]*(["'])([^"'<>]{0,1024})\2/g;
// An element that is not closed within this many added lines is not read.
const MAX_ELEMENT_LINES = 8;
// Only the start of a minified line is read.
const MAX_LINE_LENGTH = 64 * 1024;

interface Attribute {
  value: string;
  line: number;
}

/**
 * Reads the attributes of the `<add` element that starts at `start` of line
 * `index`, following it over the next added lines until its `>`. Returns the
 * attributes by lower-case name, each with the line it is on.
 */
function readElement(lines: readonly DiffLine[], index: number, start: number): Map<string, Attribute> {
  const attributes = new Map<string, Attribute>();
  for (let at = index; at < lines.length && at < index + MAX_ELEMENT_LINES; at += 1) {
    const line = lines[at]!;
    if (at > index && line.line !== lines[at - 1]!.line + 1) break;
    const from = at === index ? start : 0;
    const text = line.text.slice(from, MAX_LINE_LENGTH);
    const end = text.indexOf('>');
    const body = end === -1 ? text : text.slice(0, end);
    for (const match of body.matchAll(ATTRIBUTE)) {
      const name = match[1]!.toLowerCase();
      if (!attributes.has(name)) attributes.set(name, { value: match[3]!, line: line.line });
    }
    if (end !== -1) break;
  }
  return attributes;
}

export default defineDetector({
  meta: {
    id: 'secret/dotnet-app-settings',
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description:
      'Report literal secrets in `<add key=… value=…>` entries of .NET configuration files (web.config, app.config) whose key names a password, secret, token or API key.',
    messages: {
      literal:
        'Hardcoded credential in the `{{name}}` app setting. Anyone who reads the history can use it; rotate it and supply it through environment variables or a secret store at deploy time.',
      weak: 'Literal value in the `{{name}}` app setting. If it is a real password it works for anyone who reads the history; supply it at deploy time instead.',
    },
  },
  keywords: ['<add'],
  run(context) {
    for (const text of scanTexts(context.commit)) {
      for (const index of lineIndexesMatching(addedTextOf(text.lines), ADD_START)) {
        const line = text.lines[index]!.text.slice(0, MAX_LINE_LENGTH);
        for (const start of line.matchAll(ADD_START)) {
          const attributes = readElement(text.lines, index, start.index);
          const key = attributes.get('key');
          const value = attributes.get('value');
          if (!key || !value) continue;
          const kind = credentialNameKind(key.value);
          const judgement = kind && judgeCredentialValue(value.value, kind);
          if (!judgement) continue;
          context.report({
            messageId: judgement.messageId,
            severity: judgement.severity,
            data: { name: key.value },
            file: text.path,
            line: value.line,
            match: value.value,
          });
        }
      }
    }
  },
});
