/**
 * Writes a generated fleet log to a file, streaming (10M rows / ~1 GB never sit in memory), and its ground
 * truth next to it as FILE.truth.json.
 *
 *   npm run -s generate -- --rows 1000000 --seed 1 --format csv --out /tmp/fleet.csv
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import {
  type Delimiter,
  FAMILY_IDS,
  FIELDS,
  type Field,
  FORMATS,
  type Format,
  familyHeaders,
  formatByteChunks,
  type GeneratorOptions,
  generateEvents,
  HEADER_PRESETS,
  type HeaderPreset,
  type Newline,
  parseStory,
  storiesOf,
  TIME_FORMATS,
  type TimeFormat,
  TruthTracker,
  truthToJSON,
  type WriteOptions,
} from './fleet-generator.ts';
import { parquetBytes } from './generator/parquet-writer.ts';
import { SHAPE_FAMILY, SHAPES, type Shape, shapeByteChunks, shapeEvents } from './generator/shape-writer.ts';

export const USAGE = `usage: npm run -s generate -- --out FILE [options]
  --rows N            rows to generate (default 1000)
  --seed N            PRNG seed (default 1)
  --format F          csv | json | wrapped | ndjson | syncml | parquet (default csv; parquet is built in
                      memory, SCOMO codes only, --row-group N rows per row group, default 100000)
  --days N            time span in days (default 7)
  --devices N         device pool size (default rows/4, max 200k)
  --dirty X           fraction 0..1 of dirty rows (default 0)
  --no-story          no out-of-memory model / flaky server story
  --family F          scomo | fumo | lwm2m-5 | lwm2m-9 | adu | hawkbit | mender | aws-iot-jobs: results in that
                      family's codes or status words (column result_code, update_result, resultCode or status),
                      some in progress or not applied; FILE.truth.json counts them under the outcome model
  --shape S           hawkbit-actions | hawkbit-ddi | mender-devices | aws-jobs | adu-states | leshan: the
                      events in that platform's own export (nesting, field names, its family's words or codes,
                      like test/fixtures/platforms); replaces --format and --family; FILE.truth.json names the family
  --plant STORY       plant a story (repeatable): code=1409,region=latam-south,rate=0.3 (a code
                      over-represented on a model, firmware, region, server, component or operation value)
                      or code=1502,from-day=3,to-day=5,rate=0.5 (a time window); FILE.truth.json names them
  CSV:   --delimiter ','|';'|tab|'|'   --newline lf|crlf|cr   --bom   --quote-all   --no-header   --aggregate
  Both:  --headers snake|title|camel|omadm   --time iso|iso-nozone|space|epoch-s|epoch-ms
         --columns code,time,...   --shuffle-columns SEED
  SyncML: --bare      messages one after another, no <log><entry time> around them
  JSON:  --nested   --code-as number|string|mixed   --wrap-key KEY   --source NAME`;

export interface CliArgs {
  out: string;
  format: Format | 'parquet';
  /** A platform's export shape (shape-writer.ts) instead of a flat format. */
  shape?: Shape;
  /** Parquet: rows per row group. */
  rowGroupSize?: number;
  gen: GeneratorOptions;
  write: WriteOptions;
}

function num(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n)) throw new Error(`${name} needs a number`);
  return n;
}

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T {
  if (v === undefined || !(allowed as readonly string[]).includes(v)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

const DELIMITERS: Record<string, Delimiter> = {
  ',': ',',
  ';': ';',
  '|': '|',
  tab: '\t',
  '\t': '\t',
  '\\t': '\t',
};
const NEWLINES: Record<string, Newline> = {
  lf: '\n',
  crlf: '\r\n',
  cr: '\r',
  '\n': '\n',
  '\r\n': '\r\n',
  '\r': '\r',
};

export function parseArgs(argv: readonly string[]): CliArgs {
  const gen: GeneratorOptions = { seed: 1, rows: 1000 };
  const write: WriteOptions = {};
  let format: Format | 'parquet' = 'csv';
  let rowGroupSize: number | undefined;
  let out: string | undefined;
  let shape: Shape | undefined;
  let formatGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--rows':
        gen.rows = num(flag, value());
        break;
      case '--seed':
        gen.seed = num(flag, value());
        break;
      case '--days':
        gen.days = num(flag, value());
        break;
      case '--devices':
        gen.devices = num(flag, value());
        break;
      case '--start':
        gen.startTime = Date.parse(value() ?? '');
        if (Number.isNaN(gen.startTime)) throw new Error('--start needs a date');
        break;
      case '--dirty':
        gen.dirty = num(flag, value());
        break;
      case '--no-story':
        gen.story = false;
        break;
      case '--plant':
        gen.plant = [...(gen.plant ?? []), parseStory(value() ?? '')];
        break;
      case '--format':
        format = oneOf(flag, value(), [...FORMATS, 'parquet'] as const);
        formatGiven = true;
        break;
      case '--shape':
        shape = oneOf(flag, value(), SHAPES);
        break;
      case '--row-group':
        rowGroupSize = num(flag, value());
        break;
      case '--out':
        out = value();
        break;
      case '--delimiter': {
        const d = DELIMITERS[value() ?? ''];
        if (!d) throw new Error('--delimiter must be one of , ; | tab');
        write.delimiter = d;
        break;
      }
      case '--newline': {
        const n = NEWLINES[value() ?? ''];
        if (!n) throw new Error('--newline must be one of lf, crlf, cr');
        write.newline = n;
        break;
      }
      case '--bom':
        write.bom = true;
        break;
      case '--quote-all':
        write.quoteAll = true;
        break;
      case '--no-header':
        write.header = false;
        break;
      case '--aggregate':
        write.aggregate = true;
        break;
      case '--family':
        gen.family = oneOf(flag, value(), FAMILY_IDS);
        break;
      case '--headers':
        write.headers = oneOf(flag, value(), Object.keys(HEADER_PRESETS) as HeaderPreset[]);
        break;
      case '--time':
        write.time = oneOf<TimeFormat>(flag, value(), TIME_FORMATS);
        break;
      case '--columns':
        write.columns = (value() ?? '').split(',').map((c) => oneOf<Field>(flag, c.trim(), FIELDS));
        break;
      case '--shuffle-columns':
        write.shuffleColumns = num(flag, value());
        break;
      case '--nested':
        write.nested = true;
        break;
      case '--bare':
        write.wrap = false;
        break;
      case '--code-as':
        write.codeAs = oneOf(flag, value(), ['number', 'string', 'mixed'] as const);
        break;
      case '--wrap-key':
        write.wrapKey = value();
        break;
      case '--source':
        write.source = value();
        break;
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (!out) throw new Error('--out FILE is required');
  if (shape !== undefined) {
    if (formatGiven || gen.family !== undefined || write.aggregate)
      throw new Error(
        "--shape writes its platform's own format and family; leave out --format, --family, --aggregate",
      );
    if ((gen.dirty ?? 0) > 0) throw new Error('--shape writes clean records; leave out --dirty');
    const ignored = Object.keys(write);
    if (ignored.length > 0)
      throw new Error(
        `--shape writes its platform's own fields; leave out the writer options (${ignored.join(', ')})`,
      );
    return { out, format, shape, gen, write };
  }
  if (write.aggregate && format !== 'csv') throw new Error('--aggregate needs --format csv');
  if (format === 'parquet' && gen.family !== undefined) {
    throw new Error('--format parquet writes SCOMO codes only; leave out --family');
  }
  if (gen.family !== undefined) {
    if (write.aggregate) throw new Error('--aggregate writes SCOMO codes only; leave out --family');
    if (format === 'syncml') throw new Error('--format syncml writes SCOMO codes only; leave out --family');
    // the family's own name for its result column, unless --headers says otherwise
    write.headers ??= familyHeaders(gen.family);
  }
  return { out, format, gen, write, ...(rowGroupSize === undefined ? {} : { rowGroupSize }) };
}

export interface GenerateResult {
  /** Events generated. */
  rows: number;
  /** Data rows in the file (fewer than rows for aggregated CSV). */
  fileRows: number;
  bytes: number;
  seconds: number;
  truthFile: string;
}

/** Streams the file with backpressure and writes FILE.truth.json. */
export async function runGenerate(args: CliArgs): Promise<GenerateResult> {
  const started = performance.now();
  const tracker = new TruthTracker();
  const stream = createWriteStream(args.out);
  let failure: unknown;
  stream.on('error', (e) => {
    failure = e;
  });
  await once(stream, 'open'); // rejects on e.g. a missing directory
  const { shape } = args;
  const events = shape
    ? shapeEvents(shape, () => generateEvents(args.gen), args.gen.seed)
    : generateEvents(args.gen);
  const chunks = shape
    ? shapeByteChunks(shape, events, { truth: tracker })
    : args.format === 'parquet'
      ? [
          parquetBytes(events, {
            truth: tracker,
            ...(args.rowGroupSize ? { rowGroupSize: args.rowGroupSize } : {}),
          }),
        ]
      : formatByteChunks(args.format, events, { ...args.write, truth: tracker });
  for (const chunk of chunks) {
    if (failure !== undefined) break;
    // Backpressure: never queue more than the stream's high-water mark (10M rows stay out of memory).
    if (!stream.write(chunk)) await once(stream, 'drain'); // rejects if the stream errors meanwhile
  }
  stream.end();
  await finished(stream); // rejects if the stream failed at any point
  if (failure !== undefined) throw failure;
  const truth = tracker.result();
  const truthFile = `${args.out}.truth.json`;
  const meta = shape
    ? { shape, generator: args.gen }
    : { format: args.format, generator: args.gen, writer: args.write };
  const family = shape ? { family: SHAPE_FAMILY[shape].detected } : {};
  const truthJson = { ...truthToJSON(truth), ...family, stories: storiesOf(args.gen), options: meta };
  await writeFile(truthFile, `${JSON.stringify(truthJson)}\n`);
  return {
    rows: Math.max(0, Math.floor(args.gen.rows)),
    fileRows: truth.rowsRead,
    bytes: stream.bytesWritten,
    seconds: (performance.now() - started) / 1000,
    truthFile,
  };
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const r = await runGenerate(args);
  console.log(
    `rows=${r.rows}${r.fileRows !== r.rows ? ` fileRows=${r.fileRows}` : ''} bytes=${r.bytes} (${(r.bytes / 1048576).toFixed(1)} MiB) seconds=${r.seconds.toFixed(2)} ` +
      `out=${args.out} truth=${r.truthFile}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
