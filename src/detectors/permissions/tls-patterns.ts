// Ways to switch off TLS certificate verification, by where they can appear.
// `process` patterns turn it off for every later connection of the process
// (or of a tool run by the script); `connection` patterns for one client.
import type { Language } from '../file-kind.js';
import { declareLineWords } from './line-words.js';
import type { CodeLine } from './support.js';

export type TlsScope = 'process' | 'connection';
export type TlsFileKind = Language | 'config' | 'command';

export interface TlsPattern {
  /** Text naming this way of disabling verification, shown in the message. */
  label: string;
  scope: TlsScope;
  /** File kinds the pattern is read in; shell commands are matched separately. */
  kinds: readonly TlsFileKind[] | 'any';
  /** Matched against the line with string contents blanked unless `onCode` is set. */
  pattern: RegExp;
  onCode?: boolean;
}

const CODE: TlsFileKind[] = [
  'javascript',
  'typescript',
  'python',
  'go',
  'java',
  'kotlin',
  'scala',
  'csharp',
  'ruby',
  'php',
];

export const TLS_PATTERNS: readonly TlsPattern[] = [
  {
    label: 'ssl._create_default_https_context = ssl._create_unverified_context',
    scope: 'process',
    kinds: ['python'],
    pattern:
      /\b_create_default_https_context\s*=\s*(?:ssl\.)?_create_(?:unverified|stdlib)_context\b/,
  },
  {
    label: '_create_unverified_context()',
    scope: 'connection',
    kinds: ['python'],
    pattern: /\b_create_unverified_context\s*\(/,
  },
  {
    label: 'verify=False',
    scope: 'connection',
    kinds: ['python'],
    pattern: /\bverify\s*=\s*False\b/,
  },
  {
    label: 'ssl.CERT_NONE',
    scope: 'connection',
    kinds: ['python'],
    pattern: /\bCERT_NONE\b|\bcert_reqs\s*=\s*['"](?:CERT_NONE|none)['"]/,
    onCode: true,
  },
  {
    label: 'check_hostname = False',
    scope: 'connection',
    kinds: ['python'],
    pattern: /\bcheck_hostname\s*=\s*False\b/,
  },
  {
    label: 'rejectUnauthorized: false',
    scope: 'connection',
    kinds: ['javascript', 'typescript'],
    pattern: /\brejectUnauthorized\s*[:=]\s*false\b/,
  },
  {
    label: 'InsecureSkipVerify on the default transport',
    scope: 'process',
    kinds: ['go'],
    pattern: /\bDefault(?:Transport|Client)\b.*\bInsecureSkipVerify\s*(?::|=)\s*true\b/,
  },
  {
    label: 'InsecureSkipVerify: true',
    scope: 'connection',
    kinds: ['go'],
    pattern: /\bInsecureSkipVerify\s*(?::|=)\s*true\b/,
  },
  {
    label: 'a default hostname verifier or socket factory that trusts everything',
    scope: 'process',
    kinds: ['java', 'kotlin', 'scala'],
    pattern:
      /\bsetDefault(?:HostnameVerifier|SSLSocketFactory)\s*\(.*(?:->\s*true|NoopHostnameVerifier|TrustAll|trustAll|ALLOW_ALL)/,
  },
  {
    label: 'a hostname verifier that accepts every host',
    scope: 'connection',
    kinds: ['java', 'kotlin', 'scala'],
    pattern:
      /\bNoopHostnameVerifier\b|\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bsetHostnameVerifier\s*\(.*->\s*true/,
  },
  {
    label: 'ServicePointManager.ServerCertificateValidationCallback returning true',
    scope: 'process',
    kinds: ['csharp'],
    pattern: /\bServicePointManager\.ServerCertificateValidationCallback\s*[+]?=.*=>\s*true\b/,
  },
  {
    label: 'a certificate validation callback that accepts every certificate',
    scope: 'connection',
    kinds: ['csharp'],
    pattern:
      /\bServerCertificate(?:Custom)?ValidationCallback\s*=.*=>\s*true\b|\bDangerousAcceptAnyServerCertificateValidator\b/,
  },
  {
    label: 'OpenSSL::SSL::VERIFY_PEER redefined as VERIFY_NONE',
    scope: 'process',
    kinds: ['ruby'],
    pattern: /\bOpenSSL::SSL::VERIFY_PEER\s*=\s*OpenSSL::SSL::VERIFY_NONE\b/,
  },
  {
    label: 'OpenSSL::SSL::VERIFY_NONE',
    scope: 'connection',
    kinds: ['ruby'],
    pattern: /\bOpenSSL::SSL::VERIFY_NONE\b/,
  },
  {
    label: 'CURLOPT_SSL_VERIFYPEER off',
    scope: 'connection',
    kinds: ['php'],
    pattern: /\bCURLOPT_SSL_VERIFY(?:PEER|HOST)\s*(?:=>|,)\s*(?:false|0)\b/i,
  },
  {
    label: "'verify' => false",
    scope: 'connection',
    kinds: ['php'],
    pattern: /['"]verify['"]\s*=>\s*false\b/i,
    onCode: true,
  },
  {
    label: 'NODE_TLS_REJECT_UNAUTHORIZED=0',
    scope: 'process',
    kinds: 'any',
    pattern:
      /(?:^|[^\w"'])(?:["']?)NODE_TLS_REJECT_UNAUTHORIZED["']?\s*\]?\s*(?:=|:|\s)\s*["']?0["']?(?![\w.])/,
    onCode: true,
  },
  {
    label: 'PYTHONHTTPSVERIFY=0',
    scope: 'process',
    kinds: 'any',
    pattern: /(?:^|[^\w"'])["']?PYTHONHTTPSVERIFY["']?\s*\]?\s*(?:=|:|\s)\s*["']?0["']?(?![\w.])/,
    onCode: true,
  },
  {
    label: 'GIT_SSL_NO_VERIFY',
    scope: 'process',
    kinds: 'any',
    pattern:
      /(?:^|[^\w"'])["']?GIT_SSL_NO_VERIFY["']?\s*\]?\s*(?:=|:|\s)\s*["']?(?:1|true)["']?(?![\w.])/i,
    onCode: true,
  },
  {
    label: 'strict-ssl=false',
    scope: 'process',
    kinds: ['config', 'command'],
    pattern: /\bstrict[-_]ssl\b["']?\s*[=:\s]\s*["']?false\b/i,
    onCode: true,
  },
  {
    label: 'sslVerify = false',
    scope: 'process',
    kinds: ['config', 'command'],
    pattern: /\bsslverify\b["']?\s*[=:\s]\s*["']?false\b/i,
    onCode: true,
  },
  {
    label: 'TLS verification turned off in configuration',
    scope: 'connection',
    kinds: ['config', ...CODE],
    pattern:
      /\b(?:verify_?ssl|ssl_?verify|tls_?verify|verify_?tls|verify_certs?|ssl_verify_peer|verify-ssl|ssl-verify|tls-verify)\b["']?\s*[=:]\s*["']?(?:false|no|0|off)\b|\b(?:insecure[-_]skip[-_](?:tls[-_])?verify|skip[-_]tls[-_]verify|tls[-_]skip[-_]verify)\b["']?\s*[=:]\s*["']?(?:true|yes|1|on)\b/i,
    onCode: true,
  },
];

/**
 * Words, one of which occurs (in any case) in every line a pattern above can
 * match, so lines without them need no masking. The shell switches that the
 * detector reads from commands (`curl -k`, `wget --no-check-certificate`,
 * `--insecure-skip-tls-verify`, `http.sslVerify`, `strict-ssl`) are covered too.
 */
export const TLS_WORDS = declareLineWords(
  /verif|_create_|cert_|check_hostname|unauthorized|sslsocketfactory|validationcallback|acceptany|strict[-_]ssl|curl|wget/i,
);

/** Tests a pattern against a line. `onCode` patterns must start outside any longer string literal. */
export function matchesTlsPattern(tls: TlsPattern, line: CodeLine): boolean {
  if (!tls.onCode) return tls.pattern.test(line.masked);
  const match = tls.pattern.exec(line.code);
  if (match === null) return false;
  const start = match.index + match[0].search(/\w/);
  if (line.masked[start] !== ' ') return true;
  // Inside a string, accept only a string that contains the key alone, as in
  // process.env['NODE_TLS_REJECT_UNAUTHORIZED'] or a quoted JSON key.
  const quote = line.code[start - 1];
  const key = /^[\w-]+/.exec(line.code.slice(start))?.[0] ?? '';
  return (quote === '"' || quote === "'") && line.code[start + key.length] === quote;
}
