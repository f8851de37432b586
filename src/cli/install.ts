import { UsageError } from '../errors.js';
import type { CliIO } from './io.js';

// NOTE: placeholder until the install command is built; it exits 2 with this message.
export async function run(_argv: string[], _io: CliIO): Promise<number> {
  throw new UsageError('the install command is not available in this build yet');
}
