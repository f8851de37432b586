// The only module that writes diagnostics. Stdout carries reports alone;
// everything here goes to stderr. Set DEBUG=diff-guardian or DEBUG=diff-guardian:*
// for debug lines, which name the detector, path and commit but never a secret value.

import { stderr } from './util/fd-output.js';

const debugPattern = process.env.DEBUG ?? '';
const debugEnabled = /(^|,)\s*(diff-guardian(:\*)?|\*)\s*(,|$)/.test(debugPattern);

let quiet = false;

export function setQuiet(value: boolean): void {
  quiet = value;
}

export function isQuiet(): boolean {
  return quiet;
}

export function isDebugEnabled(): boolean {
  return debugEnabled;
}

export function debug(scope: string, message: string): void {
  if (debugEnabled) stderr.write(`diff-guardian:${scope} ${message}\n`);
}

export function warn(message: string): void {
  if (!quiet) stderr.write(`diff-guardian: warning: ${message}\n`);
}

export function error(message: string): void {
  stderr.write(`diff-guardian: ${message}\n`);
}

export function info(message: string): void {
  if (!quiet) stderr.write(`${message}\n`);
}
