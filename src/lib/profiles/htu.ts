/**
 * RFC 9449 §4.3 step 9: `htu` matches the request's URI "ignoring any query
 * and fragment parts", after syntax- and scheme-based normalization
 * (RFC 3986 §6.2.2, §6.2.3): scheme and host compared without case, the
 * default port dropped, percent-encodings and dot segments normalised (the
 * WHATWG URL parser does all of these), an empty path read as `/`.
 */
import { fail, ok, type Result } from '../errors';

/** The URI as compared: normalised, without query or fragment. */
export function comparableUri(text: string): Result<string> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail(
      'ERR_DPOP_HTU',
      `"${text.slice(0, 200)}" is not an absolute URL, so it cannot match a DPoP proof's "htu".`,
      {
        claim: 'htu',
        reason: 'not_url',
      },
    );
  }
  url.search = '';
  url.hash = '';
  return ok(url.href);
}
