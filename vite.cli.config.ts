import { defineConfig } from 'vite';

/**
 * The CLI as ES modules for Node (bin/dmscope.mjs builds and runs them): src/cli/main.ts and everything it
 * imports, dependencies included, so a run loads one file instead of transpiling ~150 TypeScript modules
 * at every start (tsx took ~0.75 s of CPU before the first byte was read). What ingest imports only for
 * some inputs (the Parquet reader and its codecs, ZIP, SyncML) stays in chunks of its own, loaded when
 * such a file is read: a CSV run compiles about half the code (~0.47 MB of ~0.84 MB).
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'dmscope.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } },
  },
});
