/**
 * Planted stories: what a test wants the analyses to find, on top of the base rates. Each is one code made
 * more frequent on one value of one field ("1409 over-represented on region latam-south"), or in one time
 * window (a regression from day 3 to day 5). The ground truth names them (`stories` in FILE.truth.json),
 * and the built-in story too when it is on.
 */
import { DAY, DEFAULT_START, FLAKY_SERVER, OOM_FIRMWARE, OOM_MODEL, storyWindow } from './pools.ts';
import type { GeneratorOptions } from './types.ts';

/** The fields a story can be planted on: those the device or the attempt fixes. */
export const STORY_FIELDS = ['model', 'firmware', 'region', 'server', 'component', 'operation'] as const;
export type StoryField = (typeof STORY_FIELDS)[number];

export type PlantedStory =
  | {
      kind: 'over-represented';
      /** The code planted (a failure code). */
      code: number;
      field: StoryField;
      value: string;
      /** The chance that an attempt on that value fails with `code`, before the base rates. */
      rate: number;
    }
  | {
      kind: 'window';
      code: number;
      /** Days after the start: the window [fromDay, toDay). */
      fromDay: number;
      toDay: number;
      rate: number;
    };

/** What a story looks at in an attempt. */
export type StoryAttempt = Record<StoryField, string> & { time: number };

/** The planted code for an attempt when one of the stories fires (one draw per matching story), else null. */
export function plantedCode(
  stories: readonly PlantedStory[],
  attempt: StoryAttempt,
  start: number,
  rng: () => number,
): number | null {
  for (const s of stories) {
    const matches =
      s.kind === 'over-represented'
        ? attempt[s.field] === s.value
        : attempt.time >= start + s.fromDay * DAY && attempt.time < start + s.toDay * DAY;
    if (matches && rng() < s.rate) return s.code;
  }
  return null;
}

/** The stories of a generation, for the ground truth: the built-in one (when on) and every planted one. */
export function storiesOf(opts: GeneratorOptions): Record<string, unknown>[] {
  const builtIn =
    (opts.story ?? true)
      ? [
          { kind: 'built-in', codes: [1404, 1406], model: OOM_MODEL, firmware: OOM_FIRMWARE },
          {
            kind: 'built-in',
            codes: [1502, 1504],
            server: FLAKY_SERVER,
            from: new Date(storyWindow(opts).from).toISOString(),
            to: new Date(storyWindow(opts).to).toISOString(),
          },
        ]
      : [];
  const start = opts.startTime ?? DEFAULT_START;
  const planted = (opts.plant ?? []).map((s) =>
    s.kind === 'window'
      ? {
          ...s,
          from: new Date(start + s.fromDay * DAY).toISOString(),
          to: new Date(start + s.toDay * DAY).toISOString(),
        }
      : { ...s },
  );
  return [...builtIn, ...planted];
}

/**
 * A story from its command-line form: `code=1409,region=latam-south,rate=0.3` or
 * `code=1502,from-day=3,to-day=5,rate=0.5`.
 */
export function parseStory(text: string): PlantedStory {
  const parts = new Map(
    text.split(',').map((part) => {
      const at = part.indexOf('=');
      if (at <= 0) throw new Error(`--plant: "${part}" is not NAME=VALUE`);
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const number = (name: string) => {
    const n = Number(parts.get(name));
    if (!parts.has(name) || !Number.isFinite(n)) throw new Error(`--plant needs ${name}=NUMBER`);
    return n;
  };
  const code = number('code');
  const rate = number('rate');
  if (rate < 0 || rate > 1) throw new Error('--plant: rate must be between 0 and 1');
  if (parts.has('from-day') || parts.has('to-day')) {
    return { kind: 'window', code, fromDay: number('from-day'), toDay: number('to-day'), rate };
  }
  const field = STORY_FIELDS.find((f) => parts.has(f));
  if (!field) throw new Error(`--plant needs one of ${STORY_FIELDS.join(', ')}, or from-day and to-day`);
  return { kind: 'over-represented', code, field, value: parts.get(field) as string, rate };
}
