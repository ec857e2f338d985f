/**
 * The security findings, as data: one row per check of
 * /work/shared/security-checks.md (ids, severities and references come from
 * there), with the lesson, why it matters and the fix in words a learner can
 * act on. Sources: RFC 7515–7519, 7797, 8725, 9068, OWASP, and the CVEs named.
 */

/** How bad a finding is, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Severities in order, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Where a statement comes from: an RFC section, a CVE, a guide. */
export interface Reference {
  label: string;
  url: string;
}

/** One check of the catalogue. */
export interface Check {
  id: string;
  severity: Severity;
  title: string;
  /** One line a learner can act on. */
  lesson: string;
  /** Why it matters and the fix are in catalogue-details.ts, loaded when a finding is opened. */
  references: Reference[];
}

import { SD_JWT_CHECKS } from './catalogue-sd-jwt';

const rfc = (n: number, section?: string): Reference => ({
  label: `RFC ${n}${section ? ` §${section}` : ''}`,
  url: `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`,
});
const cve = (id: string): Reference => ({
  label: id,
  url: `https://www.cve.org/CVERecord?id=${id}`,
});
const OWASP_CHEAT_SHEET: Reference = {
  label: 'OWASP JWT cheat sheet',
  url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html',
};
const OWASP_TESTING: Reference = {
  label: 'OWASP testing guide: JSON Web Tokens',
  url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/06-Session_Management_Testing/10-Testing_JSON_Web_Tokens',
};

/** Every check, in the order of security-checks.md. */
const BASE_CHECKS = [
  {
    id: 'alg-none',
    severity: 'critical',
    title: 'Unsigned token (alg none)',
    lesson: 'An unsigned token: anyone can write one; odd casings slip past blocklists.',
    references: [rfc(7518, '3.6'), rfc(8725, '2.1')],
  },
  {
    id: 'null-signature',
    severity: 'high',
    title: 'Null signature',
    lesson: 'The "null signature" bypass: an empty signature must never pass.',
    references: [cve('CVE-2020-28042')],
  },
  {
    id: 'alg-unknown',
    severity: 'high',
    title: 'Unknown algorithm',
    lesson: 'An "alg" that is missing or not registered cannot be verified: reject the token.',
    references: [rfc(7515, '4.1.1')],
  },
  {
    id: 'alg-key-mismatch',
    severity: 'high',
    title: 'Key does not fit the algorithm',
    lesson: 'The key decides the algorithm, never the token.',
    references: [rfc(8725, '3.1'), cve('CVE-2022-23539')],
  },
  {
    id: 'hmac-key-is-public-key',
    severity: 'critical',
    title: 'Public key used as an HMAC secret',
    lesson: 'Algorithm confusion: anyone with the public key can forge.',
    references: [cve('CVE-2015-9235'), cve('CVE-2016-10555'), cve('CVE-2022-29217')],
  },
  {
    id: 'hmac-secret-empty',
    severity: 'critical',
    title: 'Empty HMAC secret',
    lesson: 'An empty secret is a secret everyone knows.',
    references: [cve('CVE-2019-20933')],
  },
  {
    id: 'hmac-secret-short',
    severity: 'high',
    title: 'HMAC secret shorter than the hash',
    lesson: 'An HMAC secret needs at least as many bytes as the hash output: 32, 48 or 64.',
    references: [rfc(7518, '3.2')],
  },
  {
    id: 'hmac-secret-weak',
    severity: 'critical',
    title: 'Guessable HMAC secret',
    lesson: 'One captured token lets anyone brute-force it offline.',
    references: [rfc(8725, '3.5'), OWASP_CHEAT_SHEET],
  },
  {
    id: 'rsa-key-small',
    severity: 'high',
    title: 'RSA key under 2048 bits',
    lesson: 'RSA keys must be 2048 bits or more.',
    references: [rfc(7518, '3.3')],
  },
  {
    id: 'signature-length',
    severity: 'medium',
    title: 'Signature has the wrong length or form',
    lesson: 'ES256 signatures are 64 raw bytes (r‖s), not DER.',
    references: [rfc(7518, '3.4')],
  },
  {
    id: 'ecdsa-zero-signature',
    severity: 'critical',
    title: 'ECDSA signature with r or s out of range',
    lesson: '"Psychic signatures": r or s of zero verified anything in Java 15–18.',
    references: [cve('CVE-2022-21449')],
  },
  {
    id: 'crit-unknown',
    severity: 'high',
    title: 'Critical header the app does not understand',
    lesson: 'An unknown critical extension means reject.',
    references: [rfc(7515, '4.1.11')],
  },
  {
    id: 'b64-false',
    severity: 'medium',
    title: 'Unencoded payload (b64: false) in a JWT',
    lesson: 'Unencoded payloads are not valid in a JWT.',
    references: [rfc(7797)],
  },
  {
    id: 'embedded-jwk',
    severity: 'high',
    title: 'Token carries its own key (jwk)',
    lesson: 'A self-verifying token proves nothing.',
    references: [cve('CVE-2018-0114')],
  },
  {
    id: 'jku-x5u',
    severity: 'high',
    title: 'Token says where to fetch its key (jku/x5u)',
    lesson: 'A token must not choose where its key comes from.',
    references: [rfc(8725, '3.10')],
  },
  {
    id: 'kid-suspicious',
    severity: 'high',
    title: 'Suspicious kid',
    lesson: '"kid" is attacker input to a key lookup.',
    references: [rfc(8725, '3.10')],
  },
  {
    id: 'zip-in-jws',
    severity: 'medium',
    title: 'zip in a signed token',
    lesson: '"zip" is for JWE only.',
    references: [rfc(7516, '4.1.3')],
  },
  {
    id: 'pbes2-count',
    severity: 'medium',
    title: 'PBES2 iteration count out of range',
    lesson:
      'A denial-of-service lever, or a weak derivation: a huge "p2c" costs minutes, a tiny one is cheap to guess.',
    references: [
      {
        label: 'RFC 8725bis draft',
        url: 'https://datatracker.ietf.org/doc/draft-ietf-oauth-rfc8725bis/',
      },
    ],
  },
  {
    id: 'typ-unexpected',
    severity: 'medium',
    title: 'Missing or unexpected typ',
    lesson: 'Cross-JWT confusion: explicit types stop one kind of JWT being accepted as another.',
    references: [rfc(8725, '3.11'), rfc(9068)],
  },
  {
    id: 'nested-jwt',
    severity: 'info',
    title: 'Nested JWT',
    lesson: 'The inner token needs validating too.',
    references: [rfc(7519, '5.2')],
  },
  {
    id: 'duplicate-member',
    severity: 'high',
    title: 'Duplicate JSON member',
    lesson: 'Parsers disagree on which one wins.',
    references: [rfc(7515, '4'), rfc(7519, '4')],
  },
  {
    id: 'base64-noncanonical',
    severity: 'medium',
    title: 'Non-canonical base64url',
    lesson: 'Many strings, one token: denylists keyed on the string miss it.',
    references: [rfc(7515, '2')],
  },
  {
    id: 'token-wrapped',
    severity: 'low',
    title: 'Token was wrapped',
    lesson: 'Send the bare token: the "Bearer " prefix belongs in the Authorization header only.',
    references: [rfc(6750)],
  },
  {
    id: 'sensitive-data',
    severity: 'medium',
    title: 'Sensitive data in a readable payload',
    lesson: 'A JWS is encoded, not encrypted: anyone can read it.',
    references: [OWASP_TESTING],
  },
  {
    id: 'exp-missing',
    severity: 'medium',
    title: 'No expiry (exp)',
    lesson: 'A token that never expires.',
    references: [OWASP_CHEAT_SHEET, rfc(9068, '2.2')],
  },
  {
    id: 'exp-far-future',
    severity: 'medium',
    title: 'Very long lifetime',
    lesson: 'Short-lived tokens limit what a stolen one is worth.',
    references: [OWASP_CHEAT_SHEET],
  },
  {
    id: 'exp-milliseconds',
    severity: 'high',
    title: 'Time in milliseconds',
    lesson: 'The token expires in the year 50,000: NumericDate is in seconds, not milliseconds.',
    references: [rfc(7519, '2')],
  },
  {
    id: 'time-not-numeric',
    severity: 'high',
    title: 'Time claim is not a number',
    lesson: '"exp", "nbf" and "iat" must be JSON numbers of seconds.',
    references: [rfc(7519, '2')],
  },
  {
    id: 'iat-future',
    severity: 'medium',
    title: 'Issued in the future',
    lesson: 'A token issued in the future points at a wrong clock or a forged token.',
    references: [
      {
        label: 'OIDC Core §3.1.3.7',
        url: 'https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation',
      },
    ],
  },
  {
    id: 'nbf-after-exp',
    severity: 'medium',
    title: 'Never valid',
    lesson: 'A token whose nbf or iat is after its exp is never valid.',
    references: [rfc(7519, '4.1')],
  },
  {
    id: 'aud-missing',
    severity: 'medium',
    title: 'No audience (aud)',
    lesson: 'Tokens meant for one service work at another.',
    references: [rfc(8725, '3.9')],
  },
  {
    id: 'iss-missing',
    severity: 'low',
    title: 'No issuer (iss)',
    lesson: 'Name the issuer so verifiers can pick the right keys and reject strangers.',
    references: [rfc(8725, '3.8')],
  },
  {
    id: 'unprotected-header',
    severity: 'high',
    title: 'Security-relevant header member left unprotected',
    lesson:
      'Anyone can change them without breaking the signature: in a JSON serialization only the protected header is signed.',
    references: [rfc(7515, '7.2.1'), rfc(8725, '3.1')],
  },
  {
    id: 'key-from-link',
    severity: 'high',
    title: 'Verified with a key from the link',
    lesson:
      'A link\'s author chose both token and key: "verified" proves nothing. Check it with the issuer\'s key.',
    references: [rfc(8725, '3.10')],
  },
  {
    id: 'x5c-untrusted',
    severity: 'medium',
    title: 'x5c chain not trusted',
    lesson:
      'A certificate chain proves nothing until it ends at a root you trust. Paste that root in the trust anchors box.',
    references: [rfc(7515, '4.1.6'), rfc(5280, '6')],
  },
  {
    id: 'header-nonce',
    severity: 'info',
    title: 'A nonce in the header (Microsoft Graph access token)',
    lesson:
      'The signed bytes hold a hash of the nonce: only the audience (Graph) can verify it. Such a token is not yours to validate.',
    references: [
      {
        label: 'Microsoft identity platform documentation',
        url: 'https://learn.microsoft.com/en-us/entra/identity-platform/access-tokens#validate-tokens',
      },
    ],
  },
  {
    id: 'dpop-private-jwk',
    severity: 'critical',
    title: 'DPoP proof publishes its private key',
    lesson:
      'The client just published its private key. Anyone who sees one proof can make all the next ones.',
    references: [rfc(9449, '4.2')],
  },
  {
    id: 'dpop-iat-stale',
    severity: 'medium',
    title: 'DPoP proof is not fresh',
    lesson:
      'Proofs are meant to be fresh: an old one is a replay. Make a new proof for every request.',
    references: [rfc(9449, '11.1')],
  },
] as const satisfies readonly Check[];

/** Where security-checks.md lists the SD-JWT rows: before the DPoP ones. */
const SD_JWT_AT = BASE_CHECKS.findIndex((c) => c.id === 'dpop-private-jwk');

/** Every check, in the order of security-checks.md (SD-JWT's in a file of their own). */
export const CHECKS = [
  ...BASE_CHECKS.slice(0, SD_JWT_AT),
  ...SD_JWT_CHECKS,
  ...BASE_CHECKS.slice(SD_JWT_AT),
];

/** A finding's id, one of {@link CHECKS}. */
export type FindingId = (typeof CHECKS)[number]['id'];

/** The check of each id. */
export const CHECK_BY_ID: ReadonlyMap<FindingId, Check> = new Map(
  CHECKS.map((c) => [c.id, c as Check]),
);
