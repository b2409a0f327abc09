#!/usr/bin/env node
/**
 * The CLI (`npm run -s cli -- …`): runs dist-cli/dmscope.mjs, the bundle vite.cli.config.ts makes of
 * src/cli/main.ts, after building it again when it is missing or older than any file it is built from (src/,
 * the lock file, the config) — so a run never uses code older than the source. Each build goes to a folder
 * of its own and is renamed into place, so runs started together never load a half-written bundle: first
 * its chunks (dist-cli/chunks, loaded on demand; their names carry a hash of their content, so a chunk is
 * never replaced by other code), then the entry. node:child_process is loaded only to build.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-cli', 'dmscope.mjs');

/**
 * Whether a file, a folder or any file under a folder was modified after `built` (a folder's own time
 * counts: it changes when a file is added, removed or renamed). Stops at the first such file: a run pays
 * for one look at each source file (a few ms), not more.
 */
function newerThan(path, built, isDirectory) {
  if (statSync(path).mtimeMs > built) return true;
  if (!isDirectory) return false;
  for (const entry of readdirSync(path, { withFileTypes: true }))
    if (newerThan(`${path}/${entry.name}`, built, isFolder(path, entry))) return true;
  return false;
}

function isFolder(parent, entry) {
  return entry.isSymbolicLink() ? statSync(`${parent}/${entry.name}`).isDirectory() : entry.isDirectory();
}

function stale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const sources = [
    ['src', true],
    ['package-lock.json', false],
    ['vite.cli.config.ts', false],
  ];
  return sources.some(([p, dir]) => existsSync(join(root, p)) && newerThan(join(root, p), built, dir));
}

/**
 * Chunks of earlier builds (not in `current`), once no run started before this build can still load them
 * (an hour after they were built).
 */
function dropOldChunks(folder, current) {
  const before = Date.now() - 3_600_000;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (!current.has(name) && statSync(path).mtimeMs < before) rmSync(path, { force: true });
  }
}

if (stale()) {
  const { execFileSync } = await import('node:child_process');
  const out = join(root, 'dist-cli', `.build-${process.pid}`);
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    // vite's messages go to standard error: standard output stays the CLI's (its JSON)
    execFileSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', out], {
      cwd: root,
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    const chunks = join(root, 'dist-cli', 'chunks');
    mkdirSync(chunks, { recursive: true });
    const built = existsSync(join(out, 'chunks')) ? readdirSync(join(out, 'chunks')) : [];
    for (const name of built) renameSync(join(out, 'chunks', name), join(chunks, name));
    renameSync(join(out, 'dmscope.mjs.map'), `${bundle}.map`);
    renameSync(join(out, 'dmscope.mjs'), bundle);
    dropOldChunks(chunks, new Set(built));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
await import(pathToFileURL(bundle).href);
