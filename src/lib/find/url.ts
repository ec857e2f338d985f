/**
 * URLs and form bodies: a token rides in a query (RFC 6750 §2.3), in a
 * fragment (the OAuth 2.0 implicit and OIDC hybrid redirects, RFC 6749
 * §4.2.2), or in an `application/x-www-form-urlencoded` body (RFC 6750 §2.2,
 * RFC 7523 assertions), each `name=value` pair percent-encoded.
 */

/** One `name=value` pair, its value percent-decoded. */
export interface Param {
  /** '' for a piece without `=` (`#eyJ…`): the piece is then the value. */
  name: string;
  value: string;
  /** True when percent-decoding changed the value. */
  decoded: boolean;
}

/** The pieces of a URL a token can ride in. */
export interface UrlParts {
  path: string;
  query: Param[];
  fragment: Param[];
}

/** The text with `%XX` escapes (and `+` for a space, in forms) decoded; as written when malformed. */
export function percentDecode(
  text: string,
  plusIsSpace = true,
): { value: string; decoded: boolean } {
  if (!text.includes('%') && !(plusIsSpace && text.includes('+')))
    return { value: text, decoded: false };
  try {
    const value = decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
    return { value, decoded: value !== text };
  } catch {
    return { value: text, decoded: false };
  }
}

/** The pairs of `a=1&b=2` (also `;`-separated), names and values decoded. */
export function formParams(text: string): Param[] {
  const params: Param[] = [];
  for (const piece of text.split(/[&;]/)) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const { value, decoded } = percentDecode(eq < 0 ? piece : piece.slice(eq + 1));
    params.push({ name: eq < 0 ? '' : percentDecode(piece.slice(0, eq)).value, value, decoded });
  }
  return params;
}

const URL_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z][a-z0-9+.-]*:\/?[^\s/]|\/|\?|#)/i;

/** True for text that reads as one URL: an absolute URL, a path, or a bare query or fragment. */
export function looksLikeUrl(text: string): boolean {
  return text.length > 1 && !/\s/.test(text) && URL_START.test(text) && /[/?#]/.test(text);
}

/** Split a URL into its path, query pairs and fragment pairs. */
export function urlParts(url: string): UrlParts {
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const mark = beforeHash.indexOf('?');
  return {
    path: mark < 0 ? beforeHash : beforeHash.slice(0, mark),
    query: mark < 0 ? [] : formParams(beforeHash.slice(mark + 1)),
    fragment: hash < 0 ? [] : formParams(url.slice(hash + 1)),
  };
}

/** A URL without its query and fragment, shortened: it names a request without repeating its tokens. */
export function urlLabel(url: string): string {
  const cut = url.search(/[?#]/);
  const bare = cut < 0 ? url : url.slice(0, cut);
  return bare.length > 80 ? `${bare.slice(0, 79)}…` : bare;
}
