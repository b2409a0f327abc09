/**
 * A static server for built pages, the way a static host serves them: nothing but files, each folder under
 * its own path of one localhost origin. The benchmark serves the dashboard and the anchors' harness page
 * with it (a `.wasm` type: DuckDB-WASM instantiates by streaming and insists on application/wasm), by
 * default with the two headers that make a page cross-origin isolated, which
 * `performance.measureUserAgentSpecificMemory()` requires; everything the pages load is same-origin, so the
 * isolation changes nothing else they do. The browser tests serve the build under a sub-path with it
 * (test/e2e/dmscope-server.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface BenchServer {
  /** Origin plus mount path of each root, e.g. { app: 'http://127.0.0.1:4321/app/' }. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Serves each `mounts[name]` folder under `/name/` (a name may have slashes: "ops/tools/dmscope"), and
 * redirects `/name` there; `isolated` adds COOP/COEP to every response.
 */
export async function serveRoots(mounts: Record<string, string>, isolated: boolean): Promise<BenchServer> {
  const roots = Object.entries(mounts).map(([name, dir]) => ({ prefix: `/${name}/`, base: resolve(dir) }));
  const isolation: Record<string, string> = isolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const bare = roots.find((r) => path === r.prefix.slice(0, -1));
    if (bare !== undefined) {
      res.writeHead(301, { location: bare.prefix }).end();
      return;
    }
    const root = roots.find((r) => path.startsWith(r.prefix));
    if (root === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    const file = normalize(join(root.base, path.slice(root.prefix.length) || 'index.html'));
    if (file !== root.base && !file.startsWith(root.base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const target = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(target);
      res
        .writeHead(200, {
          'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
          ...isolation,
        })
        .end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const urls = Object.fromEntries(
    roots.map((r) => [r.prefix.slice(1, -1), `http://127.0.0.1:${port}${r.prefix}`]),
  );
  return {
    urls,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
