import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../src/dataset/visible-text.ts';

describe('visibleText', () => {
  it('marks characters that draw nothing or reorder the text', () => {
    expect(visibleText('dev\u200B1')).toBe('dev⟨U+200B⟩1'); // zero-width space
    expect(visibleText('a\u200Cb\u200Dc\u2060d')).toBe('a⟨U+200C⟩b⟨U+200D⟩c⟨U+2060⟩d'); // ZWNJ, ZWJ, word joiner
    expect(visibleText('\uFEFFid')).toBe('⟨U+FEFF⟩id'); // BOM
    expect(visibleText('evil\u202Etxt.exe')).toBe('evil⟨U+202E⟩txt.exe'); // right-to-left override
    expect(visibleText('\u2066x\u2069\u200E\u200F\u061C')).toBe('⟨U+2066⟩x⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩');
    expect(visibleText('soft\u00ADhyphen')).toBe('soft⟨U+00AD⟩hyphen');
    expect(visibleText('a\tb\nc\u0000d\u007Fe\u0085f')).toBe(
      'a⟨U+0009⟩b⟨U+000A⟩c⟨U+0000⟩d⟨U+007F⟩e⟨U+0085⟩f',
    );
    expect(visibleText('line\u2028para\u2029')).toBe('line⟨U+2028⟩para⟨U+2029⟩');
    expect(visibleText('\u3164')).toBe('⟨U+3164⟩'); // Hangul filler: a "letter" that draws nothing
    expect(visibleText('\uD800x')).toBe('⟨U+D800⟩x'); // a lone surrogate
    expect(visibleText('\u{E0041}')).toBe('⟨U+E0041⟩'); // a tag character
  });

  it('leaves visible text as it is, spaces, accents, CJK and emoji included', () => {
    for (const text of ['X100', 'Aurora X2', 'Modèle 日本', 'Kestrel 🚀', 'a,b&c', '<b>bold</b>', '', ' ']) {
      expect(visibleText(text)).toBe(text);
    }
  });

  it('shows two different values differently, even one that spells out a marker', () => {
    expect(visibleText('dev⟨U+200B⟩1')).not.toBe(visibleText('dev\u200B1'));
    const alphabet = fc.constantFrom(
      'a',
      '1',
      ' ',
      '⟨',
      'U',
      '+',
      '⟩',
      '\u200B',
      '\u202E',
      '\n',
      '\uFEFF',
      '\u00AD',
    );
    fc.assert(
      fc.property(fc.array(alphabet), fc.array(alphabet), (a, b) => {
        const [x, y] = [a.join(''), b.join('')];
        if (x !== y) expect(visibleText(x)).not.toBe(visibleText(y));
      }),
    );
  });
});
