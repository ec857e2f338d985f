// The hostile-input table of `npm run bench` (issue 12): for each
// pathological input, in a fresh page, the longest main-thread task, the time
// blocked, the peak JS heap, and how long the page then takes to answer a
// small token, next to the targets (no task over 200 ms, heap under 512 MB).
// It measures and reports; it asserts nothing. Every input has a deadline,
// so a frozen page is reported as "timed out", never waited on for ever.
import { createServer } from 'node:http';
import { createECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompactSign, importJWK } from 'jose';
import { afterSignal, probePage, within } from './bench-probe.mjs';

const INPUT_DEADLINE_MS = 120_000;
const ANSWER_DEADLINE_MS = 30_000;
const TARGET_TASK_MS = 200;
const TARGET_HEAP_MB = 512;
const MiB = 1024 * 1024;
const SECRET = 'bench-hostile-secret-0123456789abcdef0123456789';
// Pathological tokens are signed with another key, so "verified" afterwards is news.
const OTHER_SECRET = 'not-the-bench-secret-0123456789abcdef012345678';
const JWKS_BODY_BYTES = 100 * 1_000_000;

const b64 = (text) => Buffer.from(text).toString('base64url');
const utf8 = (text) => new TextEncoder().encode(text);
const hs256 = (payload, secret) =>
  new CompactSign(utf8(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(utf8(secret));
const farFuture = 4_102_444_800;

/** The refused-size limit, read from the engine's source so the bench follows it. */
function refusedChars(root) {
  const source = readFileSync(join(root, 'src/lib/jws/limits.ts'), 'utf8');
  const match = /refused:\s*{\s*chars:\s*([\d_]+)/.exec(source);
  if (!match) throw new Error('src/lib/jws/limits.ts: no refused.chars found');
  return Number(match[1].replaceAll('_', ''));
}

/**
 * A P-256 public JWK from ECDH's uncompressed point, and its private scalar:
 * generateKeyPairSync stalled past about a thousand keys in Node 20 here.
 */
function ecJwk(kid) {
  const ecdh = createECDH('prime256v1');
  const point = ecdh.generateKeys();
  const jwk = { kty: 'EC', crv: 'P-256', kid, alg: 'ES256', use: 'sig' };
  Object.assign(jwk, { x: b64(point.subarray(1, 33)), y: b64(point.subarray(33)) });
  return { jwk, d: b64(ecdh.getPrivateKey()) };
}

/**
 * A loopback server that streams a JWKS (`{"keys":[…]}` of small oct keys) of
 * `bytes` bytes in 64 KB chunks as the client reads, without Content-Length;
 * `sent.bytes` tells how much went out before the page stopped reading.
 */
async function serveHugeJwks(bytes) {
  const sent = { bytes: 0 };
  const entry = (i) =>
    `{"kty":"oct","kid":"k${i}","k":"${'A'.repeat(40)}${String(i).padStart(8, '0')}"}`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    sent.bytes = 0;
    let i = 0;
    const write = () => {
      while (!res.destroyed && sent.bytes < bytes) {
        let chunk = sent.bytes === 0 ? '{"keys":[' : '';
        while (chunk.length < 64 * 1024) chunk += `${i++ ? ',' : ''}${entry(i)}`;
        if (sent.bytes + chunk.length >= bytes) chunk += ']}';
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      if (!res.destroyed) res.end();
    };
    write();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/jwks.json`,
    sent,
    close: () => (server.closeAllConnections(), new Promise((ok) => server.close(ok))),
  };
}

/**
 * The inputs: what each does to the page, what shows the page has answered
 * it, and the small token it is asked afterwards (verified with the key then
 * in the page). The nested array comes twice: as the payload (refused, not an
 * object) and as a claim (shown in the payload editor).
 */
async function hostileInputs(root, jwksServer) {
  const small = await hs256({ sub: 'after', exp: farFuture }, SECRET);
  const claims = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, i]));
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  const badlySigned = (payload) =>
    `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(payload)}.${b64('sig')}`;
  const keys = Array.from({ length: 10_000 }, (_, i) => ecJwk(`k${i}`));
  const signer = await importJWK({ ...keys[5_000].jwk, d: keys[5_000].d }, 'ES256');
  const jwksToken = await new CompactSign(utf8(JSON.stringify({ sub: 'after', exp: farFuture })))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'k5000' })
    .sign(signer);
  const jwks = JSON.stringify({ keys: keys.map((k) => k.jwk) });
  // Just under the limit: the filler's base64 leaves about 1,000 characters for the rest.
  const limit = refusedChars(root);
  const filler = 'x'.repeat(Math.floor(((limit - 1_000) * 3) / 4));
  const huge = await hs256({ sub: 'huge', exp: farFuture, filler }, OTHER_SECRET);
  if (huge.length > limit) throw new Error(`the "just under" token has ${huge.length} characters`);
  const settled = (s) => !!s.status && s.status !== 'checking';
  const token = (label, text) => ({
    label,
    size: text.length,
    run: (probe) => probe.put('token-input', text),
    done: settled,
    after: small,
  });
  return [
    token(
      '100,000 claims',
      await hs256({ sub: 'claims', exp: farFuture, ...claims }, OTHER_SECRET),
    ),
    token('payload an array nested 10,000 deep', badlySigned(deep)),
    token('claim an array nested 10,000 deep', badlySigned(`{"sub":"deep","d":${deep}}`)),
    {
      label: '10,000-key JWKS as the key',
      size: jwks.length,
      run: (probe) => probe.put('key-input', jwks),
      done: settled,
      after: jwksToken,
    },
    token('token just under the 16 MB limit', huge),
    {
      label: '100 MB JWKS fetched from loopback',
      size: JWKS_BODY_BYTES,
      run: async ({ page }) => {
        await page.getByTestId('jwks-url').fill(jwksServer.url);
        await page.getByTestId('jwks-fetch').click();
      },
      done: (s) => s.fetchEnded && settled(s),
      after: small,
      note: () => `server sent ${(jwksServer.sent.bytes / 1_000_000).toFixed(1)} MB`,
    },
  ];
}

/** Measure one input in a fresh context and page. */
async function measure(browser, browserCdp, appUrl, input) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  let crashed = false;
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('crash', () => (crashed = true));
  const probe = await probePage(page, appUrl, SECRET, browserCdp);
  await probe.begin();
  const run = input.run(probe).then(() => probe.until(input.done));
  const settled = await within(run, INPUT_DEADLINE_MS);
  // A page that never went quiet, or never answered, is still asked: does it recover?
  const answered = settled ?? probe.answered();
  const atDeadline = { last: probe.last(), busy: !settled && probe.busy() };
  let answerMs;
  if (!crashed) {
    answerMs = await within(afterSignal(page, input.after), ANSWER_DEADLINE_MS);
    // Then count the tasks the answer caused, until the page is quiet again.
    await within(
      probe.until(() => true),
      ANSWER_DEADLINE_MS,
    );
  }
  const row = { ...input, ...(await probe.finish({ kill: !settled })), answerMs, crashed };
  row.timedOut = !answered;
  row.neverQuiet = answered && !settled;
  row.busyAtDeadline = atDeadline.busy;
  const last = atDeadline.last;
  row.shown = answered?.summary ?? (last ? `at the deadline: ${last.summary}` : 'no answer');
  row.note = [input.note?.(), errors.length && `${errors.length} page errors: ${errors[0]}`];
  await within(context.close(), 10_000);
  return row;
}

const mb = (bytes) => (bytes === undefined ? '?' : (bytes / MiB).toFixed(0));
const size = (chars) =>
  chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${(chars / 1000).toFixed(0)} KB`;

/** One line of the table; "≥" where the page was still busy at its deadline. */
function tableRow(r) {
  const atLeast = r.stillBlocked ? '≥ ' : '';
  const heapAtLeast = r.busyAtDeadline; // the heap may have grown since the last sample
  const missed = [];
  if (r.longestMs > TARGET_TASK_MS) missed.push('task');
  if (r.heapBytes / MiB >= TARGET_HEAP_MB) missed.push('heap');
  else if (heapAtLeast) missed.push('heap not known');
  if (r.timedOut) missed.push('verdict');
  if (r.answerMs === undefined) missed.push('answer');
  const shows = [
    r.crashed ? 'CRASHED' : r.timedOut ? `TIMED OUT at ${INPUT_DEADLINE_MS / 1000} s` : '',
    r.neverQuiet && `never quiet for 1 s in ${INPUT_DEADLINE_MS / 1000} s`,
    r.shown,
    ...r.note,
    r.workerHeapBytes && `workers' heap ${mb(r.workerHeapBytes)} MB`,
    !r.heapTraced && 'no GC trace: heap from samples only',
  ];
  return [
    r.label,
    size(r.size),
    `${atLeast}${Math.round(r.longestMs)}`,
    `${atLeast}${Math.round(r.blockedMs)}`,
    `${heapAtLeast ? '≥ ' : ''}${mb(r.heapBytes)}`,
    mb(r.rssBytes),
    shows.filter(Boolean).join('; '),
    r.answerMs === undefined ? '—' : Math.round(r.answerMs),
    missed.length ? `missed: ${missed.join(', ')}` : 'met',
  ];
}

/** Run every input (or those whose label holds `only`) and print the table. */
export async function hostileTable(browser, appUrl, root, only = '') {
  const jwksServer = await serveHugeJwks(JWKS_BODY_BYTES);
  const browserCdp = await browser.newBrowserCDPSession();
  const rows = [];
  try {
    const inputs = await hostileInputs(root, jwksServer);
    for (const input of inputs.filter((i) => i.label.includes(only))) {
      process.stdout.write(`  ${input.label} … `);
      const started = Date.now();
      const row = await measure(browser, browserCdp, appUrl, input);
      console.log(
        `${row.timedOut ? 'timed out' : 'done'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
      rows.push(row);
    }
  } finally {
    await jwksServer.close();
  }
  console.log(
    `\nHostile input in the page (a fresh page each; from the paste until a small token has answered)\n` +
      `Targets: no main-thread task over ${TARGET_TASK_MS} ms, JS heap under ${TARGET_HEAP_MB} MB, a verdict, and the next small token answered`,
  );
  const head = ['input', 'size', 'longest task ms', 'blocked ms', 'peak JS heap MB'];
  head.push('renderer peak RSS MB', 'page shows', 'small token after ms', 'targets');
  console.log(
    `| ${head.join(' | ')} |\n| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |`,
  );
  for (const row of rows) console.log(`| ${tableRow(row).join(' | ')} |`);
  console.log(
    "blocked: each long task's time beyond 50 ms, added up. peak JS heap: the page's main heap at its highest, from its size before each garbage collection (traced, so seen even inside a long task) and a sample every 50 ms. renderer peak RSS: the page's whole process (VmHWM). small token after: from putting a small signed token in the token editor until the signature reads verified. ≥ N: at the deadline the page had not answered for N ms (one task or several back to back), or was still busy: a lower bound.",
  );
}
