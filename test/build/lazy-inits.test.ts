import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script without type declarations
import { rewriteLazyInits } from '../../scripts/lazy-inits.mjs';

// esbuild's helpers as it writes them in a minified bundle, and two wrappers whose bodies hold braces in a
// string, a template, a regular expression and a nested function.
const BUNDLE = [
  'var __getOwnPropNames=Object.getOwnPropertyNames;',
  'var __esm=(fn,res,err)=>function(){if(err)throw err[0];try{return fn&&(res=(0,fn[__getOwnPropNames(fn)[0]])(fn=0)),res}catch(e){throw err=[e],e}};',
  'var __commonJS=(cb,mod)=>function(){try{return mod||(0,cb[__getOwnPropNames(cb)[0]])((mod={exports:{}}).exports,mod),mod.exports}catch(e){throw mod=0,e}};',
  'var a,init_a=__esm({"src/errors.ts"(){"use strict";a=["}",`{${1+1}}`,/[{}]+/.source,(()=>{return{x:1}})().x].join("|")}});',
  'var require_pkg=__commonJS({"node_modules/pkg/index.js"(exports,module){module.exports={value:"}})"}}});',
  'init_a();result=[a,require_pkg().value,require_pkg()===require_pkg()];',
].join('\n');

function evaluate(text: string): unknown {
  const context: { result?: unknown } = {};
  runInNewContext(text, context);
  return context.result;
}

describe('lazy module wrappers', () => {
  it('keep their length and result', () => {
    const { text, count } = rewriteLazyInits(BUNDLE, 'bundle.js');
    expect(count).toBe(2);
    expect(text).toHaveLength(BUNDLE.length);
    expect(text.split('\n').map((line: string) => line.length)).toEqual(BUNDLE.split('\n').map((line) => line.length));
    expect(text).not.toContain('__esm({');
    expect(text).toContain('__esm(function');
    expect(evaluate(text)).toEqual(evaluate(BUNDLE));
    expect(evaluate(text)).toEqual(['}|{2}|[{}]+|1', '}})', true]);
  });

  it('name each function after its module', () => {
    const { text } = rewriteLazyInits(BUNDLE.replace('src/errors.ts', 'src/cli/errors.ts'), 'bundle.js');
    expect(text).toMatch(/__esm\(function +cli_errors\(/);
    expect(text).toMatch(/__commonJS\(function +pkg_index\(/);
  });

  it.each([['src/default.ts'], ['src/let.ts'], ['src/a.ts']])('leave %s anonymous when its name is unsafe', (path) => {
    // `a` is a variable of the bundle, so naming the function `a` would hide it inside the init.
    const { text } = rewriteLazyInits(BUNDLE.replace('src/errors.ts', path), 'bundle.js');
    expect(text).toMatch(/__esm\(function +\(\)/);
    expect(evaluate(text)).toEqual(evaluate(BUNDLE));
  });

  it('rejects helpers esbuild wrote differently', () => {
    expect(() => rewriteLazyInits(BUNDLE.replace('(fn=0)', '(fn = 0)'), 'bundle.js')).toThrow(/helper var __esm/);
  });
});
