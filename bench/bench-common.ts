/** What every part of the benchmark shares: the project root, units and the progress log. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** MB are 10⁶ bytes, in the table and in rates. */
export const MB = 1e6;

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
