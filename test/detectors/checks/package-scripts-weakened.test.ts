import { describe } from 'vitest';
import packageScriptsWeakened from '../../../src/detectors/checks/package-scripts-weakened.js';
import { edit } from './ci-fixtures.js';
import { runTable } from './table.js';

const PKG = ['{', '  "name": "demo",', '  "scripts": {', '    "build": "esbuild src/main.ts --outdir=dist",', '    "test": "vitest run",', '    "lint": "eslint . && tsc --noEmit",', '    "start": "node dist/main.js"', '  }', '}', ''].join('\n');
const pkg = (from: string, to: string) => ({ 'package.json': { old: PKG, new: edit(PKG, from, to) } });

describe('disabled-check/package-scripts-weakened', () => {
  runTable(packageScriptsWeakened, {
    flag: [
      { name: 'a removed test script', files: pkg('    "test": "vitest run",\n', ''), expected: [{ file: 'package.json', line: 5, messageId: 'scriptRemoved' }] },
      { name: 'a test script replaced by echo', files: pkg('"vitest run"', '"echo no tests"'), expected: [{ file: 'package.json', line: 5, messageId: 'commandRemoved' }] },
      { name: 'tsc dropped from the lint script', files: pkg('"eslint . && tsc --noEmit"', '"eslint ."'), expected: [{ file: 'package.json', line: 6 }] },
      { name: 'a removed script that ran jest under another name', files: { 'package.json': { old: edit(PKG, '"start"', '"unit": "jest",\n    "start"'), new: PKG } }, expected: [{ file: 'package.json', line: 7 }] },
    ],
    pass: [
      { name: 'a removed start script', files: pkg(',\n    "start": "node dist/main.js"', '') },
      { name: 'a test script with more flags', files: pkg('"vitest run"', '"vitest run --coverage"') },
      { name: 'a test script moved to another runner command', files: pkg('"lint": "eslint . && tsc --noEmit"', '"lint": "eslint .",\n    "typecheck": "tsc --noEmit"') },
      { name: 'a new package.json', files: { 'packages/a/package.json': { new: PKG } } },
      { name: 'invalid JSON', files: { 'package.json': { old: PKG, new: '{ "scripts": {' } } },
    ],
  });
});
