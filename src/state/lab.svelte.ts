/**
 * The page's one state module: inputs are `$state`, everything else is
 * `$derived` from them through the engine's one call (`Checker.check`). The
 * asynchronous part (verifying, decrypting, re-signing) writes its answers
 * back tagged with the inputs they were for, so a late answer never
 * overwrites a newer one and a changed token never keeps looking verified.
 */
import {
  Checker,
  stillFromLink,
  asksForEncryption,
  describeKey,
  editorsForNewKey,
  isUnsupportedByBrowser,
  judgeSettings,
  loadPemSupport,
  messageOf,
  resign,
  sampleToken,
  sdJwtOf,
  SAMPLE_SECRET,
  signatureMembers,
  STEPPED_CHARS,
  type CheckTools,
  type Edit,
  type OutputForm,
  type TokenView,
  type KeyInput,
  type LabError,
  type LinkState,
  type PayloadForm,
  type Origin,
  type Report,
  type SecretEncoding,
  type TokenInput,
  type Verdicts,
} from '../lib';
import { untrack } from 'svelte';
import { nextTask } from '../lib/next-task';

/** Seconds since the epoch: the page's clock (the engine never reads one). */
export const clockNow = (): number => Math.floor(Date.now() / 1000);

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

  #tokenFrom = $state<Origin>('person');
  /** Which of the tokens found in the text is decoded (from 0): reset when the text changes. */
  #chosen = $state(0);
  #finderLoading = false;
  #profilesLoading = false;
  /** The editors were filled before the finder had looked in the text: fill them when it has. */
  #editorsAwaitFinder = false;
  /** What a link opened in this page set besides the token (a link is someone else's say). */
  #link = $state.raw<LinkState | undefined>(undefined);
  /** The demo key and the last token it signed, while the key box holds it untouched. */
  #sample = $state.raw<{ key: string; token: string } | undefined>(undefined);
  #verdicts = $state.raw<Verdicts | undefined>(undefined);
  #signSequence = 0;
  #stop: (() => void) | undefined;

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
    from:
      this.#link?.key !== undefined && this.keyText === this.#link.key
        ? 'link'
        : this.#sample && this.keyText === this.#sample.key && this.secretEncoding === 'utf8'
          ? 'sample'
          : 'person',
    ...(this.#sample ? { sampleToken: this.#sample.token } : {}),
  });
  /** The settings that still hold what a link set, in words ("the key", "a leeway of 30 s"). */
  fromLink = $derived(
    stillFromLink(this.#link, {
      key: this.keyText,
      leeway: this.leeway,
      expectedIssuer: this.expectedIssuer,
      expectedAudience: this.expectedAudience,
    }),
  );
  #input = $derived<TokenInput>({
    text: this.tokenText,
    from: this.#tokenFrom,
    chosen: this.#chosen,
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

  /** A token or key this large is read a step per task (see `#readInSteps`). */
  #large = $derived(this.tokenText.length > STEPPED_CHARS || this.keyText.length > STEPPED_CHARS);
  /** The large texts whose steps have all run. */
  #stepped = $state.raw<{ token: string; key: string } | undefined>(undefined);
  #steppedNow = $derived(
    this.#stepped?.token === this.tokenText && this.#stepped.key === this.keyText,
  );

  /** Everything the page shows, from the engine's one call. */
  report: Report = $derived.by(() =>
    this.#large && !this.#steppedNow
      ? this.checker.reading(this.#input, this.settings, this.keys)
      : this.checker.check(this.#input, this.settings, this.keys, this.tools, this.#verdicts),
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
    this.#stop = $effect.root(() => {
      $effect(() => {
        const report = this.report;
        const keys = this.keys;
        if (
          report.signature.status !== 'checking' &&
          report.jwe?.status !== 'checking' &&
          report.chain?.status !== 'checking' &&
          !report.profile?.checking
        )
          return;
        untrack(() => void this.checker.verify(report, keys).then((v) => this.#settle(v)));
      });
      $effect(() => {
        return this.#large && !this.#steppedNow ? this.#readInSteps() : undefined;
      });
      $effect(() => {
        if (this.report.wantsProfiles) untrack(() => this.#loadProfiles());
      });
      // Any text that is not a compact token, the page's own JSON re-sign included.
      $effect(() => {
        if (this.report.wantsFinder) untrack(() => this.#loadFinder());
      });
      $effect(() => {
        const timer = setInterval(() => (this.now = clockNow()), 1000);
        return () => clearInterval(timer);
      });
    });
  }

  /**
   * Run the engine's steps for the large text now in the editors, each in a
   * task of its own, then show the report; returns the cancel for a newer text.
   */
  #readInSteps(): () => void {
    const input = this.#input;
    const keys = this.keys;
    const { settings, tools } = untrack(() => ({ settings: this.settings, tools: this.tools }));
    let cancelled = false;
    void (async () => {
      for (const step of this.checker.steps(input, settings, keys, tools)) {
        await nextTask();
        if (cancelled) return;
        step();
      }
      await nextTask();
      if (cancelled) return;
      this.#stepped = { token: input.text, key: keys.text };
      // A pasted text fills the editors; the page's own re-sign keeps what the person typed.
      if (input.from !== 'page') {
        const { header, payload } = this.report.editors;
        this.headerText = header;
        this.payloadText = payload;
      }
    })();
    return () => (cancelled = true);
  }

  /** Stop checking and ticking (tests; the page runs until it is closed). */
  stop(): void {
    this.#stop?.();
  }

  /** Hand the pipeline modules that have loaded on demand. */
  useTools(more: CheckTools): void {
    this.tools = { ...this.tools, ...more };
  }

  /** Store verdicts that are still for the current inputs. */
  #settle(verdicts: Verdicts): void {
    if (verdicts.id !== this.report.verifyId || this.#verdicts === verdicts) return;
    this.#verdicts = verdicts;
    // A pasted JWE fills the payload editor; an edited one keeps what the person typed.
    const view = verdicts.jwe;
    if (this.#tokenFrom !== 'page' && view?.payloadText !== undefined) {
      this.payloadText = view.payloadText;
      if (view.inner) this.signThenEncrypt = true;
    }
  }

  /** Put the sample token and its secret in the editors. */
  async loadSample(): Promise<void> {
    const now = clockNow();
    const token = await sampleToken(now, this.resolver);
    // Judged at the moment it was signed: its times read as in the prerendered page.
    this.now = now;
    this.keyText = SAMPLE_SECRET;
    this.secretEncoding = 'utf8';
    this.#sample = { key: SAMPLE_SECRET, token };
    this.setToken(token, 'sample');
  }

  /** Load the PEM reader now (after the first paint), so a pasted PEM reads at once. */
  preloadPemSupport(): void {
    void loadPemSupport().then((pem) => this.useTools({ pem }));
  }

  /** Generate and load an example from the menu (its code loads on demand). */
  async loadExample(id: string, label: string): Promise<void> {
    this.exampleBusy = `Generating the ${label} example…`;
    try {
      const { makeExample } = await import('../lib/examples/examples');
      const example = await makeExample(id, clockNow());
      this.keyText = example.key;
      this.secretEncoding = 'utf8';
      if (example.detachedPayload !== undefined) this.detachedPayload = example.detachedPayload;
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

  /**
   * Put a saved state in the page: from a link (whose values are then shown
   * as the link's), or from work the person remembered on this device.
   */
  applyState(state: LinkState & { token?: string }, from: 'link' | 'person'): void {
    const { token, ...rest } = state;
    this.#link = from === 'link' ? rest : undefined;
    if (rest.key !== undefined) this.keyText = rest.key;
    else if (token !== undefined) this.keyText = '';
    if (rest.leeway !== undefined) this.leeway = rest.leeway;
    if (rest.expectedIssuer !== undefined) this.expectedIssuer = rest.expectedIssuer;
    if (rest.expectedAudience !== undefined) this.expectedAudience = rest.expectedAudience;
    if (token !== undefined) this.setToken(token, from);
  }

  /** The token editor changed (by the person, or by `from`): show what it decodes to. */
  setToken(text: string, from: Origin = 'person'): void {
    this.#signSequence++; // a pending re-sign must not overwrite this edit
    this.#tokenFrom = from;
    this.tokenText = text;
    this.#chosen = 0;
    this.exampleNote = '';
    this.#showDecoded();
    if (this.report.wantsFinder) this.#loadFinder();
  }

  /** Which token found in the text is decoded (from 0). */
  get chosen(): number {
    return this.#chosen;
  }

  /** The person chose another of the tokens found in the text: show that one. */
  chooseToken(index: number): void {
    this.#signSequence++;
    this.#chosen = index;
    this.#showDecoded();
  }

  /** Fill the header and payload editors with what the token text decodes to now. */
  #showDecoded(): void {
    this.editError = undefined;
    this.signNote = '';
    const { header, payload } = this.report.editors;
    this.headerText = header;
    this.payloadText = payload;
    this.payloadEditForm = this.report.jws?.payloadForm ?? 'claims';
    // A pasted token sets the form the page writes: a JSON serialization keeps its form.
    const view = this.report.view;
    if (view) this.outputForm = outputFormOf(view);
    this.#editorsAwaitFinder = this.report.wantsFinder;
  }

  /** The text is not a token: load the finder to look inside it (once; nothing is fetched but the code). */
  #loadFinder(): void {
    if (this.#finderLoading) return;
    this.#finderLoading = true;
    Promise.all([import('../lib/find'), import('../lib/check/json-decoding')])
      .then(([finder, forms]) => {
        this.useTools({ finder, forms });
        if (this.#editorsAwaitFinder) this.#showDecoded();
      })
      .catch(() => {
        // Without the finder the text reads as its decode error; the next paste tries again.
        this.#finderLoading = false;
      });
  }

  /** A DPoP proof or an OpenID Connect token is here: load their rules (once). */
  #loadProfiles(): void {
    if (this.#profilesLoading) return;
    this.#profilesLoading = true;
    import('../lib/profiles')
      .then((profiles) => this.useTools({ profiles }))
      .catch(() => {
        // Without the rules the token reads as any JWT; the next such token tries again.
        this.#profilesLoading = false;
      });
  }

  /**
   * Make a DPoP proof for the method, URL and access token typed (and the
   * expected nonce), with a key generated for it, and check it: the proof goes
   * in the token box and its public key in the key box.
   */
  async buildDpopProof(): Promise<void> {
    this.dpopNote = 'Generating a key and signing a proof…';
    const { buildDpopProof } = await import('../lib/profiles');
    const built = await buildDpopProof({
      method: this.dpopMethod,
      url: this.dpopUrl,
      accessToken: this.dpopAccessToken,
      nonce: this.expectedNonce,
      now: this.effectiveNow,
    });
    if (!built.ok) {
      this.dpopNote = built.error.message;
      return;
    }
    this.keyText = JSON.stringify(built.value.publicJwk, null, 2);
    this.secretEncoding = 'utf8';
    this.setToken(built.value.proof);
    this.dpopNote =
      'A new ES256 key signed this proof; its public half is in the proof\'s "jwk" header and in the key box. The private half stays in this page, as a client keeps it.';
  }

  /** The person gave the payload of a detached JWS: the signature is checked over it. */
  setDetachedPayload(text: string): void {
    this.detachedPayload = text;
    this.payloadText = this.report.editors.payload;
  }

  /** The person chose the form to write the token in: write it so now. */
  setOutputForm(form: OutputForm): void {
    this.outputForm = form;
    void this.#resign();
  }

  /** The person edited the header JSON: re-sign. */
  setHeader(text: string): void {
    this.headerText = text;
    this.#editorsAwaitFinder = false;
    void this.#resign();
  }

  /** The person edited the payload JSON: re-sign. */
  setPayload(text: string): void {
    this.payloadText = text;
    this.#editorsAwaitFinder = false;
    void this.#resign();
  }

  /** Tick "sign then encrypt": rebuild the JWE so the token matches the choice. */
  setSignThenEncrypt(on: boolean): void {
    this.signThenEncrypt = on;
    if (asksForEncryption(this.headerText)) void this.#resign();
  }

  /** A new key for `alg` is in the key box: the header names it, and the token is re-signed. */
  useNewKey(alg: string): void {
    const edited = editorsForNewKey(this.headerText, this.payloadText, alg);
    this.payloadText = edited.payloadText;
    this.setHeader(edited.headerText);
  }

  /** What a JSON output keeps of the token as it stands: its form, unprotected header, signature count. */
  #jsonEdit(): Pick<
    Edit,
    | 'outputForm'
    | 'unprotectedHeader'
    | 'signatureCount'
    | 'otherSignatures'
    | 'payloadMember'
    | 'jweUnprotected'
    | 'jweJson'
  > {
    const view = this.report.view;
    // A JSON JWE's header editor holds its protected part only; once the page wrote it compact, its header.
    if (view?.form === 'compact-jwe')
      return { outputForm: this.outputForm, jweUnprotected: view.token.header };
    if (view?.form === 'json-jwe') {
      const jwe = this.report.jwe;
      const opened = jwe && 'recipients' in jwe ? jwe.recipients?.find((r) => r.opened) : undefined;
      const recipient = view.token.recipients[(opened?.index ?? 1) - 1]!;
      return {
        outputForm: this.outputForm,
        jweJson: {
          ...(view.token.unprotected ? { unprotected: view.token.unprotected } : {}),
          ...(recipient.header ? { recipientHeader: recipient.header } : {}),
          ...(view.token.aad !== undefined ? { aad: view.token.aad } : {}),
          recipientCount: view.token.recipients.length,
        },
      };
    }
    const json = view?.form === 'json-jws-general' || view?.form === 'json-jws-flattened';
    const first = json ? view.token.signatures[0] : undefined;
    return {
      outputForm: this.outputForm,
      ...(first?.unprotectedHeader ? { unprotectedHeader: first.unprotectedHeader } : {}),
      ...(json
        ? {
            signatureCount: view.token.signatures.length,
            otherSignatures: view.token.signatures.slice(1).map(signatureMembers),
            ...(view.token.payloadMember !== undefined
              ? { payloadMember: view.token.payloadMember }
              : {}),
          }
        : {}),
    };
  }

  async #resign(): Promise<void> {
    const sequence = ++this.#signSequence;
    const keys = this.keys;
    const inner = this.report.jwe?.inner;
    const found = this.report.found;
    const sd = sdJwtOf(this.report.view);
    this.editError = undefined;
    if (asksForEncryption(this.headerText)) this.signNote = 'Loading the encryption engine…';
    const result = await resign(
      {
        headerText: this.headerText,
        payloadText: this.payloadText,
        // A token found in a larger text keeps its own signature, not the text's; an SD-JWT
        // (in JSON too, RFC 9901 §8) its disclosures, written compact.
        tokenText: sd
          ? sd.parts.presentation + (sd.parts.kbJwt ?? '')
          : found
            ? found.tokens[found.chosen]!.text
            : this.tokenText,
        signThenEncrypt: this.signThenEncrypt,
        ...(inner ? { innerHeader: inner.token.header } : {}),
        // An emptied payload makes header..signature too: only a given payload keeps it detached.
        payload: {
          form: this.payloadEditForm,
          detached: this.jws?.detached === true && this.detachedPayload !== '',
        },
        ...this.#jsonEdit(),
      },
      keys,
      this.resolver,
    );
    if (sequence !== this.#signSequence) return;
    if (!result.ok) {
      this.editError = result.error;
      return;
    }
    if (result.detachedPayload !== undefined) this.detachedPayload = result.detachedPayload;
    if (result.token !== undefined) {
      // The new token stands alone in the editor: a text it was found in is replaced.
      this.#tokenFrom = 'page';
      this.tokenText = result.token;
      this.#chosen = 0;
      // The demo key goes on judging what it signed itself.
      if (keys.from === 'sample' && this.#sample)
        this.#sample = { ...this.#sample, token: result.token };
    }
    this.signNote = result.note;
  }
}

/** The output form that keeps a token's own form. */
function outputFormOf(view: TokenView): OutputForm {
  if (view.form === 'json-jws-general') return 'json-general';
  if (view.form === 'json-jws-flattened') return 'json-flattened';
  if (view.form === 'json-jwe') return view.token.flattened ? 'json-flattened' : 'json-general';
  return 'compact';
}

/** The page's single state. */
export const lab = new Lab();
