import { isDoc, languageOf } from '../file-kind.js';
import { defineDetector } from '../define.js';
import { declareLineWords, linesWithWords } from './line-words.js';
import { codeLines, firstLineOf, type CodeLine } from './support.js';

// Calls that set a mode as given. The umask does not apply, so 0o777 means world-writable.
const SET_MODE =
  /(?:\b(?:os|fs|fsp|promises|File|FileUtils)\.(?:l|f)?[cC]hmod(?:Sync)?|\.chmod|\bchmod)\s*\(/;
// Calls that create a file or directory with a mode. The process umask (usually 022) clears
// group and others write, so a wide mode here is only reported when it loosens a narrower one.
const CREATE_WITH_MODE =
  /\b(?:os|ioutil|fs|fsp|promises|pathlib)\.(?:WriteFile|OpenFile|Mkdir|MkdirAll|makedirs|mkdir|open|writeFile|writeFileSync|mkdirSync|openSync)\s*\(|\.mkdir\s*\(/;
// Every call name SET_MODE or CREATE_WITH_MODE matches contains one of these words, so lines
// without them are never read as code.
const CALL_WORDS = declareLineWords(/hmod|[mM]kdir|makedirs|open|OpenFile|[wW]riteFile/);
const MODE_TOKEN =
  /\b0[oO]?[0-7]{3,4}\b|(['"])0?[0-7]{3,4}\1|\b(?:os|fs)\.ModePerm\b|\bS_I(?:WOTH|RWXO|SUID|SGID)\b|\b[1-9][0-9]{2,3}\b/g;

type Loosening = 'world-writable' | 'setuid/setgid';

/** Returns the widest loosening among the mode literals of a call's argument text. */
export function looseningOfModeArguments(args: string, decimalAllowed: boolean): Loosening | null {
  let found: Loosening | null = null;
  for (const match of args.matchAll(MODE_TOKEN)) {
    const token = match[0].replace(/['"]/g, '');
    let mode: number;
    if (/ModePerm$/.test(token)) mode = 0o777;
    else if (token === 'S_IWOTH' || token === 'S_IRWXO') mode = 0o002;
    else if (token === 'S_ISUID' || token === 'S_ISGID') mode = 0o4000;
    else if (/^0[oO]?[0-7]+$/.test(token) || match[1] !== undefined)
      mode = parseInt(token.replace(/^0[oO]/, ''), 8);
    else if (decimalAllowed) mode = parseInt(token, 10);
    else continue;
    if (mode > 0o7777) continue;
    if (mode & 0o6000) return 'setuid/setgid';
    if (mode & 0o002) found = 'world-writable';
  }
  return found;
}

interface ModeCall {
  kind: 'set' | 'create';
  name: string;
  loosening: Loosening | null;
}

function modeCallOf(line: CodeLine, decimalAllowed: boolean): ModeCall | null {
  const set = SET_MODE.exec(line.masked);
  const create = set ? null : CREATE_WITH_MODE.exec(line.masked);
  const match = set ?? create;
  if (!match) return null;
  const args = line.code.slice(match.index + match[0].length);
  return {
    kind: set ? 'set' : 'create',
    name: match[0].slice(0, -1).trimEnd(),
    // Decimal modes are plain numbers only where the call takes an integer mode (Node, Python).
    loosening: looseningOfModeArguments(args, decimalAllowed && set !== null),
  };
}

export default defineDetector({
  meta: {
    id: 'permission/code-permissive-mode',
    category: 'permission',
    severity: 'warn',
    confidence: 'medium',
    description:
      'Report code that sets world-writable or setuid/setgid file modes through chmod, mkdir or file-creation calls.',
    messages: {
      setMode:
        '`{{call}}` sets a {{loosening}} mode, so {{consequence}}. Use a mode without those bits, such as 0o755 for programs or 0o644 for data.',
      loosenedCreate:
        '`{{call}}` now creates files with a {{loosening}} mode where it used a narrower one, so {{consequence}} unless the umask happens to clear it. Restore the narrower mode.',
      newCreate:
        '`{{call}}` creates files with a {{loosening}} mode, and only the process umask (usually 022) keeps others from writing them. Pass the narrowest mode the file needs, such as 0o600 for secrets.',
    },
  },
  keywords: [
    'chmod',
    'mode',
    'mkdir',
    'writefile',
    'openfile',
    'makedirs',
    'open',
    's_iwoth',
    's_irwxo',
    's_isuid',
  ],
  async run(context) {
    for (const file of context.commit.files) {
      if (isDoc(file.path)) continue;
      const firstLine = await firstLineOf(file);
      const language = languageOf(file.path, firstLine);
      if (language === null || language === 'shell') continue;
      const decimalAllowed = ['javascript', 'typescript', 'python'].includes(language);
      const narrowerBefore = new Set<string>();
      for (const line of codeLines(file, linesWithWords(file.removed, CALL_WORDS), firstLine)) {
        const call = modeCallOf(line, decimalAllowed);
        if (call && call.loosening === null) narrowerBefore.add(call.name);
      }
      for (const line of codeLines(file, linesWithWords(file.added, CALL_WORDS), firstLine)) {
        const call = modeCallOf(line, decimalAllowed);
        if (!call || call.loosening === null) continue;
        const loosened =
          call.kind === 'set' ||
          call.loosening === 'setuid/setgid' ||
          narrowerBefore.has(call.name);
        let messageId = 'setMode';
        if (call.kind === 'create') messageId = loosened ? 'loosenedCreate' : 'newCreate';
        context.report({
          messageId,
          data: {
            call: call.name,
            loosening: call.loosening,
            consequence:
              call.loosening === 'world-writable'
                ? 'any local user or process can modify the file'
                : "the program runs with its owner's or group's privileges for every caller",
          },
          file: file.path,
          line: line.line,
          match: line.code.trim(),
          evidence: line.code.trim(),
          // A new create call with a wide mode is usually narrowed by the umask, so it only informs.
          severity: loosened ? 'warn' : 'info',
        });
      }
    }
  },
});
