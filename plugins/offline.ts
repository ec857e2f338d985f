/**
 * Build-time pieces of a private, offline page: a service worker that
 * precaches exactly the files of this build, and a strict Content Security
 * Policy in the built page (development keeps Vite's inline HMR scripts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * The built page's policy. Scripts: this origin only, nothing inline, no eval.
 * 'wasm-unsafe-eval' lets the crack's worker compile its WebAssembly kernel
 * (src/lib/crack/wasm, this origin's own file): it allows compiling
 * WebAssembly, never eval() or new Function() of JavaScript, and WebAssembly
 * reaches nothing but what the script that instantiates it hands over.
 * Styles need 'unsafe-inline', measured in Chromium: CodeMirror's style-mod
 * writes its rules into a <style> element of the document (it uses
 * adoptedStyleSheets only inside shadow roots), and Chromium's own editing
 * code applies inline styles when a person selects all and deletes in an
 * editor; without it both are blocked and reported on the console. Nothing
 * from a token is ever rendered as markup, so no one can inject a style.
 * JWKS fetches go to https URLs, and tests serve them from the loopback.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function listFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path));
    else out.push(path);
  }
  return out;
}

/** The CSP meta tag (build only) and `sw.js` listing every file of the build. */
export function offline(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'jwt-lab-offline',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const hash = createHash('sha256');
        const files = new Set<string>();
        for (const [fileName, item] of Object.entries(bundle)) {
          files.add(fileName);
          hash.update(fileName);
          hash.update(item.type === 'chunk' ? item.code : item.source);
        }
        const publicDir = config.publicDir;
        if (publicDir) {
          for (const path of listFiles(publicDir)) {
            const fileName = relative(publicDir, path).split(sep).join('/');
            // Netlify and Cloudflare Pages read _headers and never serve it:
            // precaching it would fail the worker's install there.
            if (fileName === '_headers') continue;
            files.add(fileName);
            hash.update(fileName);
            hash.update(readFileSync(path));
          }
        }
        files.delete('sw.js');
        // Relative to the worker's scope, so dist works from any path.
        const assets = ['./', ...[...files].sort()];
        const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
        const source = template
          .replace('__VERSION__', hash.digest('hex').slice(0, 16))
          .replace('__ASSETS__', JSON.stringify(assets));
        this.emitFile({ type: 'asset', fileName: 'sw.js', source });
      },
    },
  };
}
