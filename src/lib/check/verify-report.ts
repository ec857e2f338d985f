/**
 * The pipeline's asynchronous part: the signature (or signatures, or the
 * decryption) of a report from `Checker.check`, the x5c chain, an SD-JWT's
 * disclosures and key binding, and a profile's crypto. `Checker.verify`
 * caches the answer by the report's `verifyId`.
 */
import type { DecodedJws } from '../jws/decode';
import { algorithmOf, verifyWith, type SignatureVerdict } from '../jws/verify';
import type { KeyResolver } from '../keys/resolve';
import type { ProfileKind } from '../profiles/kind';
import { chainSource, checkChain, noKey } from './chain';
import { isJsonView } from './json-view';
import { kindOf, NO_PROFILE_INPUT, profileFacts } from './profile';
import { keyJudges, SAMPLE_KEY_MESSAGE } from './sample-key';
import { inspectPresentation, sdJwtOf } from './sd-jwt-report';
import type { KeyInput, ProfileInput, Report, Verdicts } from './types';

/** The verdicts for `report` with these keys. */
export function verifyReport(
  report: Report,
  keys: KeyInput,
  resolver: KeyResolver,
): Promise<Verdicts> {
  const token = report.decoded.ok ? report.decoded.value : undefined;
  const jws = token?.kind === 'jws' ? token : undefined;
  const input = report.input.profile ?? NO_PROFILE_INPUT;
  const kind = jws && kindOf(jws, input, report.settings, report.view);
  // Most tokens have no profile: no second promise to wait for on every keystroke.
  if (jws && (kind === 'dpop' || kind === 'id-token'))
    return verifyWithProfile(report, keys, resolver, jws, kind, input);
  return (jws && plainJws(report, keys, resolver, jws)) ?? verifyToken(report, keys, resolver);
}

/**
 * The common case, a keystroke in a compact JWS whose key is imported: its
 * verdict one promise after the crypto's, with no async layers between.
 * Undefined for anything else.
 */
function plainJws(
  report: Report,
  keys: KeyInput,
  resolver: KeyResolver,
  token: DecodedJws,
): Promise<Verdicts> | undefined {
  if (report.signature.status !== 'checking' || isJsonView(report.view) || sdJwtOf(report.view))
    return undefined;
  if (chainSource(token, report.parsedKey) || !keyJudges(keys, token)) return undefined;
  const checked = algorithmOf(token.alg);
  if ('verdict' in checked) return undefined;
  const selection = resolver.settled(
    keys.text,
    checked.algorithm,
    'verify',
    keyOptions(keys, token),
  );
  if (!selection) return undefined;
  const id = report.verifyId;
  return verifyWith(token, checked.algorithm, selection).then((verdict) => ({
    id,
    signature: shownVerdict(verdict, keys, token),
  }));
}

/** The profile's crypto (a DPoP proof's own key, ID token hashes) runs beside the signature's. */
async function verifyWithProfile(
  report: Report,
  keys: KeyInput,
  resolver: KeyResolver,
  jws: DecodedJws,
  kind: ProfileKind,
  input: ProfileInput,
): Promise<Verdicts> {
  const [verdicts, profile] = await Promise.all([
    verifyToken(report, keys, resolver),
    profileFacts(jws, kind, input, resolver),
  ]);
  return profile ? { ...verdicts, profile } : verdicts;
}

/** The signature, signatures or decryption of the report's token (with its SD-JWT facts). */
async function verifyToken(
  report: Report,
  keys: KeyInput,
  resolver: KeyResolver,
): Promise<Verdicts> {
  const id = report.verifyId;
  const signature = report.signature;
  const token = report.decoded.ok ? report.decoded.value : undefined;
  if (isJsonView(report.view)) {
    const { jsonVerdicts } = await import('./json-verdicts');
    const verdicts = await jsonVerdicts(report.view, report.input, keys, resolver);
    const first = report.view.form === 'json-jwe' ? '' : report.view.token.signatures[0]!.alg;
    return {
      id,
      ...verdicts,
      signature: keys.from === 'link' ? withLinkKey(verdicts.signature, first) : verdicts.signature,
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
      resolver,
    });
    if (!judges && jwe.status === 'needs-key') jwe.message = SAMPLE_KEY_MESSAGE;
    return { id, signature: jwe.inner?.verdict ?? needsKey(''), jwe };
  }
  if (token?.kind !== 'jws') return { id, signature: signature as SignatureVerdict };
  if (!sdJwtOf(report.view)) return verifyJws(report, keys, resolver, token);
  const sdJwt = await inspectPresentation(report.view, resolver);
  return { ...(await verifyJws(report, keys, resolver, token)), ...(sdJwt ? { sdJwt } : {}) };
}

/** A compact JWS's signature, and its x5c chain when it has one. */
async function verifyJws(
  report: Report,
  keys: KeyInput,
  resolver: KeyResolver,
  token: DecodedJws,
): Promise<Verdicts> {
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
  const options = keyOptions(keys, token);
  // The untouched sample key judges only its own token: for any other it is no key at all.
  const selection = !keyJudges(keys, token)
    ? noKey(SAMPLE_KEY_MESSAGE)
    : (resolver.settled(keys.text, checked.algorithm, 'verify', options) ??
      (await resolver.resolve(keys.text, checked.algorithm, 'verify', options)));
  const chained = source
    ? await checkChain(token, source, anchors, { algorithm: checked.algorithm, selection })
    : undefined;
  const verdict = chained?.signature ?? (await verifyWith(token, checked.algorithm, selection));
  const { signature: _, ...chain } = chained ?? {};
  return {
    id,
    signature: shownVerdict(verdict, keys, token),
    ...chain,
  };
}

const needsKey = (message: string): SignatureVerdict => ({ status: 'needs-key', message });

/** How the token's key is looked up: the secret's encoding, and its `kid` in a JWKS. */
const keyOptions = (keys: KeyInput, token: DecodedJws) => ({
  secretEncoding: keys.encoding,
  kid: token.header.kid,
});

/** The verdict as the page shows it: one made with a link's key says it proves nothing. */
const shownVerdict = (verdict: SignatureVerdict, keys: KeyInput, token: DecodedJws) =>
  keys.from === 'link' ? withLinkKey(verdict, token.alg) : verdict;
/** A key that came with the token in a link proves nothing: a verified verdict says so. */
function withLinkKey(verdict: SignatureVerdict, alg: string): SignatureVerdict {
  if (verdict.status !== 'verified') return verdict;
  return {
    ...verdict,
    keyFrom: 'link',
    message: `The ${alg} signature matches the key the link carried, not a key you chose: whoever made the link chose both the token and the key, so this proves nothing about who signed it. Paste the issuer's key to check it.`,
  };
}
