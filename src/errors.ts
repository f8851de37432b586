import { redact } from './engine/redact.js';

/** Exit codes shared by every command. */
export const EXIT = { allowed: 0, blocked: 1, error: 2 } as const;

/** Base class of every error the CLI reports without a stack trace. */
export class DiffGuardianError extends Error {
  readonly exitCode: number = EXIT.error;
}

/**
 * A command line that cannot be run as written. The message is masked with
 * `maskMessage`, because it may echo an argument or stdin.
 */
export class UsageError extends DiffGuardianError {
  override name = 'UsageError';
  constructor(message: string) {
    super(maskMessage(message));
  }
}

/**
 * A rule pack or config file that fails to parse or validate. The message is
 * masked with `maskMessage`, because it may echo a path, key or value.
 */
export class ConfigError extends DiffGuardianError {
  override name = 'ConfigError';
  constructor(message: string) {
    super(maskMessage(message));
  }
}

/** A part of the machine the command needs, such as the temporary folder, that it cannot use. */
export class SetupError extends DiffGuardianError {
  override name = 'SetupError';
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
  if (error instanceof Error) return `internal error: ${maskMessage(error.message)}`;
  return `internal error: ${maskMessage(String(error))}`;
}

const TOKEN_RUN = /[A-Za-z0-9+/_\-.=~]{16,}/g;
// A run is split into pieces at `-`, `_`, `.` and `/`. A credential body is one
// long piece (after ghp_, sk_live_, glpat- or AKIA), while names such as
// release-2024-v12 or dg-test-a1B2c3 are made of several short ones.
const PIECE = /[A-Za-z0-9+=~]{12,}/g;

// Vendor credentials by their prefix and the body that follows it. Their random part may contain
// letters only (a Slack token's last piece, a GitHub token's body), which the piece test alone
// would leave readable. Each starts a run or follows a separator, as in `--ghp_…` or `/npm_…`.
const VENDOR_TOKEN = new RegExp(
  '(?:^|[^A-Za-z0-9])(?:' +
    [
      'xox[abeoprs]-[0-9]{6,}-',
      'xapp-[0-9]-[A-Z0-9]{6,}-',
      'gh[pousr]_[A-Za-z0-9]{30,}',
      'github_pat_[A-Za-z0-9_]{40,}',
      'glpat-[A-Za-z0-9_-]{20,}',
      '[sr]k_live_[A-Za-z0-9]{20,}',
      'sk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}',
      'npm_[A-Za-z0-9]{30,}',
      'pypi-[A-Za-z0-9_-]{50,}',
      'A[KS]IA[A-Z0-9]{16}',
    ].join('|') +
    ')',
);

function hasRandomPiece(text: string): boolean {
  if (VENDOR_TOKEN.test(text)) return true;
  for (const piece of text.match(PIECE) ?? []) {
    const digits = piece.replace(/[^0-9]/g, '').length;
    const letters = piece.replace(/[^A-Za-z]/g, '').length;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(piece)).length;
    if (digits > 0 && letters > 0 && (digits >= 2 || classes === 3)) return true;
  }
  return false;
}

function maskRun(run: string): string {
  if (!hasRandomPiece(run)) return run;
  // A path or JSON pointer keeps its readable segments; a bare value is masked whole.
  const isPath = run.startsWith('/') || run.startsWith('~') || run.includes('.');
  if (!isPath) return redact(run);
  return run
    .split('/')
    .map((segment) => (hasRandomPiece(segment) ? redact(segment) : segment))
    .join('/');
}

/**
 * Masks credential-shaped runs in an error message with the redacted form
 * findings use (four leading characters and the length). Messages echo paths,
 * keys and values a user wrote, and a credential pasted in the wrong place
 * would otherwise reach the terminal, a hook's output or a log.
 * NOTE: a base64 value split by `/` inside a path is judged one segment at a
 * time, so pieces under 12 characters stay readable.
 */
export function maskMessage(message: string): string {
  return message.replace(TOKEN_RUN, maskRun);
}
