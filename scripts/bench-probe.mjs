// What `npm run bench` watches in the page: long tasks and the JS heap, from
// inside (a PerformanceObserver and a 50 ms heap sampler installed before the
// page's own scripts) and from outside (a Chromium trace of every garbage
// collection, which records the heap size even while a task holds the main
// thread and nothing in the page or on the DevTools protocol can answer).
import { readFileSync } from 'node:fs';

const QUIET_MS = 1_000;
const POLL_MS = 250;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Runs in the page before its scripts: records long tasks and samples the heap. */
function installProbe() {
  const probe = { t0: 0, tasks: [], peak: 0 };
  window.__benchProbe = probe;
  probe.take = (entries) => {
    for (const e of entries)
      if (e.startTime >= probe.t0) probe.tasks.push([e.startTime, e.duration]);
  };
  probe.observer = new PerformanceObserver((list) => probe.take(list.getEntries()));
  probe.observer.observe({ type: 'longtask', buffered: true });
  setInterval(() => {
    probe.peak = Math.max(probe.peak, performance.memory?.usedJSHeapSize ?? 0);
  }, 50);
}

/** Runs in the page: what the probe saw, and what the page shows. */
function readState() {
  const probe = window.__benchProbe;
  probe.take(probe.observer.takeRecords()); // a task that just ended is not yet delivered
  const q = (id) => document.querySelector(`[data-testid="${id}"]`);
  const status = q('signature-status')?.getAttribute('data-status') ?? '';
  const shows = [`signature ${status || 'absent'}`];
  for (const id of ['decode-error', 'key-error', 'jwks-fetch-error']) {
    const el = q(id);
    if (el) shows.push(`${id} ${el.getAttribute('data-code') ?? ''}`.trim());
  }
  for (const id of ['size-note', 'jwks-fetch-note']) if (q(id)) shows.push(id);
  const lastEnd = Math.max(probe.t0, ...probe.tasks.map(([start, d]) => start + d));
  return {
    tasks: probe.tasks,
    peak: Math.max(probe.peak, performance.memory?.usedJSHeapSize ?? 0),
    quietMs: performance.now() - lastEnd,
    status,
    fetchEnded: !!(q('jwks-fetch-error') || q('jwks-fetch-note')) && !q('jwks-fetching'),
    summary: shows.join(', '),
  };
}

/** Replace an editor's whole document at once, as tests/e2e/hostile.spec.ts `putText` does. */
export async function putText(page, testid, text) {
  // The text goes over in pieces first: one protocol message of 16 MB costs
  // the page's thread half a second to receive, which is the harness's cost,
  // not the page's (a paste hands the renderer its text far more cheaply).
  const PIECE = 1_000_000;
  await page.evaluate(() => (window.__benchText = []));
  for (let at = 0; at < text.length; at += PIECE)
    await page.evaluate((piece) => window.__benchText.push(piece), text.slice(at, at + PIECE));
  await page.evaluate(() => (window.__benchText = window.__benchText.join('')));
  await page.getByTestId(testid).evaluate(async (el) => {
    const view = el.editorView;
    if (!view) throw new Error('no editor view');
    const value = window.__benchText;
    delete window.__benchText;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  });
}

/**
 * Wait for the first screen: the sample token checked, then both editors
 * built (CodeMirror loads on an editor's first focus, so each is focused).
 */
export async function openApp(page, url) {
  await page.goto(url);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="signature-status"]')?.getAttribute('data-status') ===
      'verified',
  );
  for (const id of ['key-input', 'token-input']) {
    await page.locator(`[data-testid="${id}"] [contenteditable]`).first().focus();
    await page.waitForFunction(
      (testid) => !!document.querySelector(`[data-testid="${testid}"]`)?.editorView,
      id,
    );
  }
}

/**
 * Milliseconds from putting `token` into the token editor until the
 * signature reads verified (the page's answer to a small token).
 */
export function afterSignal(page, token) {
  return page.evaluate((token) => {
    const view = document.querySelector('[data-testid="token-input"]').editorView;
    const verified = () =>
      document.querySelector('[data-testid="signature-status"]')?.getAttribute('data-status') ===
      'verified';
    const t0 = performance.now();
    return new Promise((ok) => {
      const check = () => {
        if (!verified()) return;
        observer.disconnect();
        ok(performance.now() - t0);
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: token } });
      check();
    });
  }, token);
}

/** Resolves to the promise's value, or to `undefined` once `ms` have passed. */
export function within(promise, ms) {
  let timer;
  const deadline = new Promise((ok) => (timer = setTimeout(ok, ms)));
  promise.catch(() => {}); // a page closed at its deadline rejects late: nobody waits then
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Start tracing garbage collections (their heap sizes) and thread names; `end()` resolves to them. */
async function startTrace(cdp) {
  const kept = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value)
      if (e.args?.usedHeapSizeBefore !== undefined || e.name === 'thread_name') kept.push(e);
  });
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', () => ok(kept)));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline'], recordMode: 'recordContinuously' },
    transferMode: 'ReportEvents',
  });
  return { end: () => cdp.send('Tracing.end').then(() => done) };
}

/** From traced events: the peak heap of renderer `pid`'s main thread and of its workers. */
function heapFromTrace(events, pid) {
  const names = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args.name]),
  );
  const peaks = { main: 0, workers: 0 };
  for (const e of events) {
    if (e.pid !== pid || e.args?.usedHeapSizeBefore === undefined) continue;
    const thread = names.get(e.tid) ?? '';
    if (thread === 'CrRendererMain') peaks.main = Math.max(peaks.main, e.args.usedHeapSizeBefore);
    else if (/Worker/.test(thread) && !/ThreadPool/.test(thread))
      peaks.workers = Math.max(peaks.workers, e.args.usedHeapSizeBefore);
  }
  return peaks;
}

/** A process's peak resident memory (VmHWM) in bytes, or undefined. */
function peakRss(pid) {
  try {
    const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of each renderer, by pid: the browser answers this even while a page is frozen. */
async function rendererCpu(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
}

/**
 * Open the app in `page` with the probe installed and `secret` as the key.
 * `begin()` starts counting; `put()` fills an editor; `until(done)` polls
 * until `done(state)` holds and no long task has run for a second (resolves
 * to that state; `answered()` is the first state where `done` held, for a
 * page that never goes quiet); `finish({ kill })` stops, sums up, and with `kill` ends
 * the page's renderer (by its pid: a frozen page would go on burning a core).
 */
export async function probePage(page, url, secret, browserCdp) {
  await page.addInitScript(installProbe);
  await openApp(page, url);
  await putText(page, 'key-input', secret);
  let last;
  let answered; // the first state since begin() where `done` held, quiet or not
  let stopped = false;
  let cpuBefore;
  const pending = new Set(); // when each call now in flight was sent: a frozen page answers none
  const tracked = async (promise) => {
    const sent = Date.now();
    pending.add(sent);
    try {
      return await promise;
    } finally {
      pending.delete(sent);
    }
  };
  const until = async (done) => {
    while (!stopped) {
      const state = (last = await tracked(page.evaluate(readState)));
      if (done(state)) answered ??= state;
      if (done(state) && state.quietMs >= QUIET_MS) return state;
      await sleep(POLL_MS);
    }
  };
  await until(() => true);
  const trace = await startTrace(await page.context().newCDPSession(page));
  return {
    page,
    async begin() {
      cpuBefore = await rendererCpu(browserCdp);
      last = answered = undefined;
      await page.evaluate(() =>
        Object.assign(window.__benchProbe, { t0: performance.now(), tasks: [], peak: 0 }),
      );
    },
    put: (testid, text) => tracked(putText(page, testid, text)),
    until,
    last: () => last,
    answered: () => answered,
    /** Whether the page is busy now: a poll unanswered for a second, or a long task within one. */
    busy: () =>
      (pending.size > 0 && Date.now() - Math.min(...pending) > QUIET_MS) ||
      !last ||
      last.quietMs < QUIET_MS,
    async finish({ kill }) {
      stopped = true;
      const stillBlockedMs = pending.size ? Date.now() - Math.min(...pending) : 0;
      const cpu = [...(await rendererCpu(browserCdp))];
      const work = ([pid, seconds]) => seconds - (cpuBefore.get(pid) ?? 0);
      const [pid] = cpu.reduce((best, entry) => (work(entry) > work(best) ? entry : best));
      const rssBytes = peakRss(pid);
      const events = await within(trace.end(), 20_000);
      if (kill) process.kill(pid, 'SIGKILL');
      const durations = (last?.tasks ?? []).map(([, d]) => d);
      const stillBlocked = stillBlockedMs > Math.max(0, ...durations);
      if (stillBlocked) durations.push(stillBlockedMs);
      const heap = heapFromTrace(events ?? [], pid);
      return {
        longestMs: Math.max(0, ...durations),
        stillBlocked,
        blockedMs: durations.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
        heapBytes: Math.max(last?.peak ?? 0, heap.main),
        heapTraced: !!events,
        workerHeapBytes: heap.workers,
        rssBytes,
      };
    },
  };
}
