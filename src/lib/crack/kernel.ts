/**
 * The WebAssembly kernel for HS384 and HS512 guesses (wasm/sha512.c): native
 * 64-bit words where sha512.ts emulates them with pairs of Int32s, several
 * times faster. It is optional: without WebAssembly, or when a Content
 * Security Policy refuses to compile it, the crack uses HmacGuesser.
 */
import { HmacGuesser, type HmacAlg } from './hmac';

interface Exports {
  memory: WebAssembly.Memory;
  key_buffer(): number;
  target_buffer(): number;
  out_buffer(): number;
  heap_base(): number;
  key_max(): number;
  setup(sha384: number, length: number): void;
  test(length: number): number;
  mac(length: number): void;
  compressions(): number;
}

/** One instance of the kernel: it holds one token at a time. */
export interface Kernel {
  readonly exports: Exports;
  /** The guesser whose token the kernel holds now. */
  current?: WasmGuesser;
  /** A view of its key buffer (empty once memory.grow detached it). */
  key?: Uint8Array;
}

/** The kernel compiled from `bytes`, or undefined when WebAssembly is missing or refused. */
export async function instantiateKernel(bytes: BufferSource): Promise<Kernel | undefined> {
  if (typeof WebAssembly === 'undefined') return undefined;
  try {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    return { exports: instance.exports as unknown as Exports };
  } catch {
    // A CSP without 'wasm-unsafe-eval' refuses to compile: the JavaScript engine remains.
    return undefined;
  }
}

/** The kernel fetched from `url` (the worker's asset), or undefined when it cannot be had. */
export async function loadKernel(url: string): Promise<Kernel | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok) return undefined;
    return await instantiateKernel(await response.arrayBuffer());
  } catch {
    return undefined;
  }
}

const DIGEST_BYTES: Readonly<Record<'HS384' | 'HS512', number>> = { HS384: 48, HS512: 64 };

/** HmacGuesser's job for HS384 and HS512 on the kernel. */
export class WasmGuesser {
  readonly #kernel: Kernel;
  readonly #alg: 'HS384' | 'HS512';
  readonly #message: Uint8Array;
  readonly #signature: Uint8Array;
  readonly #wrongLength: boolean;
  readonly #keyMax: number;
  /** For a guess longer than the kernel's buffer (never from a wordlist line). */
  #slow?: HmacGuesser;

  constructor(
    kernel: Kernel,
    alg: 'HS384' | 'HS512',
    message: Uint8Array,
    signature: Uint8Array = new Uint8Array(0),
  ) {
    this.#kernel = kernel;
    this.#alg = alg;
    this.#message = message;
    this.#signature = signature;
    this.#wrongLength = signature.length !== DIGEST_BYTES[alg];
    this.#keyMax = kernel.exports.key_max();
    this.#load();
  }

  /** Give the kernel this guesser's token: its signing input and signature. */
  #load(): void {
    const k = this.#kernel.exports;
    const heap = k.heap_base();
    const length = this.#message.length;
    const blocks = Math.ceil((length + 17) / 128);
    const needed = heap + Math.ceil(length / 8) * 8 + blocks * 640;
    const memory = k.memory;
    if (needed > memory.buffer.byteLength)
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    new Uint8Array(memory.buffer, heap, length).set(this.#message);
    k.setup(this.#alg === 'HS384' ? 1 : 0, length);
    const target = new DataView(memory.buffer, k.target_buffer(), 64);
    if (!this.#wrongLength) {
      const signature = new DataView(this.#signature.buffer, this.#signature.byteOffset);
      for (let i = 0; i < this.#signature.length; i += 8)
        target.setBigUint64(i, signature.getBigUint64(i, false), true);
    }
    this.#kernel.current = this;
  }

  /** Compressions one guess costs (a key longer than a block costs its own hash besides). */
  get compressions(): number {
    if (this.#kernel.current !== this) this.#load();
    return this.#kernel.exports.compressions();
  }

  /** Copy bytes[from..to) into the kernel's key buffer; false when it does not fit. */
  #put(bytes: Uint8Array, from: number, to: number): boolean {
    if (to - from > this.#keyMax) return false;
    if (this.#kernel.current !== this) this.#load();
    const key = this.#keyView();
    for (let i = from; i < to; i++) key[i - from] = bytes[i]!;
    return true;
  }

  /** The kernel's key buffer, viewed anew only after memory.grow detached the old view. */
  #keyView(): Uint8Array {
    const kernel = this.#kernel;
    if (!kernel.key || kernel.key.byteLength === 0) {
      const k = kernel.exports;
      kernel.key = new Uint8Array(k.memory.buffer, k.key_buffer(), this.#keyMax);
    }
    return kernel.key;
  }

  #fallback(): HmacGuesser {
    return (this.#slow ??= new HmacGuesser(this.#alg, this.#message, this.#signature));
  }

  /** Whether bytes[from..to) is the secret. */
  test(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
    if (this.#wrongLength) return false;
    if (!this.#put(bytes, from, to)) return this.#fallback().test(bytes, from, to);
    return this.#kernel.exports.test(to - from) === 1;
  }

  /** The HMAC of the message under the key bytes[from..to). */
  mac(bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
    if (!this.#put(bytes, from, to)) return this.#fallback().mac(bytes, from, to);
    const k = this.#kernel.exports;
    k.mac(to - from);
    const state = new DataView(k.memory.buffer, k.out_buffer(), 64);
    const digest = new Uint8Array(DIGEST_BYTES[this.#alg]);
    const view = new DataView(digest.buffer);
    for (let i = 0; i < digest.length; i += 8)
      view.setBigUint64(i, state.getBigUint64(i, true), false);
    return digest;
  }
}

/** The fastest guesser for `alg`: the kernel's for HS384/512 when there is one. */
export function guesserFor(
  kernel: Kernel | undefined,
  alg: HmacAlg,
  message: Uint8Array,
  signature?: Uint8Array,
): HmacGuesser | WasmGuesser {
  if (kernel && alg !== 'HS256')
    try {
      return new WasmGuesser(kernel, alg, message, signature);
    } catch {
      // memory.grow refused (a huge signing input): JavaScript needs as much, but may get it.
    }
  return new HmacGuesser(alg, message, signature);
}
