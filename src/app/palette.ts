/**
 * Every colour the charts and tags give data, per theme: one colour per outcome, and the single-series
 * colours of the breakdown charts. Classes of the same outcome share its colour and differ by a fill
 * pattern (see categoryStyles); every chart also names its classes in text (legend, tooltip, table).
 *
 * The outcome colours stay apart for viewers with protanopia, deuteranopia or tritanopia as well: the
 * palette test simulates each (Machado et al. 2009) and holds every pair of outcome colours, and each
 * against the theme's backgrounds, to a minimum CIEDE2000 difference. Change a colour here and run
 * test/app/palette.test.ts.
 */
import type { CategoryClass, Outcome } from '../catalog/catalog-types.ts';

export type Theme = 'light' | 'dark';

export interface Palette {
  /** One colour per outcome: success green, failure red, not applied amber, in progress violet, unrecognized neutral. */
  readonly outcomes: Readonly<Record<Outcome, string>>;
  /** The one-series charts: failures by stage and by cause, failure rate by a dimension, failing devices. */
  readonly series: {
    readonly stage: string;
    readonly cause: string;
    readonly rate: string;
    readonly device: string;
  };
  /** The page's backgrounds in this theme (styles.css `--bg` and `--panel`), which the colours must stand out from. */
  readonly backgrounds: readonly string[];
}

export const PALETTES: Readonly<Record<Theme, Palette>> = {
  light: {
    outcomes: {
      success: '#008f6b',
      failure: '#b8390e',
      not_applied: '#e69f00',
      in_progress: '#9467bd',
      unrecognized: '#3a3a3a',
    },
    series: { stage: '#4f7fd6', cause: '#8f6ad8', rate: '#b8390e', device: '#b8390e' },
    backgrounds: ['#f4f5f7', '#ffffff'],
  },
  dark: {
    outcomes: {
      success: '#1fae7f',
      failure: '#e8590c',
      not_applied: '#ffd166',
      in_progress: '#b48cf2',
      unrecognized: '#e6e9ee',
    },
    series: { stage: '#6ea2f2', cause: '#b48cf2', rate: '#e8590c', device: '#e8590c' },
    backgrounds: ['#14171c', '#1d2127'],
  },
};

/**
 * The fill patterns that tell apart classes of one outcome: the first class of an outcome is solid, the
 * next ones hatched, dotted, cross-hatched, back-hatched, striped, in that order: as many as the registry has
 * classes of one outcome (a test holds it), so no two classes of a dataset look the same.
 */
export const PATTERNS = ['solid', 'hatch', 'dots', 'cross', 'backhatch', 'stripes'] as const;
export type Pattern = (typeof PATTERNS)[number];

export interface CategoryStyle {
  readonly id: string;
  readonly outcome: Outcome;
  readonly color: string;
  readonly pattern: Pattern;
}

/** Each class's colour (its outcome's) and pattern (its rank among the classes of that outcome). */
export function categoryStyles(
  categories: readonly CategoryClass[],
  theme: Theme,
): Map<string, CategoryStyle> {
  const rank = new Map<Outcome, number>();
  const out = new Map<string, CategoryStyle>();
  for (const { id, outcome } of categories) {
    const k = rank.get(outcome) ?? 0;
    rank.set(outcome, k + 1);
    out.set(id, {
      id,
      outcome,
      color: PALETTES[theme].outcomes[outcome],
      pattern: PATTERNS[k % PATTERNS.length] as Pattern,
    });
  }
  return out;
}
