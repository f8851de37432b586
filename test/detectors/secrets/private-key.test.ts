import detector from '../../../src/detectors/secrets/private-key.js';
import { armouredKey, pemPrivateKey, puttyKey } from '../../helpers/secrets.js';
import { runTable } from './table.js';

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

runTable(detector, {
  flag: [
    { name: 'PKCS#8 key file', files: () => ({ 'certs/server.pem': { new: pemPrivateKey('ec', 'pkcs8') } }) },
    { name: 'RSA PKCS#1 key', files: () => ({ 'keys/rsa.txt': { new: pemPrivateKey('rsa', 'pkcs1') } }) },
    { name: 'EC SEC1 key', files: () => ({ 'keys/ec.txt': { new: `# signing\n${pemPrivateKey('ec', 'sec1')}` } }), expect: [{ line: 2 }] },
    { name: 'OpenSSH key', files: () => ({ '.ssh/deploy': { new: armouredKey('OPENSSH PRIVATE KEY') } }) },
    { name: 'PGP key block', files: () => ({ 'keys/release.asc': { new: armouredKey('PGP PRIVATE KEY BLOCK', 800) } }) },
    { name: 'PuTTY key', files: () => ({ 'keys/deploy.ppk': { new: puttyKey() } }) },
    {
      name: 'key escaped into one JSON string',
      files: () => ({ 'config/app.json': { new: `{\n  "signingKey": ${JSON.stringify(pemPrivateKey('ed25519'))}\n}\n` } }),
      expect: [{ line: 2 }],
    },
    {
      name: 'key inside a YAML block scalar',
      files: () => ({ 'deploy.yaml': { new: `tls:\n  key: |\n${indent(pemPrivateKey('ec'), '    ')}\n` } }),
      expect: [{ line: 3 }],
    },
    {
      name: 'key in a markdown code block',
      files: () => ({ 'docs/deploy.md': { new: `Example:\n\n${indent(pemPrivateKey('ec'), '    ')}\n` } }),
      expect: [{ line: 3 }],
    },
    {
      name: 'encrypted key only warns',
      files: () => ({ 'keys/enc.pem': { new: armouredKey('ENCRYPTED PRIVATE KEY') } }),
      expect: [{ line: 1, severity: 'warn' }],
    },
  ],
  pass: [
    {
      name: 'headers around placeholder bodies in docs',
      files: () => ({
        'docs/deploy.md': {
          new: [
            'Store the signing key as a secret, for example in `deploy.yaml`:',
            '',
            '    signing_key: "-----BEGIN EC PRIVATE KEY-----\\nREPLACE_ME\\n-----END EC PRIVATE KEY-----\\n"',
            '',
            'or as a file:',
            '',
            '    -----BEGIN OPENSSH PRIVATE KEY-----',
            '    <paste your key here>',
            '    -----END OPENSSH PRIVATE KEY-----',
            '',
          ].join('\n'),
        },
      }),
    },
    {
      name: 'truncated body with an ellipsis',
      files: () => ({ 'docs/k.md': { new: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n' } }),
    },
    { name: 'header string in a parser', files: () => ({ 'src/pem.ts': { new: "const BEGIN = '-----BEGIN PRIVATE KEY-----';\n" } }) },
    { name: 'public certificate', files: () => ({ 'certs/ca.pem': { new: armouredKey('CERTIFICATE') } }) },
  ],
});
