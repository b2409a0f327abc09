/**
 * Serves the built site under a sub-path on a free localhost port, the way a static host would: nothing
 * but files, so the e2e tests prove the build works away from the server root. The server is the
 * benchmark's (bench/bench-server.ts), without cross-origin isolation.
 */
import { serveRoots } from '../../bench/bench-server.ts';

export const SUB_PATH = '/ops/tools/dmscope/';

export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const name = SUB_PATH.slice(1, -1);
  const served = await serveRoots({ [name]: root }, false);
  return { url: served.urls[name] as string, close: served.close };
}
