/**
 * A built page that paints before its scripts load: the first screen is
 * rendered to HTML at build time (src/prerender.ts) for main.ts to hydrate,
 * and the app's modules move from tags in the page into ./boot.js, which
 * loads them once the page has been painted. On a slow phone the page is
 * seen as soon as its HTML and CSS have arrived, instead of after some
 * 120 KB of JavaScript has been fetched, run and has built the DOM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';
import { STORAGE_KEY } from '../src/state/remembered.ts';

const ENTRY = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/;
const PRELOAD = /<link rel="modulepreload" crossorigin href="([^"]+)">\s*/g;
const APP = '<div id="app"';

/** Each island's HTML, rendered by src/prerender.ts from a server build of the app. */
async function renderIslands(root: string): Promise<Record<string, string>> {
  const outDir = join(root, 'node_modules/.cache/jwt-lab-prerender');
  const output = (await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins: [svelte()],
    build: { ssr: 'src/prerender.ts', outDir, emptyOutDir: true, target: 'node20' },
  })) as Rolldown.RolldownOutput;
  const entry = output.output.find((item) => item.type === 'chunk' && item.isEntry)!;
  const { prerender } = (await import(pathToFileURL(join(outDir, entry.fileName)).href)) as {
    prerender: () => Promise<Record<string, string>>;
  };
  return prerender();
}

/** Prerender `#app` and load the app's modules through ./boot.js (build only). */
export function prerender(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'jwt-lab-prerender',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({
        type: 'asset',
        name: 'boot.js',
        source: readFileSync(new URL('./boot.js', import.meta.url), 'utf8'),
      });
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, { bundle }) {
        const boot = Object.values(bundle ?? {}).find(
          (item) => item.type === 'asset' && item.names.includes('boot.js'),
        );
        const entry = ENTRY.exec(html)?.[1];
        if (!boot || !entry || !html.includes(`${APP}>`))
          throw new Error('prerender: index.html or the bundle is not as expected');
        const preload = [...html.matchAll(PRELOAD)].map((m) => m[1]).join(' ');
        const tag =
          `<script src="./${boot.fileName}" data-entry="${entry}" ` +
          `data-preload="${preload}" data-remembered="${STORAGE_KEY}"></script>\n  </head>`;
        let page = html
          .replace(ENTRY, '')
          .replace(PRELOAD, '')
          .replace('</head>', tag)
          .replace(`${APP}>`, `${APP} data-prerendered>`);
        for (const [name, body] of Object.entries(await renderIslands(config.root))) {
          const empty = `data-island="${name}"></div>`;
          if (!page.includes(empty)) throw new Error(`prerender: no empty island "${name}"`);
          // A function, so that a `$` in the HTML is not read as a replacement pattern.
          page = page.replace(empty, () => `data-island="${name}">${body}</div>`);
        }
        return page;
      },
    },
  };
}
