/**
 * Which family (catalog) reads a file's results, chosen from its column names, the values of its sample
 * and its alert types or LwM2M resources, by the signals each catalog declares (Catalog.signals). Pure:
 * the file sink asks once per file, with the mapping column inference chose.
 */
import type { Catalog } from '../catalog/catalog-types.ts';
import type { ColumnMapping } from './column-inference.ts';
import { lastSegment, normalizeName } from './column-names.ts';
import { type Cell, parseCode } from './field-parsers.ts';
import { OTHER_FAMILY } from './row-writer.ts';
import { combineWordsOf } from './status-words.ts';

export interface FamilyChoice {
  /** The catalog id that reads the file (with `perRecord`: the one most sampled records have). */
  family: string;
  /** Why, in words the page and the CLI show. */
  reason: string;
  /**
   * Set when a column says per record which family reads it (an OMA-DM alert type, a LwM2M resource path):
   * each record is then read in its family, and a record of none is another record.
   */
  perRecord?: { column: string };
  /** True when the user named the family (it was not detected). */
  given?: boolean;
}

/** A value of an alert-type or resource column: reverse-DNS or URN alert types, LwM2M paths. */
const ALERT_TYPE = /^(urn:|org\.|com\.|net\.)/i;
const RESOURCE_PATH = /^\/?\d+\/\d+\/\d+$/;
/** The bonus of a family whose own field name the file has: it outweighs a tie of values, not a better fit. */
const NAME_BONUS = 0.5;
/** The weight of words of a family that names its status field, found under another name. */
const OTHER_NAME_WEIGHT = 0.9;

/** Whether a LwM2M resource pattern (`/5/*\/5`) matches a path (`/5/0/5`, `5/0/5`). */
function matchesResource(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter((p) => p !== '');
  const have = path
    .trim()
    .split('/')
    .filter((p) => p !== '');
  return want.length === have.length && want.every((p, k) => p === '*' || p === have[k]);
}

/**
 * The index in `catalogs` of the family a record's alert type or resource path names, or OTHER_FAMILY.
 * Alert types match by prefix without case (`org.openmobilealliance.dm.firmwareupdate.devicerequest`).
 */
export function familyOfValue(value: string, catalogs: readonly Catalog[]): number {
  const text = value.trim().toLowerCase();
  if (text === '') return OTHER_FAMILY;
  for (let k = 0; k < catalogs.length; k++) {
    const signals = (catalogs[k] as Catalog).signals;
    if (signals?.alertTypes?.some((prefix) => text.startsWith(prefix.toLowerCase()))) return k;
    if (signals?.resources?.some((pattern) => matchesResource(pattern, text))) return k;
  }
  return OTHER_FAMILY;
}

/** A column whose values are mostly alert types or resource paths, at least one of some family's. */
function selectorColumn(
  names: readonly string[],
  sample: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  catalogs: readonly Catalog[],
): number {
  const roles = new Set([mapping.code, mapping.status, mapping.statusResult, mapping.time, mapping.device]);
  return names.findIndex((name, at) => {
    if (roles.has(name)) return false;
    let filled = 0;
    let shaped = 0;
    for (const row of sample) {
      const cell = row[at];
      if (typeof cell !== 'string' || cell.trim() === '') continue;
      filled++;
      if (ALERT_TYPE.test(cell.trim()) || RESOURCE_PATH.test(cell.trim())) shaped++;
    }
    // then one value of some family's is enough: the column's values are looked up only when shaped so
    return (
      shaped >= filled * 0.5 &&
      sample.some((row) => {
        const cell = row[at];
        return (
          typeof cell === 'string' && cell.trim() !== '' && familyOfValue(cell, catalogs) !== OTHER_FAMILY
        );
      })
    );
  });
}

/** How well one family reads the sample: rows whose result it recognises, by code or by word. */
interface Fit {
  catalog: Catalog;
  byCode: number;
  byWord: number;
  score: number;
  named: string | null;
}

/** The family's own field name among the file's columns (ADU `extendedResultCode`, hawkBit `detailStatus`). */
function ownName(catalog: Catalog, names: readonly string[], mapping: ColumnMapping): string | null {
  const signals = catalog.signals;
  const codeNames = new Set((signals?.codeNames ?? []).map(normalizeName));
  const found = names.find((name) => codeNames.has(lastSegment(name)));
  if (found !== undefined) return found;
  const statusNames = new Set((signals?.statusNames ?? []).map(normalizeName));
  if (mapping.status !== null && statusNames.has(lastSegment(mapping.status))) return mapping.status;
  if (mapping.code !== null && signals?.resources?.some((p) => matchesResource(p, mapping.code as string)))
    return mapping.code;
  return null;
}

/**
 * Families whose codes are every other family's too read a code column only with a sign of their own: LwM2M
 * (its Update Result values are any small integer's) under an update-result name or its resource path; ADU
 * (it names 0, 1, 200, 500, 1200…) beside its own field (`extendedResultCode`, `deviceState`).
 */
function codesAllowed(catalog: Catalog, mapping: ColumnMapping, named: string | null): boolean {
  if (named !== null) return true;
  if (catalog.signals?.codeNames !== undefined) return false;
  if (catalog.signals?.resources === undefined) return true;
  return mapping.code !== null && normalizeName(mapping.code).endsWith('updateresult');
}

function fitOf(
  catalog: Catalog,
  names: readonly string[],
  sample: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  codes: readonly number[],
): Fit {
  const statusAt = mapping.status === null ? -1 : names.indexOf(mapping.status);
  const resultAt = mapping.statusResult === null ? -1 : names.indexOf(mapping.statusResult);
  const named = ownName(catalog, names, mapping);
  const codesRead = codesAllowed(catalog, mapping, named);
  const combine = combineWordsOf(catalog);
  let byCode = 0;
  let byWord = 0;
  let rows = 0;
  for (let r = 0; r < sample.length; r++) {
    const row = sample[r] as readonly Cell[];
    const code = codes[r] as number;
    const word = statusAt < 0 ? '' : combine(text(row[statusAt]), text(row[resultAt]));
    if (Number.isNaN(code) && word.trim() === '') continue;
    rows++;
    if (
      codesRead &&
      !Number.isNaN(code) &&
      catalog.plausible(code) &&
      catalog.lookup(code).outcome !== 'unrecognized'
    )
      byCode++;
    else if (word !== '' && catalog.lookupStatus(word) !== null) byWord++;
  }
  const statusNamed = (catalog.signals?.statusNames?.length ?? 0) > 0;
  const wordWeight = statusNamed && named !== mapping.status ? OTHER_NAME_WEIGHT : 1;
  const share = rows === 0 ? 0 : (byCode + byWord * wordWeight) / rows;
  const score = share === 0 ? 0 : share + (named === null ? 0 : NAME_BONUS);
  return { catalog, byCode, byWord, score, named };
}

function text(cell: Cell): string {
  return cell === undefined || cell === null ? '' : String(cell).trim();
}

/**
 * The family that reads a file: per record when a column carries alert types or resource paths; else the
 * family that recognises most sampled results (a field name of its own counting as a strong hint; on a tie
 * the registry's order decides); `catalogs[0]` when none recognises any, which the unrecognized-share
 * warning then reports.
 */
export function detectFamily(
  names: readonly string[],
  sample: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  catalogs: readonly Catalog[],
): FamilyChoice {
  const selector = selectorColumn(names, sample, mapping, catalogs);
  if (selector >= 0) return perRecordChoice(names[selector] as string, selector, sample, catalogs);
  // the sample's codes, parsed once for all the families
  const codeAt = mapping.code === null ? -1 : names.indexOf(mapping.code);
  const codes = sample.map((row) => (codeAt < 0 ? Number.NaN : parseCode(row[codeAt])));
  const fits = catalogs.map((catalog) => fitOf(catalog, names, sample, mapping, codes));
  let best = fits[0] as Fit;
  for (const fit of fits) if (fit.score > best.score) best = fit;
  if (best.score === 0) {
    return {
      family: best.catalog.id,
      reason: `no family recognises the sampled results; read as ${best.catalog.title}`,
    };
  }
  const recognised = best.byCode + best.byWord;
  const column = best.byCode >= best.byWord ? mapping.code : mapping.status;
  const runnerUp = fits.filter((f) => f !== best && f.score > 0).sort((a, b) => b.score - a.score)[0];
  const parts = [
    `${best.catalog.title} recognises ${recognised.toLocaleString('en-US')} of the ${sampleRows(sample, mapping, names).toLocaleString('en-US')} sampled results in "${column}"`,
  ];
  if (best.named !== null) parts.push(`the column "${best.named}" is ${best.catalog.title}'s`);
  if (runnerUp !== undefined) {
    parts.push(
      `next best: ${runnerUp.catalog.title}, ${(runnerUp.byCode + runnerUp.byWord).toLocaleString('en-US')}`,
    );
  }
  return { family: best.catalog.id, reason: parts.join('; ') };
}

function sampleRows(
  sample: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  names: readonly string[],
): number {
  const at = [mapping.code, mapping.status]
    .filter((n): n is string => n !== null)
    .map((n) => names.indexOf(n));
  return sample.filter((row) => at.some((k) => text(row[k]) !== '')).length;
}

function perRecordChoice(
  column: string,
  at: number,
  sample: readonly (readonly Cell[])[],
  catalogs: readonly Catalog[],
): FamilyChoice {
  const perFamily = new Array<number>(catalogs.length).fill(0);
  let others = 0;
  for (const row of sample) {
    const k = familyOfValue(text(row[at]), catalogs);
    if (k === OTHER_FAMILY) others++;
    else perFamily[k] = (perFamily[k] as number) + 1;
  }
  let main = 0;
  perFamily.forEach((n, k) => {
    if (n > (perFamily[main] as number)) main = k;
  });
  const counts = perFamily
    .map((n, k) => ({ n, title: (catalogs[k] as Catalog).title }))
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n)
    .map((c) => `${c.n.toLocaleString('en-US')} ${c.title}`);
  if (others > 0) counts.push(`${others.toLocaleString('en-US')} of no family (other records)`);
  return {
    family: (catalogs[main] as Catalog).id,
    reason: `chosen per record by "${column}" (alert type or resource): ${counts.join(', ')} in the sample`,
    perRecord: { column },
  };
}

/** The choice when the user names the family. */
export function givenFamily(catalog: Catalog): FamilyChoice {
  return { family: catalog.id, reason: `chosen by the user (${catalog.title})`, given: true };
}

/** The mapping without a count column the family says is none (unless the user chose it). */
export function withoutFalseCount(
  mapping: ColumnMapping,
  family: Catalog | null,
  given: boolean,
): ColumnMapping {
  const count = mapping.count;
  if (given || count === null || !(family?.signals?.notCounts ?? []).includes(lastSegment(count)))
    return mapping;
  const reason = `${family?.name} records carry "${lastSegment(count)}" for something other than a count`;
  return { ...mapping, count: null, ignored: [...mapping.ignored, { name: count, reason }] };
}
