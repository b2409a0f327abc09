import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveStatic } from './dmscope-server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Production build into a temporary folder, served under a sub-path; tests read the URL from the env. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'dmscope-e2e-')), 'dist');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const { url, close } = await serveStatic(outDir);
  process.env.DMSCOPE_E2E_URL = url;
  return close;
}
