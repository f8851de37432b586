import { defineDetector } from '../define.js';
import { credentialWordHints, findAssignments } from './assignments.js';
import { fileKind } from './file-kind.js';
import { judgeCredentialValue } from './judge-value.js';
import { scanTexts } from './scan-text.js';

export default defineDetector({
  meta: {
    id: 'secret/generic-assignment',
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description:
      'Report literal values given to password, secret, token or API-key names in code and in config formats (YAML, JSON, .properties, .env, TOML, INI, Terraform, shell).',
    messages: {
      literal:
        'Hardcoded credential in `{{name}}`. Anyone who reads the history can use it; rotate it and read it from the environment or a secret manager.',
      weak:
        'Literal value in `{{name}}`. If it is a real password or secret it works for anyone who reads the history; read it from the environment, or mark test data with an inline allow comment.',
    },
  },
  keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'auth', 'pat'],
  run(context) {
    for (const text of scanTexts(context.commit)) {
      const { hints, indexes } = credentialWordHints(text.lines);
      if (hints.size === 0) continue;
      const kind = text.file ? fileKind(text.path) : 'other';
      const { runs, runStarts } = text;
      // Walks the hinted lines along the runs, so each run is read from its first hinted line
      // and a run without any is skipped: a name without a hint is never a credential name.
      let hinted = 0;
      for (let r = 0; r < runs.length; r += 1) {
        const run = runs[r]!;
        let positions: number[] | undefined;
        if (runStarts) {
          const start = runStarts[r]!;
          positions = [];
          for (; hinted < indexes.length && indexes[hinted]! < start + run.length; hinted += 1) positions.push(indexes[hinted]! - start);
          if (positions.length === 0) continue;
        }
        for (const assignment of findAssignments(run, kind, { credentialNamesOnly: true, hints, positions })) {
          if (!assignment.kind) continue;
          const judgement = judgeCredentialValue(assignment.value, assignment.kind);
          if (!judgement) continue;
          // Documentation shows sample configs, so a literal there warns unless a vendor-specific rule matches its shape.
          const severity = kind === 'docs' && judgement.severity === 'block' ? 'warn' : judgement.severity;
          context.report({
            messageId: judgement.messageId,
            severity,
            data: { name: assignment.name },
            file: text.path,
            line: assignment.line,
            match: assignment.value,
          });
        }
      }
    }
  },
});
