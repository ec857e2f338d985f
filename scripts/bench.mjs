// npm run bench: builds the page and the engine harness, drives both in
// Chromium, and prints (1) the engine pipeline against bare WebCrypto per
// algorithm, (2) input-to-verdict latency in the page for 1 KB, 100 KB and
// 1 MB tokens, (3) the JS heap after 10 and after 1,000 token edits, (4) the
// longest task and peak heap for each hostile input (scripts/bench-hostile.mjs).
// It measures and reports; it asserts nothing. `npm run bench -- --engine`
// prints only the first table, for quick work on the engine; `-- --hostile`
// only the last, for quick work on the page's bounds; `-- --crack` only the
// secret-cracking table (scripts/bench-crack.mjs), which the full run prints
// after the engine's; `-- --profile[=RS256]` where the pipeline's time goes,
// function by function (scripts/bench-profile.mjs).
import { join, resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { build } from 'vite';
import { chromium } from '@playwright/test';
import { CompactSign } from 'jose';
import { servePreview } from './preview.mjs';
import { hostileTable } from './bench-hostile.mjs';
import { openApp } from './bench-probe.mjs';
import { crackTable } from './bench-crack.mjs';
import { allocationTable, profileTable } from './bench-profile.mjs';

const root = resolve(import.meta.dirname, '..');
const appDir = join(root, 'node_modules/.cache/jwt-lab-bench/app');
const harnessDir = join(root, 'node_modules/.cache/jwt-lab-bench/harness');

// `--hostile=16 MB` runs only the hostile inputs whose label holds "16 MB".
const hostileArg = process.argv.find((a) => a === '--hostile' || a.startsWith('--hostile='));
const hostileOnly = hostileArg !== undefined;
const crackOnly = process.argv.includes('--crack');
const profileArg = process.argv.find((a) => a === '--profile' || a.startsWith('--profile='));

execSync('node scripts/ensure-chromium.mjs', { cwd: root, stdio: 'inherit' });
await build({ root, logLevel: 'warn', build: { outDir: appDir, emptyOutDir: true } });
const app = await servePreview(appDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Precise memory info: performance.memory otherwise rounds and lags on purpose.
  args: ['--disable-gpu', '--disable-quic', '--enable-precise-memory-info'],
});
if (hostileOnly) {
  await hostileTable(browser, app.url, root, hostileArg.slice('--hostile='.length));
  await browser.close();
  await app.close();
  process.exit(0);
}

await build({
  root: join(root, 'bench'),
  configFile: false,
  base: './',
  logLevel: 'warn',
  // A profile names functions as written.
  build: { outDir: harnessDir, emptyOutDir: true, target: 'es2022', minify: !profileArg },
});

// Isolated, so that performance.now() is fine enough for runs of a few milliseconds.
const harness = await servePreview(harnessDir, {
  headers: {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  },
});
const page = await browser.newPage();
const fmt = (n, d = 1) => n.toFixed(d);

// 1. Engine pipeline against bare crypto.subtle.verify.
await page.goto(harness.url);
await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
if (!(await page.evaluate(() => crossOriginIsolated)))
  console.warn('The harness is not cross-origin isolated: its clock counts in 100 µs steps.');
if (profileArg) {
  const alg = profileArg.slice('--profile='.length) || 'HS256';
  await profileTable(page, alg);
  await allocationTable(page, alg);
  await allocationTable(page, alg, 'jose', 20_000, 8);
  await browser.close();
  await app.close();
  await harness.close();
  process.exit(0);
}
if (crackOnly) {
  await crackTable(page);
  await browser.close();
  await app.close();
  await harness.close();
  process.exit(0);
}
const rows = await page.evaluate(() =>
  window.runBench(['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA']),
);
console.log(
  '\nEngine pipeline per token (decode, cached key, verify, claims, findings) vs bare crypto.subtle.verify',
);
console.log(
  '| alg | pipeline µs | bare verify µs | ratio | jose jwtVerify µs | jose ratio | floor µs | floor ratio | bare in call | pipeline ÷ jose | best rounds ÷ |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const r of rows)
  console.log(
    `| ${r.alg} | ${fmt(r.pipelineUs)} | ${fmt(r.bareUs)} | ${fmt(r.ratio, 2)} | ${fmt(r.joseUs)} | ${fmt(r.joseUs / r.bareUs, 2)} | ${fmt(r.floorUs)} | ${fmt(r.floorUs / r.bareUs, 2)} | ${fmt(r.inCallShare * 100, 0)} % | ${fmt(r.pipelineVsJose, 2)} | ${fmt(r.bestVsJose, 2)} |`,
  );
console.log(
  'floor: split the token, decode the signature, encode the signing input, verify; the least any verifier does',
);
console.log(
  'bare in call: the share of the bare check spent inside crypto.subtle.verify before it returns; no other work can overlap it',
);
console.log(
  'pipeline ÷ jose: the time of all rounds of each, interleaved, garbage collection included (the target is ≤ 1.0)',
);
console.log(
  'best rounds ÷: the fastest round of the pipeline against the fastest of jose: the work alone, no collection or load in it',
);

const parts = await page.evaluate(() => window.runStages('HS256'));
console.log('\nWhere the time goes (HS256, µs per call of each stage alone)');
console.log(
  `| ${Object.keys(parts).join(' | ')} |\n|${' ---: |'.repeat(Object.keys(parts).length)}`,
);
console.log(
  `| ${Object.values(parts)
    .map((v) => fmt(v))
    .join(' | ')} |`,
);

if (process.argv.includes('--engine')) {
  await browser.close();
  await app.close();
  await harness.close();
  process.exit(0);
}

await crackTable(page);

// 2. Input-to-verdict latency in the page.
const secret = 'bench-latency-secret-0123456789abcdef0123456789';
async function tokenOfSize(bytes) {
  const payload = JSON.stringify({
    sub: 'bench',
    iat: 1_800_000_000,
    exp: 4_102_444_800,
    data: 'x'.repeat(Math.max(0, Math.floor((bytes * 3) / 4) - 80)),
  });
  return new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}
// Wait for both editors (built on their first focus) and the first check.
await openApp(page, app.url);
await page.evaluate((key) => {
  const view = document.querySelector('[data-testid="key-input"]').editorView;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: key } });
}, secret);

const latency = [];
for (const [label, bytes, runs] of [
  ['1 KB', 1024, 60],
  ['100 KB', 100 * 1024, 30],
  ['1 MB', 1024 * 1024, 12],
]) {
  const valid = await tokenOfSize(bytes);
  const parts = valid.split('.');
  const tampered = `${parts[0]}.${parts[1]}.${parts[2][0] === 'A' ? 'B' : 'A'}${parts[2].slice(1)}`;
  const times = await page.evaluate(
    async ({ valid, tampered, runs }) => {
      const view = document.querySelector('[data-testid="token-input"]').editorView;
      const status = document.querySelector('[data-testid="signature-status"]');
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const token = i % 2 ? tampered : valid;
        const want = i % 2 ? 'invalid' : 'verified';
        const t0 = performance.now();
        const done = new Promise((ok) => {
          const check = () =>
            status.getAttribute('data-status') === want &&
            (observer.disconnect(), ok(performance.now() - t0));
          const observer = new MutationObserver(check);
          observer.observe(status, { attributes: true });
        });
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: token } });
        samples.push(await done);
        await new Promise((r) => setTimeout(r, 20));
      }
      return samples;
    },
    { valid, tampered, runs },
  );
  const sorted = [...times].sort((a, b) => a - b);
  latency.push({
    label,
    median: sorted[Math.floor(sorted.length / 2)],
    p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)],
  });
}
console.log(
  '\nInput-to-verdict latency in the page (token editor input → signature-status updated)',
);
console.log('| token | median ms | p95 ms | target |\n| --- | ---: | ---: | ---: |');
const targets = { '1 KB': 16, '100 KB': 50, '1 MB': 250 };
for (const l of latency)
  console.log(`| ${l.label} | ${fmt(l.median)} | ${fmt(l.p95)} | ${targets[l.label]} |`);

// 3. Heap after 10 and after 1,000 edits (garbage collected first).
const cdp = await page.context().newCDPSession(page);
async function heapAfter(edits) {
  await page.evaluate(async (edits) => {
    const view = document.querySelector('[data-testid="token-input"]').editorView;
    const text = view.state.doc.toString();
    for (let i = 0; i < edits; i++) {
      view.dispatch({
        changes: {
          from: text.length - 1,
          to: view.state.doc.length,
          insert: String.fromCharCode(65 + (i % 26)),
        },
      });
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 300));
  }, edits);
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}
const small = await tokenOfSize(1024);
await page.evaluate((t) => {
  const view = document.querySelector('[data-testid="token-input"]').editorView;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
}, small);
const after10 = await heapAfter(10);
const after1000 = await heapAfter(990);
console.log('\nJS heap after token edits (after garbage collection)');
console.log(`| after 10 edits | after 1,000 edits | growth |\n| ---: | ---: | ---: |`);
console.log(
  `| ${fmt(after10 / 1048576, 2)} MB | ${fmt(after1000 / 1048576, 2)} MB | ${fmt(((after1000 - after10) / after10) * 100)} % |`,
);

// 4. Hostile input: longest task and peak heap, a fresh page each.
await page.close();
await hostileTable(browser, app.url, root);

await browser.close();
await app.close();
await harness.close();
