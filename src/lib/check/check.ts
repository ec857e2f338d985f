/**
 * The engine's one pipeline, from the text a person pasted to every verdict
 * the page shows. `check` is synchronous (decode, key reading, claims,
 * findings, library outcomes); `verify` is its asynchronous part (signature,
 * decryption), whose answer goes back into `check`. A `Checker` keeps the
 * caches that let a keystroke reuse the work of the last one, so the engine
 * has no module-global state.
 */
import { fail, type Result } from '../errors';
import { checkClaims, type ClaimOptions, type ClaimsReport } from '../claims/check-claims';
import type { DecodedJws, DecodedToken } from '../jws/decode';
import { STEPPED_CHARS } from '../jws/limits';
import { algorithmOf, verifyWith, type SignatureVerdict } from '../jws/verify';
import { KeyResolver } from '../keys/resolve';
import type { ParsedKey } from '../keys/parse';
import type { Finding, FindingsInput } from '../findings/types';
import type { ChainVerdict } from '../keys/x509/judge';
import type { ProfileKind } from '../profiles/kind';
import { chainSource, checkChain, judgedChain, noKey } from './chain';
import { Decoder, Decoding } from './decoding';
import { isJsonView, keyJudgesJson } from './json-view';
import {
  judgeProfile,
  kindOf,
  NO_PROFILE_INPUT,
  profileFacts,
  profileKey,
  withHeaderNonce,
  withProfileRows,
} from './profile';
import { keyJudges, SAMPLE_KEY_MESSAGE } from './sample-key';
import { claimsSettings, inspectPresentation, judgedPresentation, sdJwtOf } from './sd-jwt-report';
import type {
  CheckTools,
  Checking,
  EditorTexts,
  ProfileInput,
  KeyInput,
  Report,
  Settings,
  TokenInput,
  TokenView,
  Verdicts,
} from './types';

const CHECKING_SIGNATURE: Checking = { status: 'checking', message: 'Checking the signature…' };

/** A report as `check` builds it: every field in one order, the editors from the decoding. */
class CheckReport implements Report {
  view: TokenView | undefined;
  notes: string[];
  jws: Report['jws'] = undefined;
  jwe: Report['jwe'] = undefined;
  signatures: Report['signatures'] = undefined;
  claims: Report['claims'] = undefined;
  findings: Report['findings'] = undefined;
  outcomes: Report['outcomes'] = undefined;
  error: Report['error'] = undefined;
  chain: Report['chain'] = undefined;
  sdJwt: Report['sdJwt'] = undefined;
  found: Report['found'];
  wantsFinder: boolean;
  profile: Report['profile'] = undefined;
  wantsProfiles = false;
  readonly #decoding: Decoding;

  constructor(
    readonly input: TokenInput,
    readonly settings: Settings,
    decoding: Decoding,
    readonly parsedKey: Report['parsedKey'],
    readonly verifyId: string,
    public signature: Report['signature'],
  ) {
    this.#decoding = decoding;
    this.view = decoding.view;
    this.notes = decoding.notes;
    this.found = decoding.found;
    this.wantsFinder = decoding.wantsFinder;
  }

  get decoded(): Result<DecodedToken> {
    return this.#decoding.decoded;
  }

  get editors(): EditorTexts {
    return this.#decoding.editors;
  }
}

/** One page's pipeline and its caches (one per page, or per test). */
export class Checker {
  /** Key imports, cached by text, algorithm and purpose. */
  readonly resolver: KeyResolver;
  readonly #decoder = new Decoder();
  #claims:
    | {
        payload: object;
        options: ClaimOptions;
        report: ClaimsReport;
      }
    | undefined;
  #verifyInputs: (KeyInput & { decoded: unknown; judges: boolean; profile: string }) | undefined;
  #verifyId_ = '';
  #verifyCount = 0;
  #verifying: { id: string; answer: Promise<Verdicts> } | undefined;
  #findings:
    | { engine: NonNullable<CheckTools['findings']>; find: (input: FindingsInput) => Finding[] }
    | undefined;
  #lastFindings: { inputs: unknown[]; findings: Finding[] } | undefined;

  constructor(resolver = new KeyResolver()) {
    this.resolver = resolver;
  }

  /**
   * Everything the page shows for this text, settings and keys. `verdicts`
   * is the last answer of {@link verify}: used when it is for these inputs.
   */
  check(
    input: TokenInput,
    settings: Settings,
    keys: KeyInput,
    tools: CheckTools = {},
    verdicts?: Verdicts,
  ): Report {
    const decoding = this.#decode(input, tools);
    const decoded = decoding.decoded;
    const token = decoded.ok ? decoded.value : undefined;
    // A PEM read before the reader loaded is read again once `tools.pem` is here.
    const parsedKey = this.resolver.parse(keys.text);
    const json = isJsonView(decoding.view) ? decoding.view : undefined;
    const judges = json
      ? keyJudgesJson(keys, input.text)
      : token !== undefined && keyJudges(keys, token);
    const profileInput = input.profile ?? NO_PROFILE_INPUT;
    const kind = token?.kind === 'jws' ? kindOf(token, profileInput, settings) : undefined;
    const verifyId = this.#verifyId(decoded, keys, judges, profileKey(kind, profileInput));
    const settled = verdicts?.id === verifyId ? verdicts : undefined;
    const report = new CheckReport(
      input,
      settings,
      decoding,
      parsedKey,
      verifyId,
      settled?.signature ??
        (json && json.form !== 'json-jwe'
          ? judges
            ? CHECKING_SIGNATURE
            : needsKey(SAMPLE_KEY_MESSAGE)
          : this.#knownSignature(decoded, judges)),
    );
    // A JSON serialization that decoded is never "malformed", even when no compact form of it decodes.
    if (!decoded.ok && !json) report.error = decoded.error;
    if (json) report.signatures = settled?.signatures;
    if (token?.kind === 'jws') report.jws = token;
    const presentation = sdJwtOf(report.view);
    if (presentation) report.sdJwt = judgedPresentation(settled?.sdJwt, settings);
    if (report.jws && report.signature.status !== 'checking')
      report.signature = withHeaderNonce(report.signature, report.jws);
    if (token?.kind === 'jws') {
      const chained = judgedChain(chainSource(token, parsedKey), settled, settings);
      report.chain = chained.chain;
      if (chained.needsKey) report.signature = chained.needsKey;
    }
    if (token?.kind === 'jwe')
      report.jwe = settled?.jwe ?? { ...CHECKING_SIGNATURE, message: 'Decrypting…', notes: [] };
    // A JWS that is not a JWT (a text payload …) has no claims to judge; an
    // SD-JWT's are the processed claims, what a verifier sees, once read.
    const processed = settled?.sdJwt?.facts.claims;
    const claimsOf =
      processed ??
      (report.jws
        ? report.jws.payloadForm === 'claims'
          ? report.jws.payload
          : undefined
        : report.jwe && 'claims' in report.jwe
          ? report.jwe.claims
          : undefined);
    if (claimsOf)
      report.claims = this.#judgeClaims(claimsOf, claimsSettings(report.view, settings));
    if (kind && report.jws) {
      report.wantsProfiles = !tools.profiles;
      if (tools.profiles) {
        const profile = judgeProfile(
          tools.profiles,
          report.jws,
          kind,
          settled?.profile,
          profileInput,
          settings,
        );
        report.profile = profile;
        if (report.claims) report.claims = withProfileRows(report.claims, profile.rows);
      }
    }
    if (token && tools.findings)
      // Only a link's key makes a finding of the verdict: otherwise the second
      // check of a keystroke reuses the first one's findings.
      report.findings = this.#findingsOf(
        token,
        parsedKey,
        keys,
        settings,
        tools,
        keys.from === 'link' ? report.signature.status : undefined,
        report.chain?.status === 'checking' ? undefined : report.chain,
        json?.token,
      );
    const sdFindings = settled?.sdJwt && settled.sdJwt.engine.sdJwtFindings(settled.sdJwt.facts);
    if (report.findings && sdFindings?.length)
      report.findings = [...report.findings, ...sdFindings];
    // What PyJWT or jsonwebtoken would say does not apply: they read compact tokens only.
    if (tools.outcomes && report.signature.status !== 'checking' && !json) {
      const outcomeSettings = tools.outcomes.outcomeSettings(parsedKey, report.jws?.alg, settings);
      report.outcomes = tools.outcomes.predictOutcomes(
        decoded,
        report.signature,
        report.claims,
        outcomeSettings,
      );
    }
    return report;
  }

  /**
   * The steps of {@link check} for a large text, to run one per task so that
   * none holds the page long; `check` afterwards finds each answer cached.
   */
  steps(input: TokenInput, settings: Settings, keys: KeyInput, tools: CheckTools): (() => void)[] {
    const decoding = () => this.#decode(input, tools);
    return [
      () => void decoding(),
      () => {
        // The findings ask whether the payload names a member twice: a scan of its own.
        const decoded = decoding().decoded;
        if (decoded.ok && decoded.value.kind === 'jws') void decoded.value.payloadScan.duplicates;
      },
      () => void this.resolver.parse(keys.text),
      () => void this.check(input, settings, keys), // the claims, without findings
      () => void this.check(input, settings, keys, tools),
      () => void decoding().editors,
    ];
  }

  /** What the page shows while {@link steps} run: nothing decoded yet, and "checking". */
  reading(input: TokenInput, settings: Settings, keys: KeyInput): Report {
    const message = `Reading a text of ${(input.text.length / 1_000_000).toFixed(1)} million characters, a step at a time…`;
    const reading = fail<DecodedToken>('ERR_TOKEN_READING', message);
    const decoding = new Decoding(input.text, reading, [], {
      detachedPayload: input.detachedPayload,
      editors: { header: '', payload: '', note: message },
    });
    // A large key is read by its own step: until then it reads as no key yet.
    const keyText = keys.text.length > STEPPED_CHARS ? '' : keys.text;
    const report = new CheckReport(input, settings, decoding, this.resolver.parse(keyText), '', {
      status: 'checking',
      message,
    });
    if (!decoding.decoded.ok) report.error = decoding.decoded.error;
    return report;
  }

  /** The asynchronous verdicts for `report` (cached while its inputs stay the same). */
  verify(report: Report, keys: KeyInput): Promise<Verdicts> {
    const id = report.verifyId;
    if (this.#verifying?.id === id) return this.#verifying.answer;
    const answer = this.#verify(report, keys);
    this.#verifying = { id, answer };
    return answer;
  }

  #verify(report: Report, keys: KeyInput): Promise<Verdicts> {
    const token = report.decoded.ok ? report.decoded.value : undefined;
    const jws = token?.kind === 'jws' ? token : undefined;
    const input = report.input.profile ?? NO_PROFILE_INPUT;
    const kind = jws && kindOf(jws, input, report.settings);
    // Most tokens have no profile: no second promise to wait for on every keystroke.
    if (!jws || (kind !== 'dpop' && kind !== 'id-token')) return this.#verifyToken(report, keys);
    return this.#verifyWithProfile(report, keys, jws, kind, input);
  }

  /** The profile's crypto (a DPoP proof's own key, ID token hashes) runs beside the signature's. */
  async #verifyWithProfile(
    report: Report,
    keys: KeyInput,
    jws: DecodedJws,
    kind: ProfileKind,
    input: ProfileInput,
  ): Promise<Verdicts> {
    const [verdicts, profile] = await Promise.all([
      this.#verifyToken(report, keys),
      profileFacts(jws, kind, input, this.resolver),
    ]);
    return profile ? { ...verdicts, profile } : verdicts;
  }

  async #verifyToken(report: Report, keys: KeyInput): Promise<Verdicts> {
    const id = report.verifyId;
    const signature = report.signature;
    const token = report.decoded.ok ? report.decoded.value : undefined;
    if (isJsonView(report.view)) {
      const { jsonVerdicts } = await import('./json-verdicts');
      const verdicts = await jsonVerdicts(report.view, report.input, keys, this.resolver);
      const first = report.view.form === 'json-jwe' ? '' : report.view.token.signatures[0]!.alg;
      return {
        id,
        ...verdicts,
        signature:
          keys.from === 'link' ? withLinkKey(verdicts.signature, first) : verdicts.signature,
      };
    }
    if (token?.kind === 'jwe') {
      const judges = keyJudges(keys, token);
      const { openJwe } = await import('../jwe/open');
      // Without a key of the person's, what needs no key is still checked (a refused alg …).
      const jwe = await openJwe(token, {
        keyText: judges ? keys.text : '',
        innerKeyText: keys.innerText,
        secretEncoding: keys.encoding,
        resolver: this.resolver,
      });
      if (!judges && jwe.status === 'needs-key') jwe.message = SAMPLE_KEY_MESSAGE;
      return { id, signature: jwe.inner?.verdict ?? needsKey(''), jwe };
    }
    if (token?.kind !== 'jws') return { id, signature: signature as SignatureVerdict };
    if (!sdJwtOf(report.view)) return this.#verifyJws(report, keys, token);
    const sdJwt = await inspectPresentation(report.view, this.resolver);
    return { ...(await this.#verifyJws(report, keys, token)), ...(sdJwt ? { sdJwt } : {}) };
  }

  async #verifyJws(report: Report, keys: KeyInput, token: DecodedJws): Promise<Verdicts> {
    const id = report.verifyId;
    const signature = report.signature;
    // A token with x5c: its chain is checked even when the signature needs nothing more.
    const source = chainSource(token, report.parsedKey);
    const anchors = keys.anchors ?? '';
    if (signature.status !== 'checking') {
      const known = { id, signature: signature as SignatureVerdict };
      return source ? { ...known, ...(await checkChain(token, source, anchors)) } : known;
    }
    const checked = algorithmOf(token.alg);
    if ('verdict' in checked) return { id, signature: checked.verdict };
    const options = { secretEncoding: keys.encoding, kid: token.header.kid };
    // The untouched sample key judges only its own token: for any other it is no key at all.
    const selection = !keyJudges(keys, token)
      ? noKey(SAMPLE_KEY_MESSAGE)
      : (this.resolver.settled(keys.text, checked.algorithm, 'verify', options) ??
        (await this.resolver.resolve(keys.text, checked.algorithm, 'verify', options)));
    const chained = source
      ? await checkChain(token, source, anchors, { algorithm: checked.algorithm, selection })
      : undefined;
    const verdict = chained?.signature ?? (await verifyWith(token, checked.algorithm, selection));
    const { signature: _, ...chain } = chained ?? {};
    return {
      id,
      signature: keys.from === 'link' ? withLinkKey(verdict, token.alg) : verdict,
      ...chain,
    };
  }

  #decode(input: TokenInput, tools: CheckTools): Decoding {
    return this.#decoder.decode(
      input.text,
      input.chosen ?? 0,
      tools.finder,
      input.detachedPayload,
      tools.forms,
    );
  }

  /** A new id whenever an input of the signature check changes. */
  #verifyId(
    decoded: Result<DecodedToken>,
    keys: KeyInput,
    judges: boolean,
    profile: string,
  ): string {
    const last = this.#verifyInputs;
    if (
      !last ||
      last.decoded !== decoded ||
      last.text !== keys.text ||
      last.encoding !== keys.encoding ||
      last.innerText !== keys.innerText ||
      last.from !== keys.from ||
      last.anchors !== keys.anchors ||
      last.judges !== judges ||
      last.profile !== profile
    ) {
      this.#verifyInputs = { decoded, ...keys, judges, profile };
      this.#verifyId_ = `verify-${++this.#verifyCount}`;
    }
    return this.#verifyId_;
  }

  /** The signature verdict before any crypto: final for what needs none, else `checking`. */
  #knownSignature(decoded: Result<DecodedToken>, judges: boolean): SignatureVerdict | Checking {
    if (!decoded.ok)
      return { status: 'malformed', message: decoded.error.message, error: decoded.error };
    const token = decoded.value;
    if (token.kind === 'jwe') return CHECKING_SIGNATURE;
    const checked = algorithmOf(token.alg);
    if ('verdict' in checked) return checked.verdict;
    // A token with x5c is checked all the same: with no key, a trusted chain's leaf may verify it.
    if (!judges && !('x5c' in token.header)) return needsKey(SAMPLE_KEY_MESSAGE);
    return CHECKING_SIGNATURE;
  }

  #judgeClaims(payload: object, settings: Settings): ClaimsReport {
    const options: ClaimOptions = {
      now: settings.now,
      leeway: settings.leeway,
      expectedIssuer: settings.expectedIssuer,
      expectedAudience: settings.expectedAudience,
      requiredClaims: settings.requiredClaims,
    };
    // Compared by what the claims are judged on: an SD-JWT's settings are a
    // fresh object on every call (its audience goes to the key-binding JWT).
    const last = this.#claims;
    if (
      last?.payload === payload &&
      (Object.keys(options) as (keyof ClaimOptions)[]).every((k) => last.options[k] === options[k])
    )
      return last.report;
    const report = checkClaims(payload as Record<string, unknown>, options);
    this.#claims = { payload, options, report };
    return report;
  }

  #findingsOf(
    token: DecodedToken,
    parsedKey: Result<ParsedKey>,
    keys: KeyInput,
    settings: Settings,
    tools: CheckTools,
    signatureStatus: string | undefined,
    chain?: ChainVerdict,
    json?: FindingsInput['json'],
  ): Finding[] {
    const engine = tools.findings!;
    // The second check of a keystroke (with the verdicts) asks again with the same inputs.
    const inputs = [
      engine,
      token,
      parsedKey,
      keys.text,
      keys.encoding,
      settings,
      tools.weakSecrets,
      chain?.status,
      chain?.from,
      json,
    ];
    const last = this.#lastFindings;
    if (last && inputs.every((value, i) => value === last.inputs[i])) return last.findings;
    if (this.#findings?.engine !== engine)
      this.#findings = { engine, find: engine.findingsFinder() };
    const findings = this.#findings.find({
      decoded: token,
      keyText: keys.text,
      parsedKey,
      secretEncoding: keys.encoding,
      now: settings.now,
      leeway: settings.leeway,
      keyFrom: keys.from,
      ...(signatureStatus ? { signatureStatus } : {}),
      ...(json ? { json } : {}),
      ...(tools.weakSecrets ? { weakSecrets: tools.weakSecrets } : {}),
      ...(chain ? { chain: { status: chain.status, from: chain.from } } : {}),
    });
    this.#lastFindings = { inputs, findings };
    return findings;
  }
}

const needsKey = (message: string): SignatureVerdict => ({ status: 'needs-key', message });

/** A key that came with the token in a link proves nothing: a verified verdict says so. */
function withLinkKey(verdict: SignatureVerdict, alg: string): SignatureVerdict {
  if (verdict.status !== 'verified') return verdict;
  return {
    ...verdict,
    keyFrom: 'link',
    message: `The ${alg} signature matches the key the link carried, not a key you chose: whoever made the link chose both the token and the key, so this proves nothing about who signed it. Paste the issuer's key to check it.`,
  };
}
