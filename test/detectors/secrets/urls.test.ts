import databaseUrl from '../../../src/detectors/secrets/database-url.js';
import urlCredentials from '../../../src/detectors/secrets/url-credentials.js';
import { strongPassword } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const safePassword = (length = 20) => strongPassword(length).replace(/[@/:#]/g, 'x');

runTable(databaseUrl, {
  flag: [
    { name: 'postgres URL in .env', files: () => ({ 'app.env': { new: `DATABASE_URL=postgresql://app:${safePassword()}@db.internal:5432/app\n` } }) },
    { name: 'mongodb+srv URL in code', files: () => ({ 'db.js': { new: `mongoose.connect('mongodb+srv://svc:${safePassword()}@cluster0.example.net/prod');\n` } }) },
    {
      name: 'redis, mysql and amqp URLs',
      files: () => ({
        'compose.yml': {
          new: `REDIS_URL: redis://:${safePassword()}@cache:6379/0\nDB: mysql://root:${safePassword()}@mysql/app\nBROKER: amqps://svc:${safePassword()}@mq.internal/vhost\n`,
        },
      }),
      expect: [{ line: 1 }, { line: 2 }, { line: 3 }],
    },
    { name: 'short documented test password', files: () => ({ 'CHANGELOG.md': { new: 'DATABASE_URL=postgresql://demo:demo@localhost:5433/demo_test\n' } }) },
  ],
  pass: [
    { name: 'placeholder password', files: () => ({ 'README.md': { new: 'postgres://user:password@localhost/db and postgres://u:<password>@h/db\n' } }) },
    { name: 'password from the environment', files: () => ({ 'app.env': { new: 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n' } }) },
    { name: 'URL without a password', files: () => ({ 'app.env': { new: 'DATABASE_URL=postgres://app@db/app\n' } }) },
  ],
});

runTable(urlCredentials, {
  flag: [
    { name: 'token in a git remote URL', files: () => ({ 'scripts/push.sh': { new: `git push https://bot:${safePassword(30)}@github.com/org/repo.git\n` } }), expect: [{ line: 1, severity: 'block' }] },
    { name: 'short password warns', files: () => ({ 'scripts/fetch.sh': { new: 'curl https://admin:s3cret99@files.example.com/x\n' } }), expect: [{ line: 1, severity: 'warn' }] },
  ],
  pass: [
    { name: 'templated credentials', files: () => ({ 'ci.yml': { new: 'url: https://${USER}:${TOKEN}@example.com/repo\n' } }) },
    { name: 'scheme-relative text with a colon', files: () => ({ 'a.md': { new: 'see https://example.com:8443/path and mailto:a@b.c\n' } }) },
  ],
});
