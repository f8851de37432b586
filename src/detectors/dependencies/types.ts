import type { PackageMatcher } from '../../packs/types.js';

/** Package ecosystems the dependency detectors read, as named in the pack schema. */
export type Ecosystem = NonNullable<PackageMatcher['ecosystem']>;

/**
 * Where a dependency is fetched from. `registry` is the ecosystem's package
 * registry; `git`, `url` (a tarball or archive), `path` (`file:`, `link:`, a local
 * directory) and `github` (the `owner/repo` shorthand) are sources outside it.
 * `workspace` is a package of the same repository.
 */
export type SourceKind = 'registry' | 'git' | 'url' | 'path' | 'github' | 'workspace' | 'alias';

/** One declared dependency in a manifest or lockfile. */
export interface Dependency {
  ecosystem: Ecosystem;
  name: string;
  /** The version, range or source as written: `^1.2.3`, `>=2,<3`, `git+https://…`. */
  spec: string;
  /** Manifest section, such as `devDependencies` or `[tool.poetry.dependencies]`. */
  section: string;
  source: SourceKind;
  /** A lockfile's exact resolved version. */
  version?: string;
  /** A lockfile's download URL. */
  resolved?: string;
  /** A lockfile's content hash. */
  integrity?: string;
  /** 1-based line in the file that declares it, when the parser records lines. */
  line?: number;
  /** The name an npm alias installs the package under (`es` for `npm:event-stream@3.3.6`). */
  alias?: string;
}

/** A package index or registry URL that a manifest or config points installs at. */
export interface RegistryReference {
  ecosystem: Ecosystem;
  url: string;
  /** Declaration form, such as `--extra-index-url` or `<repository>`. */
  kind: string;
  line?: number;
}

/** A lifecycle script that runs on install, such as `postinstall`. */
export interface InstallScript {
  name: string;
  command: string;
  line?: number;
}

/** Go `replace` directive. */
export interface GoReplace {
  /** Replaced module path and optional version (`github.com/a/b`, `v1.3.1`). */
  from: string;
  fromVersion?: string;
  /** Replacement module path or local directory, and its version. */
  to: string;
  toVersion?: string;
  line?: number;
}

/** Everything a parser read from one file. */
export interface DependencyFile {
  /** `manifest` declares what is wanted; `lockfile` records what was resolved. */
  role: 'manifest' | 'lockfile';
  ecosystem: Ecosystem;
  dependencies: Dependency[];
  registries: RegistryReference[];
  scripts: InstallScript[];
  replaces: GoReplace[];
}

/** A result of judging one dependency or file change. */
export interface DependencyIssue {
  /** Detector subject, such as `new-dependency` or `typosquat`. */
  kind: IssueKind;
  messageId: string;
  ecosystem: Ecosystem;
  name: string;
  oldSpec?: string;
  newSpec?: string;
  /** Manifest section of the new declaration. */
  section?: string;
  /** Human-readable details for the message, such as the popular name a typosquat resembles. */
  detail?: string;
  severity?: 'block' | 'warn' | 'info';
  file?: string;
  line?: number;
}

export type IssueKind =
  | 'new-dependency'
  | 'range-loosened'
  | 'major-upgrade'
  | 'non-registry-source'
  | 'go-module-replaced'
  | 'custom-registry'
  | 'lockfile-source'
  | 'lockfile-only'
  | 'install-script'
  | 'typosquat'
  | 'denied-package'
  | 'unpinned-action'
  | 'unpinned-version'
  | 'too-many-new';

export function emptyFile(role: DependencyFile['role'], ecosystem: Ecosystem): DependencyFile {
  return { role, ecosystem, dependencies: [], registries: [], scripts: [], replaces: [] };
}
