import detector from '../../../src/detectors/secrets/kubernetes-secret.js';
import { remember, strongPassword } from '../../helpers/secrets.js';
import { runTable } from './table.js';

const b64 = (text: string) => remember(Buffer.from(text).toString('base64'));
const password = () => strongPassword().replace(/["'\\]/g, 'q');

runTable(detector, {
  flag: [
    {
      name: 'base64 data decoded before judging',
      files: () => ({
        'k8s/db-secret.yaml': {
          new: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: ${b64('app')}\n  password: ${b64(password())}\n`,
        },
      }),
      expect: [{ line: 8, message: 'Secret `db`' }],
    },
    {
      name: 'stringData under a neutral key',
      files: () => ({
        'k8s/api.yaml': { new: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  upstream: ${remember(strongPassword(32).replace(/["'\\#:]/g, 'q'))}\n` },
      }),
      expect: [{ line: 6 }],
    },
  ],
  pass: [
    {
      name: 'placeholder values encoded in base64',
      files: () => ({
        'k8s/s.yaml': { new: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: ${Buffer.from('changeme').toString('base64')}\n  username: ${Buffer.from('admin').toString('base64')}\n` },
      }),
    },
    {
      name: 'ConfigMap with the same shape',
      files: () => ({ 'k8s/cm.yaml': { new: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  mode: ${Buffer.from('fast').toString('base64')}\n` } }),
    },
  ],
});
