/**
 * The simulated host of the jku exercise: files the learner publishes at a
 * URL, which the flawed server "fetches" without any request leaving the
 * page. Bounded: a few files of a few kilobytes, https URLs only.
 */
import { fail, ok, type Result } from '../errors';

/** At most this many files, of at most HOST_FILE_LIMIT characters each. */
export const HOST_FILES = 8;
export const HOST_FILE_LIMIT = 16 * 1024;

/** The host with `body` published at `url`, or why not. */
export function publish(
  host: ReadonlyMap<string, string>,
  url: string,
  body: string,
): Result<Map<string, string>> {
  const where = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(where);
  } catch {
    return fail(
      'ERR_ATTACK_INPUT',
      `"${where.slice(0, 80)}" is not a URL: write it as https://exploit.example/jwks.json.`,
    );
  }
  if (parsed.protocol !== 'https:' || where.length > 512)
    return fail('ERR_ATTACK_INPUT', 'The simulated host takes https URLs of up to 512 characters.');
  if (body.length > HOST_FILE_LIMIT)
    return fail(
      'ERR_INPUT_TOO_LARGE',
      `The file has ${body.length} characters; the simulated host takes up to ${HOST_FILE_LIMIT}.`,
    );
  const next = new Map(host);
  next.delete(where);
  if (next.size >= HOST_FILES)
    return fail(
      'ERR_INPUT_TOO_LARGE',
      `The simulated host holds up to ${HOST_FILES} files: remove one first.`,
    );
  next.set(where, body);
  return ok(next);
}
