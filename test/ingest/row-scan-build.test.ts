import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('the row scanner module', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it('is what its source builds to: rebuilding wasm/row-scan.ts gives the committed bytes', () => {
    // throws (exit 1, naming the file) when src/ingest/row-scan-wasm.ts is not a build of the source
    const out = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toContain('matches its source');
  }, 60_000);

  it('is not used where WebAssembly SIMD is missing: every row is then read by the JavaScript path', async () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    const { loadRowScanner, RowScanner } = await import('../../src/ingest/row-scan.ts');
    expect(await loadRowScanner()).toBe(false);
    expect(RowScanner.create(1)).toBeNull();
    const { ingestFiles } = await import('../support/ingest-text.ts');
    const rows = Array.from({ length: 1500 }, (_, i) => `1404,2026-10-01T00:00:00Z,dev-${i % 9},m`);
    const { report } = await ingestFiles({
      'f.csv': `result_code,timestamp,device_id,model\n${rows.join('\n')}\n`,
    });
    expect(report.rowsRead).toBe(1500);
    expect(report.files[0]?.rowsScanned).toBe(0);
  });
});
