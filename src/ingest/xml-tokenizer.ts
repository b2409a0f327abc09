/**
 * A small streaming XML tokenizer for logs (SyncML message logs): text in, element events out, in chunks,
 * never holding more than one unfinished tag. It is not a validating parser, and on purpose:
 *
 * - Entities are never expanded from the file. A DOCTYPE (with any internal subset) is skipped whole and
 *   reported; only the five predefined entities and character references are decoded, so an entity bomb
 *   ("billion laughs") or an external entity (XXE) is left as the literal text `&lol9;`.
 * - Several root elements, each after its own `<?xml …?>` declaration, and text between them are read as
 *   they come: a log is messages one after another.
 * - What is not well-formed is reported with its line (`malformed`) and repaired the way a reader of logs
 *   wants: a closing tag closes the elements opened after its match (each gets its `close`), a closing tag
 *   that matches nothing is dropped, a `<` that starts no tag is text, and at the end of input every open
 *   element is closed. So the events always nest, whatever the text.
 * - What it holds is bounded: one tag up to MAX_TAG_CHARS, element names MAX_TRACKED_DEPTH levels deep
 *   (deeper levels are only counted), and text only while the receiver captures it (it bounds that).
 *
 * Speed: text that is not captured is skipped with `indexOf('<')`; the tokenizer makes no string for it.
 * Measured against saxes in docs/performance.md ("SyncML XML").
 */

/** What the tokenizer reports, in document order. */
export interface XmlEvents {
  /** While true, the text and CDATA inside the current element are handed to `text` (entities decoded). */
  readonly capturing: boolean;
  /** An element starts; `tag` answers about it during this call only. A self-closing tag is open + close. */
  open(name: string, tag: OpenTag): void;
  close(name: string): void;
  text(value: string): void;
  /** Something that is not well-formed (or a DTD, skipped); the events stay nested (see the file comment). */
  malformed(reason: string, line: number): void;
}

/** The tag being opened; its attribute text is made only when asked for (a log's tags rarely need it). */
export interface OpenTag {
  /** The 1-based line the tag starts on. */
  line(): number;
  /** The tag's raw text after its name (its attributes, unparsed), made only when asked for. */
  attributes(): string;
}

/** Element names kept for matching closing tags; deeper levels are only counted. */
export const MAX_TRACKED_DEPTH = 1000;

/** The longest tag (name and attributes) read; a longer one is reported and its `<` read as text. */
export const MAX_TAG_CHARS = 1 << 20;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const QUOTE = 34;
const APOSTROPHE = 39;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** What the tokenizer is inside: text (and tags), or a construct it skips to its end. */
const TEXT = 0;
const DOCTYPE = 1;
const COMMENT = 2;
const CDATA = 3;
const INSTRUCTION = 4;
type Mode = typeof TEXT | typeof DOCTYPE | typeof COMMENT | typeof CDATA | typeof INSTRUCTION;

/** How each skipped construct ends, and what the message calls it when the input ends inside it. */
const ENDS: readonly { end: string; what: string }[] = [
  { end: '', what: '' },
  { end: '>', what: 'a DOCTYPE' },
  { end: '-->', what: 'a comment' },
  { end: ']]>', what: 'a CDATA section' },
  { end: '?>', what: 'a processing instruction' },
];

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with the predefined entities and character references decoded; any other `&name;` stays as it is. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name !== undefined) return PREDEFINED[name] as string;
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    },
  );
}

/** Whether a character can start an element name (ASCII letters, `_`, `:`, anything past ASCII). */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class XmlTokenizer implements OpenTag {
  private readonly events: XmlEvents;
  /** The tag being opened: its line, and its attribute text (see OpenTag). */
  private tagLine = 0;
  private attributesFrom = 0;
  private attributesTo = 0;
  private buf = '';
  private at = 0;
  private mode: Mode = TEXT;
  /** The line at `lineFrom` in `buf`, and where the next line break after it is (-1: none in `buf`). */
  private lineCount = 1;
  private lineFrom = 0;
  private nextBreak = -2;
  /** Open elements: names and lines of the first MAX_TRACKED_DEPTH levels; `depth` counts them all. */
  private readonly names: string[] = [];
  private readonly lines: number[] = [];
  private depth = 0;
  /** Where the skipped construct started (for the message when the input ends inside it). */
  private modeLine = 0;
  /** DOCTYPE scanning: inside `[…]`, and the quote a literal opened (0: none). */
  private doctypeBrackets = 0;
  private doctypeQuote = 0;

  constructor(events: XmlEvents) {
    this.events = events;
  }

  /** Characters of input held, not yet read (an unfinished tag). */
  get carried(): number {
    return this.buf.length - this.at;
  }

  push(text: string): void {
    if (this.at < this.buf.length) {
      this.lineAt(this.at);
      this.buf = this.buf.slice(this.at) + text;
    } else {
      this.lineAt(this.buf.length);
      this.buf = text;
    }
    this.lineFrom = 0;
    this.nextBreak = -2;
    this.at = 0;
    this.run(false);
  }

  end(): void {
    this.run(true);
    const line = this.lineAt(this.buf.length);
    if (this.mode !== TEXT) {
      this.events.malformed(`the file ends inside ${ENDS[this.mode]?.what} (line ${this.modeLine})`, line);
    }
    if (this.depth > 0) {
      const at = Math.min(this.depth, this.names.length) - 1;
      const opened = at >= 0 ? `<${this.names[at]}> of line ${this.lines[at]}` : 'an element';
      this.events.malformed(`the file ends inside ${opened} (truncated?)`, line);
      while (this.depth > 0) this.pop();
    }
    this.buf = '';
    this.at = 0;
  }

  /** The 1-based line of position `pos` of `buf`; positions asked for never go back. */
  private lineAt(pos: number): number {
    const buf = this.buf;
    let next = this.nextBreak === -2 ? buf.indexOf('\n', this.lineFrom) : this.nextBreak;
    while (next >= 0 && next < pos) {
      this.lineCount++;
      next = buf.indexOf('\n', next + 1);
    }
    this.nextBreak = next;
    if (pos > this.lineFrom) this.lineFrom = pos;
    return this.lineCount;
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let i = this.at;
    while (i < n) {
      let next: number;
      if (this.mode === TEXT) {
        const lt = buf.indexOf('<', i);
        if (lt !== i) {
          const to = lt < 0 ? n : lt;
          if (this.events.capturing) {
            const cut = final || lt >= 0 ? to : entitySafeEnd(buf, i, to);
            this.events.text(decodeEntities(buf.slice(i, cut)));
            i = cut;
          } else i = to;
          if (lt < 0) break;
        }
        next = this.markup(buf, i, final);
      } else if (this.mode === DOCTYPE) next = this.skipDoctype(buf, i);
      else next = this.skipTo(buf, i, final);
      if (next < 0) return;
      i = next;
    }
    this.at = i;
  }

  /** Reads the markup at `i` (a `<`); returns where reading goes on, or -1 to wait for more input. */
  private markup(buf: string, i: number, final: boolean): number {
    const n = buf.length;
    if (i + 1 >= n) return final ? this.stray(i, 'a `<` at the end of the file') : this.wait(i);
    const c = buf.charCodeAt(i + 1);
    if (c === SLASH) {
      const gt = buf.indexOf('>', i + 2);
      if (gt < 0) return this.unfinished(buf, i, final);
      if (!this.closesTop(buf, i + 2, gt)) this.closeTag(buf.slice(i + 2, gt).trim(), i);
      return gt + 1;
    }
    if (c === BANG) return this.declaration(buf, i, final);
    if (c === QUESTION) return this.enter(INSTRUCTION, i, i + 2);
    if (!isNameStart(c)) return this.stray(i, 'a `<` that starts no tag');
    const gt = tagEnd(buf, i + 1);
    if (gt < 0) return this.unfinished(buf, i, final);
    let to = gt;
    while (to > i + 1 && isSpace(buf.charCodeAt(to - 1))) to--;
    const selfClosing = buf.charCodeAt(to - 1) === SLASH;
    if (selfClosing) to--;
    let nameEnd = i + 1;
    while (nameEnd < to) {
      const k = buf.charCodeAt(nameEnd);
      if (isSpace(k) || k === LT || k === SLASH) break;
      nameEnd++;
    }
    if (nameEnd < to && buf.charCodeAt(nameEnd) === LT) return this.stray(i, 'a `<` inside a tag');
    const name = buf.slice(i + 1, nameEnd);
    this.tagLine = this.lineAt(i);
    this.attributesFrom = nameEnd;
    this.attributesTo = to;
    this.pushName(name, this.tagLine);
    this.events.open(name, this);
    if (selfClosing) this.pop();
    return gt + 1;
  }

  /** `<!`: a comment, CDATA or DOCTYPE; anything else is reported and read as text. */
  private declaration(buf: string, i: number, final: boolean): number {
    if (buf.startsWith('<!--', i)) return this.enter(COMMENT, i, i + 4);
    if (buf.startsWith('<![CDATA[', i)) return this.enter(CDATA, i, i + 9);
    if (buf.startsWith('<!DOCTYPE', i)) {
      const next = this.enter(DOCTYPE, i, i + 9);
      this.doctypeBrackets = 0;
      this.doctypeQuote = 0;
      this.events.malformed('a DOCTYPE: skipped, its entities are not expanded', this.modeLine);
      return next;
    }
    if (buf.length - i < 9 && !final) return this.wait(i);
    return this.stray(i, 'a `<!` that starts no comment, CDATA section or DOCTYPE');
  }

  private enter(mode: Mode, i: number, next: number): number {
    this.mode = mode;
    this.modeLine = this.lineAt(i);
    return next;
  }

  /** A `<` that is reported and then read as text. */
  private stray(i: number, what: string): number {
    this.events.malformed(what, this.lineAt(i));
    return i + 1;
  }

  /** A tag that has not ended in the text so far: wait for more, up to MAX_TAG_CHARS. */
  private unfinished(buf: string, i: number, final: boolean): number {
    if (final) return this.stray(i, 'a tag that never ends (the file ends inside it)');
    if (buf.length - i > MAX_TAG_CHARS) {
      return this.stray(i, `a tag longer than ${MAX_TAG_CHARS.toLocaleString('en-US')} characters`);
    }
    return this.wait(i);
  }

  /** Stops reading this chunk: the text from `i` on is kept for the next one. Returns -1. */
  private wait(i: number): number {
    this.at = i;
    return -1;
  }

  /** Skips (or, for captured CDATA, hands over) text up to the construct's end; keeps a tail that may start it. */
  private skipTo(buf: string, i: number, final: boolean): number {
    const end = (ENDS[this.mode] as { end: string }).end;
    const at = buf.indexOf(end, i);
    const to = at >= 0 ? at : final ? buf.length : Math.max(i, buf.length - end.length + 1);
    if (this.mode === CDATA && this.events.capturing && to > i) this.events.text(buf.slice(i, to));
    if (at < 0) return to === buf.length ? to : this.wait(to);
    this.mode = TEXT;
    return at + end.length;
  }

  /** Skips a DOCTYPE, internal subset and all: to the `>` outside brackets and quotes. */
  private skipDoctype(buf: string, i: number): number {
    const n = buf.length;
    for (; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (this.doctypeQuote !== 0) {
        if (c === this.doctypeQuote) this.doctypeQuote = 0;
      } else if (c === QUOTE || c === APOSTROPHE) this.doctypeQuote = c;
      else if (c === OPEN_BRACKET) this.doctypeBrackets++;
      else if (c === CLOSE_BRACKET) this.doctypeBrackets--;
      else if (c === GT && this.doctypeBrackets <= 0) {
        this.mode = TEXT;
        return i + 1;
      }
    }
    return n;
  }

  line(): number {
    return this.tagLine;
  }

  attributes(): string {
    return this.buf.slice(this.attributesFrom, this.attributesTo);
  }

  private pushName(name: string, line: number): void {
    if (this.depth < MAX_TRACKED_DEPTH) {
      this.names.push(name);
      this.lines.push(line);
    }
    this.depth++;
  }

  /** The common case of a closing tag, `</name>` of the innermost element, checked without a string. */
  private closesTop(buf: string, from: number, gt: number): boolean {
    if (this.depth === 0 || this.depth > this.names.length) return false;
    const top = this.names[this.depth - 1] as string;
    if (gt - from !== top.length || !buf.startsWith(top, from)) return false;
    this.pop();
    return true;
  }

  private pop(): void {
    const name = this.depth <= this.names.length ? (this.names.pop() as string) : '';
    if (this.depth <= this.lines.length) this.lines.pop();
    this.depth--;
    this.events.close(name);
  }

  private closeTag(name: string, i: number): void {
    if (this.depth === 0) {
      this.events.malformed(`a closing tag </${name}> with no element open`, this.lineAt(i));
      return;
    }
    // deeper than the names kept: the tag cannot be checked, it closes the innermost element
    if (this.depth > this.names.length || this.names[this.depth - 1] === name) {
      this.pop();
      return;
    }
    const match = this.names.lastIndexOf(name);
    const top = this.names.length - 1;
    const line = this.lineAt(i);
    if (match < 0) {
      this.events.malformed(
        `a closing tag </${name}> that matches no open element (<${this.names[top]}> of line ${this.lines[top]} is open)`,
        line,
      );
      return;
    }
    this.events.malformed(
      `</${name}> closes <${this.names[top]}> of line ${this.lines[top]}, which has no closing tag`,
      line,
    );
    while (this.depth > match) this.pop();
  }
}

/** Where a tag that starts at `from` ends (its `>` outside quoted attribute values), or -1. */
function tagEnd(buf: string, from: number): number {
  let inQuote = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (inQuote !== 0) {
      if (c === inQuote) inQuote = 0;
    } else if (c === GT) return i;
    else if (c === QUOTE || c === APOSTROPHE) inQuote = c;
  }
  return -1;
}

/** The end of captured text in a chunk, before an `&` whose entity the next chunk may finish. */
function entitySafeEnd(buf: string, from: number, to: number): number {
  const amp = buf.lastIndexOf('&', to - 1);
  if (amp < from || to - amp > 12 || buf.indexOf(';', amp) >= 0) return to;
  return amp;
}
