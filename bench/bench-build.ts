/** The production builds the benchmark serves (the dashboard and the anchors page), and their JavaScript. */
import { existsSync, readFileSync } from 'node:fs';
import { stat as fileStat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { log, ROOT } from './bench-common.ts';
import type { InitialJs } from './results.ts';

export async function buildAll(outRoot: string): Promise<{ app: string; anchors: string }> {
  const app = join(outRoot, 'app');
  const anchors = join(outRoot, 'anchors');
  log('building the dashboard (vite build)');
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: app, emptyOutDir: true } });
  log('building the anchors page');
  await build({
    root: join(ROOT, 'bench', 'anchors'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: anchors, emptyOutDir: true, target: 'es2023', chunkSizeWarningLimit: 100_000 },
  });
  return { app, anchors };
}

async function jsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 6 }).length;
}

export async function initialJs(appDir: string, startupUrls: string[], appUrl: string): Promise<InitialJs> {
  const html = await readFile(join(appDir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const entryFiles = [...new Set(refs)].map((r) => join(appDir, r));
  const all = await jsFiles(appDir);
  const startupFiles = [
    ...new Set(
      startupUrls
        .filter((u) => u.startsWith(appUrl) && u.endsWith('.js'))
        .map((u) =>
          join(appDir, decodeURIComponent(new URL(u).pathname.slice(new URL(appUrl).pathname.length))),
        ),
    ),
  ].filter(existsSync);
  const sum = (files: string[]) => files.reduce((n, f) => n + gzipSize(f), 0);
  let totalRaw = 0;
  for (const f of all) totalRaw += (await fileStat(f)).size;
  return {
    entryGzipBytes: sum(entryFiles),
    entryFiles: entryFiles.map((f) => relative(appDir, f)),
    startupGzipBytes: startupFiles.length > 0 ? sum(startupFiles) : null,
    startupFiles: startupFiles.map((f) => relative(appDir, f)),
    totalGzipBytes: sum(all),
    totalRawBytes: totalRaw,
  };
}
