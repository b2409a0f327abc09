import type { DecodedField } from './catalog-types.ts';

/**
 * Azure Device Update extended result codes (ERC). Source: the agent's "Device Update Agent Result Codes
 * and Extended Result Codes" reference (Azure/iot-hub-device-update, docs/agent-reference), section
 * "Extended Result Code Structure (32 bits)": 0xFCCRRRRR — a 4-bit facility, an 8-bit component and a
 * 20-bit result; facility names from scripts/error_code_generator_defs/result_codes.json (the source of
 * the generated src/inc/aduc/result.h). Only facilities that file names are named here.
 */

export interface ExtendedResultCode {
  readonly facility: number;
  readonly component: number;
  readonly code: number;
}

/** Facility number → the name result_codes.json gives it (ADUC_FACILITY_*), in lower-case words. */
const FACILITY_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0, 'unknown'],
  [0x1, 'lower layer'],
  [0x2, 'upper layer'],
  [0x3, 'content handler'],
  [0x4, 'content downloader'],
  [0x5, 'communication provider'],
  [0x6, 'log provider'],
  [0x7, 'component enumerator'],
  [0x8, 'utility'],
  [0x9, 'download handler'],
  [0xa, 'infrastructure management'],
  [0xb, 'datastore'],
  [0xd, 'delivery optimization'],
]);

/** One value: decimal (signed int32, or its unsigned form up to 2^32-1, as the docs print both) or 0x hex. */
const DECIMAL = /^[+-]?\d{1,10}$/;
const HEX = /^0x[0-9a-f]{1,8}$/i;

function parseOne(text: string): number | null {
  const t = text.trim();
  if (HEX.test(t)) return Number.parseInt(t.slice(2), 16);
  if (!DECIMAL.test(t)) return null;
  const n = Number(t);
  if (n < -2147483648 || n > 4294967295) return null;
  return n >>> 0;
}

/**
 * The parts of an extendedResultCode value: one value, or a comma-separated list (the agent reports the
 * codes of a workflow's steps that way). Null when any item is not a 32-bit value.
 */
export function decodeExtendedResultCode(text: string): ExtendedResultCode[] | null {
  const out: ExtendedResultCode[] = [];
  for (const item of text.split(',')) {
    const value = parseOne(item);
    if (value === null) return null;
    out.push({ facility: value >>> 28, component: (value >>> 20) & 0xff, code: value & 0xfffff });
  }
  return out;
}

/** The facility as a dimension value: "0x3 content handler"; an unnamed one is just its number, "0xc". */
export function formatFacility(facility: number): string {
  const name = FACILITY_NAMES.get(facility);
  const hex = `0x${facility.toString(16)}`;
  return name === undefined ? hex : `${hex} ${name}`;
}

/** The component as a dimension value: two hex digits, "0x02". */
export function formatComponent(component: number): string {
  return `0x${component.toString(16).padStart(2, '0')}`;
}

/** The whole code as ADU's docs write it: eight hex digits, "0x30200002". */
export function formatExtendedResultCode({ facility, component, code }: ExtendedResultCode): string {
  const value = ((facility << 28) | (component << 20) | code) >>> 0;
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * ADU's `extendedResultCode` read as two dimensions, facility and component: a list of codes gives the
 * distinct parts, comma-joined; a value that is no code gives null (no value, like an empty field).
 */
export const EXTENDED_RESULT_FIELD: DecodedField = {
  name: 'extendedResultCode',
  parts: ['facility', 'component'],
  decode(value) {
    const parts = decodeExtendedResultCode(value);
    if (parts === null) return null;
    const distinct = (format: (p: ExtendedResultCode) => string) =>
      [...new Set(parts.map(format))].join(', ');
    return [distinct((p) => formatFacility(p.facility)), distinct((p) => formatComponent(p.component))];
  },
};
