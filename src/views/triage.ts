/**
 * The triage view: the failures at the catalog's triage stages (SCOMO: download and validation), whose
 * fault they are, on which server and model, and how many the catalog's unknown-reason code accounts for.
 * Everything catalog-specific comes from `Catalog.triage`.
 */
import type { Stage, TriageSettings } from '../catalog/catalog-types.ts';
import { type DimensionRoles, dimensionRoles } from '../dataset/dimension-roles.ts';
import type { DimensionValueCounts, Filter, Overview, OverviewPartSpec } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { TriageData, TriageLabels } from './view-types.ts';

/** Bars a triage chart shows at most. */
const MAX_TRIAGE_BARS = 25;

/** The dimensions the triage view breaks its failures down by (null when the data has none). */
export type TriageDimensions = DimensionRoles;

export function triageDimensions(names: readonly string[]): TriageDimensions {
  return dimensionRoles(names);
}

/**
 * What `Dataset.overview` computes for the triage view: the selection's rows at the triage stages. Null
 * when the filter's stages (included, less excluded) leave no triage stage. The selection already holds
 * only the filter's stages, so filtering it by every triage stage gives the filter's triage rows.
 */
export function triagePart(
  settings: TriageSettings,
  filter: Filter,
  dimensions: TriageDimensions,
): OverviewPartSpec | null {
  const stages = (filter.stages ?? settings.stages).filter(
    (s) => settings.stages.includes(s) && !filter.not?.stages?.includes(s),
  );
  if (stages.length === 0) return null;
  return {
    filter: { stages: settings.stages },
    dimensions: [dimensions.server, dimensions.model].filter((d) => d !== null),
    ...(settings.unknownReasonCode === null ? {} : { seriesCode: settings.unknownReasonCode }),
  };
}

/** The triage view from the overview's part (see `triagePart`). */
export function triage(
  settings: TriageSettings,
  part: Overview['part'],
  dimensions: TriageDimensions,
): TriageData {
  const { server, model } = dimensions;
  const labels = triageLabels(settings, dimensions);
  if (part === null) {
    return {
      failures: 0,
      byCause: [],
      byCode: [],
      serverDimension: server,
      byServer: [],
      modelDimension: model,
      byModel: [],
      unknownShare: null,
      labels,
    };
  }
  const byDimension = [...part.byDimension];
  const byServer = server === null ? [] : (byDimension.shift() ?? []);
  const byModel = model === null ? [] : (byDimension.shift() ?? []);
  return {
    failures: part.totals.failures,
    byCause: part.byCause.filter((c) => settings.causes.includes(c.cause)),
    byCode: part.byCode.filter((c) => c.outcome === 'failure'),
    serverDimension: server,
    byServer: topByFailures(byServer),
    modelDimension: model,
    byModel: topByFailures(byModel),
    unknownShare: settings.unknownReasonCode === null ? null : unknownShare(part),
    labels,
  };
}

function unknownShare(part: NonNullable<Overview['part']>): TriageData['unknownShare'] {
  const series = part.timeSeries;
  if (series === null) return null;
  return {
    bucket: series.bucket,
    buckets: series.buckets.map((b, i) => {
      const unknown = part.codeFailures?.[i] ?? 0;
      return {
        start: b.start,
        failures: b.failures,
        unknown,
        share: b.failures > 0 ? unknown / b.failures : null,
      };
    }),
  };
}

/** Values with failures, most failures first. */
export function topByFailures(values: readonly DimensionValueCounts[]): DimensionValueCounts[] {
  return values
    .filter((v) => v.failures > 0)
    .sort((a, b) => b.failures - a.failures)
    .slice(0, MAX_TRIAGE_BARS);
}

/** "a", "a or b", "a, b or c". */
function list(words: readonly string[], conjunction: string): string {
  const last = words[words.length - 1] ?? '';
  return words.length <= 1 ? last : `${words.slice(0, -1).join(', ')} ${conjunction} ${last}`;
}

/** The triage view's words, from the catalog's stages and words and the data's dimensions. */
export function triageLabels(settings: TriageSettings, dimensions: TriageDimensions): TriageLabels {
  const { subject, causes, unknownReason } = settings.words;
  const stages: readonly Stage[] = settings.stages;
  const failures = `${subject} failures`;
  const code = settings.unknownReasonCode;
  return {
    intro: `failures at the ${list(stages, 'and')} stages for the current filters.`,
    none: `No ${list(stages, 'or')} failures.`,
    causeTitle: `${failures} by likely cause`,
    causeSubtitle: causes,
    serverTitle: `${failures} by ${dimensions.server === null ? 'server' : visibleText(dimensions.server)}`,
    serverMissing: `The data has no ${subject.toLowerCase()}-server column (a column named like server, host or cdn).`,
    modelTitle: `${failures} by ${dimensions.model === null ? 'model' : visibleText(dimensions.model)}`,
    modelMissing: 'The data has no model column.',
    codeTitle: `${failures} by result code`,
    unknown:
      code === null
        ? null
        : {
            title: `Share of ${code} “${unknownReason}” over time`,
            code: String(code),
            of: `${list(stages, 'and')} failures`,
            ofShort: `${stages.join('/')} failures`,
            noFailures: `No ${subject.toLowerCase()} failures`,
          },
  };
}
