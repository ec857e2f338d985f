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
  /** A paragraph: what an attacker does with it. */
  why: string;
  /** What to change, where a change helps. */
  fix?: string;
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
    why: 'With "alg": "none" there is no signature to check, so every claim in the payload is whatever the sender typed. Libraries that took the algorithm from the token accepted such tokens as valid, and blocklists that compare against "none" exactly let "None" or "nOnE" through.',
    fix: 'Verify with an allow-list of algorithms fixed by the server (e.g. only RS256), never the one named in the token; reject "none" in every casing.',
    references: [rfc(7518, '3.6'), rfc(8725, '2.1')],
  },
  {
    id: 'null-signature',
    severity: 'high',
    title: 'Null signature',
    lesson: 'The "null signature" bypass: an empty signature must never pass.',
    why: 'Some libraries returned "valid" when the signature was empty, because comparing an empty string with a prefix of the expected MAC matched, or because the empty case skipped the check. A token with a real algorithm and no signature, or "none" with a signature, is a forgery attempt or a broken encoder.',
    fix: 'Reject a token whose signature is empty unless your application explicitly accepts unsecured tokens (it should not).',
    references: [cve('CVE-2020-28042')],
  },
  {
    id: 'alg-unknown',
    severity: 'high',
    title: 'Unknown algorithm',
    lesson: 'An "alg" that is missing or not registered cannot be verified: reject the token.',
    why: 'Algorithm names are case-sensitive strings from the IANA registry. A verifier that meets an unknown name may fall back to a default, or to whatever branch matches loosely, which is how confusion attacks start.',
    fix: 'Use a registered name exactly as written (HS256, RS256, ES256, EdDSA …) and verify against a fixed allow-list.',
    references: [rfc(7515, '4.1.1')],
  },
  {
    id: 'alg-key-mismatch',
    severity: 'high',
    title: 'Key does not fit the algorithm',
    lesson: 'The key decides the algorithm, never the token.',
    why: 'When a verifier picks the algorithm from the token and the key from elsewhere, an attacker chooses the pairing: an RSA key used with HS256, an EC key on the wrong curve, a key whose own "alg", "use" or "key_ops" say it is for something else. Libraries have been tricked this way into accepting forged tokens.',
    fix: 'Bind each key to one algorithm (a JWK "alg", or your configuration) and refuse any token whose "alg" differs.',
    references: [rfc(8725, '3.1'), cve('CVE-2022-23539')],
  },
  {
    id: 'hmac-key-is-public-key',
    severity: 'critical',
    title: 'Public key used as an HMAC secret',
    lesson: 'Algorithm confusion: anyone with the public key can forge.',
    why: 'If a server verifies "HS256" tokens with the text of its RSA or EC public key as the HMAC secret, anyone who has the public key (it is public) can compute a valid HMAC and sign any claims. This is how several libraries were broken: they passed the PEM text to HMAC when the token said HS256.',
    fix: 'Never pass asymmetric key material to HMAC. Verify with an explicit algorithm list per key; modern libraries refuse PEM text as an HMAC secret.',
    references: [cve('CVE-2015-9235'), cve('CVE-2016-10555'), cve('CVE-2022-29217')],
  },
  {
    id: 'hmac-secret-empty',
    severity: 'critical',
    title: 'Empty HMAC secret',
    lesson: 'An empty secret is a secret everyone knows.',
    why: 'An HMAC with an empty key is still a valid HMAC: anyone can compute it. Servers that shipped with an empty shared secret by default accepted tokens forged by anybody.',
    fix: 'Refuse to start without a secret; generate one of at least as many random bytes as the hash output.',
    references: [cve('CVE-2019-20933')],
  },
  {
    id: 'hmac-secret-short',
    severity: 'high',
    title: 'HMAC secret shorter than the hash',
    lesson: 'An HMAC secret needs at least as many bytes as the hash output: 32, 48 or 64.',
    why: 'RFC 7518 requires a key of the same size as the hash output or larger. A shorter secret has less entropy than the algorithm promises and shortens an offline brute-force search from any one captured token.',
    fix: 'Use 32 random bytes for HS256 (48 for HS384, 64 for HS512), e.g. from `openssl rand -base64 32`, and store them as base64.',
    references: [rfc(7518, '3.2')],
  },
  {
    id: 'hmac-secret-weak',
    severity: 'critical',
    title: 'Guessable HMAC secret',
    lesson: 'One captured token lets anyone brute-force it offline.',
    why: 'A token carries its own HMAC, so an attacker who sees one token can try millions of candidate secrets a second on their own machine and know when one matches. Example secrets from tutorials ("secret", "your-256-bit-secret") and words with a few digits fall in seconds; then the attacker signs any claims.',
    fix: 'Generate the secret randomly (32+ bytes), keep it out of the code, rotate it; or use an asymmetric algorithm so verifiers hold no signing key.',
    references: [rfc(8725, '3.5'), OWASP_CHEAT_SHEET],
  },
  {
    id: 'rsa-key-small',
    severity: 'high',
    title: 'RSA key under 2048 bits',
    lesson: 'RSA keys must be 2048 bits or more.',
    why: 'RFC 7518 requires RSA keys of at least 2048 bits for RS and PS algorithms. 512-bit keys are factored in hours and 1024-bit keys are within reach of well-funded attackers; whoever factors the modulus can sign any token.',
    fix: 'Generate a new key of 2048 bits or more (3072 for long-lived keys) and rotate.',
    references: [rfc(7518, '3.3')],
  },
  {
    id: 'signature-length',
    severity: 'medium',
    title: 'Signature has the wrong length or form',
    lesson: 'ES256 signatures are 64 raw bytes (r‖s), not DER.',
    why: 'JOSE encodes ECDSA signatures as the fixed-length concatenation of r and s. Libraries that emit or accept ASN.1 DER instead interoperate badly, and lenient parsers of odd lengths have hidden signature-bypass bugs. A length that does not match the algorithm means the token was produced or altered by something that does not follow the spec.',
    fix: 'Convert DER signatures to raw r‖s (jose, node\'s `dsaEncoding: "ieee-p1363"`), and reject signatures of the wrong length before verifying.',
    references: [rfc(7518, '3.4')],
  },
  {
    id: 'ecdsa-zero-signature',
    severity: 'critical',
    title: 'ECDSA signature with r or s out of range',
    lesson: '"Psychic signatures": r or s of zero verified anything in Java 15–18.',
    why: "ECDSA requires 0 < r, s < n. Java's rewritten verifier skipped that check, so a signature of all zeros verified for every message and every key. A verifier must reject such values before doing any arithmetic.",
    fix: 'Keep your runtime patched and make sure the verifier checks the range of r and s.',
    references: [cve('CVE-2022-21449')],
  },
  {
    id: 'crit-unknown',
    severity: 'high',
    title: 'Critical header the app does not understand',
    lesson: 'An unknown critical extension means reject.',
    why: 'The "crit" header lists extensions the recipient must understand and process; if it does not, it must reject the token. An empty list, a list that is not an array, or one naming registered parameters is itself invalid. Libraries that ignore "crit" can be made to skip a processing rule the sender relied on.',
    fix: 'Only list extensions your verifiers implement, and verify with a library that enforces "crit".',
    references: [rfc(7515, '4.1.11')],
  },
  {
    id: 'b64-false',
    severity: 'medium',
    title: 'Unencoded payload (b64: false) in a JWT',
    lesson: 'Unencoded payloads are not valid in a JWT.',
    why: 'RFC 7797 lets a JWS sign its payload unencoded, but then the signing input differs from the token text, and a JWT\'s payload must be base64url JSON. Verifiers that do not understand "b64" compute a different signing input, which at best fails and at worst lets two parties read different payloads.',
    fix: 'Do not use "b64": false for JWTs; if you must, it has to be listed in "crit".',
    references: [rfc(7797)],
  },
  {
    id: 'embedded-jwk',
    severity: 'high',
    title: 'Token carries its own key (jwk)',
    lesson: 'A self-verifying token proves nothing.',
    why: 'A "jwk" header offers a key to verify the token with. An attacker signs a forged token with their own key and embeds the public half; a verifier that trusts the embedded key accepts it. Cisco\'s node-jose did exactly that.',
    fix: 'Ignore "jwk" for trust decisions: verify with keys you configured, or only accept an embedded key whose thumbprint is on your allow-list.',
    references: [cve('CVE-2018-0114')],
  },
  {
    id: 'jku-x5u',
    severity: 'high',
    title: 'Token says where to fetch its key (jku/x5u)',
    lesson: 'A token must not choose where its key comes from.',
    why: '"jku" and "x5u" are URLs the verifier may fetch keys from. If it follows them, the attacker hosts their own key set and signs anything; it is also a server-side request forgery lever into internal networks (IP addresses, other hosts than the issuer, plain http).',
    fix: 'Fetch keys only from URLs you configured (the issuer\'s jwks_uri), never from the token; if you must honour "jku", match it exactly against an allow-list.',
    references: [rfc(8725, '3.10')],
  },
  {
    id: 'kid-suspicious',
    severity: 'high',
    title: 'Suspicious kid',
    lesson: '"kid" is attacker input to a key lookup.',
    why: 'Servers use "kid" to find the key: as a file name, a database key, a cache key. Path traversal ("../../dev/null" gives an empty key), SQL injection ("\' UNION SELECT \'secret"), command injection ("|") and URLs in "kid" have all led to forged tokens or worse.',
    fix: 'Treat "kid" as an opaque string looked up in a fixed map of keys; never build a path, query or command from it.',
    references: [rfc(8725, '3.10')],
  },
  {
    id: 'zip-in-jws',
    severity: 'medium',
    title: 'zip in a signed token',
    lesson: '"zip" is for JWE only.',
    why: 'Compression is defined only for encrypted tokens. In a JWS it means the producer is confused, and a verifier that honours it decompresses attacker data: a "zip bomb" denial of service.',
    fix: 'Remove "zip" from JWS headers; reject tokens that carry it.',
    references: [rfc(7516, '4.1.3')],
  },
  {
    id: 'pbes2-count',
    severity: 'medium',
    title: 'PBES2 iteration count out of range',
    lesson:
      'A denial-of-service lever, or a weak derivation: a huge "p2c" costs minutes, a tiny one is cheap to guess.',
    why: 'For password-based encryption the token itself says how many PBKDF2 iterations to run. A count of billions makes a server spend minutes on one token; a count of a few hundred makes the password cheap to guess. Libraries now cap it.',
    fix: 'Cap "p2c" on the receiving side (e.g. at 1,200,000 or lower) and use at least 1,000 iterations, ideally far more, when encrypting.',
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
    why: 'The same keys often sign ID tokens, access tokens, logout tokens and more. Without an explicit "typ" checked by the verifier, a token of one kind can be replayed where another is expected (cross-JWT confusion).',
    fix: 'Set "typ" ("JWT", "at+jwt" for access tokens, "application/…+jwt" for other kinds) and check it on receipt.',
    references: [rfc(8725, '3.11'), rfc(9068)],
  },
  {
    id: 'nested-jwt',
    severity: 'info',
    title: 'Nested JWT',
    lesson: 'The inner token needs validating too.',
    why: '"cty": "JWT" says the payload is itself a JWT (signed then encrypted, or signed twice). Checking only the outer layer proves nothing about the claims inside.',
    fix: 'Verify every layer, with the keys and algorithms expected for each.',
    references: [rfc(7519, '5.2')],
  },
  {
    id: 'duplicate-member',
    severity: 'high',
    title: 'Duplicate JSON member',
    lesson: 'Parsers disagree on which one wins.',
    why: 'JSON with a name twice is not valid for JOSE. Most parsers keep the last value, some the first, some fail. When a gateway and a service disagree, the gateway checks one "alg" or "sub" and the service uses the other.',
    fix: 'Reject JSON with duplicate names (RFC 7515 §4 allows only that or last-wins; be strict).',
    references: [rfc(7515, '4'), rfc(7519, '4')],
  },
  {
    id: 'base64-noncanonical',
    severity: 'medium',
    title: 'Non-canonical base64url',
    lesson: 'Many strings, one token: denylists keyed on the string miss it.',
    why: 'Padding, or non-zero bits in the last character, give other spellings of the same bytes. A revocation list or replay cache keyed on the token text sees a new token, while the verifier accepts it as the old one.',
    fix: 'Emit unpadded base64url with zero trailing bits; key denylists on "jti" or the decoded bytes, not the text.',
    references: [rfc(7515, '2')],
  },
  {
    id: 'token-wrapped',
    severity: 'low',
    title: 'Token was wrapped',
    lesson: 'Send the bare token: the "Bearer " prefix belongs in the Authorization header only.',
    why: 'The pasted text carried a "Bearer " prefix, quotes or white space, which were stripped before decoding. Code that stores or compares tokens with their wrapping finds no match, and a token in quotes is often a token copied from a log or a JSON file.',
    fix: 'Strip the scheme before handling the token, and keep tokens out of logs.',
    references: [rfc(6750)],
  },
  {
    id: 'sensitive-data',
    severity: 'medium',
    title: 'Sensitive data in a readable payload',
    lesson: 'A JWS is encoded, not encrypted: anyone can read it.',
    why: 'Base64url is an encoding. Anyone who sees the token (browser storage, logs, proxies, referrers) reads every claim. Passwords, secrets, card numbers and private keys must never be put there, and personal data only when every reader may see it.',
    fix: 'Keep only identifiers in the payload and look the rest up server-side, or encrypt the token (JWE).',
    references: [OWASP_TESTING],
  },
  {
    id: 'exp-missing',
    severity: 'medium',
    title: 'No expiry (exp)',
    lesson: 'A token that never expires.',
    why: 'Without "exp" a stolen token works forever, unless every server keeps a revocation list. Access tokens must carry "exp" (RFC 9068).',
    fix: 'Always set "exp": minutes for access tokens, hours at most for sessions.',
    references: [OWASP_CHEAT_SHEET, rfc(9068, '2.2')],
  },
  {
    id: 'exp-far-future',
    severity: 'medium',
    title: 'Very long lifetime',
    lesson: 'Short-lived tokens limit what a stolen one is worth.',
    why: 'A token cannot be taken back once issued. The longer it lives, the longer a leaked copy works. Access tokens should live minutes to hours; longer sessions are better served by refresh tokens that can be revoked.',
    fix: 'Lower the lifetime (e.g. 15 minutes for access tokens) and use refresh tokens for long sessions.',
    references: [OWASP_CHEAT_SHEET],
  },
  {
    id: 'exp-milliseconds',
    severity: 'high',
    title: 'Time in milliseconds',
    lesson: 'The token expires in the year 50,000: NumericDate is in seconds, not milliseconds.',
    why: 'JavaScript\'s Date.now() returns milliseconds; JWT times are seconds since 1970. A token whose "exp" is in milliseconds is valid for tens of thousands of years, and one whose "nbf" is in milliseconds is never valid.',
    fix: 'Divide by 1000: Math.floor(Date.now() / 1000).',
    references: [rfc(7519, '2')],
  },
  {
    id: 'time-not-numeric',
    severity: 'high',
    title: 'Time claim is not a number',
    lesson: '"exp", "nbf" and "iat" must be JSON numbers of seconds.',
    why: 'A date as a string ("2030-01-01", "1700000000") is read differently by every library: some convert it, some compare strings with numbers, some skip the check. A verifier that skips it accepts an expired token.',
    fix: 'Write NumericDate values as plain JSON numbers.',
    references: [rfc(7519, '2')],
  },
  {
    id: 'iat-future',
    severity: 'medium',
    title: 'Issued in the future',
    lesson: 'A token issued in the future points at a wrong clock or a forged token.',
    why: '"iat" after the current time (plus leeway) means the issuer\'s clock is ahead, or someone wrote the claims by hand. PyJWT rejects it (ImmatureSignatureError).',
    fix: 'Synchronise clocks (NTP) and allow a small leeway, a minute or two.',
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
    why: 'If "nbf" (or "iat") is not before "exp" there is no moment at which the token may be accepted. It usually means swapped claims or mixed units (one claim in milliseconds).',
    fix: 'Compute nbf, iat and exp from the same clock, in seconds, with exp last.',
    references: [rfc(7519, '4.1')],
  },
  {
    id: 'aud-missing',
    severity: 'medium',
    title: 'No audience (aud)',
    lesson: 'Tokens meant for one service work at another.',
    why: 'Without "aud", every service that trusts the issuer accepts the token, so a token obtained from a low-value service can be replayed at a high-value one.',
    fix: 'Set "aud" to the service the token is for, and have each service check it.',
    references: [rfc(8725, '3.9')],
  },
  {
    id: 'iss-missing',
    severity: 'low',
    title: 'No issuer (iss)',
    lesson: 'Name the issuer so verifiers can pick the right keys and reject strangers.',
    why: 'Without "iss" a verifier that trusts several issuers cannot tell whose keys and rules apply, and cannot reject a token from an unexpected issuer.',
    fix: 'Set "iss" to the issuer\'s URL and check it on receipt.',
    references: [rfc(8725, '3.8')],
  },
  {
    id: 'unprotected-header',
    severity: 'high',
    title: 'Security-relevant header member left unprotected',
    lesson:
      'Anyone can change them without breaking the signature: in a JSON serialization only the protected header is signed.',
    why: 'A JWS or JWE JSON serialization may carry header members outside the protected header ("header", "unprotected"). Nothing signs or authenticates them, so anyone on the way can change them without breaking the signature: point "kid" or "jku" at a key they control, swap "alg", drop a "crit" entry, or flip "b64" so the same bytes read as another payload. A verifier that trusts them lets the attacker pick the key or algorithm it checks with.',
    fix: 'Put "alg", "kid", "crit", "b64", "typ" and every key reference ("jku", "jwk", "x5u", "x5c") in the protected header; verifiers should take them only from there, with an allow-list of algorithms.',
    references: [rfc(7515, '7.2.1'), rfc(8725, '3.1')],
  },
  {
    id: 'key-from-link',
    severity: 'high',
    title: 'Verified with a key from the link',
    lesson:
      'A link\'s author chose both token and key: "verified" proves nothing. Check it with the issuer\'s key.',
    why: 'Anyone can make a key pair, sign a token that says whatever they like, and send a link that carries both the token and the key. The signature then checks out, but only proves that the token was signed with the key that came with it, which is exactly what a forger would send. The same reasoning makes a token\'s own "jku" or embedded "jwk" worthless as a source of trust.',
    fix: 'Replace the key with one you got from the issuer (its JWKS URL or discovery document), and check again.',
    references: [rfc(8725, '3.10')],
  },
  {
    id: 'x5c-untrusted',
    severity: 'medium',
    title: 'x5c chain not trusted',
    lesson:
      'A certificate chain proves nothing until it ends at a root you trust. Paste that root in the trust anchors box.',
    why: 'Anyone can make a root, an intermediate and a leaf certificate with any names they like, sign a token with the leaf and put the chain in "x5c". A verifier that takes the key from "x5c" without validating the chain up to a root it already trusts (at the time of use, every signature and validity period) accepts that token as genuine.',
    fix: 'Validate "x5c" up to a configured trust anchor before using its key, or ignore "x5c" and look the key up by "kid" in keys you trust.',
    references: [rfc(7515, '4.1.6'), rfc(5280, '6')],
  },
  {
    id: 'header-nonce',
    severity: 'info',
    title: 'A nonce in the header (Microsoft Graph access token)',
    lesson:
      'The signed bytes hold a hash of the nonce: only the audience (Graph) can verify it. Such a token is not yours to validate.',
    why: 'Microsoft Graph access tokens carry a "nonce" in their header; Microsoft signs the token after replacing that nonce with its SHA-256, so the header you see is not the one that was signed. Every other verifier, with the right key, sees "invalid signature". The token is meant for Graph alone: an API of your own should ask for a token with its own audience.',
    fix: 'Do not validate Graph tokens in your code: request an access token for your own API (its own scope and audience) and validate that one.',
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
    why: 'A DPoP proof carries the client\'s public key in its "jwk" header so the server can check the proof. Here that JWK also holds private members ("d" and friends): every server, proxy and log that saw the proof now holds the key, and can make proofs for any request with any access token bound to it.',
    fix: 'Put only the public JWK in the header (export the public key, or drop d, p, q, dp, dq, qi, k), and replace the leaked key pair: tokens bound to it must be revoked.',
    references: [rfc(9449, '4.2')],
  },
  {
    id: 'dpop-iat-stale',
    severity: 'medium',
    title: 'DPoP proof is not fresh',
    lesson:
      'Proofs are meant to be fresh: an old one is a replay. Make a new proof for every request.',
    why: 'A DPoP proof is made for one request, at one moment. A server accepts it only within a short window around its "iat" (and tracks "jti" within that window), so a proof captured from one request cannot be sent again later. A proof far from the present is either replayed or made by a client whose clock is wrong.',
    fix: 'Make a new proof per request, with "iat" from a correct clock; a server that sends a DPoP-Nonce lets the client follow the server\'s time.',
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
