import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFileSource } from '../../src/cli/node-file-source.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-source-');

describe('the CLI reading a file from disk', () => {
  it('refuses a file cut short after it was opened, instead of summarizing part of it', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i % 3 ? 1200 : 1404},d${i}\n`).join('');
    const path = file('growing.csv', `result_code,device_id\n${rows}`);
    const source = nodeFileSource(path);
    truncateSync(path, 1_000_000);
    await expect(ingest([source])).rejects.toThrow(
      `growing.csv: the file could not be read (it ended after 1,000,000 of ${source.size?.toLocaleString('en-US')} bytes); was it moved or changed?`,
    );
  });
});
