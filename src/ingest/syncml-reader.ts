/**
 * OMA-DM (SyncML) message logs: each Generic Alert item is a row. Source: OMA-TS-DM_Protocol-V1_2 §8.7
 * (Generic Alert, alert code 1226: Item/Source/LocURI the management object's node, Item/Meta/Type the
 * alert type, Item/Data the result) and OMA-TS-DM_RepPro-V1_2 (SyncHdr/Source/LocURI the device, Correlator
 * the server's correlator); the SCOMO alert's Data is `<ResultCode>…</ResultCode><Identifier>…</Identifier>`
 * (OMA-TS-DM-SCOMO-V1_0 §5.4), the FUMO alert's an integer (OMA-TS-DM-FUMO-V1_0 §6.2).
 *
 * A file may hold one `<SyncML>` message, messages one after another (each may start with its own
 * `<?xml …?>`), or messages inside any wrapping elements; a wrapping element's time attribute
 * (`<entry time="…">`) is the rows' time. Other commands (alerts other than 1226, Status, Replace, Results,
 * …) are other records: counted, not rows. What is not well-formed rejects the record it is in — the item,
 * else the command, else the message — with its line and reason; the records around it are read.
 */
import { type Cell, parseCode } from './field-parsers.ts';
import { IngestError } from './ingest-error.ts';
import { carriedTextBytes, type TableSink } from './table-sink.ts';
import { type OpenTag, type XmlEvents, XmlTokenizer } from './xml-tokenizer.ts';

/** The columns of every SyncML row, in order (the names say where each value comes from). */
export const SYNCML_COLUMNS = [
  'SyncHdr/Source/LocURI',
  'Item/Data',
  'Item/Meta/Type',
  'Item/Data/Identifier',
  'Item/Source/LocURI',
  'Correlator',
  'Timestamp',
] as const;
const DEVICE = 0;
const CODE = 1;
const TYPE = 2;
const IDENTIFIER = 3;
const SOURCE = 4;
const CORRELATOR = 5;
const TIME = 6;

/** The Generic Alert's alert code (OMA-TS-DM_Protocol-V1_2 §8.7). */
const GENERIC_ALERT = '1226';

/** The longest value read from an element; a longer one rejects the record it is in. */
export const MAX_VALUE_CHARS = 65_536;

/** Elements below a message whose roles are tracked; deeper ones play none. */
const MAX_ROLE_DEPTH = 64;

/** What an element is to the reader; elements that are none of these are skipped, their text unread. */
const NONE = 0;
const MESSAGE = 1;
const HEADER = 2;
const HEADER_SOURCE = 3;
const DEVICE_URI = 4;
const BODY = 5;
const CONTAINER = 6;
const COMMAND = 7;
const ALERT = 8;
const ALERT_DATA = 9;
const ALERT_CORRELATOR = 10;
const ITEM = 11;
const ITEM_SOURCE = 12;
const ITEM_URI = 13;
const ITEM_META = 14;
const ITEM_TYPE = 15;
const ITEM_DATA = 16;
const RESULT_CODE = 17;
const RESULT_IDENTIFIER = 18;

/** The element's role from its parent's and its local name. */
function roleOf(parent: number, name: string): number {
  switch (parent) {
    case MESSAGE:
      return name === 'SyncHdr' ? HEADER : name === 'SyncBody' ? BODY : NONE;
    case HEADER:
      return name === 'Source' ? HEADER_SOURCE : NONE;
    case HEADER_SOURCE:
      return name === 'LocURI' ? DEVICE_URI : NONE;
    case BODY:
    case CONTAINER:
      if (name === 'Alert') return ALERT;
      if (name === 'Atomic' || name === 'Sequence') return CONTAINER;
      return name === 'Final' ? NONE : COMMAND;
    case ALERT:
      return name === 'Data'
        ? ALERT_DATA
        : name === 'Correlator'
          ? ALERT_CORRELATOR
          : name === 'Item'
            ? ITEM
            : NONE;
    case ITEM:
      return name === 'Source'
        ? ITEM_SOURCE
        : name === 'Meta'
          ? ITEM_META
          : name === 'Data'
            ? ITEM_DATA
            : NONE;
    case ITEM_SOURCE:
      return name === 'LocURI' ? ITEM_URI : NONE;
    case ITEM_META:
      return name === 'Type' ? ITEM_TYPE : NONE;
    case ITEM_DATA:
      return name === 'ResultCode' ? RESULT_CODE : name === 'Identifier' ? RESULT_IDENTIFIER : NONE;
    default:
      return NONE;
  }
}

/** Roles whose text is a value, and the value each fills. */
const CAPTURED: ReadonlyMap<number, string> = new Map([
  [DEVICE_URI, 'SyncHdr/Source/LocURI'],
  [ALERT_DATA, 'Alert/Data'],
  [ALERT_CORRELATOR, 'Correlator'],
  [ITEM_URI, 'Item/Source/LocURI'],
  [ITEM_TYPE, 'Item/Meta/Type'],
  [ITEM_DATA, 'Item/Data'],
  [RESULT_CODE, 'ResultCode'],
  [RESULT_IDENTIFIER, 'Identifier'],
]);

/** A record being read: its line, and why it is rejected once something inside it was not well-formed. */
interface Part {
  line: number;
  damage: string | null;
}

interface Item extends Part {
  data: string;
  type: string;
  source: string;
  resultCode: string | null;
  identifier: string;
}

/** A name without its namespace prefix (`syncml:Type` → `Type`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const PAYLOAD_CODE = /<(?:[\w.-]+:)?ResultCode\b[^>]*>\s*([^<]*?)\s*<\//;
const PAYLOAD_IDENTIFIER = /<(?:[\w.-]+:)?Identifier\b[^>]*>\s*([^<]*?)\s*<\//;
const TIME_ATTRIBUTE =
  /(?:^|\s)(?:time|timestamp|received|receivedAt|datetime|date|ts|when)\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

/** Reads SyncML text chunks into the sink's rows (see the file comment). */
export async function readSyncml(
  name: string,
  chunks: AsyncIterable<string>,
  sink: TableSink,
): Promise<void> {
  const reader = new SyncmlReader(sink);
  const tokenizer = new XmlTokenizer(reader);
  sink.columns(SYNCML_COLUMNS);
  for await (const chunk of chunks) {
    tokenizer.push(chunk);
    sink.carrying?.(carriedTextBytes(tokenizer.carried));
  }
  tokenizer.end();
  if (reader.messages === 0) {
    throw new IngestError(
      name,
      reader.root === null
        ? 'no XML element was found; dmscope reads XML as SyncML (OMA-DM) message logs.'
        : `no <SyncML> message was found (the first element is <${reader.root}>); dmscope reads XML as SyncML (OMA-DM) message logs.`,
    );
  }
}

/** The SyncML semantics over the tokenizer's events. */
export class SyncmlReader implements XmlEvents {
  capturing = false;
  messages = 0;
  root: string | null = null;
  private readonly sink: TableSink;
  /** Depth of every open element, and the roles of those from the message down (MAX_ROLE_DEPTH of them). */
  private depth = 0;
  private messageDepth = -1;
  private readonly roles: number[] = [];
  /** Attributes of the elements around a message, for its time. */
  private readonly wrappers: string[] = [];
  private message: Part = { line: 0, damage: null };
  private device = '';
  private time = '';
  /** The open command (an Alert or another), its alert code and correlator. */
  private command: Part | null = null;
  private alertCode: string | null = null;
  private correlator = '';
  /** Items of an alert whose code was not known when they ended (Data after Item). */
  private readonly pending: Item[] = [];
  private item: Item | null = null;
  private value = '';
  private valueTooLong = false;
  private readonly cells: Cell[] = new Array(SYNCML_COLUMNS.length).fill('');
  private readonly damages: string[] = [];

  constructor(sink: TableSink) {
    this.sink = sink;
  }

  open(name: string, tag: OpenTag): void {
    this.depth++;
    if (this.root === null) this.root = name;
    if (this.messageDepth < 0) {
      if (localName(name) === 'SyncML') this.startMessage(tag.line());
      else if (this.wrappers.length < MAX_ROLE_DEPTH) this.wrappers.push(tag.attributes());
      return;
    }
    const level = this.depth - this.messageDepth;
    if (level >= MAX_ROLE_DEPTH) return;
    const role = roleOf(this.roles[level - 1] ?? NONE, localName(name));
    this.roles[level] = role;
    if (role === NONE) return;
    const line = tag.line();
    if (role === ALERT || role === COMMAND) {
      this.command = { line, damage: null };
      this.alertCode = null;
      this.correlator = '';
    } else if (role === ITEM) {
      this.item = { line, damage: null, data: '', type: '', source: '', resultCode: null, identifier: '' };
    }
    if (CAPTURED.has(role)) {
      this.capturing = true;
      this.value = '';
      this.valueTooLong = false;
    }
  }

  text(value: string): void {
    if (this.valueTooLong) return;
    if (this.value.length + value.length > MAX_VALUE_CHARS) {
      this.valueTooLong = true;
      return;
    }
    this.value += value;
  }

  close(): void {
    const level = this.depth - this.messageDepth;
    this.depth--;
    if (this.messageDepth < 0) {
      if (this.wrappers.length > this.depth) this.wrappers.pop();
      return;
    }
    if (level === 0) {
      this.endMessage();
      return;
    }
    if (level >= MAX_ROLE_DEPTH) return;
    const role = this.roles[level] as number;
    if (CAPTURED.has(role)) this.endValue(role);
    else if (role === ITEM) this.endItem();
    else if (role === ALERT || role === COMMAND) this.endCommand(role === ALERT);
  }

  malformed(reason: string, line: number): void {
    const record = this.item ?? this.command ?? (this.messageDepth >= 0 ? this.message : null);
    const why = `${reason} (line ${line})`;
    if (record === null) {
      // between messages nothing is lost, but the file is not what it should be: say so once per kind
      if (this.damages.length < 3 && !this.damages.includes(reason)) {
        this.damages.push(reason);
        this.sink.warn(`line ${line}: ${reason}.`);
      }
      return;
    }
    if (record.damage === null) record.damage = why;
  }

  private startMessage(line: number): void {
    this.messages++;
    this.messageDepth = this.depth;
    this.roles[0] = MESSAGE;
    this.message = { line, damage: null };
    this.device = '';
    this.time = '';
    for (let k = this.wrappers.length - 1; k >= 0 && this.time === ''; k--) {
      const found = TIME_ATTRIBUTE.exec(this.wrappers[k] as string);
      if (found !== null) this.time = found[1] ?? found[2] ?? '';
    }
  }

  private endMessage(): void {
    this.messageDepth = -1;
    this.capturing = false;
    if (this.message.damage !== null)
      this.sink.reject(this.message.line, `the message is not well-formed: ${this.message.damage}`);
  }

  private endValue(role: number): void {
    this.capturing = false;
    const value = this.value.trim();
    if (this.valueTooLong) {
      const record = this.item ?? this.command ?? this.message;
      record.damage ??= `<${CAPTURED.get(role)}> holds more than ${MAX_VALUE_CHARS.toLocaleString('en-US')} characters`;
      return;
    }
    const item = this.item;
    switch (role) {
      case DEVICE_URI:
        this.device = value;
        return;
      case ALERT_DATA:
        this.alertCode = value;
        return;
      case ALERT_CORRELATOR:
        this.correlator = value;
        return;
    }
    if (item === null) return;
    if (role === ITEM_URI) item.source = value;
    else if (role === ITEM_TYPE) item.type = value;
    else if (role === ITEM_DATA) item.data = value;
    else if (role === RESULT_CODE) item.resultCode = value;
    else if (role === RESULT_IDENTIFIER) item.identifier = value;
    // the text of Data's own child elements is not Data's text: Data captures again after them
    if (role === RESULT_CODE || role === RESULT_IDENTIFIER) {
      this.capturing = true;
      this.value = '';
    }
  }

  private endItem(): void {
    const item = this.item as Item;
    this.item = null;
    if (this.alertCode === null) this.pending.push(item);
    else this.emit(item);
  }

  private endCommand(alert: boolean): void {
    const command = this.command as Part;
    const generic = alert && this.alertCode === GENERIC_ALERT;
    for (const item of this.pending) this.emit(item);
    this.pending.length = 0;
    this.command = null;
    if (command.damage !== null)
      this.sink.reject(command.line, `the command is not well-formed: ${command.damage}`);
    else if (!generic) this.sink.otherRecord?.();
  }

  /** An item of an alert whose code is known: a row when the alert is a Generic Alert. */
  private emit(item: Item): void {
    if (this.alertCode !== GENERIC_ALERT) {
      // not a row, but what broke inside it breaks the record it belongs to
      if (item.damage !== null && this.command !== null) this.command.damage ??= item.damage;
      return;
    }
    if (item.damage !== null) {
      this.sink.reject(item.line, `the item is not well-formed: ${item.damage}`);
      return;
    }
    const cells = this.cells;
    let code = item.resultCode ?? item.data;
    let identifier = item.identifier;
    if (Number.isNaN(parseCode(code)) && code.includes('<')) {
      // an XML payload, written as escaped text or CDATA
      code = PAYLOAD_CODE.exec(code)?.[1] ?? code;
      identifier ||= PAYLOAD_IDENTIFIER.exec(item.data)?.[1] ?? '';
    }
    cells[DEVICE] = this.device;
    cells[CODE] = code;
    cells[TYPE] = item.type;
    cells[IDENTIFIER] = identifier;
    cells[SOURCE] = item.source;
    cells[CORRELATOR] = this.correlator;
    cells[TIME] = this.time;
    this.sink.row(cells, item.line);
  }
}
