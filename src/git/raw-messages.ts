// git's pretty formats (%B of `git log`) end a commit message at its first NUL
// byte, though the commit object keeps every byte after it and
// `git cat-file -p` shows them. A credential placed after a NUL would go
// unread, so the messages are also read from the raw commit objects, and a
// message with a NUL is judged in full, each NUL read as a line break.
import { gitSyncBuffer } from './exec.js';

/** Returns, for each commit among `shas` whose message contains a NUL byte, its whole message. */
export function messagesWithNul(cwd: string, shas: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (shas.length === 0) return found;
  const out = gitSyncBuffer(['cat-file', '--batch'], { cwd, input: `${shas.join('\n')}\n` });
  let at = 0;
  for (const sha of shas) {
    const headerEnd = out.indexOf(0x0a, at);
    if (headerEnd < 0) break;
    const [, type, size] = out.subarray(at, headerEnd).toString('latin1').split(' ');
    const length = Number(size);
    const body = out.subarray(headerEnd + 1, headerEnd + 1 + length);
    at = headerEnd + 1 + length + 1;
    if (type !== 'commit') continue;
    const split = body.indexOf('\n\n');
    const message = split < 0 ? Buffer.alloc(0) : body.subarray(split + 2);
    if (message.includes(0)) found.set(sha, message.toString('utf8').replaceAll('\0', '\n'));
  }
  return found;
}
