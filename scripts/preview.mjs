// Vite's own preview server for the scripts and tests that serve a built
// folder (the benchmark, Lighthouse, the update test): 127.0.0.1, a free port.
import { resolve } from 'node:path';
import { preview } from 'vite';

const root = resolve(import.meta.dirname, '..');

/**
 * Serve the built folder `outDir`; resolves to `{ url, close }`. `headers` go
 * on every answer. With `hosted`, the project's vite.config.ts applies too, so
 * the page gets the headers a host should send (its `preview.headers`).
 */
export async function servePreview(outDir, { headers, hosted = false } = {}) {
  const server = await preview({
    root,
    configFile: hosted ? resolve(root, 'vite.config.ts') : false,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, open: false, ...(headers ? { headers } : {}) },
    build: { outDir: resolve(outDir) },
  });
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}
