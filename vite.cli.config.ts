import { defineConfig } from 'vite';

/**
 * The CLI as one ES module for Node (bin/dmscope.mjs builds and runs it): src/cli/main.ts and everything it
 * imports, dependencies included, so a run loads one file instead of transpiling ~150 TypeScript modules
 * at every start (tsx took ~0.75 s of CPU before the first byte was read).
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
    rollupOptions: { output: { entryFileNames: 'dmscope.mjs', codeSplitting: false } },
  },
});
