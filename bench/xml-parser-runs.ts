/**
 * The SyncML reader's tokenizer against saxes, the well-kept streaming XML parser: the same SyncmlReader
 * driven by each, over the same generated log of 100,000 Generic Alerts in 64 KB chunks, runs paired and
 * alternated, medians reported. Decides whether src/ingest keeps its own tokenizer (docs/performance.md).
 *
 *   npx tsx bench/xml-parser-runs.ts [alerts] [runs]
 */
import { SaxesParser } from 'saxes';
import { SyncmlReader } from '../src/ingest/syncml-reader.ts';
import type { TableSink } from '../src/ingest/table-sink.ts';
import { XmlTokenizer } from '../src/ingest/xml-tokenizer.ts';
import { generateEvents, syncmlChunks } from './fleet-generator.ts';

/** A sink that only counts what the reader hands it. */
function countingSink(): TableSink & { rows: number; other: number; rejected: number } {
  return {
    rows: 0,
    other: 0,
    rejected: 0,
    columns() {},
    row() {
      this.rows++;
    },
    reject() {
      this.rejected++;
    },
    warn() {},
    otherRecord() {
      this.other++;
    },
  };
}

function ownTokenizer(chunks: readonly string[]): number {
  const sink = countingSink();
  const tokenizer = new XmlTokenizer(new SyncmlReader(sink));
  for (const chunk of chunks) tokenizer.push(chunk);
  tokenizer.end();
  return sink.rows;
}

function saxes(chunks: readonly string[]): number {
  const sink = countingSink();
  const reader = new SyncmlReader(sink);
  const parser = new SaxesParser({ position: true });
  const tag = { line: () => parser.line, attributes: () => '' };
  parser.on('opentag', (open) => reader.open(open.name, tag));
  parser.on('closetag', () => reader.close());
  parser.on('text', (text) => {
    if (reader.capturing) reader.text(text);
  });
  parser.on('cdata', (text) => {
    if (reader.capturing) reader.text(text);
  });
  for (const chunk of chunks) parser.write(chunk);
  parser.close();
  return sink.rows;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const alerts = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 7);
const chunks = [...syncmlChunks(generateEvents({ seed: 1, rows: alerts }))];
const bytes = chunks.reduce((sum, c) => sum + Buffer.byteLength(c), 0);
const own: number[] = [];
const sax: number[] = [];
const ratios: number[] = [];
for (let run = 0; run < runs + 1; run++) {
  // alternate which goes first; the first pair warms both up and is not counted
  const order = run % 2 === 0 ? [ownTokenizer, saxes] : [saxes, ownTokenizer];
  const times = new Map<unknown, number>();
  for (const parse of order) {
    const start = performance.now();
    const rows = parse(chunks);
    times.set(parse, performance.now() - start);
    if (rows !== alerts) throw new Error(`${parse.name} read ${rows} rows of ${alerts}`);
  }
  if (run === 0) continue;
  own.push(times.get(ownTokenizer) as number);
  sax.push(times.get(saxes) as number);
  ratios.push((times.get(saxes) as number) / (times.get(ownTokenizer) as number));
}
const mb = bytes / 2 ** 20;
console.log(
  `${alerts.toLocaleString('en-US')} Generic Alerts, ${mb.toFixed(1)} MiB, ${runs} paired runs (medians):`,
);
console.log(`  own tokenizer  ${median(own).toFixed(0)} ms  ${(mb / (median(own) / 1000)).toFixed(0)} MiB/s`);
console.log(`  saxes          ${median(sax).toFixed(0)} ms  ${(mb / (median(sax) / 1000)).toFixed(0)} MiB/s`);
console.log(
  `  saxes / own, per pair: median ${median(ratios).toFixed(2)}× (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`,
);
