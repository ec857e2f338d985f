/**
 * Does this key fit this algorithm? The key decides the algorithm, never the
 * token (RFC 8725 §3.1): every mismatch is refused with the reason, including
 * public-key text offered as an HMAC secret, the algorithm-confusion attack
 * (CVE-2015-9235, CVE-2016-10555, CVE-2022-29217).
 */
import { fail, ok, type Result } from '../errors';
import { curvesOf, jwsAlgorithm, sameOperation, type JwsAlgorithm } from '../jws/algorithms';
import type { KeyFacts } from './types';

/** What the key is for: checking a signature needs only the public half. */
export type KeyPurpose = 'verify' | 'sign';

/** PyJWT's message for public-key material used as an HMAC secret. */
export const PYJWT_HMAC_CONFUSION =
  'The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.';

/** Words for a key: "an RSA key", "an EC key on P-384", "an Ed25519 key". */
export function keyWords(facts: KeyFacts): string {
  switch (facts.kty) {
    case 'oct':
      return 'a symmetric secret';
    case 'RSA':
      return `an RSA${facts.rsaPss ? '-PSS' : ''} key${facts.bits ? ` (${facts.bits} bits)` : ''}`;
    case 'EC':
      return `an EC key on ${facts.crv}`;
    case 'OKP':
      return `an ${facts.crv} key`;
    case 'AKP':
      return `an ${facts.keyAlg} key`;
  }
}

// Synonyms (ESP256, Ed25519 …, RFC 9864) are left out: the key serves them too, under another name.
const ALGS_FOR_CURVE: Record<string, string[]> = {
  'P-256': ['ES256'],
  'P-384': ['ES384'],
  'P-521': ['ES512'],
  secp256k1: ['ES256K'],
  Ed25519: ['EdDSA'],
  // RFC 8037 §3.1: EdDSA is polymorphic, so an Ed448 key serves it as well as Ed448.
  Ed448: ['Ed448', 'EdDSA'],
};

/** Which algorithms a key could serve, for messages and the key summary. */
export function algorithmsFor(facts: KeyFacts): string[] {
  switch (facts.kty) {
    case 'oct':
      return ['HS256', 'HS384', 'HS512'];
    case 'RSA':
      return facts.rsaPss
        ? ['PS256', 'PS384', 'PS512']
        : ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'AKP':
      return facts.keyAlg && jwsAlgorithm(facts.keyAlg)?.kty === 'AKP' ? [facts.keyAlg] : [];
    case 'EC':
    case 'OKP': {
      return (facts.crv && ALGS_FOR_CURVE[facts.crv]) || [];
    }
  }
}

/** Refuse a key that cannot serve `algorithm` for `purpose`, saying why. */
export function checkFit(
  facts: KeyFacts,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Result<void> {
  const { alg, family } = algorithm;
  const suggestion = () => {
    const algs = algorithmsFor(facts);
    return algs.length ? ` It could serve ${algs.join(', ')}.` : '';
  };
  if (family === 'HMAC' && facts.kty !== 'oct')
    return fail(
      'ERR_KEY_PUBLIC_AS_SECRET',
      `${alg} needs a shared secret, but this is ${keyWords(facts)}. Using public-key text as an HMAC secret is the algorithm-confusion attack: anyone holding the public key could forge tokens, so it is refused (PyJWT: "${PYJWT_HMAC_CONFUSION}").`,
      { pyjwt: 'InvalidKeyError' },
    );
  if (family !== 'HMAC' && facts.kty === 'oct')
    return fail(
      'ERR_KEY_SECRET_FOR_ASYMMETRIC',
      `${alg} needs ${wantedKey(algorithm)}, but this is a symmetric secret (an "oct" JWK).`,
      {
        pyjwt: 'InvalidKeyError',
      },
    );
  if (algorithm.kty && facts.kty !== algorithm.kty)
    return fail(
      'ERR_KEY_TYPE_MISMATCH',
      `${alg} needs ${wantedKey(algorithm)}, but this is ${keyWords(facts)}.${suggestion()}`,
      {
        pyjwt: 'InvalidKeyError',
      },
    );
  // RFC 9964 §3: an AKP key belongs to one algorithm; ML-DSA-65 keys cannot check ML-DSA-44.
  if (facts.kty === 'AKP' && facts.keyAlg !== alg)
    return fail(
      'ERR_KEY_PARAMETER_SET_MISMATCH',
      `${alg} needs ${wantedKey(algorithm)}, but this is ${keyWords(facts)}: an AKP key serves only the algorithm it names (RFC 9964 §3).${suggestion()}`,
      { pyjwt: 'InvalidKeyError' },
    );
  if (facts.rsaPss && family === 'RSA')
    return fail(
      'ERR_KEY_USE_MISMATCH',
      `This RSA key is restricted to RSASSA-PSS by its algorithm identifier (id-RSASSA-PSS, RFC 4055 §1.2), so it must not be used for ${alg}, which is RSASSA-PKCS1-v1_5.${suggestion()}`,
      { pyjwt: 'InvalidKeyError' },
    );
  const curves = curvesOf(algorithm);
  if (curves.length && !curves.includes(facts.crv ?? '')) {
    const code =
      facts.kty === 'OKP' && facts.crv?.startsWith('X')
        ? 'ERR_KEY_TYPE_MISMATCH'
        : 'ERR_KEY_CURVE_MISMATCH';
    const why = facts.crv?.startsWith('X')
      ? ` ${facts.crv} keys are for key agreement (encryption), not signatures.`
      : suggestion();
    return fail(
      code,
      `${alg} needs a key on ${curves.join(' or ')}, but this is ${keyWords(facts)}.${why}`,
      { pyjwt: 'InvalidKeyError' },
    );
  }
  // The same operation under RFC 9864's name (a key for "EdDSA" checking an "Ed25519" token) fits.
  if (facts.alg && !sameOperation(facts.alg, alg, facts.crv))
    return fail(
      'ERR_KEY_USE_MISMATCH',
      `This key declares "alg": "${facts.alg}", so it must not be used for ${alg} (RFC 7517 §4.4).`,
    );
  if (facts.use && facts.use !== 'sig')
    return fail(
      'ERR_KEY_USE_MISMATCH',
      `This key declares "use": "${facts.use}", so it is not for signatures (RFC 7517 §4.2).`,
    );
  const op = purpose === 'sign' ? 'sign' : 'verify';
  if (
    facts.keyOps &&
    !facts.keyOps.includes(op) &&
    !(purpose === 'verify' && facts.keyOps.includes('sign'))
  )
    return fail(
      'ERR_KEY_USE_MISMATCH',
      `This key's "key_ops" (${facts.keyOps.join(', ')}) do not include "${op}" (RFC 7517 §4.3).`,
    );
  if (purpose === 'sign' && !facts.isPrivate)
    return fail(
      'ERR_KEY_NOT_PRIVATE',
      `This is a public key: it can verify ${alg} tokens but not sign them. Paste the private key to sign.`,
    );
  return ok(undefined);
}

/**
 * {@link checkFit} for many keys and one algorithm: keys of the same shape
 * (everything but the kid) get the same answer, worked out once. A JWKS of
 * 10,000 keys otherwise builds 10,000 messages no one reads.
 */
export function fitChecker(
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): (facts: KeyFacts) => Result<void> {
  const answers = new Map<string, Result<void>>();
  return (facts) => {
    const { kty, crv, keyAlg, bits, isPrivate, rsaPss, alg, use, keyOps } = facts;
    const shape = JSON.stringify([kty, crv, keyAlg, bits, isPrivate, rsaPss, alg, use, keyOps]);
    let answer = answers.get(shape);
    if (!answer) answers.set(shape, (answer = checkFit(facts, algorithm, purpose)));
    return answer;
  };
}

/** "an RSA key", "an EC key on P-256" … as the algorithm wants it. */
export function wantedKey(algorithm: JwsAlgorithm): string {
  switch (algorithm.family) {
    case 'HMAC':
      return 'a shared secret';
    case 'RSA':
    case 'RSA-PSS':
      return 'an RSA key';
    case 'ECDSA':
      return `an EC key on ${algorithm.crv}`;
    case 'EdDSA':
      return `an ${curvesOf(algorithm).join(' or ')} key`;
    case 'ML-DSA':
      return `an ${algorithm.alg} key (an AKP JWK, or a PEM with the ${algorithm.alg} OID)`;
    case 'none':
      return 'no key';
  }
}
