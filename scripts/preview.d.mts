// Types for preview.mjs, which the end-to-end tests import too.

/** Serve the built folder `outDir` with Vite's preview server on 127.0.0.1 at a free port. */
export function servePreview(
  outDir: string,
  options?: { headers?: Record<string, string>; hosted?: boolean },
): Promise<{ url: string; close: () => Promise<void> }>;
