/**
 * Text from a file, as a person must see it. Characters that draw nothing or reorder what follows them —
 * control characters, format characters (zero-width spaces and joiners, bidi marks, embeddings, overrides
 * and isolates, the BOM, soft hyphens, tag characters), line and paragraph separators, Hangul fillers and
 * lone surrogates — are written as markers like `⟨U+200B⟩`, so that two values that differ only in them
 * never look like one. The marker's own opening bracket is marked too: different values always read
 * differently. For display only: filters, exports and the summary JSON keep the value itself.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0\u27E8]/gu;

export function visibleText(text: string): string {
  HIDDEN.lastIndex = 0;
  if (!HIDDEN.test(text)) return text;
  return text.replace(
    HIDDEN,
    (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
