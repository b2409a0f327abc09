/**
 * Memory of a process tree from /proc (Linux): every Chromium process descended from a root pid (the
 * benchmark's own, so: the browser and all its children — renderers with their dedicated workers, GPU and
 * utility processes). VmRSS is read from /proc/PID/status, which is cheap enough to poll every 50 ms
 * without slowing the browser down (smaps_rollup's Pss walks the page tables and is not).
 *
 * The sum of VmRSS counts pages shared between processes once per process, so its absolute value is an
 * overestimate; its growth while a file loads is memory the load allocated. RssAnon (private anonymous
 * memory: heaps, array buffers) is summed too, as the figure least disturbed by shared libraries.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcSample {
  /** ms since the sampler started. */
  at: number;
  rssBytes: number;
  anonBytes: number;
  processes: number;
  /** VmRSS summed per process type (browser, renderer, gpu-process, utility:…, zygote). */
  rssByType: Record<string, number>;
}

export interface ProcInfo {
  pid: number;
  type: string;
  rssBytes: number;
  anonBytes: number;
  hwmBytes: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[1]);
  } catch {
    return null;
  }
}

/** Every live pid whose ancestry reaches `root` (root itself excluded). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid !== null) parent.set(pid, ppid);
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p: number | undefined = parent.get(pid);
    for (let depth = 0; p !== undefined && p > 1 && depth < 64; depth++) {
      if (p === root) {
        out.push(pid);
        break;
      }
      p = parent.get(p);
    }
  }
  return out.sort((a, b) => a - b);
}

function statusKb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return m ? Number(m[1]) : 0;
}

/**
 * Chromium's role of a process from its command line (browser, renderer, gpu-process, utility:…, zygote),
 * or null for a process that is not Chromium's (tsx's esbuild service is a child of the benchmark too).
 * Chromium rewrites its children's argv into one space-separated title, so flags are found by pattern.
 */
function processType(pid: number): string | null {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    const exe = cmd.split(/[\0 ]/)[0] ?? '';
    if (!/chrom|headless_shell/i.test(exe)) return null;
    const type = /--type=([^\s\0]+)/.exec(cmd)?.[1];
    if (type === undefined) return 'browser';
    const sub = /--utility-sub-type=([^\s\0]+)/.exec(cmd)?.[1];
    return sub ? `${type}:${sub.split('.').pop()}` : type;
  } catch {
    return null;
  }
}

function memoryOf(pid: number): Omit<ProcInfo, 'type' | 'pid'> | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    return {
      rssBytes: statusKb(status, 'VmRSS') * 1024,
      anonBytes: statusKb(status, 'RssAnon') * 1024,
      hwmBytes: statusKb(status, 'VmHWM') * 1024,
    };
  } catch {
    return null; // exited between listing and reading
  }
}

/** A Chromium process's memory and role; null when the process is gone or not Chromium's. */
export function processInfo(pid: number): ProcInfo | null {
  const type = processType(pid);
  const memory = type === null ? null : memoryOf(pid);
  return memory === null || type === null ? null : { pid, type, ...memory };
}

/** Which processes count: e.g. every process but the renderers of other pages. */
export type ProcFilter = (pid: number, type: string) => boolean;

/** Everything but the renderers in `pids` (other pages, or pages closed and still exiting). */
export function withoutRenderers(pids: ReadonlySet<number>): ProcFilter {
  return (pid, type) => !(type === 'renderer' && pids.has(pid));
}

/** The pids of the renderer processes under `root` right now. */
export function renderers(root: number): Set<number> {
  return new Set(descendants(root).filter((pid) => processType(pid) === 'renderer'));
}

/** One reading of the tree (Chromium's processes only, those `keep` accepts). */
export function readTree(
  root: number,
  keep: ProcFilter = () => true,
): { total: ProcSample; processes: ProcInfo[] } {
  const processes = descendants(root)
    .map(processInfo)
    .filter((p): p is ProcInfo => p !== null && keep(p.pid, p.type));
  let rssBytes = 0;
  let anonBytes = 0;
  const rssByType: Record<string, number> = {};
  for (const p of processes) {
    rssBytes += p.rssBytes;
    anonBytes += p.anonBytes;
    rssByType[p.type] = (rssByType[p.type] ?? 0) + p.rssBytes;
  }
  return { total: { at: 0, rssBytes, anonBytes, processes: processes.length, rssByType }, processes };
}

export interface SamplerResult {
  samples: ProcSample[];
  peakRssBytes: number;
  peakAnonBytes: number;
  /** Each process type's own highest VmRSS sum (not necessarily at the same moment). */
  peakRssByType: Record<string, number>;
  /** Longest gap between two samples (the event loop may have been busy). */
  maxGapMs: number;
}

/**
 * Polls the tree every `intervalMs` until stopped. The pid list is refreshed every 10th tick (listing
 * /proc is the expensive part); a process that appears in between is picked up at the next refresh.
 */
export function startSampler(
  root: number,
  intervalMs = 50,
  keep: ProcFilter = () => true,
): { stop(): SamplerResult } {
  const started = performance.now();
  const samples: ProcSample[] = [];
  let pids: { pid: number; type: string }[] = [];
  const refresh = () => {
    pids = [];
    for (const pid of descendants(root)) {
      const type = processType(pid);
      if (type !== null && keep(pid, type)) pids.push({ pid, type });
    }
  };
  let tick = 0;
  const sample = () => {
    if (tick++ % 10 === 0) refresh();
    let rssBytes = 0;
    let anonBytes = 0;
    let processes = 0;
    const rssByType: Record<string, number> = {};
    for (const { pid, type } of pids) {
      const info = memoryOf(pid);
      if (info === null) continue;
      rssBytes += info.rssBytes;
      anonBytes += info.anonBytes;
      rssByType[type] = (rssByType[type] ?? 0) + info.rssBytes;
      processes++;
    }
    samples.push({ at: performance.now() - started, rssBytes, anonBytes, processes, rssByType });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let maxGapMs = 0;
      for (let i = 1; i < samples.length; i++) {
        maxGapMs = Math.max(maxGapMs, (samples[i]?.at ?? 0) - (samples[i - 1]?.at ?? 0));
      }
      const peakRssByType: Record<string, number> = {};
      for (const s of samples) {
        for (const [t, v] of Object.entries(s.rssByType))
          peakRssByType[t] = Math.max(peakRssByType[t] ?? 0, v);
      }
      return {
        samples,
        peakRssByType,
        peakRssBytes: Math.max(...samples.map((s) => s.rssBytes)),
        peakAnonBytes: Math.max(...samples.map((s) => s.anonBytes)),
        maxGapMs,
      };
    },
  };
}
