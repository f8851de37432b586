import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEPENDENCY_META } from '../../detectors/dependencies/meta.js';
import { judgeInstall, type InstallRequest } from '../../detectors/dependencies/judge-install.js';
import { hostOf, isAllowedRegistry } from '../../detectors/dependencies/policy.js';
import type { Ecosystem } from '../../detectors/dependencies/types.js';
import { formatMessage } from '../../detectors/define.js';
import { baseName, unwrapCommand } from '../shell/parse.js';
import { COMMAND_FILE, commandsOf, defineGateDetector, formatArgv, type GateDetectorContext } from './define.js';
import { parseOptions, type OptionSpec } from './options.js';

/** The packages one install command requests, and any registry or index it points at. */
export interface InstallCommand {
  ecosystem: Ecosystem;
  packages: InstallRequest[];
  registries: Array<{ url: string; option: string }>;
  /** True for runners such as npx, which use a binary the project already has before fetching one. */
  runner?: boolean;
}

const NPM_OPTIONS: OptionSpec = {
  shortWithValue: 'w',
  longWithValue: ['registry', 'tag', 'workspace', 'prefix', 'cache', 'userconfig', 'omit', 'include', 'save-prefix', 'install-strategy', 'package', 'p'],
};
const PIP_OPTIONS: OptionSpec = {
  shortWithValue: 'rceitf',
  longWithValue: ['requirement', 'constraint', 'editable', 'index-url', 'extra-index-url', 'target', 'find-links', 'prefix', 'root', 'platform', 'python-version', 'implementation', 'abi', 'src', 'upgrade-strategy', 'progress-bar', 'proxy', 'retries', 'timeout', 'cert', 'client-cert', 'cache-dir', 'trusted-host', 'python', 'group'],
};
const CARGO_OPTIONS: OptionSpec = {
  shortWithValue: 'pFZ',
  longWithValue: ['git', 'branch', 'tag', 'rev', 'path', 'registry', 'rename', 'package', 'features', 'manifest-path', 'vers', 'version', 'index', 'root', 'target', 'profile', 'bin', 'example', 'jobs'],
};

/** Splits an npm package argument into name and spec: `@scope/name@^1`, `name@latest`, a URL or `owner/repo`. */
export function npmRequest(arg: string): InstallRequest {
  if (/^(?:[a-z+]+:|\.{0,2}\/|~\/)/i.test(arg) || (/^[^@/][^@]*\/[^@]/.test(arg) && !arg.includes('@'))) {
    const name = baseName(cutAtAny(arg, '#?').replace(/\.git$|\.tgz$|\.tar\.gz$|\/$/g, '')) || arg;
    return { ecosystem: 'npm', name, spec: arg };
  }
  const at = arg.indexOf('@', arg.startsWith('@') ? 1 : 0);
  return at === -1 ? { ecosystem: 'npm', name: arg, spec: '' } : { ecosystem: 'npm', name: arg.slice(0, at), spec: arg.slice(at + 1) };
}

/** Splits a pip requirement argument: `name==1.0`, `name[extra]>=2`, a VCS URL with `#egg=name`, or a path. */
export function pipRequest(arg: string): InstallRequest {
  if (/^(?:[a-z+]+:\/\/|git\+|\.{0,2}\/|~\/|file:)/i.test(arg)) {
    const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(arg);
    const name = egg?.[1] ?? baseName(cutAtAny(arg, '#?@').replace(/\.git$|\/$/g, '')).replace(/-\d.*$/, '');
    return { ecosystem: 'pypi', name: name || arg, spec: arg };
  }
  // A requirement is a name, optional [extras], then a version specifier (PEP 508).
  let end = 0;
  while (end < arg.length && /[A-Za-z0-9._-]/.test(arg[end]!)) end += 1;
  const name = arg.slice(0, end);
  let rest = arg.slice(end);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  rest = rest.trim();
  if (rest.startsWith('@')) rest = rest.slice(1).trim();
  return { ecosystem: 'pypi', name: name || arg, spec: name ? rest : '' };
}

/** Returns `text` up to the first of `characters`, or all of it. */
function cutAtAny(text: string, characters: string): string {
  let end = text.length;
  for (const character of characters) {
    const at = text.indexOf(character);
    if (at !== -1 && at < end) end = at;
  }
  return text.slice(0, end);
}

function splitAt(ecosystem: Ecosystem, arg: string): InstallRequest {
  const at = arg.lastIndexOf('@');
  return at <= 0 ? { ecosystem, name: arg, spec: '' } : { ecosystem, name: arg.slice(0, at), spec: arg.slice(at + 1) };
}

function registriesOf(long: Map<string, string | true>, names: readonly string[]): InstallCommand['registries'] {
  return names.flatMap((name) => {
    const url = long.get(name);
    return typeof url === 'string' ? [{ url, option: `--${name}` }] : [];
  });
}

/**
 * Reads the packages a package-manager command installs, for npm, yarn, pnpm,
 * bun, pip, uv, poetry, pipx, go, cargo and gem. Returns null for a command
 * that installs nothing new, such as a bare `npm install` from the lockfile.
 */
export function installCommandOf(argv: readonly string[]): InstallCommand | null {
  const tool = baseName(argv[0] ?? '');
  let rest = argv.slice(1);
  if (/^python[\d.]*$/.test(tool) && rest[0] === '-m' && /^pip\d?$/.test(rest[1] ?? '')) return pipInstall(rest.slice(2));
  if (/^pip[\d.]*$/.test(tool)) return pipInstall(rest);
  if (tool === 'uv' && rest[0] === 'pip') return pipInstall(rest.slice(1));
  if ((tool === 'uv' || tool === 'poetry') && rest[0] === 'add') return pipInstall(['install', ...rest.slice(1)]);
  if (tool === 'pipx' && (rest[0] === 'install' || rest[0] === 'run')) return pipInstall(['install', ...rest.slice(1, 2)]);
  if (tool === 'uvx') return pipInstall(['install', ...rest.slice(0, 1)]);
  if (tool === 'npx' || tool === 'bunx') {
    const install = npmInstall(['add', ...parseOptions(rest, NPM_OPTIONS).operands.slice(0, 1)]);
    return install && { ...install, runner: true };
  }
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm' || tool === 'bun') {
    if ((tool === 'pnpm' || tool === 'yarn') && rest[0] === 'dlx') rest = ['add', ...rest.slice(1, 2)];
    if (tool === 'yarn' && rest[0] === 'global') rest = rest.slice(1);
    return npmInstall(rest);
  }
  if (tool === 'go' && (rest[0] === 'get' || rest[0] === 'install')) {
    const operands = parseOptions(rest.slice(1), { shortWithValue: '' }).operands.filter((a) => !a.startsWith('.'));
    const packages = operands.map((arg) => splitAt('go', arg));
    return packages.length > 0 ? { ecosystem: 'go', packages, registries: [] } : null;
  }
  if (tool === 'cargo' && (rest[0] === 'add' || rest[0] === 'install')) return cargoInstall(rest.slice(1));
  if (tool === 'gem' && rest[0] === 'install') {
    const options = parseOptions(rest.slice(1), { shortWithValue: 'vs', longWithValue: ['version', 'source'] });
    const version = options.shortValues.get('v')?.[0] ?? options.long.get('version');
    const spec = typeof version === 'string' ? version : '';
    const packages = options.operands.map((name) => ({ ecosystem: 'rubygems' as const, name, spec }));
    return packages.length > 0 ? { ecosystem: 'rubygems', packages, registries: registriesOf(options.long, ['source']) } : null;
  }
  return null;
}

function npmInstall(args: readonly string[]): InstallCommand | null {
  const [verb, ...rest] = args;
  if (!verb || !['install', 'i', 'add', 'isntall', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal'].includes(verb)) return null;
  const options = parseOptions(rest, NPM_OPTIONS);
  const packages = options.operands.filter((a) => a !== '.' && a !== '..').map(npmRequest);
  const registries = registriesOf(options.long, ['registry']);
  return packages.length > 0 || registries.length > 0 ? { ecosystem: 'npm', packages, registries } : null;
}

function pipInstall(args: readonly string[]): InstallCommand | null {
  if (args[0] !== 'install') return null;
  const options = parseOptions(args.slice(1), PIP_OPTIONS);
  // An editable install of the project itself (`-e .`) brings in nothing new.
  const editable = [...(options.shortValues.get('e') ?? []), ...[options.long.get('editable')].filter((v): v is string => typeof v === 'string')];
  const packages = [...options.operands, ...editable].filter((p) => p !== '.' && p !== './' && p !== '..').map(pipRequest);
  const registries = [
    ...registriesOf(options.long, ['index-url', 'extra-index-url', 'find-links']),
    ...(options.shortValues.get('i') ?? []).map((url) => ({ url, option: '-i' })),
  ];
  return packages.length > 0 || registries.length > 0 ? { ecosystem: 'pypi', packages, registries } : null;
}

function cargoInstall(args: readonly string[]): InstallCommand | null {
  const options = parseOptions(args, CARGO_OPTIONS);
  const source = ['git', 'path'].map((k) => options.long.get(k)).find((v): v is string => typeof v === 'string');
  const version = ['vers', 'version'].map((k) => options.long.get(k)).find((v): v is string => typeof v === 'string');
  const packages = options.operands.map((arg) => {
    const request = splitAt('cargo', arg);
    return { ...request, spec: source ?? version ?? request.spec };
  });
  if (packages.length === 0 && source) packages.push({ ecosystem: 'cargo', name: baseName(source.replace(/\.git$|\/$/g, '')), spec: source });
  return packages.length > 0 ? { ecosystem: 'cargo', packages, registries: registriesOf(options.long, ['index']) } : null;
}

export default defineGateDetector({
  meta: {
    id: 'dependency/shell-package-install',
    category: 'dependency',
    severity: 'info',
    confidence: 'high',
    description: 'Report packages that a package-manager command installs, judged by the dependency policy.',
    messages: {},
  },
  run(context) {
    for (const command of commandsOf(context.subject)) {
      const { argv } = unwrapCommand(command);
      const install = installCommandOf(argv);
      if (install) reportInstall(context, install, formatArgv(argv));
    }
  },
});

function reportInstall(context: GateDetectorContext, install: InstallCommand, text: string): void {
  const policy = context.policy.dependencies;
  for (const request of install.packages) {
    if (install.runner && existsSync(join(context.project.root, 'node_modules', '.bin', request.name))) continue;
    for (const judgement of judgeInstall(request, policy)) {
      context.reportFinding({
        ruleId: judgement.ruleId,
        category: 'dependency',
        severity: judgement.severity,
        message: `\`${text}\`: ${judgement.message}`,
        file: COMMAND_FILE,
        line: 0,
        match: `${request.ecosystem}:${request.name}@${request.spec ?? ''}`,
        evidence: text,
      });
    }
  }
  const meta = DEPENDENCY_META['custom-registry'];
  for (const registry of install.registries) {
    if (isAllowedRegistry(policy, install.ecosystem, registry.url)) continue;
    const data = { ecosystem: install.ecosystem, newSpec: hostOf(registry.url), detail: `\`${text}\` (${registry.option})` };
    context.reportFinding({
      ruleId: 'dependency/custom-registry',
      category: 'dependency',
      severity: meta.severity,
      message: formatMessage(meta.messages.added!, data),
      file: COMMAND_FILE,
      line: 0,
      match: `${install.ecosystem}:registry:${registry.url}`,
      evidence: text,
    });
  }
}
