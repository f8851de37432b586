// Names of the files this tool reads from the tree of the commit under
// review. This module imports nothing, so the launcher can use the names
// without loading the rest of the CLI.

/** The repository config file, looked up at the repository root. */
export const CONFIG_FILE = '.diff-guardian.yml';
/** The allowlist file read when `settings.allowlistFile` names none. */
export const DEFAULT_ALLOWLIST_FILE = '.diff-guardian-allowlist.yml';
/** Other secret scanners' ignore files, read at the repository root. */
export const GITLEAKS_IGNORE = '.gitleaksignore';
export const SECRETLINT_IGNORE = '.secretlintignore';

/** Files looked up at every base commit unless a config names another allowlist file. */
export const IGNORE_FILES: readonly string[] = [DEFAULT_ALLOWLIST_FILE, GITLEAKS_IGNORE, SECRETLINT_IGNORE];
