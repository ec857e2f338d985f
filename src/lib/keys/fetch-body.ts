/**
 * One GET for the key fetcher (fetch-jwks.ts), bounded the way typed text
 * is: the body is read as a stream and stopped at {@link FETCH_BODY_LIMIT},
 * one deadline covers every request of a fetch, the person's cancel button
 * stops it, and the answer says where it really came from after redirects.
 * Every failure becomes a value with words a person can act on.
 */
import { fail, messageOf, ok, type Result } from '../errors';
import { SIZE_LIMITS } from '../jws/limits';

/** The little of a `Response` this module reads. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText: string;
  /** The final URL after redirects ('' when unknown). */
  url: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
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

/** Fifteen seconds for a whole fetch (discovery makes two or three requests): long enough for a slow server, short enough to wait for. */
export const FETCH_TIMEOUT_MS = 15_000;

/**
 * The most bytes read from one answer: the page's limit for pasted text
 * (jws/limits.ts), so a fetched key can be as large as a typed one and no
 * larger. A real JWKS is a few kilobytes.
 */
export const FETCH_BODY_LIMIT = SIZE_LIMITS.refused.chars;

/** How the fetch is bounded: the timeout, the person's cancel, the clock. */
export interface FetchLimits {
  fetch: FetchLike;
  /** For the whole fetch; default {@link FETCH_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The person's cancel button. */
  signal?: AbortSignal;
  /** Starts the timeout; returns its cancel. Injected so tests never wait on a clock. */
  startTimer?: (onTimeout: () => void, ms: number) => () => void;
  /** Told each URL as it is asked, so the page can say what it waits for. */
  onRequest?: (url: string) => void;
  /** Bytes per answer; default {@link FETCH_BODY_LIMIT}. */
  maxBytes?: number;
}

/** One answer: the text, the URL asked and the URL it came from after redirects. */
export interface FetchedBody {
  text: string;
  requested: string;
  url: string;
}

/** The requests of one fetch, under one deadline and the person's cancel. */
export interface FetchSession {
  get(url: string): Promise<Result<FetchedBody>>;
  close(): void;
}

const defaultTimer = (onTimeout: () => void, ms: number) => {
  const id = setTimeout(onTimeout, ms);
  return () => clearTimeout(id);
};

const megabytes = (bytes: number) =>
  `${(bytes / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

/** Start a fetch: its deadline runs from now until {@link FetchSession.close}. */
export function openSession(limits: FetchLimits): FetchSession {
  const controller = new AbortController();
  let timedOut = false;
  const ms = limits.timeoutMs ?? FETCH_TIMEOUT_MS;
  const stopTimer = (limits.startTimer ?? defaultTimer)(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const cancel = () => controller.abort();
  limits.signal?.addEventListener('abort', cancel);
  if (limits.signal?.aborted) controller.abort();
  const maxBytes = limits.maxBytes ?? FETCH_BODY_LIMIT;

  async function get(url: string): Promise<Result<FetchedBody>> {
    try {
      if (controller.signal.aborted) throw new DOMException('stopped', 'AbortError');
      limits.onRequest?.(url);
      const response = await limits.fetch(url, {
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        headers: { accept: 'application/json, application/jwk-set+json, */*' },
      });
      const finalUrl = response.url || url;
      if (!response.ok) {
        void response.body?.cancel().catch(() => {});
        return fail('ERR_FETCH_HTTP', httpMessage(finalUrl, response));
      }
      const text = await readCapped(response, finalUrl, maxBytes, controller.signal);
      return text.ok ? ok({ text: text.value, requested: url, url: finalUrl }) : text;
    } catch (cause) {
      if (timedOut)
        return fail(
          'ERR_FETCH_TIMEOUT',
          `The fetch was stopped after ${Math.round(ms / 1000)} seconds, while waiting for ${url}. Check the address, or open it in a new tab, copy the JSON and paste it into the key box.`,
          { cause },
        );
      if (limits.signal?.aborted)
        return fail('ERR_FETCH_ABORTED', `The request to ${url} was cancelled.`, { cause });
      if (cause instanceof TypeError)
        return fail(
          'ERR_FETCH_NETWORK',
          `The browser would not let this page read ${url}. Most often that is CORS: a page may read an answer from another site only when that site allows it with an Access-Control-Allow-Origin header, and this one did not. (The same error also appears when the host cannot be reached or its certificate is not trusted; the browser does not say which.) Open the URL in a new tab, copy the JSON, and paste it into the key box instead.`,
          { cause, reason: 'cors' },
        );
      return fail('ERR_FETCH_NETWORK', `Fetching ${url} failed: ${messageOf(cause)}`, { cause });
    }
  }

  return {
    get,
    close() {
      stopTimer();
      limits.signal?.removeEventListener('abort', cancel);
    },
  };
}

/** The body as text, read chunk by chunk and stopped (the stream cancelled) past `maxBytes`. */
async function readCapped(
  response: FetchResponseLike,
  url: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Result<string>> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => {});
    return tooLarge(url, `announced ${megabytes(declared)} (its Content-Length)`, maxBytes);
  }
  if (!response.body) return ok('');
  const reader = response.body.getReader();
  // A fake or an older browser may not end a pending read on abort: cancelling the reader does.
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop);
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge(url, `sent more than ${megabytes(maxBytes)}`, maxBytes);
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    if (signal.aborted) throw new DOMException('stopped', 'AbortError');
    parts.push(decoder.decode());
    return ok(parts.join(''));
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

function tooLarge(url: string, what: string, maxBytes: number): Result<never> {
  return fail(
    'ERR_FETCH_TOO_LARGE',
    `${url} ${what}, so the page stopped: fetched keys may be at most ${megabytes(maxBytes)}, as pasted text may. A JWKS is a few kilobytes; check the address.`,
  );
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
