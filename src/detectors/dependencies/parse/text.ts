/**
 * Cuts a line at the first comment marker that starts the line or follows
 * whitespace. It uses `indexOf` because a `\s#.*$` pattern rescans the rest of
 * the line from every candidate position.
 */
export function stripComment(line: string, marker: string): string {
  let at = line.indexOf(marker);
  while (at > 0 && !/\s/.test(line.charAt(at - 1))) at = line.indexOf(marker, at + 1);
  return at === -1 ? line : line.slice(0, at);
}

/** Removes trailing `/` characters. */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === '/') end -= 1;
  return text.slice(0, end);
}
