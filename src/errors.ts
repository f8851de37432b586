/** Exit codes shared by every command. */
export const EXIT = { allowed: 0, blocked: 1, error: 2 } as const;

/** Base class of every error the CLI reports without a stack trace. */
export class DiffGuardianError extends Error {
  readonly exitCode: number = EXIT.error;
}

/** A command line that cannot be run as written. */
export class UsageError extends DiffGuardianError {
  override name = 'UsageError';
}

/** A rule pack or config file that fails to parse or validate. */
export class ConfigError extends DiffGuardianError {
  override name = 'ConfigError';
}

/** A git command that failed or printed output this tool cannot read. */
export class GitError extends DiffGuardianError {
  override name = 'GitError';
  /** Set when git's output outgrew the buffer of a synchronous call. */
  overflow = false;
  constructor(
    message: string,
    readonly args: readonly string[] = [],
    readonly stderr = '',
  ) {
    super(message);
  }
}

/** Formats any thrown value as one line, without a stack unless DEBUG asks for it. */
export function describeError(error: unknown): string {
  if (error instanceof DiffGuardianError) return error.message;
  if (error instanceof Error) return `internal error: ${error.message}`;
  return `internal error: ${String(error)}`;
}
