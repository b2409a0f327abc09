#!/usr/bin/env node
/**
 * The CLI (`npm run -s cli -- …`): runs dist-cli/dmscope.mjs, the bundle vite.cli.config.ts makes of
 * src/cli/main.ts, after building it again when it is missing or older than any file it is built from (src/,
 * the lock file, the config) — so a run never uses code older than the source. Each build goes to a folder
 * of its own and is renamed into place, so runs started together never load a half-written bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-cli', 'dmscope.mjs');

/** The latest modification time of a file, or of any file under a folder. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function stale() {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const sources = ['src', 'package-lock.json', 'vite.cli.config.ts'].map((p) => join(root, p));
  return sources.some((path) => existsSync(path) && newest(path) > built);
}

if (stale()) {
  const out = join(root, 'dist-cli', `.build-${process.pid}`);
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    // vite's messages go to standard error: standard output stays the CLI's (its JSON)
    execFileSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', out], {
      cwd: root,
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    renameSync(join(out, 'dmscope.mjs.map'), `${bundle}.map`);
    renameSync(join(out, 'dmscope.mjs'), bundle);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
await import(pathToFileURL(bundle).href);
