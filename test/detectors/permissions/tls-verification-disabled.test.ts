import tlsVerificationDisabled from '../../../src/detectors/permissions/tls-verification-disabled.js';
import { detectorTable } from './table.js';

const PROCESS_WIDE = 'TLS certificate verification disabled process-wide';

detectorTable(tlsVerificationDisabled, {
  flag: [
    {
      name: 'default https context replaced in python',
      files: {
        'tools/sync_catalog.py': {
          old: 'import ssl\nimport urllib.request\n\ndef pull(url):\n    return urllib.request.urlopen(url).read()\n',
          new: 'import ssl\nimport urllib.request\n\nssl._create_default_https_context = ssl._create_unverified_context\n\ndef pull(url):\n    return urllib.request.urlopen(url).read()\n',
        },
      },
      expect: [{ line: 4, message: PROCESS_WIDE, severity: 'block' }],
    },
    {
      name: 'requests verify=False',
      files: {
        'client.py': {
          new: 'import requests\n\ndef fetch(url):\n    return requests.get(url, verify=False)\n',
        },
      },
      expect: [{ line: 4, message: 'TLS certificate verification disabled:', severity: 'warn' }],
    },
    {
      name: 'session verify attribute',
      files: { 'c.py': { new: 's = requests.Session()\ns.verify = False\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'ssl.CERT_NONE',
      files: { 'c.py': { new: 'ctx.verify_mode = ssl.CERT_NONE\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'urllib3 cert_reqs string',
      files: { 'c.py': { new: "pool = urllib3.PoolManager(cert_reqs='CERT_NONE')\n" } },
      expect: [{ line: 1 }],
    },
    {
      name: 'check_hostname off',
      files: { 'c.py': { new: 'ctx.check_hostname = False\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'rejectUnauthorized false',
      files: {
        'src/db.ts': {
          new: 'export const pool = new Pool({ ssl: { rejectUnauthorized: false } });\n',
        },
      },
      expect: [{ line: 1, severity: 'warn' }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED in code',
      files: { 'src/boot.js': { new: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';\n" } },
      expect: [{ line: 1, message: PROCESS_WIDE, severity: 'block' }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED in a workflow env',
      files: { '.github/workflows/ci.yml': { new: 'env:\n  NODE_TLS_REJECT_UNAUTHORIZED: "0"\n' } },
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED in a Dockerfile',
      files: { Dockerfile: { new: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n' } },
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'go InsecureSkipVerify',
      files: {
        'net/client.go': {
          new: 'package net\n\nvar cfg = &tls.Config{InsecureSkipVerify: true}\n',
        },
      },
      expect: [{ line: 3, severity: 'warn' }],
    },
    {
      name: 'go default transport',
      files: {
        'main.go': {
          new: 'package main\n\nfunc init() {\n\thttp.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true}\n}\n',
        },
      },
      expect: [{ line: 4, severity: 'block' }],
    },
    {
      name: 'curl -k in a script',
      files: { 'fetch.sh': { new: 'curl -fsSk https://internal.example.test/x -o x\n' } },
      expect: [{ line: 1, message: '`curl -k`' }],
    },
    {
      name: 'curl --insecure in CI',
      files: {
        '.gitlab-ci.yml': {
          new: 'job:\n  script:\n    - curl --insecure https://x.example.test\n',
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'wget without checks',
      files: {
        Dockerfile: {
          new: 'FROM debian\nRUN wget --no-check-certificate https://x.example.test/a\n',
        },
      },
      expect: [{ line: 2 }],
    },
    {
      name: 'global git sslVerify',
      files: { 'setup.sh': { new: 'git config --global http.sslVerify false\n' } },
      expect: [{ line: 1, severity: 'block' }],
    },
    {
      name: 'npm strict-ssl',
      files: { '.npmrc': { new: 'registry=https://registry.npmjs.org/\nstrict-ssl=false\n' } },
      expect: [{ line: 2, severity: 'block' }],
    },
    {
      name: 'java noop verifier',
      files: {
        'src/Http.java': { new: 'b.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);\n' },
      },
      expect: [{ line: 1 }],
    },
    {
      name: 'default https context from stdlib context',
      files: {
        'tools/pull.py': {
          new: 'import ssl\n\n# verify nothing\nssl._create_default_https_context = ssl._create_stdlib_context\n',
        },
      },
      expect: [{ line: 4, message: PROCESS_WIDE, severity: 'block' }],
    },
    {
      name: 'default https context from stdlib context alone in the commit',
      files: {
        'tools/pull.py': {
          new: 'import ssl\n\nssl._create_default_https_context = ssl._create_stdlib_context\n',
        },
      },
      expect: [{ line: 3, message: PROCESS_WIDE, severity: 'block' }],
    },
    {
      name: 'java default socket factory trusting all',
      files: {
        'src/Boot.java': {
          new: 'HttpsURLConnection.setDefaultSSLSocketFactory(trustAllContext.getSocketFactory());\n',
        },
      },
      expect: [{ line: 1, message: PROCESS_WIDE, severity: 'block' }],
    },
    {
      name: 'csharp process-wide validation callback',
      files: {
        'src/Boot.cs': {
          new: 'ServicePointManager.ServerCertificateValidationCallback += (s, c, ch, e) => true;\n',
        },
      },
      expect: [{ line: 1, message: PROCESS_WIDE, severity: 'block' }],
    },
    {
      name: 'csharp accept-any validator',
      files: {
        'src/Client.cs': {
          new: 'options.RemoteValidator = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;\n',
        },
      },
      expect: [{ line: 1, severity: 'warn' }],
    },
    {
      name: 'ruby verify none',
      files: { 'lib/c.rb': { new: 'http.verify_mode = OpenSSL::SSL::VERIFY_NONE\n' } },
      expect: [{ line: 1 }],
    },
    {
      name: 'php curl option',
      files: { 'src/c.php': { new: '<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\n' } },
      expect: [{ line: 2 }],
    },
    {
      name: 'kubeconfig skip verify',
      files: {
        'deploy/kubeconfig.yaml': {
          new: 'clusters:\n- cluster:\n    insecure-skip-tls-verify: true\n',
        },
      },
      expect: [{ line: 3 }],
    },
    {
      name: 'edited line keeps flag but adds a second one',
      files: {
        'c.py': {
          old: 'a = get(u, verify=False)\n',
          new: 'a = get(u, verify=False)\nb = get(v, verify=False)\n',
        },
      },
      expect: [{ line: 2 }],
    },
  ],
  pass: [
    {
      name: 'verification turned back on',
      files: { 'c.py': { old: 'get(u, verify=False)\n', new: 'get(u, verify=True)\n' } },
    },
    {
      name: 'edited line that already had it',
      files: {
        'c.py': { old: 'get(u, verify=False)\n', new: 'get(u, timeout=5, verify=False)\n' },
      },
    },
    { name: 'ca bundle path', files: { 'c.py': { new: "get(u, verify='/etc/ssl/ca.pem')\n" } } },
    {
      name: 'markdown',
      files: {
        'docs/tls.md': {
          new: 'Never pass `verify=False` or set NODE_TLS_REJECT_UNAUTHORIZED=0.\n',
        },
      },
    },
    {
      name: 'python comment',
      files: { 'c.py': { new: '# requests.get(url, verify=False) would skip checks\n' } },
    },
    {
      name: 'string literal in unrelated code',
      files: { 'c.py': { new: 'HELP = "pass verify=False to skip checks"\n' } },
    },
    {
      name: 'env name inside a message',
      files: {
        'src/a.ts': { new: "log('unset NODE_TLS_REJECT_UNAUTHORIZED=0 before release');\n" },
      },
    },
    {
      name: 'rejectUnauthorized true',
      files: { 'src/db.ts': { new: 'new Pool({ ssl: { rejectUnauthorized: true } });\n' } },
    },
    {
      name: 'curl with a key file',
      files: { 'a.sh': { new: 'curl --key client.key -sS https://x.example.test\n' } },
    },
    {
      name: 'setting value one',
      files: { 'a.sh': { new: 'export NODE_TLS_REJECT_UNAUTHORIZED=1\n' } },
    },
  ],
});
