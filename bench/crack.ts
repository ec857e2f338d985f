/**
 * The crack benchmark, run in Chromium by scripts/bench.mjs (`--crack`): on
 * one thread (what each worker gets), guesses per second with one WebCrypto
 * importKey + sign per guess, as the lesson's crack did, against the engine
 * in src/lib/crack, for a typical token (jwt.io's example claims): its
 * JavaScript engine and, for HS384/512, its WebAssembly kernel (what the
 * workers use when they can).
 */
import { HmacGuesser, type HmacAlg } from '../src/lib/crack/hmac';
import { loadKernel, WasmGuesser, type Kernel } from '../src/lib/crack/kernel';
import kernelUrl from '../src/lib/crack/wasm/sha512.wasm?url&no-inline';

/** One algorithm's rates, in guesses per second on one thread. */
export interface CrackRow {
  alg: HmacAlg;
  /** One importKey + sign per guess, awaited one after the other. */
  webcrypto: number;
  /** The same with 64 guesses in flight at once: WebCrypto's best case. */
  webcryptoBatched: number;
  /** The JavaScript engine. */
  engine: number;
  /** The WebAssembly kernel (HS384/512 only). */
  wasm?: number;
  /** SHA-2 compressions the engine spends per guess. */
  compressions: number;
  inputBytes: number;
}

const HASH: Record<HmacAlg, string> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };
const enc = new TextEncoder();
// A signature of the right length that no guess makes: every guess runs in full.
const DIGEST_BYTES: Record<HmacAlg, number> = { HS256: 32, HS384: 48, HS512: 64 };

function signingInput(alg: HmacAlg): Uint8Array<ArrayBuffer> {
  const part = (o: object) =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return enc.encode(
    `${part({ alg, typ: 'JWT' })}.${part({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}`,
  );
}

/** Distinct guesses, as a wordlist gives them: "guess-000000", "guess-000001"… */
function guess(buffer: Uint8Array, n: number): void {
  for (let i = buffer.length - 1, v = n; i >= 6; i--, v = Math.floor(v / 10))
    buffer[i] = 0x30 + (v % 10);
}

async function webcrypto(
  alg: HmacAlg,
  input: Uint8Array<ArrayBuffer>,
  ms: number,
  inFlight: number,
) {
  const key = enc.encode('guess-000000');
  const one = async (n: number) => {
    const bytes = key.slice();
    guess(bytes, n);
    const k = await crypto.subtle.importKey(
      'raw',
      bytes,
      { name: 'HMAC', hash: HASH[alg] },
      false,
      ['sign'],
    );
    return crypto.subtle.sign('HMAC', k, input);
  };
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const batch = [];
    for (let i = 0; i < inFlight; i++) batch.push(one(n++));
    await Promise.all(batch);
  }
  return (n * 1000) / (performance.now() - start);
}

function engine(guesser: HmacGuesser | WasmGuesser, ms: number): number {
  const key = enc.encode('guess-000000');
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms)
    for (let i = 0; i < 2000; i++) {
      guess(key, n++);
      guesser.test(key);
    }
  return (n * 1000) / (performance.now() - start);
}

const ROUNDS = 5;

export async function runCrack(ms: number): Promise<CrackRow[]> {
  const rows: CrackRow[] = [];
  const kernel: Kernel | undefined = await loadKernel(kernelUrl);
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    const input = signingInput(alg);
    const signature = new Uint8Array(DIGEST_BYTES[alg]);
    const js = new HmacGuesser(alg, input, signature);
    const wasm = kernel && alg !== 'HS256' ? new WasmGuesser(kernel, alg, input, signature) : null;
    // Warm-up: let V8 optimise (and tier up the kernel) before the clock runs.
    engine(js, 200);
    if (wasm) engine(wasm, 200);
    // Each rate is the mean of ROUNDS windows, taken in turns: a shared machine's load
    // then weighs on every column alike, and the ratios hold better than the rates.
    const rate = { webcrypto: 0, webcryptoBatched: 0, engine: 0, wasm: 0 };
    const window = ms / ROUNDS;
    for (let r = 0; r < ROUNDS; r++) {
      rate.webcrypto += (await webcrypto(alg, input, window, 1)) / ROUNDS;
      rate.webcryptoBatched += (await webcrypto(alg, input, window, 64)) / ROUNDS;
      rate.engine += engine(js, window) / ROUNDS;
      if (wasm) rate.wasm += engine(wasm, window) / ROUNDS;
    }
    rows.push({
      alg,
      webcrypto: rate.webcrypto,
      webcryptoBatched: rate.webcryptoBatched,
      engine: rate.engine,
      ...(wasm ? { wasm: rate.wasm } : {}),
      compressions: new HmacGuesser(alg, input).compressions,
      inputBytes: input.length,
    });
  }
  return rows;
}
