import detector from '../../../src/detectors/secrets/credential-file.js';
import { npmToken, pemPrivateKey, randomBase64, strongPassword } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const file = (content: string) => ({ new: content });

runTable(detector, {
  flag: [
    { name: 'dotenv file with values', files: () => ({ '.env': file(`DB_HOST=db\nDB_PASSWORD=${strongPassword().replace(/#/g, 'h')}\n`) }), expect: [{ line: 0, severity: 'warn' }] },
    { name: 'environment-specific dotenv', files: () => ({ 'api/.env.production': file('API_URL=https://api.example.com\n') }), expect: [{ line: 0 }] },
    { name: 'PKCS#12 store', files: () => ({ 'certs/client.p12': file(`${randomBase64(300)}\n`) }), expect: [{ line: 0, severity: 'block' }] },
    { name: 'PFX store', files: () => ({ 'certs/site.pfx': file(`${randomBase64(300)}\n`) }), expect: [{ line: 0 }] },
    { name: 'DER key file', files: () => ({ 'keys/server.key': file(`${randomBase64(400)}\n`) }), expect: [{ line: 0 }] },
    { name: '.npmrc with a token', files: () => ({ '.npmrc': file(`//registry.npmjs.org/:_authToken=${npmToken()}\n`) }), expect: [{ line: 0 }] },
    { name: '.pypirc with a password', files: () => ({ '.pypirc': file(`[pypi]\nusername = me\npassword = ${strongPassword()}\n`) }), expect: [{ line: 0 }] },
    { name: '.netrc', files: () => ({ '.netrc': file(`machine api.example.com login bot password ${strongPassword()}\n`) }), expect: [{ line: 0 }] },
    { name: 'kubeconfig with a token', files: () => ({ 'ops/kubeconfig': file(`apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${randomBase64(40)}\n`) }), expect: [{ line: 0 }] },
    { name: 'Terraform state', files: () => ({ 'infra/terraform.tfstate': file('{ "version": 4 }\n') }), expect: [{ line: 0 }] },
    { name: 'Google credentials.json', files: () => ({ 'credentials.json': file(`{ "installed": { "client_secret": "${randomBase64(24)}" } }\n`) }), expect: [{ line: 0 }] },
    { name: '.git-credentials', files: () => ({ '.git-credentials': file(`https://bot:${randomBase64(20).replace(/[/+]/g, 'a')}@github.com\n`) }), expect: [{ line: 0 }] },
    { name: 'SSH key without PEM armour', files: () => ({ 'home/.ssh/id_ed25519': file(`${randomBase64(200)}\n`) }), expect: [{ line: 0 }] },
  ],
  pass: [
    { name: 'dotenv template', files: () => ({ '.env.example': file('DB_PASSWORD=\nAPI_KEY=<your key>\n') }) },
    { name: 'dotenv sample with a suffix', files: () => ({ 'config/.env.sample': file('TOKEN=changeme\n') }) },
    { name: 'dotenv with placeholders only', files: () => ({ '.env': file('DB_PASSWORD=${DB_PASSWORD}\nTOKEN=\n') }) },
    { name: 'public key', files: () => ({ '.ssh/id_ed25519.pub': file('ssh-ed25519 AAAA deploy\n') }) },
    { name: 'PEM key handled by the private-key rule', files: () => ({ 'certs/tls.key': file(pemPrivateKey()) }) },
    { name: '.npmrc that reads the environment', files: () => ({ '.npmrc': file('//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n') }) },
    {
      name: 'existing .env edited',
      files: () => ({ '.env': { old: 'A=1\n', new: `A=1\nB=${strongPassword()}\n` } }),
    },
  ],
});
