/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts `ESC]0;…` titles, `ESC[2J`,
 * OSC 52 clipboard writes), DEL, C1 controls (0x9B is a one-byte CSI), and the bidirectional overrides
 * that reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for a person's terminal: every character it would act on is written as an escape (`\x1b`,
 * `\u202e`), so text from a file (values, column and file names) can only ever be read, never run.
 */
export function printable(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** A message as one line for a person's terminal: line breaks (and the space around them) become a space. */
export function printableLine(text: string): string {
  return printable(text.replace(/\s*[\r\n]\s*/g, ' '));
}
