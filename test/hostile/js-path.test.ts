/**
 * The hostile-input suites that read CSV, run again where the row scanner cannot run (WebAssembly SIMD
 * missing, or a CSP that forbids compiling it): every row then takes the JavaScript path, which must pass
 * them as the scanner does. Their own files run them with the scanner.
 */
import { describe, expect, it, vi } from 'vitest';
import { loadRowScanner } from '../../src/ingest/row-scan.ts';

vi.hoisted(() => {
  // before any module of this file's graph compiles the scanner: no engine here can run it
  WebAssembly.validate = () => false;
});

describe('the hostile-input suites, without the row scanner', () => {
  it('run where the scanner cannot', async () => {
    expect(await loadRowScanner()).toBe(false);
  });
});

await import('./fuzz.test.ts');
await import('./structure.test.ts');
await import('./long-row.test.ts');
await import('./wide-input.test.ts');
await import('./csv-injection.test.ts');
await import('./cancel-mid-entry.test.ts');
await import('./third-party-suites.test.ts');
