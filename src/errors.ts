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

// Prefixes of vendor credentials whose random part may hold letters only (a Slack token's
// last piece, a GitHub token's body), which the piece test alone would leave readable.
const CREDENTIAL_PREFIX = /^(?:xox[abeoprs]-|xapp-|gh[pousr]_|github_pat_|glpat-|sk_live_|rk_live_|sk-|npm_|pypi-|AKIA|ASIA)/;

function hasRandomPiece(text: string): boolean {
  for (const piece of text.match(PIECE) ?? []) {
    const digits = piece.replace(/[^0-9]/g, '').length;
    const letters = piece.replace(/[^A-Za-z]/g, '').length;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(piece)).length;
    if (digits > 0 && letters > 0 && (digits >= 2 || classes === 3)) return true;
    if (digits === 0 && piece.length >= 16 && isMixedCaseNoise(piece)) return true;
  }
  return false;
}

/**
 * Tells whether a piece's letters are upper case about as often as random letters are: more
 * than a third and fewer than two thirds of them. Names written in camel case
 * (getElementsByTagName, XMLHttpRequestUpload) have one capital per word, about a fifth to a
 * third of their letters.
 */
function isMixedCaseNoise(piece: string): boolean {
  const upper = piece.replace(/[^A-Z]/g, '').length;
  const lower = piece.replace(/[^a-z]/g, '').length;
  return upper * 3 > upper + lower && upper * 3 < 2 * (upper + lower);
}

function maskRun(run: string): string {
  if (!CREDENTIAL_PREFIX.test(run) && !hasRandomPiece(run)) return run;
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
