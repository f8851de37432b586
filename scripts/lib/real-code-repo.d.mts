/** Creates a repository with one commit per installed npm package directory. */
export function buildRealCodeRepo(dir: string, packageDirs: string[]): { commits: string[]; bytes: number };
