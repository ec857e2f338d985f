// npm run lighthouse: Lighthouse 12.8.2 against the built page served on
// 127.0.0.1, mobile and desktop, with Debian's Chromium. Prints the four
// scores and exits non-zero when one is under its target.
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { servePreview } from './preview.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'node_modules/.cache/jwt-lab-lighthouse');
const TARGETS = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };

execSync('node scripts/ensure-chromium.mjs', { cwd: root, stdio: 'inherit' });
await build({ root, logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
// Served as a host should serve it: with the headers of vite.config.ts.
const { url, close } = await servePreview(out, { hosted: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
  ],
});

let failed = false;
console.log(
  '| form factor | performance | accessibility | best practices | SEO |\n| --- | ---: | ---: | ---: | ---: |',
);
for (const [name, config] of [
  ['mobile', undefined],
  ['desktop', desktopConfig],
]) {
  const result = await lighthouse(
    url,
    { port: chrome.port, output: 'json', logLevel: 'error' },
    config,
  );
  const scores = Object.fromEntries(
    Object.keys(TARGETS).map((id) => [
      id,
      Math.round((result.lhr.categories[id]?.score ?? 0) * 100),
    ]),
  );
  console.log(
    `| ${name} | ${scores.performance} | ${scores.accessibility} | ${scores['best-practices']} | ${scores.seo} |`,
  );
  for (const [id, target] of Object.entries(TARGETS)) {
    if (scores[id] < target) {
      failed = true;
      const audits = Object.values(result.lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 1 &&
            result.lhr.categories[id].auditRefs.some((r) => r.id === a.id && r.weight > 0),
        )
        .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
      console.log(`  ${name} ${id} ${scores[id]} < ${target}: ${audits.join(', ')}`);
    }
  }
}
await chrome.kill();
await close();
process.exit(failed ? 1 : 0);
