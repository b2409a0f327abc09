/**
 * Loading files: what is loaded, what is being read, and what a load that failed, was cancelled or was
 * lost with the worker says. A newer load supersedes an older one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Profile } from '../catalog/profile.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { MappingOverride } from '../ingest/ingest.ts';
import type { DatasetInfo, LoadProgress, PartialFigures } from '../worker/dataset-protocol.ts';
import { WorkerError } from '../worker/rpc.ts';
import type { DatasetClient } from './dataset-client.ts';
import { errorMessage, userError } from './error-message.ts';

export const SAMPLE_URL = './sample/fleet-sample.csv';

export type LoadState =
  | { phase: 'idle' }
  | {
      phase: 'loading';
      what: string;
      progress: LoadProgress | null;
      /** The figures of the rows read so far, the latest the worker sent; null before the first. */
      partial: PartialFigures | null;
      /** When the load began (performance.now()): see useShownPartial. */
      since: number;
    }
  | { phase: 'ready' };

/** What a load ends with: the new data (null: it left the data as it was), and a note for the user. */
interface LoadOutcome {
  info: DatasetInfo | null;
  notice?: string;
}

type StartLoad = (
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
) => Promise<DatasetInfo | LoadOutcome>;

/** What is loaded: the built-in sample alone, or the user's own files (also with the sample added). */
export type LoadedKind = 'sample' | 'files';

/** Files the worker refused for want of a column the user can name, with their columns to choose from. */
export interface RefusedFiles {
  files: readonly File[];
  columns: readonly string[];
}

export interface Loading {
  load: LoadState;
  notice: string | null;
  /** The last load's files when they were refused for want of a result-code column; null otherwise. */
  refused: RefusedFiles | null;
  /** Reads the refused files again with the mapping the user chose. */
  loadRefused(mapping: MappingOverride): void;
  loadFiles(files: readonly File[]): void;
  /** "Add files": these files join the loaded ones in one dataset with a `source file` dimension. */
  appendFiles(files: readonly File[]): void;
  loadSample(): void;
  /** What the page shows: the sample alone, the user's files, or nothing (null). */
  loaded: LoadedKind | null;
  cancelLoad(): void;
  remap(mapping: MappingOverride): void;
  /** Reads the loaded files again under these profiles (nothing loaded: the next load carries them). */
  reload(profiles: readonly Profile[]): void;
}

interface LoadEvents {
  /** What is loaded now. */
  info: DatasetInfo | null;
  setError(message: string | null): void;
  /** The data the view showed is replaced (`info`) or gone (null). */
  onData(info: DatasetInfo | null): void;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function workerLostMessage(reason: string, reading: string | null): string {
  return reading === null
    ? `The analysis worker stopped (${reason}), and the data it held is gone. A new one has started: load the files again.`
    : `The analysis worker stopped while reading ${reading} (${reason}). A file too large for this tab's memory can do that: split the log, or load it again. A new worker has started.`;
}

/** One load at a time: its progress, its outcome, and the worker stopping under it. */
function useLoadRunner(client: DatasetClient, { info, setError, onData }: LoadEvents) {
  const [load, setLoad] = useState<LoadState>({ phase: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const [refused, setRefused] = useState<RefusedFiles | null>(null);
  const [loaded, setLoaded] = useState<LoadedKind | null>(null);
  const loadSeq = useRef(0);
  const loadAbort = useRef<AbortController | null>(null);
  /** What the load in progress reads, for the message if the worker stops meanwhile. */
  const reading = useRef<string | null>(null);

  const runLoad = useCallback(
    (what: string, start: StartLoad, files: readonly File[] = [], kind?: LoadedKind) => {
      const seq = ++loadSeq.current;
      // A newer load supersedes this one; the worker aborts its own side when the newer one reaches it.
      loadAbort.current?.abort();
      const controller = new AbortController();
      loadAbort.current = controller;
      setError(null);
      setNotice(null);
      setRefused(null);
      const since = performance.now();
      setLoad({ phase: 'loading', what, progress: null, partial: null, since });
      reading.current = what;
      start((progress) => {
        if (seq !== loadSeq.current) return;
        // a progress message without figures keeps the last figures sent
        setLoad((before) => ({
          phase: 'loading',
          what,
          progress,
          partial: progress.partial ?? (before.phase === 'loading' ? before.partial : null),
          since,
        }));
      }, controller.signal).then(
        (answer) => {
          if (seq !== loadSeq.current) return;
          reading.current = null;
          const outcome = 'info' in answer ? answer : { info: answer };
          if (outcome.info !== null) {
            if (kind !== undefined) setLoaded(kind);
            onData(outcome.info);
          }
          setLoad(outcome.info === null && info === null ? { phase: 'idle' } : { phase: 'ready' });
          if (outcome.notice !== undefined) setNotice(outcome.notice);
        },
        (e: unknown) => {
          if (seq !== loadSeq.current) return;
          reading.current = null;
          setLoad(info === null ? { phase: 'idle' } : { phase: 'ready' });
          if (isAbort(e)) setNotice('Loading was cancelled; the previous data (if any) is still shown.');
          else setError(errorMessage(e));
          if (e instanceof WorkerError && e.columns !== null && files.length > 0)
            setRefused({ files, columns: e.columns });
        },
      );
    },
    [info, setError, onData],
  );

  const cancelLoad = useCallback(() => {
    loadAbort.current?.abort();
    client.call('cancel', {}).catch(() => undefined); // a worker that stopped has nothing to cancel
  }, [client]);

  // The worker stopped and a new one took its place: what the old one held, and was reading, is gone.
  useEffect(
    () =>
      client.onRestart((reason) => {
        loadSeq.current++;
        const what = reading.current;
        reading.current = null;
        setLoaded(null);
        onData(null);
        setLoad({ phase: 'idle' });
        setNotice(null);
        setError(workerLostMessage(reason, what));
      }),
    [client, setError, onData],
  );

  return { load, notice, refused, loaded, runLoad, cancelLoad };
}

/**
 * A load's partial figures are shown once it has run this long: one that ends sooner shows its exact figures
 * without a flash of partial ones before them.
 */
export const PARTIAL_AFTER_MS = 100;

/** The partial figures to show of a load: its latest, once it has run PARTIAL_AFTER_MS; else null. */
export function useShownPartial(load: LoadState): PartialFigures | null {
  const [, wake] = useState(0);
  const partial = load.phase === 'loading' ? load.partial : null;
  const wait = load.phase === 'loading' ? load.since + PARTIAL_AFTER_MS - performance.now() : 0;
  const early = partial !== null && wait > 0;
  useEffect(() => {
    if (!early) return;
    const timer = setTimeout(() => wake((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [early, wait]);
  return early ? null : partial;
}

/** `profiles`: the user's profiles, which every load carries to the worker. */
export function useLoading(client: DatasetClient, events: LoadEvents, profiles: readonly Profile[]): Loading {
  const { load, notice, refused, loaded: kind, runLoad, cancelLoad } = useLoadRunner(client, events);
  // read when a load starts, so that a change of profiles does not make new callbacks
  const profilesNow = useRef(profiles);
  profilesNow.current = profiles;
  const loaded = events.info !== null;

  const loadWith = useCallback(
    (files: readonly File[], mapping?: MappingOverride) => {
      if (files.length === 0) return;
      const what = files.length === 1 ? (files[0]?.name ?? 'file') : `${files.length} files`;
      runLoad(
        what,
        (onProgress) =>
          client.call(
            'load',
            {
              files: [...files],
              profiles: [...profilesNow.current],
              ...(mapping === undefined ? {} : { mapping }),
            },
            onProgress,
          ),
        files,
        'files',
      );
    },
    [client, runLoad],
  );
  const loadFiles = useCallback((files: readonly File[]) => loadWith(files), [loadWith]);
  const loadRefused = useCallback(
    (mapping: MappingOverride) => {
      if (refused !== null) loadWith(refused.files, mapping);
    },
    [refused, loadWith],
  );

  const loadSample = useCallback(() => {
    runLoad('the sample fleet log', sampleLoad(client, profilesNow.current), [], 'sample');
  }, [client, runLoad]);

  const appendFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      if (!loaded) {
        loadWith(files);
        return;
      }
      const what = `the loaded files and ${files.length === 1 ? (files[0]?.name ?? 'a file') : `${files.length} more`}`;
      runLoad(what, appendLoad(client, files, profilesNow.current), [], 'files');
    },
    [client, runLoad, loadWith, loaded],
  );

  const remap = useCallback(
    (mapping: MappingOverride) => {
      runLoad('the same files with the new column mapping', (onProgress) =>
        client.call('remap', { mapping }, onProgress),
      );
    },
    [client, runLoad],
  );

  const reload = useCallback(
    (next: readonly Profile[]) => {
      if (!loaded) return;
      runLoad('the same files with the changed profiles', (onProgress) =>
        client.call('reload', { profiles: [...next] }, onProgress),
      );
    },
    [client, runLoad, loaded],
  );

  return useMemo(
    () => ({
      load,
      notice,
      refused,
      loaded: kind,
      loadRefused,
      loadFiles,
      appendFiles,
      loadSample,
      cancelLoad,
      remap,
      reload,
    }),
    [load, notice, refused, kind, loadRefused, loadFiles, appendFiles, loadSample, cancelLoad, remap, reload],
  );
}

/** Fetches the built-in sample and loads it in place of the data. */
function sampleLoad(client: DatasetClient, profiles: readonly Profile[]): StartLoad {
  return async (onProgress, signal) => {
    const response = await fetch(SAMPLE_URL, { signal });
    if (!response.ok) throw new Error(`the sample could not be fetched (HTTP ${response.status}).`);
    const file = new File([await response.blob()], 'fleet-sample.csv', { type: 'text/csv' });
    // Cancelled while fetching: the worker must not replace what it holds.
    signal.throwIfAborted();
    return client.call('load', { files: [file], profiles: [...profiles] }, onProgress);
  };
}

/** "Add files": the worker reads the loaded files and these into one dataset; a failure changes nothing. */
function appendLoad(client: DatasetClient, files: readonly File[], profiles: readonly Profile[]): StartLoad {
  return async (onProgress) => {
    const params = { files: [...files], profiles: [...profiles] };
    const added = await client.call('append', params, onProgress).catch((e: unknown) => {
      if (isAbort(e)) throw e;
      throw userError(`Nothing was added; the loaded data is as it was. ${errorMessage(e)}`);
    });
    return { info: added.info, ...duplicatesNotice(added.duplicates, added.info !== null) };
  };
}

/** Says which files were loaded already and so not added again (nothing to say when there were none). */
function duplicatesNotice(names: readonly string[], addedOthers: boolean): { notice?: string } {
  if (names.length === 0) return {};
  const list = names.map((n) => `“${visibleText(n)}”`).join(', ');
  const are = names.length === 1 ? 'is' : 'are';
  return {
    notice: `${list} ${are} loaded already (the same name, size and date): not added again, so no row is counted twice.${addedOthers ? ' The other files were added.' : ''}`,
  };
}
