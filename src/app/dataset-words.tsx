/**
 * What the loaded dataset's catalogs say about how to show it: each class's label, colour and pattern
 * (from the catalogs' CategoryClass and the palette), and, when results come from more than one family,
 * the family names their labels are prefixed with ("FUMO 402", "hawkBit error"). One context, provided
 * by the app from the worker's DatasetInfo; components read it, nothing derives it twice.
 */
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { CATEGORY_CLASSES } from '../catalog/catalog-registry.ts';
import type { CategoryClass, Outcome } from '../catalog/catalog-types.ts';
import { OUTCOMES } from '../catalog/catalog-types.ts';
import { categoryLabel } from './labels.ts';
import {
  type CategoryStyle,
  categoryStyles,
  PALETTES,
  PATTERNS,
  type Palette,
  type Pattern,
  type Theme,
} from './palette.ts';
import { useMediaQuery } from './use-media-query.ts';

export interface DatasetWords {
  readonly theme: Theme;
  readonly palette: Palette;
  /** Per category id of the dataset (or, before a load, of every registered family). */
  readonly categories: ReadonlyMap<string, CategoryStyle>;
  /** Family id → short name, when the dataset holds more than one family; null otherwise. */
  readonly familyNames: ReadonlyMap<string, string> | null;
}

const DatasetWordsContext = createContext<DatasetWords>({
  theme: 'light',
  palette: PALETTES.light,
  categories: categoryStyles(CATEGORY_CLASSES, 'light'),
  familyNames: null,
});

const DARK = '(prefers-color-scheme: dark)';

/** The theme styles.css follows: the system's colour scheme. */
export function useTheme(): Theme {
  return useMediaQuery(DARK) ? 'dark' : 'light';
}

export function DatasetWordsProvider({
  categories,
  families,
  children,
}: {
  /** The dataset's classes (DatasetInfo.categories); null before a load: every registered class. */
  categories: readonly CategoryClass[] | null;
  families: readonly { id: string; name: string }[];
  children: ReactNode;
}) {
  const theme = useTheme();
  const words = useMemo<DatasetWords>(
    () => ({
      theme,
      palette: PALETTES[theme],
      categories: categoryStyles(categories ?? CATEGORY_CLASSES, theme),
      familyNames: families.length > 1 ? new Map(families.map((f) => [f.id, f.name])) : null,
    }),
    [theme, categories, families],
  );
  return (
    <DatasetWordsContext.Provider value={words}>
      <FillPatterns palette={words.palette} />
      {children}
    </DatasetWordsContext.Provider>
  );
}

export function useDatasetWords(): DatasetWords {
  return useContext(DatasetWordsContext);
}

/** A result as charts and tables name it: its label, prefixed with its family's name when there are several. */
export function resultLabel(words: DatasetWords, result: { family: string; label: string }): string {
  const family = words.familyNames?.get(result.family);
  return family === undefined ? result.label : `${family} ${result.label}`;
}

/** The SVG fill of a class: its outcome's colour, solid or in its pattern (see FillPatterns). */
export function categoryFill(words: DatasetWords, id: string): string {
  const style = words.categories.get(id);
  if (style === undefined) return words.palette.outcomes.unrecognized;
  return style.pattern === 'solid' ? style.color : `url(#${patternId(style.outcome, style.pattern)})`;
}

export function patternId(outcome: Outcome, pattern: Pattern): string {
  return `dmscope-fill-${outcome}-${pattern}`;
}

/** The pattern drawn over the outcome's colour, on a light ground of the same colour. */
function PatternMarks({ pattern, color }: { pattern: Pattern; color: string }) {
  if (pattern === 'hatch')
    return <path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke={color} strokeWidth={2.5} />;
  if (pattern === 'dots') return <circle cx={4} cy={4} r={2.2} fill={color} />;
  if (pattern === 'backhatch')
    return <path d="M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke={color} strokeWidth={2.5} />;
  if (pattern === 'stripes') return <path d="M0,2 H8 M0,6 H8" stroke={color} strokeWidth={1.8} />;
  return <path d="M0,0 L8,8 M8,0 L0,8" stroke={color} strokeWidth={1.8} />;
}

/**
 * One hidden SVG holding every outcome × pattern fill, referenced by `url(#…)` from any chart on the page
 * (ids are document-wide); the chart export copies the ones a chart uses into its file.
 */
function FillPatterns({ palette }: { palette: Palette }) {
  return (
    <svg width={0} height={0} aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        {OUTCOMES.flatMap((outcome) =>
          PATTERNS.filter((p) => p !== 'solid').map((pattern) => {
            const color = palette.outcomes[outcome];
            return (
              <pattern
                key={`${outcome}-${pattern}`}
                id={patternId(outcome, pattern)}
                width={8}
                height={8}
                patternUnits="userSpaceOnUse"
              >
                <rect width={8} height={8} fill={color} fillOpacity={0.35} />
                <PatternMarks pattern={pattern} color={color} />
              </pattern>
            );
          }),
        )}
      </defs>
    </svg>
  );
}

/** A small swatch of a class's fill, for legends and tags. */
export function CategorySwatch({ id }: { id: string }) {
  const words = useDatasetWords();
  return (
    <svg className="swatch" width={12} height={12} aria-hidden="true" focusable="false">
      <rect width={12} height={12} rx={2} fill={categoryFill(words, id)} />
    </svg>
  );
}

/** A class named in text with its swatch: what the event table and device history show. */
export function CategoryTag({ id }: { id: string }) {
  return (
    <span className="cat">
      <CategorySwatch id={id} />
      {categoryLabel(id)}
    </span>
  );
}

/** The classes a chart shows, in text with their swatches: no chart tells them apart by colour alone. */
export function CategoryLegend({ ids, label }: { ids: readonly string[]; label: string }) {
  if (ids.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label={label}>
      {ids.map((id) => (
        <li key={id}>
          <CategorySwatch id={id} />
          {categoryLabel(id)}
        </li>
      ))}
    </ul>
  );
}
