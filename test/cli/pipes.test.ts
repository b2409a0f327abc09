import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cliInShell, cliWithInput, scratchFiles } from '../support/run-cli.ts';

const { dir, write: file } = scratchFiles('dmscope-pipes-');

/** More than a pipe holds at once (64 KiB), so the CLI must read while the writer writes. */
const ROWS = 20_000;
const CSV = `result_code,device_id\n${Array.from({ length: ROWS }, (_, i) => `${i % 4 ? 1200 : 1404},d${i}`).join('\n')}\nERR,dx\n`;

const summary = (stdout: string) => JSON.parse(stdout).source as { files: string[]; rowsRead: number };

describe('dmscope summarize reads pipes', () => {
  it('reads standard input as "-", and as /dev/stdin, gzip too', () => {
    const dash = cliWithInput(CSV, 'summarize', '-', '--json');
    expect(dash.stderr).toBe('');
    expect(dash.status).toBe(0);
    expect(summary(dash.stdout)).toMatchObject({ files: ['stdin'], rowsRead: ROWS + 1 });
    expect(JSON.parse(dash.stdout).source.rejectedSample).toEqual([
      { file: 'stdin', line: ROWS + 2, reason: 'result code "ERR" is not an integer' },
    ]);
    const devStdin = cliWithInput(gzipSync(CSV), 'summarize', '/dev/stdin', '--json');
    expect(devStdin.status).toBe(0);
    expect(summary(devStdin.stdout).rowsRead).toBe(ROWS + 1);
  });

  it('reads a FIFO and a process substitution', () => {
    const gz = file('fleet.csv.gz', gzipSync(CSV));
    const fifo = join(dir, 'fleet.fifo');
    // the writer gives up after a minute, so that a CLI that never opens the FIFO cannot leave it behind
    const writer = `timeout 60 sh -c "gzip -dc '${gz}' > '${fifo}'" </dev/null >/dev/null 2>&1 &`;
    const viaFifo = cliInShell(`mkfifo '${fifo}'; ${writer} dmscope summarize '${fifo}' --json`);
    expect(viaFifo.stderr).toBe('');
    expect(summary(viaFifo.stdout)).toMatchObject({ files: ['fleet.fifo'], rowsRead: ROWS + 1 });
    const substituted = cliInShell(`dmscope summarize <(gzip -dc '${gz}') --json`);
    expect(substituted.stderr).toBe('');
    expect(substituted.status).toBe(0);
    expect(summary(substituted.stdout).rowsRead).toBe(ROWS + 1);
  });

  it('says an empty pipe is empty', () => {
    const empty = cliWithInput('', 'summarize', '-');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('dmscope: stdin: the file is empty.\n');
  });
});
