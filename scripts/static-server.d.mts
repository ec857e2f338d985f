// Types for static-server.mjs, which the end-to-end tests import too.
import type { Server } from 'node:http';

/** Serve `dir` on 127.0.0.1 at a free port. */
export function serve(dir: string): Promise<{ server: Server; url: string }>;
