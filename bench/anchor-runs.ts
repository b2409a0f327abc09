/** The anchors (PapaParse alone, a bare line scan, DuckDB-WASM) on the same File in the same browser. */
import type { Browser, Page } from '@playwright/test';
import type { AnchorKind, AnchorRun } from './anchors/anchors.ts';
import { NAME_SHIM, withTimeout } from './app-probes.ts';
import { MB } from './bench-common.ts';
import { type DataFile, sameCodes } from './bench-data.ts';
import { type ProcFilter, readTree, renderers, startSampler } from './proc-memory.ts';
import { type AnchorResult, stat } from './results.ts';

export async function openAnchors(browser: Browser, url: string, file: string) {
  const before = renderers(process.pid);
  const context = await browser.newContext();
  await context.addInitScript({ content: NAME_SHIM });
  const page = await context.newPage();
  await withTimeout(page.goto(url, { waitUntil: 'load' }), 30_000, 'opening the anchors page');
  await page.waitForFunction(
    () => (globalThis as unknown as { anchors?: unknown }).anchors !== undefined,
    null,
    {
      timeout: 15_000,
    },
  );
  await page.locator('#file').setInputFiles(file);
  const own = [...renderers(process.pid)].filter((pid) => !before.has(pid));
  // Its own renderer and the shared processes; no other page's renderer.
  const keep: ProcFilter = (pid, type) => type !== 'renderer' || own.includes(pid);
  return { context, page, keep };
}

export async function runAnchor(page: Page, keep: ProcFilter, kind: AnchorKind, timeoutMs: number) {
  const before = readTree(process.pid, keep).total.rssBytes;
  const sampler = startSampler(process.pid, 50, keep);
  try {
    const r = await withTimeout(
      page.evaluate(
        (k) => (globalThis as unknown as { anchors: { run(k: string): Promise<AnchorRun> } }).anchors.run(k),
        kind,
      ),
      timeoutMs,
      `anchor ${kind}`,
    );
    return { ...r, peakDelta: sampler.stop().peakRssBytes - before };
  } catch (e) {
    sampler.stop();
    return failedAnchor(kind, (e as Error).message.split('\n')[0] ?? 'failed');
  }
}

export function failedAnchor(kind: AnchorKind, error: string): AnchorRun & { peakDelta: number | null } {
  return { kind, ms: Number.NaN, rows: 0, codes: null, setupMs: null, error, peakDelta: null };
}

export function anchorResult(
  runs: (AnchorRun & { peakDelta: number | null })[],
  data: DataFile,
): AnchorResult {
  const ms = stat(runs.map((r) => (Number.isFinite(r.ms) && r.error === null ? r.ms : null)));
  const ok = runs.filter((r) => r.error === null);
  return {
    ms,
    mbPerSec: ms.median === null ? null : data.bytes / MB / (ms.median / 1000),
    rowsOk: ok.length > 0 && ok.every((r) => r.rows === data.truth.rowsRead),
    codesOk: ok.some((r) => r.codes !== null)
      ? ok.every((r) => sameCodes(r.codes, data.truth.byCode) !== false)
      : null,
    peakDeltaRssBytes: runs.map((r) => r.peakDelta),
    setupMs: runs.find((r) => r.setupMs !== null)?.setupMs ?? null,
    errors: runs.filter((r) => r.error !== null).map((r) => r.error as string),
  };
}
