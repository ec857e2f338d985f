/**
 * The storage demo frame's document: static HTML with its own Content
 * Security Policy, loading the demo script from the app's origin (the frame
 * inherits the app's policy too, which allows only scripts from 'self'). No
 * token is ever written into it: the token arrives by postMessage and is
 * shown as text.
 */

/** The `srcdoc` of the storage demo frame, loading the demo from `scriptUrl`. */
export function storageFrameDocument(scriptUrl: string): string {
  if (!/^https?:\/\/[^\s"'<>]+$/.test(scriptUrl))
    throw new TypeError('The demo script URL is not a plain http(s) URL.');
  const policy = `default-src 'none'; script-src ${scriptUrl}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><title>Storage demo</title><style>body{font:13px/1.4 monospace;margin:0.5rem;color:#111;background:#fff}p{margin:0 0 0.4rem}</style></head><body><p>A page of the site, with an XSS hole.</p><div id="out"></div><script src="${scriptUrl}"></script></body></html>`;
}

/** A message from the frame: that it is ready, or what its injected script read. */
export type FrameMessage =
  { type: 'storage-demo-ready' } | { type: 'storage-demo-report'; stolen: string | null };

/** `data` as a frame message, or undefined when it is anything else (any input is hostile). */
export function frameMessage(data: unknown): FrameMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, stolen } = data as Record<string, unknown>;
  if (type === 'storage-demo-ready') return { type };
  if (
    type === 'storage-demo-report' &&
    (stolen === null || (typeof stolen === 'string' && stolen.length <= 20000))
  )
    return { type, stolen };
  return undefined;
}
