import { randomUUID } from 'node:crypto';
import detector from '../../../src/detectors/secrets/generic-assignment.js';
import { secretDetectors } from '../../../src/detectors/secrets/index.js';
import { base32Token, hexSecret, randomBase64, randomFrom, remember, strongPassword, strongToken, BASE62 } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const token = () => strongToken(32);
const password = () => strongPassword().replace(/["'\\;$`{}#]/g, 'q');

runTable(detector, {
  flag: [
    {
      name: 'JSON members and a connection-string password',
      files: () => ({
        'src/Api/appsettings.json': {
          old: '{\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n',
          new: `{\n  "ConnectionStrings": {\n    "Orders": "Host=db.internal;Username=orders_app;Password=${password()};",\n    "Password": "${password()}"\n  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n`,
        },
      }),
      expect: [{ line: 3 }, { line: 4 }],
    },
    {
      name: 'value on the line after its name',
      files: () => ({
        'src/payments/config.ts': {
          new: `export const webhookSigningSecret =\n  '${randomBase64(86)}==';\nexport const region = 'eu-west-1';\n`,
        },
      }),
      expect: [{ line: 2, message: 'webhookSigningSecret' }],
    },
    {
      name: 'secret split by string concatenation',
      files: () => {
        const value = token();
        return { 'src/client.js': { new: `const apiKey = '${value.slice(0, 12)}' + '${value.slice(12, 24)}' + "${value.slice(24)}";\n` } };
      },
    },
    {
      name: 'YAML value in a block scalar on the next line',
      files: () => ({ 'config/app.yml': { new: `db:\n  password: >-\n    ${password()}\n` } }),
      expect: [{ line: 3 }],
    },
    {
      name: 'JSON value on the line after its key',
      files: () => ({ 'config/app.json': { new: `{\n  "clientSecret":\n    "${token()}"\n}\n` } }),
      expect: [{ line: 3 }],
    },
    { name: '.properties entry', files: () => ({ 'app.properties': { new: `spring.datasource.password=${password()}\n` } }) },
    { name: 'dotenv entry', files: () => ({ 'svc.env': { new: `export API_TOKEN="${token()}"\n` } }) },
    { name: 'TOML entry', files: () => ({ 'Cargo-secrets.toml': { new: `[auth]\nclient_secret = "${token()}"\n` } }), expect: [{ line: 2 }] },
    { name: 'INI entry', files: () => ({ 'settings.ini': { new: `[smtp]\npassword = ${password()}\n` } }), expect: [{ line: 2 }] },
    { name: 'Terraform argument', files: () => ({ 'main.tf': { new: `resource "aws_db_instance" "db" {\n  password = "${password()}"\n}\n` } }), expect: [{ line: 2 }] },
    { name: 'Compose environment list', files: () => ({ 'compose.yaml': { new: `services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${password()}\n` } }), expect: [{ line: 4 }] },
    { name: 'shell option', files: () => ({ 'deploy.sh': { new: `mysql --password=${password()} -h db\n` } }) },
    { name: 'XML element', files: () => ({ 'settings.xml': { new: `<server>\n  <password>${password()}</password>\n</server>\n` } }), expect: [{ line: 2 }] },
    { name: 'Python comparison with a literal', files: () => ({ 'auth.py': { new: `if request.token == "${token()}":\n    allow()\n` } }) },
    {
      name: 'lower-case base32 token under a credential name',
      files: () => ({ 'ci/azure-pipelines.vars': { new: `AZDO_ORG_URL=https://dev.azure.com/contoso\nAZDO_PAT=${base32Token(52)}\n` } }),
      expect: [{ line: 2, severity: 'block' }],
    },
    { name: 'hex secret', files: () => ({ 'app.yml': { new: `session_secret: ${hexSecret(64)}\n` } }) },
    {
      name: 'UUID under a credential name warns',
      files: () => ({ 'heroku.env': { new: `HEROKU_API_KEY=${remember(randomUUID())}\n` } }),
      expect: [{ line: 1, severity: 'warn' }],
    },
    { name: 'short guessable password warns', files: () => ({ 'test/db.ts': { new: "const dbPassword = 'summer2024';\n" } }), expect: [{ line: 1, severity: 'warn' }] },
    {
      name: 'value in a minified line',
      files: () => ({ 'dist/app.min.js': { new: `${'var a=1;'.repeat(20000)}var cfg={apiKey:"${token()}"};${'b();'.repeat(20000)}\n` } }),
    },
    {
      name: 'CRLF file',
      files: () => ({ 'win.env': { new: `A=1\r\nDB_PASSWORD=${password()}\r\n` } }),
      expect: [{ line: 2 }],
    },
    { name: 'header line with a literal key', files: () => ({ 'call.sh': { new: `curl -fsS \\\n  -H "X-Api-Key: ${token()}" \\\n  https://api.example.com\n` } }), expect: [{ line: 2 }] },
    { name: 'XML element alone on its line', files: () => ({ 'settings.xml': { new: `<server>\n  <password>\n    ${password()}\n  </password>\n</server>\n` } }), expect: [{ line: 3 }] },
    {
      name: 'a password in a string with escaped line ends',
      files: () => ({
        'deploy/configmap.json': { new: `{\n  "data": "DB_HOST=db.internal\\nDB_PASSWORD=${token()}\\n"\n}\n` },
      }),
      expect: [{ line: 2, message: '`DB_PASSWORD`' }],
    },
    {
      name: 'values after a literal backslash',
      files: () => ({
        'conf/app.ini': { new: `[db]\npassword=\\r${token()}\n` },
        'scripts/run.bat': { new: `set C:\\repo\\token=${token()}\n` },
      }),
      expect: [{ file: 'conf/app.ini', line: 2 }, { file: 'scripts/run.bat', line: 1, message: '`token`' }],
    },
    { name: 'value in the commit message', files: () => ({ 'a.txt': { new: 'a\n' } }), message: () => `set up\n\napi_key=${token()}\n`, expect: [{ file: '<commit-message>', line: 3 }] },
  ],
  pass: [
    {
      // The last base64 line of a PEM block in a JSON string ends in `=` padding, then `\n`.
      name: 'the base64 tail of an escaped PEM block',
      files: () => ({
        'deploy/cert.json': {
          new: '{\n  "cert": "-----BEGIN CERTIFICATE-----\\nTUlJQzEzQ0NBWHVnQXdJQkFnSUJBVEFOQmdrcWhr\\nbm90IGEgc2VjcmV0IGF0IGFsbCBwYXNzTokenX9=\\n-----END CERTIFICATE-----\\n",\n  "chain": "-----BEGIN CERTIFICATE-----\\nTUlJQzEzQ0NBWHVn+Pass=\\n-----END CERTIFICATE-----\\n"\n}\n',
        },
      }),
    },
    {
      name: 'empty, templated and placeholder values',
      files: () => ({
        'src/Api/appsettings.json': {
          new: '{\n  "Orders": "Host=db;Password=;",\n  "Password": "",\n  "DbPassword": "${DB_PASSWORD}",\n  "AdminPassword": "<your-password>",\n  "token": "{{ .Values.token }}",\n  "secret": "changeme",\n  "api_key": "xxxxxxxxxxxxxxxxxxxx",\n  "apiKey": "YOUR_API_KEY_HERE"\n}\n',
        },
      }),
    },
    {
      name: 'values read from the environment or a secret manager',
      files: () => ({
        'src/config.py': {
          new: 'password = os.environ["DB_PASSWORD"]\ntoken = os.getenv("TOKEN")\napi_key = secrets_client.get_secret("api")\n',
        },
        'src/config.ts': { new: 'const apiKey = process.env.API_KEY;\nconst secret = await vault.read("kv/app");\n' },
      }),
    },
    {
      name: 'names that describe a credential without holding one',
      files: () => ({
        'src/fields.ts': {
          new: `const passwordField = 'user-password-input';\nconst tokenType = 'Bearer';\nconst secretName = 'db-credentials';\nconst maxTokens = 4096;\nconst passwordHash = '${hexSecret(64)}';\nconst accessKeyId = 'primary';\n`,
        },
      }),
    },
    {
      name: 'base64 images under credential-like names',
      files: () => ({
        'theme.json': {
          new: `{\n  "tokenIcon": "data:image/png;base64,${randomBase64(120)}",\n  "secretBadge": "iVBORw0KGgo${randomBase64(80)}"\n}\n`,
        },
      }),
    },
    { name: 'crypt password hash', files: () => ({ 'users.yml': { new: 'password: $2b$12$aQ8wXz3vRt6yU1oP9sLkNeJmH4cB7dF2gT5hY8uI0oP3qW6eR9tZa\n' } }) },
    {
      name: 'neutral names with random values',
      files: () => ({ 'src/ids.ts': { new: `const requestId = '${token()}';\nconst checksum = '${hexSecret(64)}';\n` } }),
    },
    { name: 'TypeScript type annotation', files: () => ({ 'src/types.ts': { new: 'interface Login {\n  password: string;\n  token?: string | null;\n}\n' } }) },
    {
      name: 'join across a context line does not happen',
      files: () => ({
        'src/config.ts': { old: "export const region = 'eu';\n", new: `export const webhookSigningSecret =\nexport const region = 'eu';\n  '${randomBase64(64)}';\n` },
      }),
    },
    {
      name: 'placeholder header lines in a shell script',
      files: () => ({
        'call.sh': { new: `-H "Authorization: Bearer $TOKEN"\n-H 'Authorization: token <your-token>'\n` },
        'api.sh': {
          new: `Authorization: token <your-token>\nAuthorization: Bearer $TOKEN\nX-Api-Key: <api-key>\nAuthorization: Bearer \${TOKEN}\nPRIVATE-TOKEN: <your_access_token>\nAccept: application/json\n`,
        },
      }),
    },
    {
      name: 'header values from variables and templates',
      files: () => ({
        'call.sh': {
          new: 'curl -H "X-Api-Key: $API_KEY" \\\n  -H "X-Auth-Token: ${AUTH_TOKEN}" \\\n  -H "Private-Token: $(cat ~/.token)" \\\n  -H \'X-Api-Key: {{ api_key }}\' \\\n  -H "X-Api-Key: %API_KEY%" \\\n  -H "X-Api-Key: <key>" -H "Accept: */*" \\\n  https://api.example.com\n',
        },
        '.github/workflows/ping.yml': { new: 'steps:\n  - run: curl -H "X-Api-Key: ${{ secrets.API_KEY }}" https://x\n' },
      }),
    },
    { name: 'angle-bracket placeholder before text', files: () => ({ 'notes.conf': { new: `usage = send <token> ${token()}\n` } }) },
    { name: 'YAML key under a credential name', files: () => ({ 'hooks.yml': { new: 'token:\n  Authorization:\n    scheme: bearer\n' } }) },
  ],
  todo: [
    {
      name: 'concatenation spanning two lines',
      files: () => {
        const value = token();
        return { 'src/k.js': { new: `const apiKey = '${value.slice(0, 4)}' +\n  '${value.slice(4)}';\n` } };
      },
    },
  ],
});

runTable(secretDetectors, {
  flag: [
    {
      name: 'literal header values, one finding each',
      files: () => ({
        'call.sh': {
          new: `curl -H "Authorization: Bearer ${token()}" \\\n  -H 'X-Api-Key: ${token()}' \\\n  https://api.example.com\n`,
        },
      }),
      expect: [{ line: 1, message: 'Bearer token' }, { line: 2, message: 'X-Api-Key' }],
    },
  ],
  pass: [
    {
      name: 'placeholder Authorization lines in a here-document',
      files: () => ({
        'call.sh': { new: `cat > request.txt <<EOF\nAuthorization: token <your-token>\nAuthorization: Bearer $TOKEN\nEOF\n` },
      }),
    },
  ],
});
