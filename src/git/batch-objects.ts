// Reads many objects with one `git cat-file --batch`, for the callers that
// need a known list of objects at once (blob-reader.ts streams them instead).
import { gitSyncBuffer } from './exec.js';

export interface GitObject {
  /** The object type, or `missing` when git does not have the object. */
  type: string;
  content: Buffer;
}

/** The arguments of the `git cat-file` call that reads objects, whose input is `objectsInput`. */
export const READ_OBJECTS_ARGS: readonly string[] = ['cat-file', '--batch'];

/** Returns the input that names `ids` to READ_OBJECTS_ARGS. */
export function objectsInput(ids: readonly string[]): string {
  return `${ids.join('\n')}\n`;
}

/** Returns the objects named by `ids`, in the same order. */
export function readObjects(cwd: string, ids: readonly string[]): GitObject[] {
  if (ids.length === 0) return [];
  return objectsOf(gitSyncBuffer(READ_OBJECTS_ARGS, { cwd, input: objectsInput(ids) }), ids);
}

/** Splits the output of READ_OBJECTS_ARGS for `ids` into its objects, in the order of `ids`. */
export function objectsOf(out: Buffer, ids: readonly string[]): GitObject[] {
  const objects: GitObject[] = [];
  let offset = 0;
  for (let i = 0; i < ids.length; i += 1) {
    const headerEnd = out.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    // `<id> <type> <size>` precedes the content and its newline; a missing object is `<id> missing` alone.
    const [, type = 'missing', size] = out.subarray(offset, headerEnd).toString('latin1').split(' ');
    if (size === undefined) {
      objects.push({ type: 'missing', content: Buffer.alloc(0) });
      offset = headerEnd + 1;
      continue;
    }
    const start = headerEnd + 1;
    const length = Number(size);
    objects.push({ type, content: out.subarray(start, start + length) });
    offset = start + length + 1;
  }
  return objects;
}
