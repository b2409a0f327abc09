/**
 * SyncML (OMA-DM) message logs: one DM session's client message per event, its result a Generic Alert
 * (1226) item of the SCOMO OperationComplete type (shapes of OMA-TS-DM_Protocol-V1_2 §8.7 and
 * OMA-TS-DM-SCOMO-V1_0 §5.4). Around it the records a server's log holds besides: a Status for the header
 * in every message, a session-start Alert (1201) in every fifth and a Replace in every seventh — other
 * records, counted in the truth's `otherRecords`.
 *
 * The result code is written four ways in turn, as logs hold it: a CDATA payload, the payload as escaped
 * text, the payload as child elements, the bare code. Wrapped (the default), each message sits in an
 * `<entry time="…">` of a `<log>`; else messages follow one another, each with its own XML declaration,
 * without times. The row's line is its `<Item>`'s.
 */

import { ByteOut, decoded, formatTime } from './byte-out.ts';
import type { FleetEvent } from './types.ts';
import type { CommonWriteOptions } from './write-options.ts';

export interface SyncmlOptions extends CommonWriteOptions {
  /** Messages inside `<log><entry time="…">` (default true); false: bare messages, no times. */
  wrap?: boolean;
}

/** Text as XML character data. */
export function xmlText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function payload(ev: FleetEvent, index: number): string {
  const code = xmlText(ev.rawCode);
  const identifier = xmlText(ev.component);
  switch (index % 4) {
    case 0:
      return `<![CDATA[<ResultCode>${ev.rawCode}</ResultCode><Identifier>${ev.component}</Identifier>]]>`;
    case 1:
      return xmlText(`<ResultCode>${ev.rawCode}</ResultCode><Identifier>${ev.component}</Identifier>`);
    case 2:
      return `<ResultCode>${code}</ResultCode><Identifier>${identifier}</Identifier>`;
    default:
      return code;
  }
}

/** The lines of one message; `rowAt` is the line (0-based, within them) of the item. */
function messageLines(
  ev: FleetEvent,
  index: number,
  wrap: boolean,
): { lines: string[]; rowAt: number; other: number } {
  const lines: string[] = [];
  if (wrap) lines.push(`<entry time="${formatTime(ev.time, 'iso')}">`);
  else lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(
    `<SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>${(index % 65536).toString(16)}</SessionID><MsgID>1</MsgID><Target><LocURI>https://dm.example.com/dm</LocURI></Target><Source><LocURI>IMEI:${xmlText(ev.device)}</LocURI></Source></SyncHdr><SyncBody>`,
    '<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>212</Data></Status>',
  );
  let other = 1;
  if (index % 5 === 0) {
    lines.push('<Alert><CmdID>2</CmdID><Data>1201</Data></Alert>');
    other++;
  }
  if (index % 7 === 0) {
    lines.push(
      '<Replace><CmdID>3</CmdID><Item><Source><LocURI>./DevInfo/Lang</LocURI></Source><Data>en-US</Data></Item></Replace>',
    );
    other++;
  }
  const operation = xmlText(ev.operation);
  lines.push(`<Alert><CmdID>4</CmdID><Data>1226</Data><Correlator>op-${index}</Correlator>`);
  const rowAt = lines.length;
  lines.push(
    `<Item><Source><LocURI>./SCOMO/Inventory/Deployed/${xmlText(ev.component)}/Operations/${operation}</LocURI></Source><Meta><Type xmlns="syncml:metinf">urn:oma:at:scomo:1.0:OperationComplete</Type><Format xmlns="syncml:metinf">xml</Format></Meta><Data>${payload(ev, index)}</Data></Item>`,
    '</Alert><Final/></SyncBody></SyncML>',
  );
  if (wrap) lines.push('</entry>');
  return { lines, rowAt, other };
}

/** A SyncML message log as UTF-8 chunks (see the file comment); the truth gets each item's line. */
export function* syncmlByteChunks(
  events: Iterable<FleetEvent>,
  opts: SyncmlOptions = {},
): Generator<Uint8Array> {
  const wrap = opts.wrap ?? true;
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const truth = opts.truth;
  const out = new ByteOut(chunkSize + 4096);
  let line = 1;
  if (wrap) {
    out.text('<?xml version="1.0" encoding="UTF-8"?>\n<log source="dm-server-1">\n');
    line = 3;
  }
  let index = 0;
  for (const ev of events) {
    const { lines, rowAt, other } = messageLines(ev, index, wrap);
    truth?.add(ev, line + rowAt);
    truth?.addOther(other);
    out.text(`${lines.join('\n')}\n`);
    line += lines.length;
    index++;
    if (out.pos >= chunkSize) yield out.take();
  }
  if (wrap) out.text('</log>\n');
  yield out.buf.subarray(0, out.pos);
}

export function syncmlChunks(events: Iterable<FleetEvent>, opts: SyncmlOptions = {}): Generator<string> {
  return decoded(syncmlByteChunks(events, opts));
}
