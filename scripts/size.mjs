// Prints the gzipped size of every chunk in dist/ and of what the first
// screen loads (index.html's scripts and CSS, the app entry that the boot
// script loads after the first paint, and every chunk they import
// statically), and fails when the first screen is over budget.
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
if (first > BUDGET_KB * 1024) {
  console.error(`Over budget by ${kb(first - BUDGET_KB * 1024)} KB: load more on demand.`);
  process.exit(1);
}
