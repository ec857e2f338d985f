// Prints the gzipped size of every chunk in dist/, of what the first screen
// loads (index.html's scripts and CSS, the app entry that the boot script
// loads after the first paint, and every chunk they import statically), and
// of what a first visit really fetches: dist/ served by `vite preview`,
// opened in Chromium, every JS and CSS response counted until the network is
// idle (the chunks loaded right after the first paint too, which the static
// count does not see). Fails when either is over budget.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 125;
const dist = process.argv[2] ?? 'dist';
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No ${dist}/index.html: run "npm run build" first.`);
  process.exit(1);
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = [...html.matchAll(/\s(?:src|href|data-entry)="([^"]+\.(?:js|css))"/g)].map((m) =>
  posix.normalize(m[1].replace(/^\.\//, '')),
);

// Follow static imports (`import … from "./x.js"`, `import "./x.js"`), not `import("./x.js")`.
const initial = new Set();
const queue = [...refs];
while (queue.length) {
  const file = queue.shift();
  if (initial.has(file)) continue;
  initial.add(file);
  if (!file.endsWith('.js')) continue;
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g,
  ))
    queue.push(posix.join(posix.dirname(file), m[1]));
}

const assets = readdirSync(join(dist, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => `assets/${f}`);
const rows = assets
  .map((file) => ({ file, gzip: gz(file), first: initial.has(file) }))
  .sort((a, b) => Number(b.first) - Number(a.first) || b.gzip - a.gzip);

console.log('chunk'.padEnd(44), 'gzip KB', ' loaded');
for (const r of rows)
  console.log(r.file.padEnd(44), kb(r.gzip).padStart(7), r.first ? ' first screen' : ' on demand');
const first = rows.filter((r) => r.first).reduce((s, r) => s + r.gzip, 0);
const total = rows.reduce((s, r) => s + r.gzip, 0);
console.log(
  `\nfirst screen: ${kb(first)} KB gzipped (budget ${BUDGET_KB} KB), everything: ${kb(total)} KB`,
);

const visit = await firstVisit();
console.log(`\nfirst visit in Chromium, until the network is idle (budget ${BUDGET_KB} KB):`);
for (const r of visit) console.log(r.file.padEnd(44), kb(r.gzip).padStart(7));
const visited = visit.reduce((s, r) => s + r.gzip, 0);
console.log(`first visit: ${kb(visited)} KB gzipped JS+CSS`);

let over = false;
for (const [what, bytes] of [
  ['The first screen', first],
  ['A first visit', visited],
])
  if (bytes > BUDGET_KB * 1024) {
    console.error(
      `${what} is over budget by ${kb(bytes - BUDGET_KB * 1024)} KB: load more on demand.`,
    );
    over = true;
  }
if (over) process.exit(1);

/**
 * Every JS and CSS response a first visit to dist/ gets in Chromium, until no
 * request has started or ended for {@link QUIET_MS} (the page's own fetches:
 * the service worker's offline copy is not the visit's). Each body is gzipped
 * here at level 9, as the chunks above are.
 */
async function firstVisit() {
  const QUIET_MS = 2000;
  const { preview } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const server = await preview({
    logLevel: 'warn',
    build: { outDir: dist },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic'],
  });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const rows = [];
    const bodies = [];
    let last = Date.now();
    let open = 0;
    page.on('request', () => {
      open++;
      last = Date.now();
    });
    const settle = () => {
      open--;
      last = Date.now();
    };
    page.on('requestfailed', settle);
    page.on('requestfinished', settle);
    page.on('response', (response) => {
      const file = new URL(response.url()).pathname.replace(/^\//, '');
      if (!/\.(js|css)$/.test(file)) return;
      bodies.push(
        response
          .body()
          .then((body) => rows.push({ file, gzip: gzipSync(body, { level: 9 }).length })),
      );
    });
    await page.goto(url, { waitUntil: 'load' });
    while (open > 0 || Date.now() - last < QUIET_MS) await page.waitForTimeout(100);
    await Promise.all(bodies);
    return rows.sort((a, b) => b.gzip - a.gzip);
  } finally {
    await browser.close();
    await server.close();
  }
}
