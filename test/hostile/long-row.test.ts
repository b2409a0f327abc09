import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/ingest/ingest.ts';
import { MAX_RECORD_CHARS } from '../../src/ingest/record-limit.ts';
import type { SummaryJson } from '../../src/report/summary.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { cliInShell } from '../support/run-cli.ts';

/** Just over the real row limit: a note field of 65 million characters, unquoted. */
const NOTE = MAX_RECORD_CHARS + 1_000_000;
const HEAD = 'code,device,note\n1405,d1,ok\n1405,d2,';
const TAIL = '\n1402,d3,"a\nquoted note"\n1200,d4,end\n';

/** The figures both surfaces must agree on. */
function figures(summary: SummaryJson) {
  const { rowsRead, rowsRejected, rejectedSample } = summary.source;
  return {
    rowsRead,
    rowsRejected,
    rejected: rejectedSample.map((r) => [r.line, r.reason]),
    totals: summary.totals,
  };
}

describe('a row longer than the row limit, at its real size, in the page and the CLI', () => {
  it('is rejected the same way by both, and the rows after it are read', async () => {
    const encoder = new TextEncoder();
    const head = encoder.encode(HEAD);
    const tail = encoder.encode(TAIL);
    const bytes = new Uint8Array(head.byteLength + NOTE + tail.byteLength);
    bytes.set(head);
    bytes.fill(0x78, head.byteLength, head.byteLength + NOTE);
    bytes.set(tail, head.byteLength + NOTE);
    const service = createDatasetService();
    // the page reads a File in slices of a few MB
    await service.loadSources([bytesSource('long.csv', bytes, 4 << 20)]);
    const page = figures(
      (await service.handle('summary', { filter: {}, search: '' }, () => undefined)) as SummaryJson,
    );

    // the CLI reads the same bytes from a pipe
    const run = cliInShell(
      `{ printf '%s' '${HEAD}'; head -c ${NOTE} /dev/zero | tr '\\0' x; printf '${TAIL.replaceAll('\n', '\\n')}'; } | dmscope summarize - --json`,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = figures(JSON.parse(run.stdout) as SummaryJson);

    expect(page).toEqual({
      rowsRead: 4,
      rowsRejected: 1,
      rejected: [[3, 'the row is too large to read (over 64 million characters)']],
      totals: expect.objectContaining({ operations: 3 }),
    });
    expect(cli).toEqual(page);
  }, 120_000);
});
