/**
 * Start-up work, one piece per task. Hydrating the page, building each editor
 * and the first signature check each take a few milliseconds here and tens
 * of milliseconds on a slow phone; run back to back they would hold the main
 * thread long enough to swallow a tap. Queued here, the browser can paint and
 * answer input between the pieces, which run in the order they were queued.
 */
interface Job {
  run: () => void;
  /** The next job waits until a frame has drawn what this one changed. */
  ownFrame: boolean;
}

const queue: Job[] = [];
let scheduled = false;
let waiting = false;
/** Imports started by {@link loadLater} and not yet drawn with. */
let loading = 0;

function schedule(): void {
  if (scheduled || waiting || !queue.length) return;
  scheduled = true;
  setTimeout(runNext, 0);
}

/** After the next frame is drawn (or a moment, where no frames come, as in a hidden tab). */
function afterFrame(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

function runNext(): void {
  scheduled = false;
  const job = queue.shift();
  if (!job) return;
  if (job.ownFrame) {
    waiting = true;
    afterFrame(() => {
      waiting = false;
      schedule();
    });
  } else schedule(); // before the job, so one that throws does not stop the rest
  job.run();
}

/**
 * Run `job` in a task of its own, after the jobs queued before it; returns a
 * cancel function. With `ownFrame`, the next job waits for a frame: a job
 * that adds much to lay out (an editor) then gets a frame of its own instead
 * of piling its layout onto the next jobs' in one long frame.
 */
export function later(job: () => void, { ownFrame = false } = {}): () => void {
  // Start-up work is the page's: the build's prerender draws without it.
  if (import.meta.env.SSR) return () => undefined;
  const entry = { run: job, ownFrame };
  queue.push(entry);
  schedule();
  return () => {
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
  };
}

/**
 * `load()` (a dynamic import), started in a task of its own and resolved in
 * another, with a frame after it: starting an import costs a few
 * milliseconds, running the loaded modules more, and what the caller then
 * draws with them more again, and that is laid out in the next frame; none
 * of it should lengthen the task that asked, such as a part's hydration.
 */
export function loadLater<T>(load: () => Promise<T>): Promise<T> {
  loading++;
  const loaded = new Promise<T>((resolve, reject) =>
    later(
      () => void load().then((value) => later(() => resolve(value), { ownFrame: true }), reject),
    ),
  );
  const done = () => void loading--;
  loaded.then(done, done);
  return loaded;
}

/** How long {@link whenSettled} waits at most. */
const SETTLE_TIMEOUT_MS = 4000;

/**
 * Run `job` once start-up is over: no job queued or running, no import of
 * {@link loadLater} under way, and the browser idle for a long stretch (not
 * just the gap before the next frame). For work that competes with start-up
 * for the network and the processor without being part of the page, such
 * as filling the offline copy.
 */
export function whenSettled(job: () => void): void {
  if (import.meta.env.SSR) return;
  const idle =
    window.requestIdleCallback ??
    ((callback: IdleRequestCallback) =>
      setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 50 }), 1000));
  // A browser that is never idle for long (a busy machine, a test runner) still gets
  // the job after a few seconds: the offline copy must not wait for ever.
  const started = performance.now();
  const wait = () =>
    idle(
      (deadline) => {
        const late = deadline.didTimeout || performance.now() - started > SETTLE_TIMEOUT_MS;
        const busy = queue.length || scheduled || waiting || loading;
        if (!late && (busy || deadline.timeRemaining() < 40)) wait();
        else job();
      },
      { timeout: SETTLE_TIMEOUT_MS },
    );
  wait();
}
