import detector from '../../../src/detectors/secrets/jwt.js';
import { jwt } from '../../helpers/secrets.js';
import { runTable } from './table.js';

runTable(detector, {
  flag: [
    { name: 'signed token in a header', files: () => ({ 'api.http': { new: `Authorization: Bearer ${jwt()}\n` } }), expect: [{ line: 1, severity: 'block' }] },
    { name: 'expired token only warns', files: () => ({ 'test/auth.ts': { new: `const token = '${jwt(-3600)}';\n` } }), expect: [{ line: 1, severity: 'warn' }] },
  ],
  pass: [
    { name: 'look-alike whose parts do not decode', files: () => ({ 'a.ts': { new: "const t = 'eyJhbGciOiJIUzI1NiJ9x.eyJzdWIiOiIxMjM0NTY3OD.abcdefghijklmnopqrstuvwxyz';\n" } }) },
  ],
});
