// Types for static-server.mjs, which the end-to-end tests import too.
import type { Server } from 'node:http';

/** Serve `dir` on 127.0.0.1 at a free port, with `headers` on every answer. */
export function serve(
  dir: string,
  headers?: Record<string, string>,
): Promise<{ server: Server; url: string }>;
