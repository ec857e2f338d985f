/**
 * The engine's one pipeline, from the text a person pasted to every verdict
 * the page shows. `check` is synchronous (decode, key reading, claims,
 * findings, library outcomes); `verify` is its asynchronous part (signature,
 * decryption), whose answer goes back into `check`. A `Checker` keeps the
 * caches that let a keystroke reuse the work of the last one, so the engine
 * has no module-global state.
 */
import type { Result } from '../errors';
import { checkClaims, type ClaimsReport } from '../claims/check-claims';
import type { DecodedToken } from '../jws/decode';
import { algorithmOf, verifyWith, type SignatureVerdict } from '../jws/verify';
import { KeyResolver } from '../keys/resolve';
import type { ParsedKey } from '../keys/parse';
import type { Finding, FindingsInput } from '../findings/types';
import { Decoder, type Decoding } from './decoding';
import { keyJudges, SAMPLE_KEY_MESSAGE } from './sample-key';
import type {
  CheckTools,
  Checking,
  EditorTexts,
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
  claims: Report['claims'] = undefined;
  findings: Report['findings'] = undefined;
  outcomes: Report['outcomes'] = undefined;
  error: Report['error'] = undefined;
  found: Report['found'];
  wantsFinder: boolean;
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
  #claims: { payload: object; settings: Settings; report: ClaimsReport } | undefined;
  #verifyInputs: (KeyInput & { decoded: unknown; judges: boolean }) | undefined;
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
    const decoding = this.#decoder.decode(input.text, input.chosen ?? 0, tools.finder);
    const decoded = decoding.decoded;
    const token = decoded.ok ? decoded.value : undefined;
    // A PEM read before the reader loaded is read again once `tools.pem` is here.
    const parsedKey = this.resolver.parse(keys.text);
    const judges = token !== undefined && keyJudges(keys, token);
    const verifyId = this.#verifyId(decoded, keys, judges);
    const settled = verdicts?.id === verifyId ? verdicts : undefined;
    const report = new CheckReport(
      input,
      settings,
      decoding,
      parsedKey,
      verifyId,
      settled?.signature ?? this.#knownSignature(decoded, judges),
    );
    if (!decoded.ok) report.error = decoded.error;
    if (token?.kind === 'jws') report.jws = token;
    if (token?.kind === 'jwe')
      report.jwe = settled?.jwe ?? { ...CHECKING_SIGNATURE, message: 'Decrypting…', notes: [] };
    const claimsOf =
      report.jws?.payload ?? (report.jwe && 'claims' in report.jwe ? report.jwe.claims : undefined);
    if (claimsOf) report.claims = this.#judgeClaims(claimsOf, settings);
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
      );
    if (tools.outcomes && report.signature.status !== 'checking') {
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

  /** The asynchronous verdicts for `report` (cached while its inputs stay the same). */
  verify(report: Report, keys: KeyInput): Promise<Verdicts> {
    const id = report.verifyId;
    if (this.#verifying?.id === id) return this.#verifying.answer;
    const answer = this.#verify(report, keys);
    this.#verifying = { id, answer };
    return answer;
  }

  async #verify(report: Report, keys: KeyInput): Promise<Verdicts> {
    const id = report.verifyId;
    const signature = report.signature;
    const token = report.decoded.ok ? report.decoded.value : undefined;
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
    if (signature.status !== 'checking' || token?.kind !== 'jws')
      return { id, signature: signature as SignatureVerdict };
    const checked = algorithmOf(token.alg);
    if ('verdict' in checked) return { id, signature: checked.verdict };
    const options = { secretEncoding: keys.encoding, kid: token.header.kid };
    const selection =
      this.resolver.settled(keys.text, checked.algorithm, 'verify', options) ??
      (await this.resolver.resolve(keys.text, checked.algorithm, 'verify', options));
    const verdict = await verifyWith(token, checked.algorithm, selection);
    return { id, signature: keys.from === 'link' ? withLinkKey(verdict, token.alg) : verdict };
  }

  /** A new id whenever an input of the signature check changes. */
  #verifyId(decoded: Result<DecodedToken>, keys: KeyInput, judges: boolean): string {
    const last = this.#verifyInputs;
    if (
      !last ||
      last.decoded !== decoded ||
      last.text !== keys.text ||
      last.encoding !== keys.encoding ||
      last.innerText !== keys.innerText ||
      last.from !== keys.from ||
      last.judges !== judges
    ) {
      this.#verifyInputs = { decoded, ...keys, judges };
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
    if (!judges) return needsKey(SAMPLE_KEY_MESSAGE);
    return CHECKING_SIGNATURE;
  }

  #judgeClaims(payload: object, settings: Settings): ClaimsReport {
    const last = this.#claims;
    if (last?.payload === payload && last.settings === settings) return last.report;
    const report = checkClaims(payload as Record<string, unknown>, {
      now: settings.now,
      leeway: settings.leeway,
      expectedIssuer: settings.expectedIssuer,
      expectedAudience: settings.expectedAudience,
      requiredClaims: settings.requiredClaims,
    });
    this.#claims = { payload, settings, report };
    return report;
  }

  #findingsOf(
    token: DecodedToken,
    parsedKey: Result<ParsedKey>,
    keys: KeyInput,
    settings: Settings,
    tools: CheckTools,
    signatureStatus: string | undefined,
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
      ...(tools.weakSecrets ? { weakSecrets: tools.weakSecrets } : {}),
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
