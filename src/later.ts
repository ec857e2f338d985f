/**
 * Start-up work, one piece per task. Hydrating the page, building each editor
 * and the first signature check each take a few milliseconds here and tens
 * of milliseconds on a slow phone; run back to back they would hold the main
 * thread long enough to swallow a tap. Queued here, the browser can paint and
 * answer input between the pieces, which run in the order they were queued.
 */
const queue: (() => void)[] = [];
let scheduled = false;

function schedule(): void {
  if (scheduled || !queue.length) return;
  scheduled = true;
  setTimeout(runNext, 0);
}

function runNext(): void {
  scheduled = false;
  const job = queue.shift();
  schedule(); // before the job, so one that throws does not stop the rest
  job?.();
}

/** Run `job` in a task of its own, after the jobs queued before it; returns a cancel function. */
export function later(job: () => void): () => void {
  queue.push(job);
  schedule();
  return () => {
    const index = queue.indexOf(job);
    if (index >= 0) queue.splice(index, 1);
  };
}

/**
 * `load()` (a dynamic import), started in a task of its own and resolved in
 * another: starting one costs a few milliseconds (preloading its modules
 * and styles), running the loaded modules costs more, and what the caller
 * then draws with them costs more again; one task for each.
 */
export function loadLater<T>(load: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) =>
    later(() => void load().then((value) => later(() => resolve(value)), reject)),
  );
}
