/** What every part of the benchmark shares: the project root, units and the progress log. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** MB are 10⁶ bytes, in the table and in rates. */
export const MB = 1e6;

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Revisions checked out for an A/B: `checkout(rev)` gives a temporary git worktree of `rev` with this
 * checkout's node_modules linked in, or ROOT itself for "."; `removeAll()` removes the worktrees made.
 */
export function abCheckouts(prefix: string): { checkout(rev: string): string; removeAll(): void } {
  const made: string[] = [];
  return {
    checkout(rev) {
      if (rev === '.') return ROOT;
      const dir = mkdtempSync(join(tmpdir(), prefix));
      execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', dir, rev], { stdio: 'ignore' });
      made.push(dir);
      const modules = join(ROOT, 'node_modules');
      if (existsSync(modules)) symlinkSync(modules, join(dir, 'node_modules'));
      return dir;
    },
    removeAll() {
      for (const dir of made) execFileSync('git', ['-C', ROOT, 'worktree', 'remove', '--force', dir]);
    },
  };
}
