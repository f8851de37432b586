/** Creates a repository with one commit per installed npm package directory. */
export function buildRealCodeRepo(dir: string, packageDirs: string[]): { commits: string[]; bytes: number };
/** Environment for the import commits: no user or system config, a fixed identity. */
export const GIT_ENV: NodeJS.ProcessEnv;
/** Runs git for an import repository and returns its output. */
export function git(cwd: string, args: string[]): string;
