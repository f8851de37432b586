// git's pretty formats (%B of `git log`) end a commit message at its first NUL
// byte, though the commit object keeps every byte after it and
// `git cat-file -p` shows them. A credential placed after a NUL would go
// unread, so the messages are also read from the raw commit objects, and a
// message with a NUL is judged in full, each NUL read as a line break.
import { readObjects } from './batch-objects.js';

/** Returns, for each commit among `shas` whose message contains a NUL byte, its whole message. */
export function messagesWithNul(cwd: string, shas: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  readObjects(cwd, shas).forEach((object, index) => {
    if (object.type !== 'commit') return;
    const split = object.content.indexOf('\n\n');
    const message = split < 0 ? Buffer.alloc(0) : object.content.subarray(split + 2);
    if (message.includes(0)) found.set(shas[index]!, message.toString('utf8').replaceAll('\0', '\n'));
  });
  return found;
}
