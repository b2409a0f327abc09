import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch folder for CLI tests; `write` puts a file in it and returns its path. */
export function scratchFiles(prefix: string): {
  dir: string;
  write(name: string, content: string | Uint8Array): string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/**
 * Runs the CLI from its source (`npm run -s cli -- …` runs the bundle built from the same source, see
 * bin/dmscope.mjs and test/cli/bundle.test.ts), capturing status and both streams.
 */
export function cli(...args: string[]): CliResult {
  return cliWithInput('', ...args);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `cli`, with `input` on its standard input. */
export function cliWithInput(input: string | Uint8Array, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    cwd: process.cwd(),
    input,
    // the summary of an archive of 20,000 files names each file's family: megabytes, past the 1 MB default
    maxBuffer: 256 * 2 ** 20,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a bash script in which `dmscope` is the CLI: for pipes, FIFOs and process substitution. */
export function cliInShell(script: string): CliResult {
  const dmscope = `dmscope() { '${process.execPath}' --import tsx src/cli/main.ts "$@"; }`;
  const result = spawnSync('bash', ['-c', `${dmscope}\n${script}`], {
    encoding: 'utf8',
    cwd: process.cwd(),
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Makes the process write its peak resident set size to standard error as it exits (exit() included). */
const REPORT_PEAK_RSS = `data:text/javascript,process.on('exit', () => process.stderr.write('peak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'))`;

/** `cli`, and the CLI process's peak resident set size in bytes (Linux: its VmHWM). */
export function cliPeakRss(...args: string[]): ReturnType<typeof cli> & { peakRssBytes: number } {
  const result = spawnSync(
    process.execPath,
    ['--import', REPORT_PEAK_RSS, '--import', 'tsx', 'src/cli/main.ts', ...args],
    { encoding: 'utf8', cwd: process.cwd() },
  );
  const peak = /^peak-rss-kb (\d+)$/m.exec(result.stderr);
  if (peak === null) throw new Error(`the CLI reported no peak RSS: ${result.stderr}`);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.replace(peak[0], '').trimEnd(),
    peakRssBytes: Number(peak[1]) * 1024,
  };
}
