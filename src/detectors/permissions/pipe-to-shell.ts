import { defineDetector } from '../define.js';
import { isJoined } from '../continued-lines.js';
import { commandLines } from './shell.js';
import { RemovedMatches, normalizeSpace, type CodeLine } from './support.js';

const DOWNLOADER = String.raw`\b(?:curl|wget|fetch|iwr|Invoke-WebRequest)\b`;
const INTERPRETER = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:(?:env\s+)?(?:ba|z|k|da|a)?sh|python[0-9.]*|perl|ruby|node|iex|Invoke-Expression)\b`;
// `curl … | sh`, `sh <(curl …)`, `sh -c "$(curl …)"`. Each quantified part is bounded by a
// distinct delimiter, so the patterns cannot backtrack catastrophically.
const PIPED = new RegExp(`${DOWNLOADER}[^|\\n]*\\|\\s*${INTERPRETER}`, 'i');
const DOWNLOADER_WORD = new RegExp(DOWNLOADER, 'i');
const SUBSTITUTED = new RegExp(`${INTERPRETER}[^<$\\n]*(?:<\\(|\\$\\()\\s*${DOWNLOADER}`, 'i');

export default defineDetector({
  meta: {
    id: 'permission/pipe-to-shell',
    category: 'permission',
    severity: 'warn',
    confidence: 'high',
    description:
      'Report scripts, Dockerfiles and CI steps that download code and run it in a shell unseen.',
    messages: {
      pipeToShell:
        "This line runs whatever the download returns ({{command}}), so a compromised or spoofed server executes code with the script's privileges. Download to a file, verify its checksum or signature, then run it.",
    },
  },
  keywords: ['curl', 'wget', 'fetch', 'iwr', 'invoke-webrequest'],
  async run(context) {
    for (const file of context.commit.files) {
      const removed = new RemovedMatches();
      const removedPipes = new RemovedMatches();
      for (const line of await commandLines(file, file.removed)) {
        removed.add(normalizeSpace(line.code));
        const pipe = pipeOf(line);
        if (pipe !== null) removedPipes.add(normalizeSpace(pipe[0]));
      }
      for (const line of await commandLines(file)) {
        const match = pipeOf(line);
        if (match === null) continue;
        // A joined line keeps unchanged lines around the added ones, so it is compared by pipe.
        const seen = isJoined(line)
          ? removedPipes.consume(normalizeSpace(match[0]))
          : removed.consume(normalizeSpace(line.code));
        if (seen) continue;
        context.report({
          messageId: 'pipeToShell',
          data: { command: normalizeSpace(match[0]).slice(0, 80) },
          file: file.path,
          line: line.line,
          match: normalizeSpace(line.code),
          evidence: line.code.trim(),
        });
      }
    }
  },
});

/**
 * Finds a download piped or substituted into a shell. A pipe counts only when the
 * downloader is outside quotes (not an `echo "curl … | sh"`), while
 * `sh -c "$(curl …)"` runs the download even inside double quotes.
 */
function pipeOf(line: CodeLine): RegExpExecArray | null {
  const piped = DOWNLOADER_WORD.test(line.masked) ? PIPED.exec(line.code) : null;
  return piped ?? SUBSTITUTED.exec(line.code);
}
