/**
 * The page's one state module: inputs are `$state`, everything else is
 * `$derived` from them through the engine's one call (`Checker.check`). The
 * asynchronous part (verifying, decrypting, reading a large text in steps)
 * is lab-background's and writes its answers back tagged with the inputs
 * they were for, so a late answer never overwrites a newer one and a changed
 * token never keeps looking verified. Loading a token (lab-loading) and
 * editing one (lab-editing) are modules of their own, which `Lab` hands what
 * it keeps private (lab-private).
 */
import {
  Checker,
  stillFromLink,
  describeKey,
  judgeSettings,
  loadPemSupport,
  type CheckTools,
  type OutputForm,
  type KeyInput,
  type LabError,
  type LinkState,
  type PayloadForm,
  type Origin,
  type Report,
  type SecretEncoding,
  type TokenInput,
} from '../lib';
import { LabBackground } from './lab-background.svelte';
import * as editing from './lab-editing';
import * as loading from './lab-loading';
import { LabPrivate } from './lab-private.svelte';

export { clockNow } from './clock';
import { clockNow } from './clock';

/** A verdict as shown: `checking` while the signature is being checked. */
export type ShownVerdict = Report['signature'];

export class Lab {
  // Inputs: what the person typed or chose.
  tokenText = $state('');
  headerText = $state('');
  payloadText = $state('');
  /** The payload of a detached JWS (`header..signature`), which the token does not carry. */
  detachedPayload = $state('');
  /**
   * How the payload editor's text is signed: as the pasted token's payload was
   * (JSON claims, other JSON, text, hex). Set when a token is pasted, not by
   * re-signing, so typing text into a text payload never turns it into JSON.
   */
  payloadEditForm = $state<PayloadForm>('claims');
  keyText = $state('');
  /** The trust-anchors editor: PEM certificates an x5c chain must reach (empty = none). */
  trustAnchorsText = $state('');
  secretEncoding = $state<SecretEncoding>('utf8');
  /** The leeway as typed (a number, or the field's text): cleaned once, in `settings`. */
  leeway = $state<number | string>(0);
  expectedIssuer = $state('');
  expectedAudience = $state('');
  /** Claims that must be present, as typed: names separated by commas or spaces. */
  requiredClaimsText = $state('');
  /** The nonce an ID token, DPoP proof or key-binding JWT must carry (empty = not checked). */
  expectedNonce = $state('');
  /** What a DPoP proof's request was (`htm`, `htu`, the access token `ath` hashes). */
  dpopMethod = $state('');
  dpopUrl = $state('');
  dpopAccessToken = $state('');
  /** What an ID token's `at_hash`, `c_hash` and `s_hash` must hash. */
  oidcAccessToken = $state('');
  oidcCode = $state('');
  oidcState = $state('');
  /** What the last "build a DPoP proof" did, or why it could not. */
  dpopNote = $state('');
  now = $state(clockNow());
  /** The time-travel control's text: empty = now (ISO 8601 or a NumericDate). */
  clockText = $state('');
  /** A nested JWT's inner signing key, and whether JWE edits sign with it before encrypting. */
  innerKeyText = $state('');
  signThenEncrypt = $state(false);
  /** The form the page writes a signed token in (`output-form`). */
  outputForm = $state<OutputForm>('compact');

  /** Errors in the edited header/payload JSON (signing could not run). */
  editError = $state<LabError | undefined>(undefined);
  /** What happened to the signature on the last header/payload edit. */
  signNote = $state('');
  /** The example being generated, and what to notice about the loaded one. */
  exampleBusy = $state('');
  exampleNote = $state('');

  /** Engine modules loaded on demand (findings, library outcomes, the PEM reader). */
  tools = $state.raw<CheckTools>({});

  /** What the lab keeps from the components, handed to the modules it delegates to. */
  readonly #own = new LabPrivate();
  readonly #background = new LabBackground(this, this.#own, () => this.#input);

  /** `checker` runs the pipeline and holds its caches (a test may hand in its own). */
  constructor(readonly checker: Checker = new Checker()) {}

  /** Key imports, cached (shared with the key tools and lessons). */
  get resolver(): Checker['resolver'] {
    return this.checker.resolver;
  }

  judged = $derived(
    judgeSettings({
      clock: this.now,
      clockText: this.clockText,
      leeway: this.leeway,
      expectedIssuer: this.expectedIssuer,
      expectedAudience: this.expectedAudience,
      requiredClaimsText: this.requiredClaimsText,
      expectedNonce: this.expectedNonce,
    }),
  );
  settings = $derived(this.judged.settings);
  /** The moment claims are judged at: the clock field's moment, or the ticking now. */
  effectiveNow = $derived(this.settings.now);
  /** The moment the clock field names; undefined = now. */
  clockOverride = $derived(this.settings.timeTravel ? this.settings.now : undefined);
  requiredClaims = $derived(this.settings.requiredClaims);

  keys = $derived<KeyInput>({
    text: this.keyText,
    encoding: this.secretEncoding,
    innerText: this.innerKeyText,
    anchors: this.trustAnchorsText,
    from: this.#own.keyFrom(this.keyText, this.secretEncoding),
    ...(this.#own.sample ? { sampleToken: this.#own.sample.token } : {}),
  });
  /** The settings that still hold what a link set, in words ("the key", "a leeway of 30 s"). */
  fromLink = $derived(
    stillFromLink(this.#own.link, {
      key: this.keyText,
      leeway: this.leeway,
      expectedIssuer: this.expectedIssuer,
      expectedAudience: this.expectedAudience,
    }),
  );
  #input = $derived<TokenInput>({
    text: this.tokenText,
    from: this.#own.tokenFrom,
    chosen: this.#own.chosen,
    detachedPayload: this.detachedPayload,
    profile: {
      dpopMethod: this.dpopMethod,
      dpopUrl: this.dpopUrl,
      dpopAccessToken: this.dpopAccessToken,
      oidcAccessToken: this.oidcAccessToken,
      oidcCode: this.oidcCode,
      oidcState: this.oidcState,
    },
  });

  /** Everything the page shows, from the engine's one call. */
  report: Report = $derived.by(() =>
    this.#background.reading
      ? this.checker.reading(this.#input, this.settings, this.keys)
      : this.checker.check(
          this.#input,
          this.settings,
          this.keys,
          this.tools,
          this.#background.verdicts,
        ),
  );
  decoded = $derived(this.report.decoded);
  jws = $derived(this.report.jws);
  parsedKey = $derived(this.report.parsedKey);
  claims = $derived(this.report.claims);
  /** The JWE verdict while the token is a JWE (`checking` while it decrypts). */
  jwe = $derived(this.report.jwe);
  /** The signature verdict for the current token and key. */
  signature: ShownVerdict = $derived(this.report.signature);
  /** The x5c chain's verdict, while the token (or the JWK in the key box) carries one. */
  chain = $derived(this.report.chain);
  keyDescription = $derived(
    this.parsedKey.ok
      ? describeKey(this.parsedKey.value, this.secretEncoding)
      : 'Key not recognised',
  );
  isSecret = $derived(this.parsedKey.ok && this.parsedKey.value.kind === 'secret');

  /**
   * Begin checking the signature and ticking the clock. Called once the first
   * state is in place, so the first check is of that token and not of the
   * empty editor before it.
   */
  start(): void {
    this.#background.start();
  }

  /** Stop checking and ticking (tests; the page runs until it is closed). */
  stop(): void {
    this.#background.stop();
  }

  /** Hand the pipeline modules that have loaded on demand. */
  useTools(more: CheckTools): void {
    this.tools = { ...this.tools, ...more };
  }

  /** Put the sample token and its secret in the editors. */
  loadSample(): Promise<void> {
    return loading.loadSample(this, this.#own);
  }

  /** Load the PEM reader now (after the first paint), so a pasted PEM reads at once. */
  preloadPemSupport(): void {
    void loadPemSupport().then((pem) => this.useTools({ pem }));
  }

  /** Generate and load an example from the menu (its code loads on demand). */
  loadExample(id: string, label: string): Promise<void> {
    return loading.loadExample(this, id, label);
  }

  /**
   * Put a saved state in the page: from a link (whose values are then shown
   * as the link's), or from work the person remembered on this device.
   */
  applyState(state: LinkState & { token?: string }, from: 'link' | 'person'): void {
    loading.applyState(this, this.#own, state, from);
  }

  /** The token editor changed (by the person, or by `from`): show what it decodes to. */
  setToken(text: string, from: Origin = 'person'): void {
    loading.setToken(this, this.#own, text, from);
    if (this.report.wantsFinder) this.#background.loadFinder();
  }

  /** Which token found in the text is decoded (from 0). */
  get chosen(): number {
    return this.#own.chosen;
  }

  /** The person chose another of the tokens found in the text: show that one. */
  chooseToken(index: number): void {
    loading.chooseToken(this, this.#own, index);
  }

  /**
   * Make a DPoP proof for the method, URL and access token typed (and the
   * expected nonce), with a key generated for it, and check it: the proof goes
   * in the token box and its public key in the key box.
   */
  buildDpopProof(): Promise<void> {
    return loading.buildDpopProof(this);
  }

  /** The person gave the payload of a detached JWS: the signature is checked over it. */
  setDetachedPayload(text: string): void {
    editing.setDetachedPayload(this, text);
  }

  /** The person chose the form to write the token in: write it so now. */
  setOutputForm(form: OutputForm): void {
    editing.setOutputForm(this, this.#own, form);
  }

  /** The person edited the header JSON: re-sign. */
  setHeader(text: string): void {
    editing.setHeader(this, this.#own, text);
  }

  /** The person edited the payload JSON: re-sign. */
  setPayload(text: string): void {
    editing.setPayload(this, this.#own, text);
  }

  /** Tick "sign then encrypt": rebuild the JWE so the token matches the choice. */
  setSignThenEncrypt(on: boolean): void {
    editing.setSignThenEncrypt(this, this.#own, on);
  }

  /** A new key for `alg` is in the key box: the header names it, and the token is re-signed. */
  useNewKey(alg: string): void {
    editing.useNewKey(this, this.#own, alg);
  }
}

/** The page's single state. */
export const lab = new Lab();
