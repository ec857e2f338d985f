/**
 * fetchJwks bounded: the body read as a stream and stopped at the cap (the
 * reader cancelled, the bytes read bounded), a Content-Length over the cap
 * refused unread, redirects reported (same origin, another origin), one
 * deadline for the whole fetch (body reading included), discovery's two
 * requests named, and a large or deep JWKS kept as sent.
 */
import { describe, expect, it } from 'vitest';
import {
  FETCH_BODY_LIMIT,
  fetchJwks,
  type FetchLike,
  type FetchResponseLike,
} from '../../../src/lib/keys/fetch-jwks';

const KEY = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
const JWKS = { keys: [KEY] };
const MB = 1_000_000;

/** A stream that makes `chunk` again on every pull, forever, counting what it gave. */
function endless(chunk: Uint8Array, afterFirst: 'more' | 'stall' = 'more') {
  const seen = { bytes: 0, pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller): Promise<void> | void {
        // A stalled server: the second read never gets an answer.
        if (afterFirst === 'stall' && seen.pulls > 0) return new Promise<void>(() => {});
        seen.pulls++;
        seen.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    // No read ahead: a pull happens only when the reader asks.
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const response = (
  body: ReadableStream<Uint8Array> | string,
  url = '',
  headers: Record<string, string> = {},
): FetchResponseLike => {
  const real = new Response(body, { headers });
  return { ok: true, status: 200, statusText: 'OK', url, headers: real.headers, body: real.body };
};

/** A fake fetch: each URL answers with the response its route makes. */
function fake(routes: Record<string, () => FetchResponseLike>) {
  const asked: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    asked.push(url);
    expect(init.redirect).toBe('follow');
    const route = routes[url];
    if (!route) throw new TypeError(`no route for ${url}`);
    return route();
  };
  return { fetch, asked };
}

describe('the body cap', () => {
  it('stops an endless body just past 16 MB, cancels the reader, and says so', async () => {
    const { stream, seen } = endless(new Uint8Array(MB).fill(0x20));
    const { fetch } = fake({ 'https://big.example/jwks': () => response(stream) });
    const got = await fetchJwks('https://big.example/jwks', { fetch });
    expect(FETCH_BODY_LIMIT).toBe(16 * MB);
    expect(!got.ok && got.error.code).toBe('ERR_FETCH_TOO_LARGE');
    expect(!got.ok && got.error.message).toBe(
      'https://big.example/jwks sent more than 16 MB, so the page stopped: fetched keys may be at most 16 MB, as pasted text may. A JWKS is a few kilobytes; check the address.',
    );
    expect(seen.cancelled).toBe(true);
    expect(seen.bytes).toBe(17 * MB);
  });

  it('reads a body of exactly the cap', async () => {
    const body = `{"keys":[${JSON.stringify(KEY)}]}`;
    const { fetch } = fake({ 'https://a.example/k': () => response(body) });
    const got = await fetchJwks('https://a.example/k', { fetch, maxBytes: body.length });
    expect(got.ok).toBe(true);
    const over = await fetchJwks('https://a.example/k', { fetch, maxBytes: body.length - 1 });
    expect(!over.ok && over.error.code).toBe('ERR_FETCH_TOO_LARGE');
  });

  it('refuses a Content-Length over the cap before reading, naming the size', async () => {
    const { stream, seen } = endless(new Uint8Array(MB));
    const { fetch, asked } = fake({
      'https://big.example/jwks': () =>
        response(stream, '', { 'content-length': String(100 * MB) }),
    });
    const got = await fetchJwks('https://big.example/jwks', { fetch });
    expect(!got.ok && got.error.code).toBe('ERR_FETCH_TOO_LARGE');
    expect(!got.ok && got.error.message).toContain(
      'https://big.example/jwks announced 100 MB (its Content-Length), so the page stopped',
    );
    expect(seen.bytes).toBe(0);
    expect(seen.cancelled).toBe(true);
    // Too large is final: no discovery document is asked for after it.
    expect(asked).toEqual(['https://big.example/jwks']);
  });
});

describe('redirects', () => {
  it('same origin: the keys URL is where it ended, and no warning', async () => {
    const { fetch } = fake({
      'https://a.example/jwks': () => response(JSON.stringify(JWKS), 'https://a.example/v2/jwks'),
    });
    const got = await fetchJwks('https://a.example/jwks', { fetch });
    if (!got.ok) throw got.error;
    expect(got.value.keysUrl).toBe('https://a.example/v2/jwks');
    expect(got.value.steps).toEqual([
      'read the JWKS at https://a.example/v2/jwks (asked at https://a.example/jwks, redirected)',
    ]);
    expect(got.value.warnings).toEqual([]);
  });

  it('another origin: a warning names both origins and where the keys came from', async () => {
    const { fetch } = fake({
      'https://a.example/jwks': () => response(JSON.stringify(JWKS), 'https://b.example/keys'),
    });
    const got = await fetchJwks('https://a.example/jwks', { fetch });
    if (!got.ok) throw got.error;
    expect(got.value.keysUrl).toBe('https://b.example/keys');
    expect(got.value.warnings).toEqual([
      'https://a.example/jwks redirected from https://a.example to https://b.example: the keys came from b.example.',
    ]);
  });

  it('discovery: both requests named, each where it ended; jwks_uri read relative to the final URL', async () => {
    const { fetch, asked } = fake({
      'https://id.example/.well-known/openid-configuration': () =>
        response(
          JSON.stringify({ issuer: 'https://id.example', jwks_uri: '/keys' }),
          'https://cdn.example/id/openid-configuration',
        ),
      'https://cdn.example/keys': () => response(JSON.stringify(JWKS), 'https://keys.example/k'),
    });
    const got = await fetchJwks('https://id.example/.well-known/openid-configuration', { fetch });
    if (!got.ok) throw got.error;
    expect(asked).toEqual([
      'https://id.example/.well-known/openid-configuration',
      'https://cdn.example/keys',
    ]);
    expect(got.value.steps).toEqual([
      'read the discovery document at https://cdn.example/id/openid-configuration (asked at https://id.example/.well-known/openid-configuration, redirected)',
      'followed its jwks_uri to https://keys.example/k (asked at https://cdn.example/keys, redirected)',
    ]);
    expect(got.value.warnings).toEqual([
      'https://id.example/.well-known/openid-configuration redirected from https://id.example to https://cdn.example: the discovery document came from cdn.example.',
      'https://cdn.example/keys redirected from https://cdn.example to https://keys.example: the keys came from keys.example.',
    ]);
  });
});

describe('one deadline for the whole fetch', () => {
  it('covers a body that stalls: the reader is cancelled and the timeout named', async () => {
    let fire: (() => void) | undefined;
    const { stream, seen } = endless(new TextEncoder().encode('{"keys":['), 'stall');
    const { fetch } = fake({ 'https://slow.example/jwks': () => response(stream) });
    const pending = fetchJwks('https://slow.example/jwks', {
      fetch,
      startTimer: (onTimeout) => {
        fire = onTimeout;
        return () => {};
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.pulls).toBe(1);
    fire!();
    const got = await pending;
    expect(!got.ok && got.error.code).toBe('ERR_FETCH_TIMEOUT');
    expect(seen.cancelled).toBe(true);
  });

  it('starts one timer for all of discovery, and stops it at the end', async () => {
    const timers: number[] = [];
    let stopped = 0;
    const { fetch, asked } = fake({
      'https://id.example/': () => response('<!doctype html>'),
      'https://id.example/.well-known/openid-configuration': () =>
        response(JSON.stringify({ jwks_uri: 'https://id.example/keys' })),
      'https://id.example/keys': () => response(JSON.stringify(JWKS)),
    });
    const got = await fetchJwks('https://id.example/', {
      fetch,
      startTimer: (_onTimeout, ms) => {
        timers.push(ms);
        return () => stopped++;
      },
    });
    expect(got.ok).toBe(true);
    expect(asked).toHaveLength(3);
    expect(timers).toEqual([15_000]);
    expect(stopped).toBe(1);
  });
});

describe('the key text', () => {
  it('is indented when small', async () => {
    const { fetch } = fake({ 'https://a.example/k': () => response(JSON.stringify(JWKS)) });
    const got = await fetchJwks('https://a.example/k', { fetch });
    expect(got.ok && got.value.keyText).toBe(JSON.stringify(JWKS, null, 2));
  });

  it('stays as sent when indenting would pass 2 million characters, and the note says so', async () => {
    const body = JSON.stringify({
      keys: Array.from({ length: 18_000 }, (_, i) => ({ ...KEY, kid: `${i}` })),
    });
    expect(body.length).toBeLessThan(2 * MB);
    const { fetch } = fake({ 'https://a.example/k': () => response(body) });
    const got = await fetchJwks('https://a.example/k', { fetch });
    if (!got.ok) throw got.error;
    expect(got.value.keyText).toBe(body);
    expect(got.value.steps[1]).toBe(
      `the JWKS stands in the key box as sent (${body.length.toLocaleString('en')} characters), not re-indented: indented it would pass 2 million characters`,
    );
  });

  it('stays as sent when nested too deep to re-serialize, without throwing', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const body = `{"keys":[${JSON.stringify(KEY)}],"x":${deep}}`;
    const { fetch } = fake({ 'https://a.example/k': () => response(body) });
    const got = await fetchJwks('https://a.example/k', { fetch });
    expect(got.ok && got.value.keyText).toBe(body);
  });
});
