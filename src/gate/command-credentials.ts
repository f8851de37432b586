import { baseName, unwrapCommand, type SimpleCommand } from './shell/parse.js';

// The gate echoes a command in its reasons and audit log. The secret detectors
// judge a credential by its shape, so they miss a short password typed as an
// option or in a URL. This module lists every value that the command line
// itself marks as a credential, so the gate can mask it whatever its length.

/** Characters that end the user-info part of a URL in a command line. */
const USERINFO_END = /[\s/?#@'"`<>]/;
/** User-info is read up to this many characters after `://`. */
const MAX_USERINFO = 512;
/** A user name without a password is masked only from this length, since `git@` or `deploy@` name no secret. */
const MIN_TOKEN_USER = 20;

/** Variable names whose value is a credential, such as `PGPASSWORD`, `MYSQL_PWD` or `GITHUB_TOKEN`. */
const CREDENTIAL_VARIABLE = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH|(?:PASS|PWD|_KEY)$/i;
const NOT_CREDENTIAL_VARIABLE = new Set(['PWD', 'OLDPWD']);

/** Long option names whose value is a credential, such as `--password`, `--api-key` or `--client-secret`. */
const CREDENTIAL_OPTION = /(?:^|[-_])(?:password|passwd|pass|secret|token|api-?key|apikey|credentials?)$/i;

/** Tools whose `-u`, `--user` or `--auth` value is `user:password`. */
const USER_PASSWORD_TOOLS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'lftp', 'aria2c']);
const USER_PASSWORD_OPTIONS = new Set(['-u', '-U', '-a', '--user', '--proxy-user', '--auth', '--http-user', '--ftp-user']);

/** MySQL and MariaDB clients read a password attached to `-p`, as in `-pSECRET`. */
const MYSQL_TOOLS = /^(?:mysql|mariadb)(?:dump|admin|import|show|check|-dump|-admin|-import|-show|-check)?$/;

/** HTTP header lines that carry a credential, as in `-H 'Authorization: Bearer TOKEN'`. */
const CREDENTIAL_HEADER = /^\s*[A-Za-z-]*(?:authorization|token|api-?key|secret|password|auth)[A-Za-z-]*\s*:\s*(.+)$/i;

/** Returns the passwords and tokens that a command line passes in URLs, options, variables and headers. */
export function commandCredentials(text: string, commands: readonly SimpleCommand[]): string[] {
  const found = new Set<string>(urlCredentials(text));
  for (const command of commands) {
    for (const value of commandLineCredentials(command)) found.add(value);
  }
  found.delete('');
  return [...found];
}

/** Returns the password (or token user name) of every `scheme://user:password@` in `text`. */
export function urlCredentials(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const start = at + 3;
    let end = start;
    const limit = Math.min(text.length, start + MAX_USERINFO);
    while (end < limit && !USERINFO_END.test(text[end]!)) end += 1;
    if (text[end] !== '@' || end === start) continue;
    const userinfo = text.slice(start, end);
    const colon = userinfo.indexOf(':');
    if (colon !== -1) found.push(userinfo.slice(colon + 1));
    else if (userinfo.length >= MIN_TOKEN_USER) found.push(userinfo);
  }
  return found.filter((value) => value !== '');
}

function commandLineCredentials(command: SimpleCommand): string[] {
  const found: string[] = [];
  const { argv, env } = unwrapCommand(command);
  for (const { name, value } of [...command.env, ...env]) {
    if (isCredentialVariable(name)) found.push(value);
  }
  const tool = baseName(argv[0] ?? '');
  // The wrapper's own words are read too, for `sudo env PGPASSWORD=x` and `docker run -e TOKEN=x`.
  const words = command.argv;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const next = words[i + 1];
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(word);
    if (assignment && isCredentialVariable(assignment[1]!)) found.push(assignment[2]!);
    const header = CREDENTIAL_HEADER.exec(word);
    if (header) found.push(...headerCredential(header[1]!));
    if (!word.startsWith('-')) continue;
    found.push(...optionCredentials(tool, word, next));
  }
  return found;
}

function isCredentialVariable(name: string): boolean {
  return !NOT_CREDENTIAL_VARIABLE.has(name.toUpperCase()) && CREDENTIAL_VARIABLE.test(name);
}

/** Returns the credential of a header value: the part after an auth scheme such as `Bearer`, or all of it. */
function headerCredential(value: string): string[] {
  const trimmed = value.trim();
  const scheme = /^(?:Bearer|Basic|Token|Digest|Bot|Negotiate)\s+(.+)$/i.exec(trimmed);
  return [scheme ? scheme[1]!.trim() : trimmed];
}

/** Returns the credentials one option word (and the word after it) carries. */
function optionCredentials(tool: string, word: string, next: string | undefined): string[] {
  const equals = word.indexOf('=');
  const name = equals === -1 ? word : word.slice(0, equals);
  const inline = equals === -1 ? undefined : word.slice(equals + 1);
  const value = inline ?? next;
  if (USER_PASSWORD_TOOLS.has(tool) && USER_PASSWORD_OPTIONS.has(name)) {
    const colon = value?.indexOf(':') ?? -1;
    return colon === -1 ? [] : [value!.slice(colon + 1)];
  }
  if (USER_PASSWORD_TOOLS.has(tool) && /^-u./.test(word)) {
    const colon = word.indexOf(':');
    return colon === -1 ? [] : [word.slice(colon + 1)];
  }
  if (MYSQL_TOOLS.test(tool) && /^-p./.test(word)) return [word.slice(2)];
  if (tool === 'sshpass' && word.startsWith('-p')) return [word.length > 2 ? word.slice(2) : (next ?? '')];
  const bare = name.replace(/^-+/, '');
  if (!name.startsWith('--') || bare.startsWith('no-') || !CREDENTIAL_OPTION.test(bare)) return [];
  return value === undefined ? [] : [value];
}
