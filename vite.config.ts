import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * index.html's Content-Security-Policy serves the dev server, which inlines React's fast-refresh preamble
 * (admitted by its hash) and injects CSS as <style> elements (admitted by style-src 'unsafe-inline').
 * The built page needs neither: its scripts and stylesheet are files from the same origin, and React sets
 * style props through the CSSOM, which CSP does not govern. So the build gets the strict policy, and fails
 * if it ever emits an inline script. Workers are files of the site in both (never blob: or data: URLs).
 */
const BUILD_CSP_OVERRIDES: Record<string, string> = {
  // 'wasm-unsafe-eval' lets the dataset worker compile the row scanner (WebAssembly), and nothing else
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'worker-src': "'self'",
};

function strictBuildCsp(content: string): string {
  return content
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
    .map((directive) => {
      const name = directive.split(/\s+/)[0] ?? '';
      return name in BUILD_CSP_OVERRIDES ? `${name} ${BUILD_CSP_OVERRIDES[name]}` : directive;
    })
    .join('; ');
}

function strictCspInBuild(): Plugin {
  return {
    name: 'dmscope-strict-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;
        if (!meta.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag');
        if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
          throw new Error('the built index.html has an inline <script>, which its strict CSP would block');
        }
        return html
          .replace(
            meta,
            (_all, open: string, content: string, close: string) => open + strictBuildCsp(content) + close,
          )
          .replace(/\s*<!--[\s\S]*?-->/, '');
      },
    },
  };
}

// base './' keeps every asset URL relative, so dist/ works from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react(), strictCspInBuild()],
  worker: { format: 'es' },
  // the worker imports PapaParse; pre-bundling it up front avoids a dev-server reload on the first load
  optimizeDeps: { include: ['papaparse'] },
  build: { target: 'es2023', sourcemap: true },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 30_000,
  },
});
