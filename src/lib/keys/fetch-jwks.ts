/**
 * Fetching a JWKS when the person presses the button: from a JWKS URL, or from
 * an issuer through OpenID Connect Discovery (`/.well-known/openid-configuration`,
 * then its `jwks_uri`). The fetch function is injected, so every failure is
 * unit-tested in node without a network; each failure says what to do next.
 */
import { fail, messageOf, ok, type Result } from '../errors';

/** The little of a `Response` this module reads. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
}

/** The request options this module passes: no cookies, no credentials, no cache. */
export interface FetchInit {
  signal: AbortSignal;
  credentials: 'omit';
  cache: 'no-store';
  redirect: 'follow';
  referrerPolicy: 'no-referrer';
  headers: Record<string, string>;
}

/** `fetch`, or a fake of it. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

/** What the URL is expected to hold. `auto`: a JWKS, a discovery document, or an issuer. */
export type FetchKind = 'auto' | 'jwks' | 'x5u';

/** How to fetch. */
export interface FetchJwksOptions {
  fetch: FetchLike;
  kind?: FetchKind;
  /** Per request; default {@link FETCH_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The person's cancel button. */
  signal?: AbortSignal;
  /** Starts the timeout; returns its cancel. Injected so tests never wait on a clock. */
  startTimer?: (onTimeout: () => void, ms: number) => () => void;
}

/** What was fetched, ready for the key box. */
export interface FetchedKeys {
  /** A JWKS as formatted JSON, or PEM certificates (x5u). */
  keyText: string;
  /** The URL the keys came from. */
  keysUrl: string;
  via: 'jwks' | 'discovery' | 'x5u';
  /** The steps taken, in words ("read the discovery document at …"). */
  steps: string[];
}

/** RFC 8414 §3 / OpenID Connect Discovery §4: the document's path under the issuer. */
export const WELL_KNOWN = '/.well-known/openid-configuration';

/** Ten seconds per request: long enough for a slow server, short enough to wait for. */
export const FETCH_TIMEOUT_MS = 10_000;

const defaultTimer = (onTimeout: () => void, ms: number) => {
  const id = setTimeout(onTimeout, ms);
  return () => clearTimeout(id);
};

/** The discovery document URL for an issuer (OpenID Connect Discovery §4.1). */
export function discoveryUrl(issuer: string): string {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${WELL_KNOWN}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Check the URL the person typed: http(s) only, with words when it is not. */
export function checkUrl(text: string): Result<URL> {
  const trimmed = text.trim();
  if (trimmed === '')
    return fail('ERR_FETCH_URL', 'Type a JWKS URL or an issuer URL (https://…) first.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return fail(
      'ERR_FETCH_URL',
      `"${trimmed}" is not a full URL: it must start with https:// (for example https://issuer.example/.well-known/jwks.json).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail(
      'ERR_FETCH_URL',
      `Only https:// (or http://) URLs can be fetched, not ${url.protocol}.`,
    );
  return ok(url);
}

/** Fetch the keys at `input`: a JWKS, a discovery document, or an issuer (then discovery). */
export async function fetchJwks(
  input: string,
  options: FetchJwksOptions,
): Promise<Result<FetchedKeys>> {
  const url = checkUrl(input);
  if (!url.ok) return url;
  const kind = options.kind ?? 'auto';
  const steps: string[] = [];
  const first = await getText(url.value.toString(), options);
  if (kind === 'x5u') {
    if (!first.ok) return first;
    if (!first.value.includes('-----BEGIN CERTIFICATE-----'))
      return fail(
        'ERR_FETCH_NO_KEYS',
        `${url.value} did not answer with a PEM certificate (x5u must name an X.509 chain in PEM, RFC 7515 §4.1.5).`,
      );
    return ok({ keyText: first.value, keysUrl: url.value.toString(), via: 'x5u', steps });
  }
  const href = url.value.toString();
  const document = first.ok ? readJson(href, first.value) : first;
  let firstError: Extract<Result<never>, { ok: false }>;
  if (document.ok) {
    const keys = jwksOf(href, document.value);
    if (keys.ok) return ok({ ...keys.value, steps: [`read the JWKS at ${href}`] });
    if (kind === 'auto' && 'jwks_uri' in document.value)
      return followDiscovery(href, document.value, options, steps);
    if (kind !== 'auto' || url.value.pathname.endsWith(WELL_KNOWN)) return keys;
    firstError = keys;
  } else firstError = document;
  // Network, timeout, cancel: asking again at another path cannot help.
  const final = ['ERR_FETCH_NETWORK', 'ERR_FETCH_TIMEOUT', 'ERR_FETCH_ABORTED'];
  if (kind !== 'auto' || final.includes(firstError.error.code)) return firstError;
  // Not a JWKS: perhaps an issuer, whose discovery document names the JWKS.
  const wellKnown = discoveryUrl(href);
  const discovered = await getText(wellKnown, options);
  const config = discovered.ok ? readJson(wellKnown, discovered.value) : discovered;
  if (!config.ok || typeof config.value.jwks_uri === 'undefined')
    return fail(
      firstError.error.code,
      `${firstError.error.message} It is not an issuer either: ${config.ok ? `${wellKnown} has no "jwks_uri".` : config.error.message}`,
    );
  steps.push(`${url.value} is not a JWKS, so it was read as an issuer`);
  return followDiscovery(wellKnown, config.value, options, steps);
}

async function followDiscovery(
  configUrl: string,
  config: Record<string, unknown>,
  options: FetchJwksOptions,
  steps: string[],
): Promise<Result<FetchedKeys>> {
  const uri = config.jwks_uri;
  let target: URL;
  try {
    if (typeof uri !== 'string') throw new TypeError('not a string');
    target = new URL(uri, configUrl);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new TypeError('scheme');
  } catch {
    return fail(
      'ERR_FETCH_DISCOVERY',
      `The discovery document at ${configUrl} has "jwks_uri": ${JSON.stringify(uri)}, which is not an http(s) URL.`,
    );
  }
  steps.push(`read the discovery document at ${configUrl}`);
  if (typeof config.issuer === 'string' && !sameIssuer(config.issuer, configUrl))
    steps.push(
      `its "issuer" is ${config.issuer}, which does not match where it was found (OpenID Connect Discovery §4.3 requires them to match)`,
    );
  const text = await getText(target.toString(), options);
  const document = text.ok ? readJson(target.toString(), text.value) : text;
  if (!document.ok) return document;
  const keys = jwksOf(target.toString(), document.value);
  if (!keys.ok) return keys;
  steps.push(`followed its jwks_uri to ${target}`);
  return ok({ ...keys.value, via: 'discovery', steps });
}

function sameIssuer(issuer: string, configUrl: string): boolean {
  try {
    return discoveryUrl(issuer) === configUrl;
  } catch {
    return false;
  }
}

/** One GET with a timeout; every failure becomes words a person can act on. */
async function getText(url: string, options: FetchJwksOptions): Promise<Result<string>> {
  const controller = new AbortController();
  let timedOut = false;
  const ms = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const stopTimer = (options.startTimer ?? defaultTimer)(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const cancel = () => controller.abort();
  options.signal?.addEventListener('abort', cancel);
  try {
    if (options.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const response = await options.fetch(url, {
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/json, application/jwk-set+json, */*' },
    });
    if (!response.ok) return fail('ERR_FETCH_HTTP', httpMessage(url, response));
    return ok(await response.text());
  } catch (cause) {
    if (timedOut)
      return fail(
        'ERR_FETCH_TIMEOUT',
        `${url} did not answer within ${Math.round(ms / 1000)} seconds, so the request was stopped. Check the address, or open it in a new tab, copy the JSON and paste it into the key box.`,
        { cause },
      );
    if (options.signal?.aborted)
      return fail('ERR_FETCH_ABORTED', `The request to ${url} was cancelled.`, { cause });
    if (cause instanceof TypeError)
      return fail(
        'ERR_FETCH_NETWORK',
        `The browser would not let this page read ${url}. Most often that is CORS: a page may read an answer from another site only when that site allows it with an Access-Control-Allow-Origin header, and this one did not. (The same error also appears when the host cannot be reached or its certificate is not trusted; the browser does not say which.) Open the URL in a new tab, copy the JSON, and paste it into the key box instead.`,
        { cause, reason: 'cors' },
      );
    return fail('ERR_FETCH_NETWORK', `Fetching ${url} failed: ${messageOf(cause)}`, { cause });
  } finally {
    stopTimer();
    options.signal?.removeEventListener('abort', cancel);
  }
}

function httpMessage(url: string, response: FetchResponseLike): string {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const hint =
    response.status === 404
      ? ' Check the path: an issuer names its JWKS in its discovery document, as "jwks_uri".'
      : response.status === 401 || response.status === 403
        ? ' The server wants credentials, and this page sends none: a JWKS is public and should not need them.'
        : response.status >= 500
          ? ' The server failed; try again later, or paste the JWKS instead.'
          : '';
  return `${url} answered HTTP ${status}, not the keys.${hint}`;
}

function readJson(url: string, text: string): Result<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = text.trim().slice(0, 40).replace(/\s+/g, ' ');
    const html = /^<(!doctype|html)/i.test(start) ? ' (it is an HTML page)' : '';
    return fail(
      'ERR_FETCH_NOT_JSON',
      `${url} answered with something that is not JSON${html}${start ? `: it starts with "${start}"` : ': the answer is empty'}. A JWKS is a JSON object {"keys": [ … ]}.`,
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail(
      'ERR_FETCH_NO_KEYS',
      `${url} answered with JSON that is not an object; a JWKS is {"keys": [ … ]}.`,
    );
  return ok(value as Record<string, unknown>);
}

function jwksOf(url: string, value: Record<string, unknown>): Result<Omit<FetchedKeys, 'steps'>> {
  if (!Array.isArray(value.keys))
    return fail(
      'ERR_FETCH_NO_KEYS',
      `${url} answered with JSON, but it has no "keys" array, so it is not a JWKS (RFC 7517 §5)${typeof value.kty === 'string' ? ': it is a single JWK; paste it into the key box instead' : ''}.`,
    );
  if (value.keys.length === 0)
    return fail(
      'ERR_FETCH_NO_KEYS',
      `The JWKS at ${url} has an empty "keys" array: no keys to use.`,
    );
  return ok({ keyText: JSON.stringify({ keys: value.keys }, null, 2), keysUrl: url, via: 'jwks' });
}

/** The token's `iss` when it is an http(s) URL: offered as a suggestion, never fetched by itself. */
export function issuerSuggestion(payload: unknown): string | undefined {
  const iss = (payload as { iss?: unknown } | undefined)?.iss;
  return typeof iss === 'string' && checkUrl(iss).ok ? iss : undefined;
}
