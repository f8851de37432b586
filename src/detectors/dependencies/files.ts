import { parseWorkflow } from './parse/actions.js';
import { parseCargoConfig, parseCargoToml } from './parse/cargo.js';
import { parseGoMod } from './parse/go.js';
import { parsePom } from './parse/maven.js';
import {
  parseNpmrc,
  parsePackageJson,
  parsePackageLock,
  parsePnpmLock,
  parseYarnLock,
  parseYarnrcYml,
} from './parse/npm.js';
import { parsePipfile, parsePyproject, parseRequirementsTxt } from './parse/python.js';
import { parseGemfile } from './parse/ruby.js';
import type { DependencyFile } from './types.js';

export type DependencyParser = (text: string) => DependencyFile;

const BY_NAME: Record<string, DependencyParser> = {
  'package.json': parsePackageJson,
  'package-lock.json': parsePackageLock,
  'npm-shrinkwrap.json': parsePackageLock,
  'yarn.lock': parseYarnLock,
  'pnpm-lock.yaml': parsePnpmLock,
  '.npmrc': parseNpmrc,
  '.yarnrc': parseNpmrc,
  '.yarnrc.yml': parseYarnrcYml,
  'pyproject.toml': parsePyproject,
  Pipfile: parsePipfile,
  'go.mod': parseGoMod,
  'Cargo.toml': parseCargoToml,
  Gemfile: parseGemfile,
  'gems.rb': parseGemfile,
  'pom.xml': parsePom,
  'action.yml': parseWorkflow,
  'action.yaml': parseWorkflow,
};

/**
 * Lower-case words of which one occurs in the path of every file `parserFor`
 * reads, for the detectors' keyword prefilter.
 */
export const DEPENDENCY_FILE_KEYWORDS = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  '.npmrc',
  '.yarnrc',
  'requirements',
  'constraints',
  'pyproject.toml',
  'pipfile',
  'go.mod',
  'cargo.toml',
  '.cargo/config',
  'gemfile',
  'gems.rb',
  'pom.xml',
  '.github/workflows/',
  'action.yml',
  'action.yaml',
];

/** Returns the parser for a repository path, or null when the file declares no dependencies. */
export function parserFor(path: string): DependencyParser | null {
  // Installed or vendored copies are other projects' manifests, not this one's.
  if (/(^|\/)(node_modules|vendor|\.venv|site-packages)\//.test(path)) return null;
  const name = path.slice(path.lastIndexOf('/') + 1);
  const byName = BY_NAME[name];
  if (byName) return byName;
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return parseWorkflow;
  if (/(^|\/)\.cargo\/config(\.toml)?$/.test(path)) return parseCargoConfig;
  if (/(^|[-_.])(requirements|constraints)([-_.][\w.-]*)?\.(txt|in)$/i.test(name)) return parseRequirementsTxt;
  if (/(^|\/)requirements\/[^/]+\.(txt|in)$/i.test(path)) return parseRequirementsTxt;
  return null;
}
