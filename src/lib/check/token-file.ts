/**
 * Files dropped on the token editor: a HAR export, a saved response, a log.
 * Their text goes through the token finder like a paste, so only text files
 * are read, and none larger than the page reads at all.
 */
import { fail, ok, type Result } from '../errors';
import { SIZE_LIMITS } from '../jws/limits';

/** The file names the token editor reads, by ending (HAR 1.2 files are JSON). */
export const TOKEN_FILE_ENDINGS = ['.har', '.txt', '.json', '.log', '.jwt'] as const;

/**
 * Whether a file of this name and size (bytes) may be read into the token
 * editor; the error says why not. A UTF-8 file has no more characters than
 * bytes, so the byte size bounds the text before it is read.
 */
export function checkTokenFile(name: string, size: number): Result<void> {
  const lower = name.toLowerCase();
  if (!TOKEN_FILE_ENDINGS.some((ending) => lower.endsWith(ending)))
    return fail(
      'ERR_TOKEN_FILE',
      `"${name}" was not read: the token box reads text files (${TOKEN_FILE_ENDINGS.join(', ')}), such as a HAR export, a saved response or a log.`,
      { reason: 'type' },
    );
  if (size > SIZE_LIMITS.refused.chars)
    return fail(
      'ERR_TOKEN_FILE',
      `"${name}" is ${size.toLocaleString('en')} bytes: over the 16 MB the page reads at most, so it was not read.`,
      { reason: 'size' },
    );
  return ok(undefined);
}
