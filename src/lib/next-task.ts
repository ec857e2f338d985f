/**
 * Wait for a task of its own: long work on a large input (a 10,000-key JWKS)
 * gives the page a turn between parts, so no part holds it long. Promises
 * alone do not: their continuations run in the same task.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
