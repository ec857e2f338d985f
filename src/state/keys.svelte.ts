/**
 * The key tools' state, built on `lab`: generating a key and re-signing with
 * it, the key's exports and facts, key files, the JWKS list, and fetching a
 * JWKS when (and only when) the person presses the button. The engine code
 * behind each is loaded on demand, so the first screen does not carry it.
 */
import { untrack } from 'svelte';
import { messageOf, type LabError } from '../lib';
import type { KeyExports } from '../lib/keys/export';
import type { JwksReport } from '../lib/keys/jwks-info';
import type { FetchKind } from '../lib/keys/fetch-jwks';
import { keygenAlgorithm } from '../lib/keys/keygen-algorithms';
import { lab } from './lab.svelte';

/** A URL the token names for its own key (`jku`/`x5u`), waiting for the person to confirm. */
export interface HeaderUrl {
  member: 'jku' | 'x5u';
  url: string;
}

export class KeyTools {
  // Generating
  alg = $state('ES256');
  rsaBits = $state(2048);
  crv = $state('P-256');
  generating = $state('');
  generateNote = $state('');
  #generation = 0;

  // What the key in the box is, in every form (recomputed when the key changes).
  // Raw: replaced whole, never changed in place, and a JWKS's exports or rows
  // may number thousands (a deep proxy made reading 10,000 rows cost 50 ms).
  exports = $state.raw<{
    key: string;
    encoding?: typeof lab.secretEncoding;
    value?: KeyExports;
    error?: LabError;
  }>({ key: '' });
  #exportedOnce!: () => void;
  /** Resolves once the first key's exports are known: the tools show up with its facts. */
  readonly firstExport = new Promise<void>((resolve) => (this.#exportedOnce = resolve));
  jwks = $state.raw<{ key: string; report?: JwksReport }>({ key: '' });

  /** The exports of the key now in the box (nothing while they are being recomputed). */
  get current(): { value?: KeyExports; error?: LabError } | undefined {
    const exported = this.exports;
    // Compared apart: joined, a 1.7 MB key was copied and compared on every read.
    return exported.key === lab.keyText && exported.encoding === lab.secretEncoding
      ? exported
      : undefined;
  }

  /** The JWKS list for the key now in the box. */
  get report(): JwksReport | undefined {
    return this.jwks.key === lab.keyText ? this.jwks.report : undefined;
  }

  // Key files
  fileNote = $state('');
  fileError = $state('');

  // Fetching
  url = $state('');
  fetching = $state('');
  /** Whole seconds the fetch under way has taken, and the most it may take (0 until known). */
  fetchSeconds = $state(0);
  fetchLimitSeconds = $state(0);
  fetchError = $state<LabError | undefined>(undefined);
  fetchNote = $state('');
  /** Redirects to another origin: the keys came from somewhere other than the address asked. */
  fetchWarnings = $state<string[]>([]);
  /** A `jku`/`x5u` fetch the person asked for, shown with its warning until confirmed. */
  confirming = $state<HeaderUrl | undefined>(undefined);
  #fetchAbort: AbortController | undefined;

  /** The token's `iss`, if it is a URL: offered as a one-click suggestion. */
  issuer = $derived.by(() => {
    const iss = lab.jws?.payload.iss;
    return typeof iss === 'string' && /^https?:\/\/[^\s/]/.test(iss) ? iss : undefined;
  });
  /** `jku`/`x5u` the token's header names (never fetched without confirming). */
  headerUrls = $derived.by((): HeaderUrl[] => {
    const header = lab.jws?.header ?? {};
    return (['jku', 'x5u'] as const)
      .filter((m) => typeof header[m] === 'string')
      .map((member) => ({ member, url: header[member] as string }));
  });

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const inputs = [lab.keyText, lab.secretEncoding, lab.parsedKey] as const;
        untrack(() => void this.#export(...inputs));
      });
      $effect(() => {
        const inputs = [lab.parsedKey, lab.jws, lab.keyText] as const;
        untrack(() => void this.#inspect(...inputs));
      });
    });
  }

  async #export(
    key: string,
    encoding: typeof lab.secretEncoding,
    parsed: typeof lab.parsedKey,
  ): Promise<void> {
    if (!parsed.ok || parsed.value.kind === 'empty') {
      this.exports = { key, encoding };
      this.#exportedOnce();
      return;
    }
    const { exportKey } = await import('../lib/keys/export');
    const result = await exportKey(parsed.value, encoding);
    if (lab.keyText !== key || lab.secretEncoding !== encoding) return;
    this.exports = result.ok
      ? { key, encoding, value: result.value }
      : { key, encoding, error: result.error };
    this.#exportedOnce();
  }

  async #inspect(parsed: typeof lab.parsedKey, token: typeof lab.jws, key: string): Promise<void> {
    if (!parsed.ok || parsed.value.kind !== 'jwks') {
      this.jwks = { key: '' };
      return;
    }
    const { inspectJwks } = await import('../lib/keys/jwks-info');
    const report = await inspectJwks(parsed.value, token);
    if (lab.keyText !== key || lab.jws !== token) return;
    this.jwks = { key, report };
  }

  /** Make a key for the chosen algorithm, put it in the key box, and re-sign the token. */
  async generate(): Promise<void> {
    const generation = ++this.#generation;
    const { generateKey, isSlowKeygen } = await import('../lib/keys/generate');
    const entry = keygenAlgorithm(this.alg);
    const options = { rsaBits: this.rsaBits, crv: this.crv };
    this.generateNote = '';
    this.generating = isSlowKeygen(this.alg, options)
      ? `Generating an RSA ${this.rsaBits}-bit key for ${this.alg}: this takes a few seconds…`
      : `Generating a key for ${this.alg}…`;
    const made = await generateKey(this.alg, options);
    if (generation !== this.#generation) return; // cancelled, or a newer one started
    this.generating = '';
    if (!made.ok) {
      this.generateNote = made.error.message;
      return;
    }
    const key = made.value;
    lab.keyText = key.text;
    lab.secretEncoding = key.secretEncoding;
    if (entry?.kind === 'jws') {
      lab.useNewKey(key.alg);
      this.generateNote = `Made a ${key.description} for ${key.alg}; the token's header now says "alg": "${key.alg}" and the token was re-signed with it.`;
    } else
      this.generateNote = `Made a ${key.description} for ${key.alg} (a JWE algorithm): the token was not re-signed.`;
  }

  /** Stop waiting for a key being generated (WebCrypto cannot stop; its result is dropped). */
  cancelGenerate(): void {
    this.#generation++;
    this.generating = '';
    this.generateNote = 'Cancelled: the key box was left as it was.';
  }

  /** Read a key file (dropped or chosen) into the key box. */
  async readFile(file: File): Promise<void> {
    this.fileNote = '';
    this.fileError = '';
    try {
      const { keyFileToText, KEY_FILE_LIMIT } = await import('../lib/keys/der');
      const bytes =
        file.size > KEY_FILE_LIMIT
          ? new Uint8Array(file.size)
          : new Uint8Array(await file.arrayBuffer());
      const read = keyFileToText(file.name, bytes);
      if (!read.ok) {
        this.fileError = read.error.message;
        return;
      }
      lab.keyText = read.value.text;
      this.fileNote = read.value.note;
    } catch (cause) {
      this.fileError = `"${file.name}" could not be read: ${messageOf(cause)}`;
    }
  }

  /** Fetch the URL in the field (a JWKS, a discovery document or an issuer): on this click only. */
  fetchUrl(): Promise<void> {
    return this.#fetch(this.url, 'auto');
  }

  /** Fetch the `jku`/`x5u` the person confirmed. */
  fetchConfirmed(): Promise<void> {
    const confirmed = this.confirming;
    this.confirming = undefined;
    if (!confirmed) return Promise.resolve();
    this.url = confirmed.url;
    return this.#fetch(confirmed.url, confirmed.member === 'jku' ? 'jwks' : 'x5u');
  }

  /** Fetch an SD-JWT VC issuer's keys through its `/.well-known/jwt-vc-issuer` metadata: on this click only. */
  fetchVcIssuer(iss: string): Promise<void> {
    this.url = iss;
    return this.#fetch(iss, 'vc-issuer');
  }

  /** Stop the fetch under way. */
  cancelFetch(): void {
    this.#fetchAbort?.abort();
  }

  async #fetch(url: string, kind: FetchKind): Promise<void> {
    this.#fetchAbort?.abort();
    const abort = (this.#fetchAbort = new AbortController());
    const current = () => abort === this.#fetchAbort;
    this.fetchError = undefined;
    this.fetchNote = '';
    this.fetchWarnings = [];
    this.fetching = `Fetching ${url.trim()}…`;
    this.fetchSeconds = 0;
    const started = Date.now();
    // The person sees the time pass, and the limit, beside the Cancel button.
    const ticker = setInterval(() => {
      if (current()) this.fetchSeconds = Math.floor((Date.now() - started) / 1000);
    }, 1000);
    try {
      const { fetchJwks, FETCH_TIMEOUT_MS } = await import('../lib/keys/fetch-jwks');
      this.fetchLimitSeconds = FETCH_TIMEOUT_MS / 1000;
      const result = await fetchJwks(url, {
        fetch: (u, init) => fetch(u, init),
        kind,
        signal: abort.signal,
        onRequest: (asked) => {
          if (current()) this.fetching = `Fetching ${asked}…`;
        },
      });
      if (!current()) return;
      if (!result.ok) {
        this.fetchError = result.error;
        return;
      }
      lab.keyText = result.value.keyText;
      const steps = result.value.steps.join('; ');
      this.fetchNote = `Fetched ${result.value.keysUrl}${steps ? ` (${steps})` : ''}. It now stands in the key box.`;
      this.fetchWarnings = result.value.warnings;
    } finally {
      clearInterval(ticker);
      if (current()) this.fetching = '';
    }
  }
}

/** The key tools' single state. */
export const keyTools = new KeyTools();
