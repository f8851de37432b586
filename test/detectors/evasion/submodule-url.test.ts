import { describe, expect, it } from 'vitest';
import detector from '../../../src/detectors/evasion/submodule-url.js';
import { changeOfFiles, runDetectors } from '../../helpers/change.js';

const ORIGINAL = '[submodule "vendor/lib"]\n\tpath = vendor/lib\n\turl = https://github.com/example/lib.git\n';

describe('dependency/submodule-source', () => {
  it('flags a submodule pointed at another URL', async () => {
    const change = changeOfFiles({ '.gitmodules': { old: ORIGINAL, new: ORIGINAL.replace('example/lib', 'attacker/lib') } });
    const { findings } = await runDetectors(detector, change);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe('dependency/submodule-source');
    expect(findings[0]!.line).toBe(3);
    expect(findings[0]!.action).toBe('block');
    expect(findings[0]!.message).toContain('now fetches from https://github.com/attacker/lib.git');
  });

  it('warns on an added submodule', async () => {
    const added = ORIGINAL + '[submodule "tools"]\n\tpath = tools\n\turl = ../tools.git\n';
    const change = changeOfFiles({ '.gitmodules': { old: ORIGINAL, new: added } });
    const { findings } = await runDetectors(detector, change);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.action).toBe('warn');
    expect(findings[0]!.line).toBe(6);
  });

  it('passes a path-only change', async () => {
    const change = changeOfFiles({ '.gitmodules': { old: ORIGINAL, new: ORIGINAL.replace('path = vendor/lib', 'path = third_party/lib') } });
    expect((await runDetectors(detector, change)).findings).toEqual([]);
  });

  it('passes reformatting', async () => {
    const change = changeOfFiles({ '.gitmodules': { old: ORIGINAL, new: ORIGINAL.replace(/\t/g, '    ') } });
    expect((await runDetectors(detector, change)).findings).toEqual([]);
  });

  it('passes a removed submodule', async () => {
    const change = changeOfFiles({ '.gitmodules': { old: ORIGINAL, new: '' } });
    expect((await runDetectors(detector, change)).findings).toEqual([]);
  });
});
