/**
 * HAR files (HTTP Archive 1.2, as browsers' developer tools save them): each
 * entry's request (headers, cookies, query string, posted data) and response
 * (headers, cookies, body, redirect URL), named by the entry's number,
 * method and URL. http://www.softwareishard.com/blog/har-12-spec/
 */
import { urlLabel } from './url';

/** A string in a HAR that may hold a token, and how to describe it. */
export interface HarSlot {
  /** "request 3 of the HAR file (GET https://api.example/x)". */
  owner: string;
  as: 'header' | 'cookie' | 'set-cookie' | 'query' | 'form' | 'body' | 'url';
  /** The header, cookie or field name. */
  name: string;
  value: string;
  /** JSONPath of the string in the HAR. */
  path: string;
  /** The body's or posted data's MIME type. */
  mimeType?: string;
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** True for a parsed HAR: an object whose `log.entries` is an array. */
export function isHar(value: unknown): value is { log: { entries: unknown[] } } {
  return isObject(value) && isObject(value.log) && Array.isArray(value.log.entries);
}

/** The `{name, value}` pairs of a HAR list (headers, cookies, queryString, params). */
function* pairs(
  list: unknown,
  path: string,
): Generator<{ name: string; value: string; path: string }> {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    if (!isObject(item)) continue;
    const value = str(item.value);
    if (value !== undefined)
      yield { name: str(item.name) ?? '', value, path: `${path}[${i}].value` };
  }
}

/** Every string of every entry that may hold a token, in the order of the entries. */
export function* harSlots(har: { log: { entries: unknown[] } }): Generator<HarSlot> {
  const entries = har.log.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (!isObject(entry)) continue;
    const at = `$.log.entries[${i}]`;
    const request = isObject(entry.request) ? entry.request : {};
    const response = isObject(entry.response) ? entry.response : {};
    const url = str(request.url) ?? '';
    const label = `request ${i + 1} of the HAR file (${str(request.method) ?? 'GET'} ${urlLabel(url)})`;
    const rq = `${at}.request`;
    const rs = `${at}.response`;
    for (const p of pairs(request.headers, `${rq}.headers`))
      yield { owner: label, as: 'header', ...p };
    for (const p of pairs(request.cookies, `${rq}.cookies`))
      yield { owner: label, as: 'cookie', ...p };
    const query = [...pairs(request.queryString, `${rq}.queryString`)];
    for (const p of query) yield { owner: label, as: 'query', ...p };
    // The URL repeats the query string; it is read when the HAR leaves the query out.
    if (query.length === 0 && url)
      yield { owner: label, as: 'url', name: '', value: url, path: `${rq}.url` };
    const post = isObject(request.postData) ? request.postData : undefined;
    if (post) {
      const mimeType = str(post.mimeType) ?? '';
      const params = [...pairs(post.params, `${rq}.postData.params`)];
      for (const p of params) yield { owner: label, as: 'form', mimeType, ...p };
      const text = str(post.text);
      if (params.length === 0 && text)
        yield {
          owner: label,
          as: 'body',
          name: '',
          value: text,
          path: `${rq}.postData.text`,
          mimeType,
        };
    }
    const answer = `the response to ${label}`;
    for (const p of pairs(response.headers, `${rs}.headers`))
      yield { owner: answer, as: 'header', ...p };
    for (const p of pairs(response.cookies, `${rs}.cookies`))
      yield { owner: answer, as: 'set-cookie', ...p };
    const redirect = str(response.redirectURL);
    if (redirect)
      yield { owner: answer, as: 'url', name: '', value: redirect, path: `${rs}.redirectURL` };
    const content = isObject(response.content) ? response.content : {};
    const body = str(content.text);
    if (body) {
      const value = content.encoding === 'base64' ? fromBase64(body) : body;
      if (value !== undefined)
        yield {
          owner: answer,
          as: 'body',
          name: '',
          value,
          path: `${rs}.content.text`,
          mimeType: str(content.mimeType) ?? '',
        };
    }
  }
}

/** A body the HAR stores as base64 (binary-safe), as UTF-8 text; undefined when it is not text. */
function fromBase64(text: string): string | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
