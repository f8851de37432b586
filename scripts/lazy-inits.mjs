// Rewrites esbuild's lazy module wrappers in a bundle as plain function
// expressions. esbuild wraps each module that loads on first use as
// `__esm({"src/a.ts"(){…}})` (or `__commonJS({"…"(exports, module){…}})` for a
// CommonJS package), and the bundle builds one such object literal for each of
// its 458 modules at start-up. V8 builds an object literal that contains a method
// through a runtime call: the bundle's top level took about 1.0 ms with the
// object literals and 0.35 ms with function expressions (node 20, 2 cores).
//
// Each wrapper becomes `__esm(function name(){…} )`, with `name` made from the
// module path where a safe one fits, so stack traces still name most modules. Every edit keeps the text
// the same length and on the same line, so the source map still fits.
import ts from 'typescript';

const HELPERS = [
  [
    'var __esm=(fn,res,err)=>function(){if(err)throw err[0];try{return fn&&(res=(0,fn[__getOwnPropNames(fn)[0]])(fn=0)),res}catch(e){throw err=[e],e}};',
    'var __esm=(fn,res,err)=>function(){if(err)throw err[0];try{return fn&&(res=fn(fn=0)),res}catch(e){throw err=[e],e}};',
  ],
  [
    'var __commonJS=(cb,mod)=>function(){try{return mod||(0,cb[__getOwnPropNames(cb)[0]])((mod={exports:{}}).exports,mod),mod.exports}catch(e){throw mod=0,e}};',
    'var __commonJS=(cb,mod)=>function(){try{return mod||cb((mod={exports:{}}).exports,mod),mod.exports}catch(e){throw mod=0,e}};',
  ],
];

/** Pads `text` to `length` with spaces inserted at offset `where`, where a space changes nothing. */
function padTo(text, length, where) {
  if (text.length > length) throw new Error(`lazy-inits: a rewrite grew: ${JSON.stringify(text)}`);
  return text.slice(0, where) + ' '.repeat(length - text.length) + text.slice(where);
}

// Words a function expression cannot be named in strict code.
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this ' +
    'throw true try typeof var void while with yield await arguments eval undefined').split(' '),
);

/**
 * Returns a name of at most `room` characters for a module's init function:
 * the module's file name without its extension, after as many of its folders
 * as fit (`src/cli/check.ts` in 10 characters gives `cli_check`). A named
 * function expression can see its own name inside its body, so a name that
 * occurs anywhere in the bundle (`identifiers`), or a reserved word, gives ''
 * and the function stays anonymous.
 */
function nameOf(path, room, identifiers) {
  const segments = path.split('/').map((segment) => segment.replace(/[^A-Za-z0-9_$]/g, '_'));
  let name = segments.pop().replace(/_[cm]?[jt]s$/, '');
  while (segments.length > 0 && name.length + segments.at(-1).length + 1 <= room) name = `${segments.pop()}_${name}`;
  const usable = name.length <= room && /^[A-Za-z_$]/.test(name) && !RESERVED.has(name) && !identifiers.has(name);
  return usable ? name : '';
}

/**
 * Rewrites the wrappers of `text` and returns the new text with the number of
 * wrappers rewritten. Throws when esbuild's helpers are not the ones expected,
 * so a new esbuild version cannot silently leave the bundle half rewritten.
 */
export function rewriteLazyInits(text, file) {
  let out = text;
  for (const [before, after] of HELPERS) {
    const at = out.indexOf(before);
    if (at < 0 || out.indexOf(before, at + 1) >= 0) {
      throw new Error(`${file}: esbuild's helper ${before.slice(0, before.indexOf('='))} is not as expected; update scripts/lazy-inits.mjs`);
    }
    out = out.slice(0, at) + padTo(after, before.length, after.indexOf('=') + 1) + out.slice(at + before.length);
  }
  const identifiers = new Set(out.match(/[A-Za-z_$][A-Za-z0-9_$]*/g));
  const source = ts.createSourceFile(file, out, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const edits = [];
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === '__esm' || node.expression.text === '__commonJS') &&
      node.arguments.length === 1
    ) {
      const literal = node.arguments[0];
      const method = ts.isObjectLiteralExpression(literal) && literal.properties.length === 1 ? literal.properties[0] : null;
      if (!method || !ts.isMethodDeclaration(method) || !ts.isStringLiteral(method.name) || !method.body) {
        throw new Error(`${file}: a ${node.expression.text} call at offset ${node.getStart(source)} has another shape`);
      }
      // `{"path"(` becomes `function name(`, and the `}` that closes the object a space.
      const start = literal.getStart(source);
      const open = out.indexOf('(', method.name.getEnd());
      if (open !== method.name.getEnd()) throw new Error(`${file}: a wrapper at offset ${start} has text between its name and parameters`);
      const width = open + 1 - start;
      const name = nameOf(method.name.text, width - 'function ('.length, identifiers);
      edits.push({ start, end: open + 1, text: padTo(`function ${name}(`, width, 'function'.length) });
      edits.push({ start: method.body.getEnd(), end: literal.getEnd(), text: ' '.repeat(literal.getEnd() - method.body.getEnd()) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  edits.sort((a, b) => b.start - a.start);
  for (const edit of edits) {
    if (out.slice(edit.start, edit.end).includes('\n')) throw new Error(`${file}: a wrapper edit at offset ${edit.start} spans lines`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  if (out.length !== text.length) throw new Error(`${file}: the rewrite changed the bundle's length`);
  return { text: out, count: edits.length / 2 };
}
