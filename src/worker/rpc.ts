/**
 * Typed calls between the page and a worker. One method table (name → params and result, e.g. DatasetRpc)
 * types both ends; everything else here is derived from it. Rules both ends keep:
 *
 * - Every answer carries the version of the data it was computed from (the worker counts its loads). An
 *   answer older than one the client has already had is never delivered: its call fails with `StaleAnswer`.
 * - A method listed in `latestOnly` has at most one request in flight plus one waiting (the latest): a newer
 *   call replaces the waiting one, which fails with `Superseded`, so a burst of N calls costs two answers.
 * - Errors cross with their name, message and stack.
 */

/** Method name → its parameters and its result (structured-cloneable). */
export type MethodTable = { [method: string]: { params: unknown; result: unknown } };

/** An Error as it crosses the boundary. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** An IngestError's column names (see IngestError.columns), for the page to offer the mapping. */
  columns?: string[];
}

export type RpcRequest<T extends MethodTable> = {
  [M in keyof T]: { id: number; method: M; params: T[M]['params'] };
}[keyof T];

export type RpcAnswer<Progress> =
  | { id: number; kind: 'result'; version: number; result: unknown }
  | { id: number; kind: 'error'; version: number; error: WireError }
  | { id: number; kind: 'progress'; progress: Progress };

export type Handler<T extends MethodTable, Progress> = <M extends keyof T>(
  method: M,
  params: T[M]['params'],
  onProgress: (progress: Progress) => void,
) => Promise<T[M]['result']> | T[M]['result'];

/** Raised in the page for a failure in the worker (or of the call itself); `name` says which. */
export class WorkerError extends Error {
  /** See WireError.columns; null when the error carried none. */
  readonly columns: readonly string[] | null;
  constructor(name: string, message: string, stack?: string, columns: readonly string[] | null = null) {
    super(message);
    this.name = name;
    if (stack !== undefined) this.stack = stack;
    this.columns = columns;
  }
}

/** The name of the error a call fails with when a newer call of a `latestOnly` method took its place. */
export const SUPERSEDED = 'Superseded';
/** The name of the error a call fails with when its answer was computed from data older than the page's. */
export const STALE_ANSWER = 'StaleAnswer';

export function toWireError(error: unknown): WireError {
  const e = error instanceof Error ? error : new Error(String(error));
  const columns = (e as { columns?: unknown }).columns;
  return {
    name: e.name,
    message: e.message,
    ...(e.stack === undefined ? {} : { stack: e.stack }),
    ...(Array.isArray(columns) ? { columns: columns.map(String) } : {}),
  };
}

export function fromWireError(error: WireError): WorkerError {
  return new WorkerError(error.name, error.message, error.stack, error.columns ?? null);
}

/**
 * The worker's side: returns the function to call with each request. `version` is the data version now;
 * handlers read the data within one turn of the event loop, so the version when they answer is the one
 * they read (a load's answer carries the version of the data it loaded).
 */
export function serveRpc<T extends MethodTable, Progress>(
  handle: Handler<T, Progress>,
  post: (answer: RpcAnswer<Progress>) => void,
  version: () => number,
): (request: RpcRequest<T>) => void {
  return ({ id, method, params }) => {
    new Promise((resolve) =>
      resolve(handle(method, params, (progress) => post({ id, kind: 'progress', progress }))),
    ).then(
      (result) => post({ id, kind: 'result', version: version(), result }),
      (error: unknown) => post({ id, kind: 'error', version: version(), error: toWireError(error) }),
    );
  };
}

export interface RpcClient<T extends MethodTable, Progress> {
  call<M extends keyof T>(
    method: M,
    params: T[M]['params'],
    onProgress?: (progress: Progress) => void,
  ): Promise<T[M]['result']>;
  /** Hands a message from the worker to the call it answers. */
  receive(answer: RpcAnswer<Progress>): void;
  /** Fails every call not answered yet; the next worker counts its data versions afresh. */
  failAll(error: Error): void;
}

interface Waiting<Progress> {
  params: unknown;
  onProgress: ((progress: Progress) => void) | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One in flight, one waiting. */
interface Lane<Progress> {
  busy: boolean;
  waiting: Waiting<Progress> | null;
}

/** The page's side. `send` posts a request, or throws when there is no worker to post it to. */
export function createRpcClient<T extends MethodTable, Progress>(
  send: (request: RpcRequest<T>) => void,
  options: { latestOnly?: readonly (keyof T)[] } = {},
): RpcClient<T, Progress> {
  let nextId = 1;
  /** The newest data version an answer has carried. */
  let version = 0;
  const pending = new Map<number, Omit<Waiting<Progress>, 'params'>>();
  const lanes = new Map<keyof T, Lane<Progress>>(
    (options.latestOnly ?? []).map((method) => [method, { busy: false, waiting: null }]),
  );

  function post(
    method: keyof T,
    params: unknown,
    onProgress?: (progress: Progress) => void,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, onProgress });
      try {
        send({ id, method, params } as RpcRequest<T>);
      } catch (error) {
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  function next(method: keyof T, lane: Lane<Progress>): void {
    const call = lane.waiting;
    if (call === null || lane.busy) return;
    lane.waiting = null;
    lane.busy = true;
    const settled = () => {
      lane.busy = false;
      next(method, lane);
    };
    post(method, call.params, call.onProgress).then(call.resolve, call.reject).then(settled);
  }

  return {
    call(method, params, onProgress) {
      const lane = lanes.get(method);
      if (lane === undefined) return post(method, params, onProgress) as Promise<T[typeof method]['result']>;
      return new Promise((resolve, reject) => {
        lane.waiting?.reject(
          new WorkerError(SUPERSEDED, `A newer ${String(method)} request took its place.`),
        );
        lane.waiting = { params, onProgress, resolve, reject };
        next(method, lane);
      });
    },
    receive(answer) {
      const entry = pending.get(answer.id);
      if (entry === undefined) return;
      if (answer.kind === 'progress') {
        entry.onProgress?.(answer.progress);
        return;
      }
      pending.delete(answer.id);
      if (answer.version < version) {
        entry.reject(new WorkerError(STALE_ANSWER, 'The answer was computed from data no longer loaded.'));
        return;
      }
      version = answer.version;
      if (answer.kind === 'result') entry.resolve(answer.result);
      else entry.reject(fromWireError(answer.error));
    },
    failAll(error) {
      const calls = [...pending.values()];
      pending.clear();
      version = 0;
      for (const lane of lanes.values()) {
        if (lane.waiting !== null) calls.push(lane.waiting);
        lane.waiting = null;
      }
      for (const call of calls) call.reject(error);
    },
  };
}
