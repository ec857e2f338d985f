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
import type { DecodedToken } from '../jws/decode';
import { STEPPED_CHARS } from '../jws/limits';
import { algorithmOf, type SignatureVerdict } from '../jws/verify';
import { KeyResolver } from '../keys/resolve';
import { chainSource, judgedChain } from './chain';
import { verifyReport } from './verify-report';
import { CheckReport } from './report';
import { FindingsCache } from './findings-cache';
import { Decoder, Decoding } from './decoding';
import { isJsonView, keyJudgesJson } from './json-view';
import {
  judgeProfile,
  kindOf,
  NO_PROFILE_INPUT,
  profileKey,
  withHeaderNonce,
  withProfileRows,
} from './profile';
import { keyJudges, SAMPLE_KEY_MESSAGE } from './sample-key';
import { claimsSettings, judgedPresentation, sdJwtOf } from './sd-jwt-report';
import type {
  CheckTools,
  Checking,
  KeyInput,
  Report,
  Settings,
  TokenInput,
  Verdicts,
} from './types';

const CHECKING_SIGNATURE: Checking = { status: 'checking', message: 'Checking the signature…' };

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
  readonly #findings = new FindingsCache();

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
    const kind =
      token?.kind === 'jws' ? kindOf(token, profileInput, settings, decoding.view) : undefined;
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
      report.findings = this.#findings.of(
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
    const answer = verifyReport(report, keys, this.resolver);
    this.#verifying = { id, answer };
    return answer;
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
    // Compared by what the claims are judged on: an SD-JWT's settings are a
    // fresh object on every call (its audience goes to the key-binding JWT).
    const last = this.#claims;
    if (
      last?.payload === payload &&
      last.options.now === settings.now &&
      last.options.leeway === settings.leeway &&
      last.options.expectedIssuer === settings.expectedIssuer &&
      last.options.expectedAudience === settings.expectedAudience &&
      last.options.requiredClaims === settings.requiredClaims
    )
      return last.report;
    const options: ClaimOptions = {
      now: settings.now,
      leeway: settings.leeway,
      expectedIssuer: settings.expectedIssuer,
      expectedAudience: settings.expectedAudience,
      requiredClaims: settings.requiredClaims,
    };
    const report = checkClaims(payload as Record<string, unknown>, options);
    this.#claims = { payload, options, report };
    return report;
  }
}

const needsKey = (message: string): SignatureVerdict => ({ status: 'needs-key', message });
