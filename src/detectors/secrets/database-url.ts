import { defineTokenDetector } from './token-detector.js';

export default defineTokenDetector({
  meta: {
    id: 'secret/database-url',
    severity: 'block',
    confidence: 'high',
    description: 'Report database and message-broker connection URLs that carry a password.',
    messages: {
      found:
        '{{scheme}} connection URL with a password committed. Anyone who reads the history can log in to that server; change the password and read the URL from the environment.',
    },
  },
  keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'cockroachdb', 'clickhouse', 'jdbc:'],
  patterns: [
    {
      regex:
        /(?<scheme>postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse)(?:\+[a-z0-9]+)?:\/\/(?<user>[^\s:/@'"`]{0,128}):(?<secret>[^\s@/'"`]{1,256})@(?<host>[^\s/'"`@]{1,255})/gi,
      anchor: /postgres|mysql|mariadb|mongodb|redis|amqp|mssql|sqlserver|cockroachdb|clickhouse/gi,
      messageId: 'found',
      check: (_value, match) => ({ data: { scheme: match.groups!.scheme!.replace(/ql$/, '').toLowerCase() } }),
    },
  ],
});
