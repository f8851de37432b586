import { credentialNameKind } from './credential-names.js';
import { judgeCredentialValue } from './judge-value.js';
import { defineTokenDetector } from './token-detector.js';

// `<add key="ApiSecret" value="…"/>` in the appSettings section of web.config
// and app.config. Connection strings in such a value (`Password=…;`) are
// reported by secret/generic-assignment, which reads `Password=` pairs.
// NOTE: an element that puts `value` before `key` is not read.
const ADD_KEY_VALUE =
  /<add\b[^<>]{0,256}?[ \t]key[ \t]*=[ \t]*(["'])(?<name>[^"'<>]{1,128})\1[^<>]{0,256}?[ \t]value[ \t]*=[ \t]*(["'])(?<secret>[^"'<>]{1,1024})\3/gi;

export default defineTokenDetector({
  meta: {
    id: 'secret/dotnet-app-settings',
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
  patterns: [
    {
      regex: ADD_KEY_VALUE,
      anchor: /<add/gi,
      messageId: 'literal',
      check(value, match) {
        const name = match.groups!.name!;
        const kind = credentialNameKind(name);
        if (!kind) return false;
        const judgement = judgeCredentialValue(value, kind);
        if (!judgement) return false;
        return { messageId: judgement.messageId, severity: judgement.severity, data: { name } };
      },
    },
  ],
});
