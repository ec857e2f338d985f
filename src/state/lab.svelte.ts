/**
 * The page's one state module: inputs are `$state`, everything else is
 * `$derived` from them, and the async work (verifying, re-signing) writes its
 * answers back tagged with the inputs they were for, so a late answer never
 * overwrites a newer one and a changed token never keeps looking verified.
 */
import {
  KeyResolver,
  algorithmOf,
  checkClaims,
  decodeToken,
  describeKey,
  formatJson,
  isNone,
  jwsAlgorithm,
  prepareSigningInput,
  signWith,
  verifyWith,
  type DecodedJwe,
  type LabError,
  type SecretEncoding,
  type SignatureVerdict,
  loadPemSupport,
  isUnsupportedByBrowser,
  messageOf,
  pemSupportLoaded,
} from '../lib';
import type { JweView } from '../lib/jwe';
import { sizeClass } from '../lib/jws/limits';
import { untrack } from 'svelte';
import { sampleToken, SAMPLE_SECRET } from './sample';

/** Seconds since the epoch: the page's clock (the engine never reads one). */
export const clockNow = (): number => Math.floor(Date.now() / 1000);

/** A verdict as shown: `checking` only while a verified verdict has gone stale. */
export type ShownVerdict = SignatureVerdict | { status: 'checking'; message: string };

/** Where the last change to the token came from. */
type Origin = 'token' | 'json';

export class Lab {
  // Inputs: what the person typed or chose.
  tokenText = $state('');
  headerText = $state('');
  payloadText = $state('');
  keyText = $state('');
  secretEncoding = $state<SecretEncoding>('utf8');
  leeway = $state(0);
  expectedIssuer = $state('');
  expectedAudience = $state('');
  /** Claims that must be present, as typed: names separated by commas or spaces. */
  requiredClaimsText = $state('');
  requiredClaims = $derived(this.requiredClaimsText.split(/[\s,]+/).filter((name) => name !== ''));
  now = $state(clockNow());
  /** The time-travel control's text: empty = now (ISO 8601 or a NumericDate). */
  clockText = $state('');
  /** The moment that text names (set by the clock control); undefined = now. */
  clockOverride = $state<number | undefined>(undefined);

  /** Errors in the edited header/payload JSON (signing could not run). */
  editError = $state<LabError | undefined>(undefined);
  /** What happened to the signature on the last header/payload edit. */
  signNote = $state('');
  /** The example being generated, and what to notice about the loaded one. */
  exampleBusy = $state('');
  exampleNote = $state('');

  readonly resolver = new KeyResolver();

  decoded = $derived(decodeToken(this.tokenText));
  jws = $derived(
    this.decoded.ok && this.decoded.value.kind === 'jws' ? this.decoded.value : undefined,
  );
  /** Becomes true when the PEM reader has loaded, so PEM key text is parsed again. */
  pemReady = $state(pemSupportLoaded());
  parsedKey = $derived((void this.pemReady, this.resolver.parse(this.keyText)));
  keyDescription = $derived(
    this.parsedKey.ok
      ? describeKey(this.parsedKey.value, this.secretEncoding)
      : 'Key not recognised',
  );
  isSecret = $derived(this.parsedKey.ok && this.parsedKey.value.kind === 'secret');
  /** A nested JWT's inner signing key, and whether JWE edits sign with it before encrypting. */
  innerKeyText = $state('');
  signThenEncrypt = $state(false);
  #jwe = $state<{ version: number; view: JweView } | undefined>(undefined);
  /** The JWE verdict while the token is a JWE (`checking` while it decrypts). */
  jwe = $derived.by(() => {
    if (!this.decoded.ok || this.decoded.value.kind !== 'jwe') return undefined;
    const shown = this.#jwe;
    if (!shown || shown.version !== this.#inputVersion)
      return { status: 'checking', message: 'Decrypting…', notes: [] } as JweView | ShownJwe;
    return shown.view as JweView | ShownJwe;
  });
  /** The moment claims are judged at: the clock override, or the ticking now. */
  effectiveNow = $derived(this.clockOverride ?? this.now);
  claims = $derived(
    (this.jws?.payload ?? this.jwe?.claims)
      ? checkClaims((this.jws?.payload ?? this.jwe?.claims)!, {
          now: this.effectiveNow,
          leeway: Number.isFinite(this.leeway) ? Math.max(0, this.leeway) : 0,
          expectedIssuer: this.expectedIssuer,
          expectedAudience: this.expectedAudience,
          requiredClaims: this.requiredClaims,
        })
      : undefined,
  );

  // Until the first check has run the page knows nothing about the signature,
  // so it says so (the prerendered first screen shows this too).
  #verdict = $state<{ version: number; verdict: ShownVerdict }>({
    version: -1,
    verdict: { status: 'checking', message: 'Checking the signature…' },
  });
  #inputVersion = $state(0);
  #signSequence = 0;
  #origin: Origin = 'token';

  /** The signature verdict for the current token and key. */
  get signature(): ShownVerdict {
    const { version, verdict } = this.#verdict;
    if (version !== this.#inputVersion && verdict.status === 'verified')
      return { status: 'checking', message: 'Checking the signature…' };
    return verdict;
  }

  /**
   * Begin checking the signature and ticking the clock. Called once the first
   * state is in place, so the first check is of that token and not of the
   * empty editor before it.
   */
  start(): void {
    $effect.root(() => {
      $effect(() => {
        const inputs = [
          this.decoded,
          this.keyText,
          this.secretEncoding,
          this.innerKeyText,
        ] as const;
        // Only the inputs are dependencies; the version bump inside must not be.
        untrack(() => void this.#verify(...inputs));
      });
      $effect(() => {
        const timer = setInterval(() => (this.now = clockNow()), 1000);
        return () => clearInterval(timer);
      });
    });
  }

  /** Put the sample token and its secret in the editors. */
  async loadSample(): Promise<void> {
    const now = clockNow();
    const token = await sampleToken(now, this.resolver);
    // Judged at the moment it was signed: its times read as in the prerendered page.
    this.now = now;
    this.keyText = SAMPLE_SECRET;
    this.secretEncoding = 'utf8';
    this.setToken(token);
  }

  /** Load the PEM reader now (after the first paint), so a pasted PEM reads at once. */
  preloadPemSupport(): void {
    void loadPemSupport().then(() => (this.pemReady = true));
  }

  /** Generate and load an example from the menu (its code loads on demand). */
  async loadExample(id: string, label: string): Promise<void> {
    this.exampleBusy = `Generating the ${label} example…`;
    try {
      const { makeExample } = await import('../lib/examples/examples');
      const example = await makeExample(id, clockNow());
      this.keyText = example.key;
      this.secretEncoding = 'utf8';
      this.setToken(example.token);
      this.exampleNote = `Example: ${label}. ${example.note}`;
    } catch (cause) {
      const why = isUnsupportedByBrowser(cause)
        ? "this browser's WebCrypto lacks its algorithm."
        : messageOf(cause);
      this.exampleNote = `The example could not be made: ${why}`;
    } finally {
      this.exampleBusy = '';
    }
  }

  /** The person edited the token: decode it and show its JSON. */
  setToken(text: string): void {
    this.#origin = 'token';
    this.#signSequence++; // a pending re-sign must not overwrite this edit
    this.tokenText = text;
    this.exampleNote = '';
    this.editError = undefined;
    this.signNote = '';
    const decoded = this.decoded;
    if (!decoded.ok) return;
    // Over the size limit the JSON is shown as written: re-indenting megabytes would stall the tab.
    const shown = (json: string) => (sizeClass(json) === 'normal' ? formatJson(json) : json);
    this.headerText = shown(decoded.value.headerText);
    this.payloadText = decoded.value.kind === 'jws' ? shown(decoded.value.payloadText) : '';
  }

  /** The person edited the header JSON: re-sign. */
  setHeader(text: string): void {
    this.headerText = text;
    void this.#resign();
  }

  /** The person edited the payload JSON: re-sign. */
  setPayload(text: string): void {
    this.payloadText = text;
    void this.#resign();
  }

  async #verify(
    decoded: Lab['decoded'],
    keyText: string,
    secretEncoding: SecretEncoding,
    innerKeyText: string,
  ): Promise<void> {
    const version = ++this.#inputVersion;
    const settle = (verdict: SignatureVerdict) => {
      if (version === this.#inputVersion) this.#verdict = { version, verdict };
    };
    if (!decoded.ok)
      return settle({ status: 'malformed', message: decoded.error.message, error: decoded.error });
    const token = decoded.value;
    if (token.kind !== 'jws')
      return this.#open(token, version, keyText, secretEncoding, innerKeyText);
    const checked = algorithmOf(token.alg);
    if ('verdict' in checked) return settle(checked.verdict);
    const options = { secretEncoding, kid: token.header.kid };
    const selection =
      this.resolver.settled(keyText, checked.algorithm, 'verify', options) ??
      (await this.resolver.resolve(keyText, checked.algorithm, 'verify', options));
    settle(await verifyWith(token, checked.algorithm, selection));
  }

  async #resign(): Promise<void> {
    this.#origin = 'json';
    const sequence = ++this.#signSequence;
    if (hasEnc(this.headerText)) return this.#encrypt(sequence);
    const input = prepareSigningInput(this.headerText, this.payloadText);
    if (!input.ok) {
      this.editError = input.error;
      return;
    }
    this.editError = undefined;
    const { alg, header, signingInput } = input.value;
    let token: string | undefined;
    let note: string;
    const algorithm = jwsAlgorithm(alg);
    if (isNone(alg)) {
      token = `${signingInput}.`;
      note = `"alg": "${alg}": the token is unsigned.`;
    } else if (!algorithm || !algorithm.inBrowser) {
      note = `Cannot sign with "${alg}" here: the old signature was kept, and no longer matches.`;
    } else {
      const selection = await this.resolver.resolve(this.keyText, algorithm, 'sign', {
        secretEncoding: this.secretEncoding,
        kid: header.kid,
      });
      const signed = await signWith(input.value, algorithm, selection);
      if (signed.ok) {
        token = signed.value;
        note = `Re-signed with ${alg}.`;
      } else {
        note = `Not re-signed: ${signed.error.message} The old signature was kept, and no longer matches.`;
      }
    }
    if (sequence !== this.#signSequence || this.#origin !== 'json') return;
    this.tokenText = token ?? `${signingInput}.${this.#oldSignature()}`;
    this.signNote = note;
  }

  /** Tick "sign then encrypt": rebuild the JWE so the token matches the choice. */
  setSignThenEncrypt(on: boolean): void {
    this.signThenEncrypt = on;
    if (hasEnc(this.headerText)) void this.#resign();
  }

  async #open(
    token: DecodedJwe,
    version: number,
    keyText: string,
    secretEncoding: SecretEncoding,
    innerKeyText: string,
  ): Promise<void> {
    const { openJwe } = await import('../lib/jwe');
    const view = await openJwe(token, {
      keyText,
      innerKeyText,
      secretEncoding,
      resolver: this.resolver,
    });
    if (version !== this.#inputVersion) return;
    this.#jwe = { version, view };
    this.#verdict = {
      version,
      verdict: view.inner?.verdict ?? { status: 'needs-key', message: '' },
    };
    // A pasted JWE fills the payload editor; an edited one keeps what the person typed.
    if (this.#origin === 'token' && view.payloadText !== undefined) {
      this.payloadText = view.payloadText;
      if (view.inner) this.signThenEncrypt = true;
    }
  }

  async #encrypt(sequence: number): Promise<void> {
    this.editError = undefined;
    this.signNote = 'Loading the encryption engine…';
    const { encryptJwe } = await import('../lib/jwe');
    const inner = this.#jwe?.view.inner;
    const sign = {
      keyText: this.innerKeyText,
      resolver: this.resolver,
      header: inner?.token.header,
    };
    const built = await encryptJwe({
      headerText: this.headerText,
      payloadText: this.payloadText,
      keyText: this.keyText,
      secretEncoding: this.secretEncoding,
      ...(this.signThenEncrypt ? { sign } : {}),
    });
    if (sequence !== this.#signSequence || this.#origin !== 'json') return;
    if (built.ok) this.tokenText = built.value.token;
    this.signNote = built.ok
      ? built.value.note
      : `Not encrypted: ${built.error.message} The token was not changed.`;
  }

  #oldSignature(): string {
    const parts = this.tokenText.trim().split('.');
    return parts.length === 3 ? parts[2]! : '';
  }
}

/** The page's single state. */
export const lab = new Lab();

/** What `jwe` shows while the engine loads or decrypts. */
type ShownJwe = {
  status: 'checking';
  message: string;
  notes: string[];
  claims?: undefined;
  inner?: undefined;
};

/** Does the header text (if it is JSON) ask for encryption? */
function hasEnc(text: string): boolean {
  try {
    return typeof (JSON.parse(text) as { enc?: unknown } | null)?.enc === 'string';
  } catch {
    return false;
  }
}
