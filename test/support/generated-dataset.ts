/**
 * A generated fleet log straight into a dataset (no file, no ingest): what the analysis tests run the
 * generator's planted stories through.
 */
import { type GeneratorOptions, generateEvents } from '../../bench/fleet-generator.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';

export const GENERATED_DIMENSIONS = [
  'model',
  'firmware',
  'region',
  'operation',
  'server',
  'component',
] as const;

export function generatedDataset(options: GeneratorOptions): Dataset {
  const builder = new DatasetBuilder(scomoCatalog);
  builder.enableTime();
  builder.enableDevice();
  const slots = GENERATED_DIMENSIONS.map((name) => builder.dimensionSlot(name));
  const dims: string[] = [];
  for (const e of generateEvents(options)) {
    if (e.code === null) continue;
    GENERATED_DIMENSIONS.forEach((name, k) => {
      dims[slots[k] as number] = e[name];
    });
    builder.add(e.code, e.time, 1, e.device, dims);
  }
  return builder.build();
}
