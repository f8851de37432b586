import { describe, expect, it } from 'vitest';
import detector, { installCommandOf, npmRequest, pipRequest } from '../../../src/gate/commands/package-install.js';
import { COMMAND_FILE } from '../../../src/gate/commands/define.js';
import { defaultPolicy } from '../../../src/packs/load.js';
import { commandFindings } from '../helpers.js';

// Each flag case names the rule that must block it.
const flag: Array<[string, string]> = [
  ['npm install browserlist', 'dependency/typosquat'],
  ['npm i -D reqeust', 'dependency/typosquat'],
  ['yarn add lodahs', 'dependency/typosquat'],
  ['pnpm add expresss', 'dependency/typosquat'],
  ['pip install reqeusts', 'dependency/typosquat'],
  ['python3 -m pip install --user reqeusts==2.0', 'dependency/typosquat'],
  ['npm install git+https://example.test/tool.git', 'dependency/non-registry-source'],
  ['npm install someone/tool#main', 'dependency/non-registry-source'],
  ['pip install git+https://example.test/tool.git#egg=tool', 'dependency/non-registry-source'],
  ['cargo add tool --git https://example.test/tool', 'dependency/non-registry-source'],
  ['cd web && npm install --save browserlist', 'dependency/typosquat'],
];

const pass: string[] = [
  'npm install',
  'npm ci',
  'npm install --no-save',
  'pip install -r requirements.txt',
  'pip install -e .',
  'npm run install-deps',
  'echo npm install browserlist',
  'go build ./...',
];

describe('dependency rules on install commands', () => {
  it.each(flag)('blocks %s', async (command, ruleId) => {
    const findings = await commandFindings(detector, command);
    const blocking = findings.filter((f) => f.action === 'block');
    expect(blocking.map((f) => f.ruleId)).toContain(ruleId);
    expect(blocking.every((f) => f.file === COMMAND_FILE)).toBe(true);
  });

  it.each(pass)('passes %s', async (command) => {
    expect(await commandFindings(detector, command)).toEqual([]);
  });

  it('reports a new registry package without blocking it', async () => {
    const findings = await commandFindings(detector, 'npm install left-pad@1.3.0');
    expect(findings.map((f) => f.ruleId)).toEqual(['dependency/new-dependency']);
    expect(findings[0]!.action).not.toBe('block');
    expect(findings[0]!.message).toContain('left-pad');
  });

  it('blocks a package the config denies', async () => {
    const policy = defaultPolicy();
    policy.dependencies.deny = [{ name: 'event-stream', ecosystem: 'npm', reason: 'compromised in 2018' }];
    const findings = await commandFindings(detector, 'npm install event-stream', { policy });
    expect(findings.map((f) => f.ruleId)).toEqual(['dependency/denied-package']);
    expect(findings[0]!.action).toBe('block');
  });

  it('reports an index the policy does not list', async () => {
    const findings = await commandFindings(detector, 'pip install --index-url https://pypi.example.test/simple requests');
    expect(findings.map((f) => f.ruleId)).toContain('dependency/custom-registry');
  });

  it('reads go and cargo installs', () => {
    expect(installCommandOf(['go', 'get', 'golang.org/x/net@v0.25.0'])?.packages).toEqual([{ ecosystem: 'go', name: 'golang.org/x/net', spec: 'v0.25.0' }]);
    expect(installCommandOf(['cargo', 'add', 'serde@1.0'])?.packages).toEqual([{ ecosystem: 'cargo', name: 'serde', spec: '1.0' }]);
    expect(installCommandOf(['go', 'get', './...'])).toBeNull();
  });

  it('splits npm and pip package arguments', () => {
    expect(npmRequest('@types/node@^20')).toEqual({ ecosystem: 'npm', name: '@types/node', spec: '^20' });
    expect(npmRequest('lodash')).toEqual({ ecosystem: 'npm', name: 'lodash', spec: '' });
    expect(npmRequest('github:someone/tool')).toEqual({ ecosystem: 'npm', name: 'tool', spec: 'github:someone/tool' });
    expect(pipRequest('requests[socks]>=2.31')).toEqual({ ecosystem: 'pypi', name: 'requests', spec: '>=2.31' });
    expect(pipRequest('Django==5.0')).toEqual({ ecosystem: 'pypi', name: 'Django', spec: '==5.0' });
  });
});
