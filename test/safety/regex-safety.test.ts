import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every regular expression that ships (literals and `new RegExp('…')` with a
// literal pattern, in src/) runs against inputs built to trigger catastrophic
// backtracking: long runs of one character, of the characters the pattern
// itself names, and of those followed by a character that makes a match fail
// at the end. A linear pattern finishes each in well under a millisecond per
// kilobyte; one that backtracks exponentially or quadratically does not finish
// within the bound below.

const ROOT = resolve(__dirname, '../..');
const INPUT_LENGTH = 20_000;
const BOUND_MS = 1_500;

interface ShippedRegex {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function collectRegexes(): ShippedRegex[] {
  const found: ShippedRegex[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      const where = `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const end = literal.lastIndexOf('/');
        found.push({ where, source: literal.slice(1, end), flags: literal.slice(end + 1) });
      } else if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp' &&
        node.arguments?.[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        const flags = node.arguments[1] && ts.isStringLiteralLike(node.arguments[1]) ? node.arguments[1].text : '';
        found.push({ where, source: node.arguments[0].text, flags });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Characters a pattern names literally, used to build inputs that nearly match it. */
function literalCharacters(source: string): string[] {
  const chars = new Set<string>();
  for (const match of source.matchAll(/\\.|[^\\[\](){}*+?|^$.]/g)) {
    const text = match[0];
    if (text.length === 1) chars.add(text);
    else if (/\\[-/.:=@_#'"`~!%&,;<> ]/.test(text)) chars.add(text[1]!);
  }
  return [...chars].slice(0, 24);
}

function pathologicalInputs(regex: ShippedRegex): string[] {
  const inputs = ['a', 'A', '0', ' ', '\t', '=', '-', '_', '/', '.', '"', "'", ':', '+', '\\', 'aA0', 'a=', 'a ', '- ', 'x@']
    .map((unit) => unit.repeat(Math.ceil(INPUT_LENGTH / unit.length)));
  const literals = literalCharacters(regex.source);
  if (literals.length > 0) {
    const mix = literals.join('');
    inputs.push(mix.repeat(Math.ceil(INPUT_LENGTH / mix.length)));
    for (const char of literals) inputs.push(`${char.repeat(INPUT_LENGTH)}\u0000`);
  }
  // A run that nearly matches and then fails at its last character is what makes backtracking explode.
  return inputs.flatMap((input) => [input, `${input}\u0000`, `${input}!\n`]);
}

// The worker reports 'ready' once started, and the bound counts from then, so
// the time a busy machine takes to start a thread does not count.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage('ready');
const re = new RegExp(workerData.source, workerData.flags.replace(/[gy]/g, ''));
for (const input of workerData.inputs) {
  re.test(input);
  input.replace(new RegExp(workerData.source, workerData.flags.includes('g') ? workerData.flags : workerData.flags + 'g'), '');
}
parentPort.postMessage('done');
`;

function runBounded(regex: ShippedRegex, inputs: string[]): Promise<'done' | 'timeout'> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { source: regex.source, flags: regex.flags, inputs } });
    let timer: NodeJS.Timeout | undefined;
    worker.on('message', (message) => {
      if (message === 'ready') {
        timer = setTimeout(() => {
          void worker.terminate();
          resolvePromise('timeout');
        }, BOUND_MS);
        return;
      }
      clearTimeout(timer);
      void worker.terminate();
      resolvePromise('done');
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${regex.where}: /${regex.source}/${regex.flags} failed: ${error.message}`));
    });
  });
}

describe('shipped regular expressions', () => {
  it('finish on pathological input within the bound', { timeout: 600_000 }, async () => {
    const regexes = collectRegexes();
    expect(regexes.length).toBeGreaterThan(10);
    const slow: string[] = [];
    let cases = 0;
    // Several workers at once keep the run short on a small machine.
    const queue = [...regexes];
    const runners = Array.from({ length: 4 }, async () => {
      for (let regex = queue.shift(); regex; regex = queue.shift()) {
        const inputs = pathologicalInputs(regex);
        cases += inputs.length;
        // A pattern over the bound runs once more, since other processes can hold both CPUs for a while.
        if ((await runBounded(regex, inputs)) === 'timeout' && (await runBounded(regex, inputs)) === 'timeout') {
          slow.push(`${regex.where}: /${regex.source}/${regex.flags}`);
        }
      }
    });
    await Promise.all(runners);
    console.log(`regex safety: ${regexes.length} shipped regular expressions, ${cases} pathological inputs of ${INPUT_LENGTH} characters`);
    expect(slow).toEqual([]);
  });
});
