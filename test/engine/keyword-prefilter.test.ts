import { describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../../src/detectors/define.js';
import { scanCommit } from '../../src/engine/scan-commit.js';
import { defaultPolicy } from '../../src/packs/load.js';
import { changeOfFiles } from '../helpers/change.js';

/** Creates a detector that counts the commits its keyword prefilter lets through. */
function counter(keywords: string[]): { detector: Detector; runs: () => number } {
  let runs = 0;
  const detector = defineDetector({
    meta: {
      id: 'secret/test-counter',
      category: 'secret',
      severity: 'info',
      confidence: 'low',
      description: 'Report nothing; counts the commits it runs on.',
      messages: { none: 'none' },
    },
    keywords,
    run() {
      runs += 1;
    },
  });
  return { detector, runs: () => runs };
}

const cases: Array<[string, Parameters<typeof changeOfFiles>, boolean]> = [
  ['added line', [{ 'a.txt': { old: 'x\n', new: 'x\nneedle here\n' } }], true],
  ['upper-case added line', [{ 'a.txt': { old: 'x\n', new: 'x\nNEEDLE here\n' } }], true],
  ['Kelvin sign', [{ 'a.txt': { old: 'x\n', new: 'x\n\u212aeep\n' } }], true],
  ['Kelvin sign in a long file', [{ 'a.txt': { old: 'x\n', new: `x\n${'pad\n'.repeat(20_000)}\u212aeep\n` } }], true],
  ['dotted capital I', [{ 'a.txt': { old: 'x\n', new: 'x\nWIF\u0130\n' } }], true],
  ['UTF-16 added line', [{ 'a.txt': { old: 'x\n', new: 'x\nn\0e\0e\0d\0l\0e\0\n' } }], true],
  ['long added file', [{ 'a.txt': { old: 'x\n', new: `x\n${'pad\n'.repeat(20_000)}a needle\n` } }], true],
  ['long file without it', [{ 'a.txt': { old: 'x\n', new: `x\n${'pad\n'.repeat(20_000)}` } }], false],
  ['removed line', [{ 'a.txt': { old: 'x\nneedle\n', new: 'x\n' } }], true],
  ['path', [{ 'needle.txt': { new: 'x\n' } }], true],
  ['message', [{ 'a.txt': { old: 'x\n', new: 'y\n' } }, { message: 'Add a needle' }], true],
  ['across lines', [{ 'a.txt': { old: 'x\n', new: 'x\nnee\ndle\n' } }], false],
  ['context line only', [{ 'a.txt': { old: 'needle\nx\n', new: 'needle\ny\n' } }], false],
  ['absent', [{ 'a.txt': { old: 'x\n', new: 'y\n' } }], false],
];

describe('keyword prefilter', () => {
  // The first commit of a detector list is tested with includes() and later
  // ones with the keyword index, so both must let the same commits through.
  it.each(cases)('decides the %s case alike first and later', async (_name, args, expected) => {
    const { detector, runs } = counter(['needle', 'keep', 'wifi']);
    const detectors = [detector];
    const policy = defaultPolicy();
    for (let round = 0; round < 3; round += 1) {
      await scanCommit(changeOfFiles(...args), { policy, detectors });
      expect(runs()).toBe(expected ? round + 1 : 0);
    }
  });

  it('runs a detector with an empty keyword', async () => {
    const { detector, runs } = counter(['']);
    const detectors = [detector];
    const policy = defaultPolicy();
    for (let round = 0; round < 2; round += 1) {
      await scanCommit(changeOfFiles({ 'a.txt': { old: 'x\n', new: 'y\n' } }), { policy, detectors });
    }
    expect(runs()).toBe(2);
  });
});
