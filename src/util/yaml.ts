// Wrappers that load the yaml package on first use. Loading it runs several
// dozen module bodies, and most commits change no YAML file. Modules import
// these instead of 'yaml' itself (types may still come from 'yaml').
// The call is a literal require() so that the bundler includes the package.
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

function yaml(): typeof Yaml {
  lib ??= require('yaml') as typeof Yaml;
  return lib;
}

export const parse = ((...args: unknown[]) => (yaml().parse as (...a: unknown[]) => unknown)(...args)) as typeof Yaml.parse;
export const parseDocument = ((...args: unknown[]) =>
  (yaml().parseDocument as (...a: unknown[]) => unknown)(...args)) as typeof Yaml.parseDocument;
export const parseAllDocuments = ((...args: unknown[]) =>
  (yaml().parseAllDocuments as (...a: unknown[]) => unknown)(...args)) as typeof Yaml.parseAllDocuments;
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;

/** Returns a new yaml LineCounter, which maps offsets in a parsed text to lines. */
export function newLineCounter(): Yaml.LineCounter {
  return new (yaml().LineCounter)();
}
