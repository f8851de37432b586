import detector from '../../../src/detectors/secrets/http-authorization.js';
import { secretDetectors } from '../../../src/detectors/secrets/index.js';
import { BASE62, randomFrom, remember, strongPassword } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const BASE64URL = BASE62 + '-_';
const token = () => remember(randomFrom(BASE62, 1) + randomFrom(BASE64URL, 39));
const password = (length = 32) => remember(randomFrom(BASE62, length));
const basic = (user: string, secret: string) => remember(Buffer.from(`${user}:${secret}`).toString('base64'));

runTable(detector, {
  flag: [
    {
      name: 'curl Bearer header',
      files: () => ({ 'scripts/call.sh': { new: `curl -sS -H 'Authorization: Bearer ${token()}' https://api.example.com/v1/me\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'Bearer token' }],
    },
    {
      name: 'curl Basic header',
      files: () => ({ 'scripts/call.sh': { new: `curl -H "Authorization: Basic ${basic('deploy', password(24))}" https://x.example.com\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'Basic credentials' }],
    },
    {
      name: 'JavaScript headers object',
      files: () => ({ 'src/client.js': { new: `await fetch(url, {\n  headers: { Authorization: 'Bearer ${token()}' },\n});\n` } }),
      expect: [{ line: 2 }],
    },
    {
      name: 'Python requests headers',
      files: () => ({ 'client.py': { new: `r = requests.get(url, headers={"Authorization": "Bearer ${token()}"})\n` } }),
    },
    {
      name: 'header set by name',
      files: () => ({ 'src/api.ts': { new: `xhr.setRequestHeader('Authorization', 'Bearer ${token()}');\n` } }),
    },
    {
      name: 'YAML header map',
      files: () => ({ 'monitor.yml': { new: `http:\n  headers:\n    Authorization: Bearer ${token()}\n` } }),
      expect: [{ line: 3 }],
    },
    {
      name: '.http request file',
      files: () => ({ 'requests/me.http': { new: `GET https://api.example.com/me\nAuthorization: Bearer ${token()}\n` } }),
      expect: [{ line: 2 }],
    },
    {
      name: '.rest file with token scheme',
      files: () => ({ 'api.rest': { new: `GET https://api.example.com/me\nauthorization: token ${token()}\n` } }),
      expect: [{ line: 2 }],
    },
    {
      name: 'curl -u random password',
      files: () => ({ 'deploy.sh': { new: `curl -u deploy:${password()} https://repo.example.com/upload\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'curl' }],
    },
    {
      name: 'curl --user= with a password',
      files: () => ({ 'Makefile': { new: `upload:\n\tcurl -fsS --user=ci:${strongPassword(20).replace(/[#'"]/g, 'x')} -T out.zip https://repo.example.com\n` } }),
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'curl -u on a continuation line',
      files: () => ({ 'a.sh': { new: `curl -fsS \\\n  -X PUT \\\n  -u deploy:${password()} \\\n  https://repo.example.com\n` } }),
      expect: [{ line: 3, severity: 'block' }],
    },
    {
      name: 'curl -u with the value attached',
      files: () => ({ 'deploy.sh': { new: `curl -fsS -uadmin:${password()} https://repo.example.com/upload\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'curl' }],
    },
    {
      name: 'curl --user= on a continuation line',
      files: () => ({ 'ci/upload.sh': { new: `curl \\\n  --user=admin:${password()} \\\n  -T out.zip https://repo.example.com\n` } }),
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'attached -u on a continuation line',
      files: () => ({ 'a.sh': { new: `curl \\\n  -uadmin:${password()} \\\n  https://repo.example.com\n` } }),
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'curl -u and its value on separate lines',
      files: () => ({ 'a.sh': { new: `curl -fsS \\\n  -u \\\n  "admin:${password()}" \\\n  https://repo.example.com\n` } }),
      expect: [{ line: 3, severity: 'block' }],
    },
    {
      name: 'curl -u in a CRLF script',
      files: () => ({ 'a.sh': { new: `curl \\\r\n  -u admin:${password()} \\\r\n  https://repo.example.com\r\n` } }),
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'wget --password',
      files: () => ({ 'fetch.sh': { new: `wget --user=admin --password=${password()} https://repo.example.com/a.tgz\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'wget' }],
    },
    {
      name: 'wget --http-password with a space',
      files: () => ({ 'tools/fetch.py': { new: `os.system("wget --http-user=ci --http-password ${password()} https://x")\n` } }),
      expect: [{ line: 1, severity: 'block', message: 'wget' }],
    },
    {
      name: 'wget password on a continuation line',
      files: () => ({ 'Dockerfile': { new: `RUN wget -q \\\n    --http-user=ci \\\n    --http-password=${password()} \\\n    https://repo.example.com/a.tgz\n` } }),
      expect: [{ line: 3, severity: 'block' }],
    },
    {
      name: 'wget password in docs warns',
      files: () => ({ 'docs/mirror.md': { new: `    wget --ftp-password=${password()} ftp://mirror.example.com/\n` } }),
      expect: [{ line: 1, severity: 'warn' }],
    },
    {
      name: 'curl -u weak password warns',
      files: () => ({ 'deploy.sh': { new: 'curl -u admin:admin123 https://repo.example.com/upload\n' } }),
      expect: [{ line: 1, severity: 'warn' }],
    },
    {
      name: 'Bearer header in docs warns',
      files: () => ({ 'README.md': { new: `    curl -H 'Authorization: Bearer ${token()}' https://api.example.com\n` } }),
      expect: [{ line: 1, severity: 'warn' }],
    },
  ],
  pass: [
    { name: 'template literal token', files: () => ({ 'src/a.ts': { new: 'headers: { Authorization: `Bearer ${token}` },\n' } }) },
    { name: 'angle-bracket placeholder', files: () => ({ 'README.md': { new: "curl -H 'Authorization: Bearer <token>' https://api.example.com\n" } }) },
    { name: 'shell variable', files: () => ({ 'a.sh': { new: 'curl -H "Authorization: Bearer $TOKEN" https://api.example.com\n' } }) },
    { name: 'braced shell variable', files: () => ({ 'a.sh': { new: 'curl -H "Authorization: Bearer ${API_KEY}" https://api.example.com\n' } }) },
    { name: 'masked value', files: () => ({ 'a.md': { new: 'Authorization: Bearer xxxxxxxxxxxxxxxxxxxx\n' } }) },
    { name: 'your-token placeholder', files: () => ({ 'a.sh': { new: 'curl -H "Authorization: Bearer YOUR_TOKEN" https://x\n' } }) },
    { name: 'short value', files: () => ({ 'a.http': { new: 'Authorization: Bearer abc123\n' } }) },
    { name: 'http-client variable', files: () => ({ 'a.http': { new: 'Authorization: Bearer {{token}}\n' } }) },
    { name: 'concatenated token', files: () => ({ 'a.py': { new: 'headers = {"Authorization": "Bearer " + token}\nh = {"Authorization": f"Bearer {token}"}\n' } }) },
    { name: 'descriptive words', files: () => ({ 'a.yml': { new: 'Authorization: Bearer my-access-token-goes-here\n' } }) },
    { name: 'prose about the scheme', files: () => ({ 'a.ts': { new: '// The Authorization header uses the Bearer scheme.\n' } }) },
    { name: 'Basic of a placeholder', files: () => ({ 'a.sh': { new: `curl -H "Authorization: Basic ${Buffer.from('user:password').toString('base64')}" https://x\n` } }) },
    { name: 'Basic of non-credential base64', files: () => ({ 'a.sh': { new: `curl -H "Authorization: Basic ${Buffer.from([0xff, 0x00, 0x12, 0x9c, 0xd1, 0x07]).toString('base64')}" https://x\n` } }) },
    { name: 'curl -u from variables', files: () => ({ 'a.sh': { new: 'curl -u "$USER:$PASSWORD" https://x\ncurl -u ci:${CI_TOKEN} https://x\ncurl --user "$CREDS" https://x\n' } }) },
    {
      name: 'curl -u placeholders',
      files: () => ({
        'a.sh': {
          new: 'curl -u "$USER:$PASS" https://x\ncurl -u user:${TOKEN} https://x\ncurl -u admin:admin https://x\ncurl -u user:password https://x\ncurl -u "$CREDS" https://x\ncurl -u"$USER:$PASS" https://x\ncurl --user=admin:${ADMIN_PASSWORD} https://x\n',
        },
      }),
    },
    {
      name: 'placeholders on continuation lines',
      files: () => ({
        'a.sh': { new: 'curl \\\n  -u "$USER:$PASS" \\\n  -u \\\n  "${USER}:${PASS}" \\\n  https://x\nwget \\\n  --password="$WGET_PASSWORD" \\\n  https://x\n' },
      }),
    },
    {
      name: 'wget placeholders and prompts',
      files: () => ({ 'a.sh': { new: 'wget --password=$PASS https://x\nwget --ask-password --user=ci https://x\nwget --http-password="${HTTP_PASSWORD}" https://x\nwget --password=<password> https://x\n' } }),
    },
    {
      name: 'value line after -u outside curl',
      files: () => ({ 'a.sh': { new: `docker run \\\n  -u \\\n  app:${password()} img\n` } }),
    },
    {
      name: 'password options of other commands',
      files: () => ({ 'a.sh': { new: `sshpass -p x ssh host \\\n  --password=${password()}\ncurl --url https://x:8443/a --upload-file f:${password()}\n` } }),
    },
    { name: 'curl -u with no password', files: () => ({ 'a.sh': { new: 'curl -u admin: https://x\ncurl -u admin https://x\n' } }) },
    { name: '-u outside a curl command', files: () => ({ 'a.sh': { new: `ssh-keygen -t ed25519 \\\n  -f key\nsort -u a:${password()}\ndocker run \\\n  -u app:${password()} img\n` } }) },
    { name: 'curl --user-agent with a colon', files: () => ({ 'a.sh': { new: 'curl --user-agent "bot:1.0" https://x\n' } }) },
    { name: 'removed header line', files: () => ({ 'a.sh': { old: `curl -H 'Authorization: Bearer ${token()}' https://x\n`, new: 'curl -H "Authorization: Bearer $TOKEN" https://x\n' } }) },
  ],
});

runTable(secretDetectors, {
  flag: [
    {
      name: 'curl -u blocks once across all rules',
      files: () => ({ 'deploy.env.sh': { new: `curl -u deploy:${password()} https://repo.example.com/upload\n` } }),
      expect: [{ line: 1, severity: 'block' }],
    },
    {
      name: 'wget --password blocks once across all rules',
      files: () => ({ 'fetch.sh': { new: `wget --user=ci --password=${password()} https://repo.example.com/a.tgz\n` } }),
      expect: [{ line: 1, severity: 'block' }],
    },
  ],
  pass: [
    { name: 'curl -u password from the environment', files: () => ({ 'deploy.sh': { new: 'curl -u deploy:"$DEPLOY_PASSWORD" https://repo.example.com\n' } }) },
  ],
});
