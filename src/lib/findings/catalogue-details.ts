/**
 * Why each finding matters and how to fix it: the paragraphs a person reads
 * on opening a finding, loaded then, so the first screen carries only titles
 * and lessons (catalogue.ts). Keyed by the finding's id.
 */

/** The paragraphs of one check. */
export interface CheckDetail {
  /** What an attacker does with it. */
  why: string;
  /** What to change, where a change helps. */
  fix?: string;
}

export const CHECK_DETAILS: Record<string, CheckDetail> = {
  'alg-none': {
    why: 'With "alg": "none" there is no signature to check, so every claim in the payload is whatever the sender typed. Libraries that took the algorithm from the token accepted such tokens as valid, and blocklists that compare against "none" exactly let "None" or "nOnE" through.',
    fix: 'Verify with an allow-list of algorithms fixed by the server (e.g. only RS256), never the one named in the token; reject "none" in every casing.',
  },
  'null-signature': {
    why: 'Some libraries returned "valid" when the signature was empty, because comparing an empty string with a prefix of the expected MAC matched, or because the empty case skipped the check. A token with a real algorithm and no signature, or "none" with a signature, is a forgery attempt or a broken encoder.',
    fix: 'Reject a token whose signature is empty unless your application explicitly accepts unsecured tokens (it should not).',
  },
  'alg-unknown': {
    why: 'Algorithm names are case-sensitive strings from the IANA registry. A verifier that meets an unknown name may fall back to a default, or to whatever branch matches loosely, which is how confusion attacks start.',
    fix: 'Use a registered name exactly as written (HS256, RS256, ES256, EdDSA …) and verify against a fixed allow-list.',
  },
  'alg-key-mismatch': {
    why: 'When a verifier picks the algorithm from the token and the key from elsewhere, an attacker chooses the pairing: an RSA key used with HS256, an EC key on the wrong curve, a key whose own "alg", "use" or "key_ops" say it is for something else. Libraries have been tricked this way into accepting forged tokens.',
    fix: 'Bind each key to one algorithm (a JWK "alg", or your configuration) and refuse any token whose "alg" differs.',
  },
  'hmac-key-is-public-key': {
    why: 'If a server verifies "HS256" tokens with the text of its RSA or EC public key as the HMAC secret, anyone who has the public key (it is public) can compute a valid HMAC and sign any claims. This is how several libraries were broken: they passed the PEM text to HMAC when the token said HS256.',
    fix: 'Never pass asymmetric key material to HMAC. Verify with an explicit algorithm list per key; modern libraries refuse PEM text as an HMAC secret.',
  },
  'hmac-secret-empty': {
    why: 'An HMAC with an empty key is still a valid HMAC: anyone can compute it. Servers that shipped with an empty shared secret by default accepted tokens forged by anybody.',
    fix: 'Refuse to start without a secret; generate one of at least as many random bytes as the hash output.',
  },
  'hmac-secret-short': {
    why: 'RFC 7518 requires a key of the same size as the hash output or larger. A shorter secret has less entropy than the algorithm promises and shortens an offline brute-force search from any one captured token.',
    fix: 'Use 32 random bytes for HS256 (48 for HS384, 64 for HS512), e.g. from `openssl rand -base64 32`, and store them as base64.',
  },
  'hmac-secret-weak': {
    why: 'A token carries its own HMAC, so an attacker who sees one token can try millions of candidate secrets a second on their own machine and know when one matches. Example secrets from tutorials ("secret", "your-256-bit-secret") and words with a few digits fall in seconds; then the attacker signs any claims.',
    fix: 'Generate the secret randomly (32+ bytes), keep it out of the code, rotate it; or use an asymmetric algorithm so verifiers hold no signing key.',
  },
  'rsa-key-small': {
    why: 'RFC 7518 requires RSA keys of at least 2048 bits for RS and PS algorithms. 512-bit keys are factored in hours and 1024-bit keys are within reach of well-funded attackers; whoever factors the modulus can sign any token.',
    fix: 'Generate a new key of 2048 bits or more (3072 for long-lived keys) and rotate.',
  },
  'signature-length': {
    why: 'JOSE encodes ECDSA signatures as the fixed-length concatenation of r and s. Libraries that emit or accept ASN.1 DER instead interoperate badly, and lenient parsers of odd lengths have hidden signature-bypass bugs. A length that does not match the algorithm means the token was produced or altered by something that does not follow the spec.',
    fix: 'Convert DER signatures to raw r‖s (jose, node\'s `dsaEncoding: "ieee-p1363"`), and reject signatures of the wrong length before verifying.',
  },
  'ecdsa-zero-signature': {
    why: "ECDSA requires 0 < r, s < n. Java's rewritten verifier skipped that check, so a signature of all zeros verified for every message and every key. A verifier must reject such values before doing any arithmetic.",
    fix: 'Keep your runtime patched and make sure the verifier checks the range of r and s.',
  },
  'crit-unknown': {
    why: 'The "crit" header lists extensions the recipient must understand and process; if it does not, it must reject the token. An empty list, a list that is not an array, or one naming registered parameters is itself invalid. Libraries that ignore "crit" can be made to skip a processing rule the sender relied on.',
    fix: 'Only list extensions your verifiers implement, and verify with a library that enforces "crit".',
  },
  'b64-false': {
    why: 'RFC 7797 lets a JWS sign its payload unencoded, but then the signing input differs from the token text, and a JWT\'s payload must be base64url JSON. Verifiers that do not understand "b64" compute a different signing input, which at best fails and at worst lets two parties read different payloads.',
    fix: 'Do not use "b64": false for JWTs; if you must, it has to be listed in "crit".',
  },
  'embedded-jwk': {
    why: 'A "jwk" header offers a key to verify the token with. An attacker signs a forged token with their own key and embeds the public half; a verifier that trusts the embedded key accepts it. Cisco\'s node-jose did exactly that.',
    fix: 'Ignore "jwk" for trust decisions: verify with keys you configured, or only accept an embedded key whose thumbprint is on your allow-list.',
  },
  'jku-x5u': {
    why: '"jku" and "x5u" are URLs the verifier may fetch keys from. If it follows them, the attacker hosts their own key set and signs anything; it is also a server-side request forgery lever into internal networks (IP addresses, other hosts than the issuer, plain http).',
    fix: 'Fetch keys only from URLs you configured (the issuer\'s jwks_uri), never from the token; if you must honour "jku", match it exactly against an allow-list.',
  },
  'kid-suspicious': {
    why: 'Servers use "kid" to find the key: as a file name, a database key, a cache key. Path traversal ("../../dev/null" gives an empty key), SQL injection ("\' UNION SELECT \'secret"), command injection ("|") and URLs in "kid" have all led to forged tokens or worse.',
    fix: 'Treat "kid" as an opaque string looked up in a fixed map of keys; never build a path, query or command from it.',
  },
  'zip-in-jws': {
    why: 'Compression is defined only for encrypted tokens. In a JWS it means the producer is confused, and a verifier that honours it decompresses attacker data: a "zip bomb" denial of service.',
    fix: 'Remove "zip" from JWS headers; reject tokens that carry it.',
  },
  'pbes2-count': {
    why: 'For password-based encryption the token itself says how many PBKDF2 iterations to run. A count of billions makes a server spend minutes on one token; a count of a few hundred makes the password cheap to guess. Libraries now cap it.',
    fix: 'Cap "p2c" on the receiving side (e.g. at 1,200,000 or lower) and use at least 1,000 iterations, ideally far more, when encrypting.',
  },
  'typ-unexpected': {
    why: 'The same keys often sign ID tokens, access tokens, logout tokens and more. Without an explicit "typ" checked by the verifier, a token of one kind can be replayed where another is expected (cross-JWT confusion).',
    fix: 'Set "typ" ("JWT", "at+jwt" for access tokens, "application/…+jwt" for other kinds) and check it on receipt.',
  },
  'nested-jwt': {
    why: '"cty": "JWT" says the payload is itself a JWT (signed then encrypted, or signed twice). Checking only the outer layer proves nothing about the claims inside.',
    fix: 'Verify every layer, with the keys and algorithms expected for each.',
  },
  'duplicate-member': {
    why: 'JSON with a name twice is not valid for JOSE. Most parsers keep the last value, some the first, some fail. When a gateway and a service disagree, the gateway checks one "alg" or "sub" and the service uses the other.',
    fix: 'Reject JSON with duplicate names (RFC 7515 §4 allows only that or last-wins; be strict).',
  },
  'base64-noncanonical': {
    why: 'Padding, or non-zero bits in the last character, give other spellings of the same bytes. A revocation list or replay cache keyed on the token text sees a new token, while the verifier accepts it as the old one.',
    fix: 'Emit unpadded base64url with zero trailing bits; key denylists on "jti" or the decoded bytes, not the text.',
  },
  'token-wrapped': {
    why: 'The pasted text carried a "Bearer " prefix, quotes or white space, which were stripped before decoding. Code that stores or compares tokens with their wrapping finds no match, and a token in quotes is often a token copied from a log or a JSON file.',
    fix: 'Strip the scheme before handling the token, and keep tokens out of logs.',
  },
  'sensitive-data': {
    why: 'Base64url is an encoding. Anyone who sees the token (browser storage, logs, proxies, referrers) reads every claim. Passwords, secrets, card numbers and private keys must never be put there, and personal data only when every reader may see it.',
    fix: 'Keep only identifiers in the payload and look the rest up server-side, or encrypt the token (JWE).',
  },
  'exp-missing': {
    why: 'Without "exp" a stolen token works forever, unless every server keeps a revocation list. Access tokens must carry "exp" (RFC 9068).',
    fix: 'Always set "exp": minutes for access tokens, hours at most for sessions.',
  },
  'exp-far-future': {
    why: 'A token cannot be taken back once issued. The longer it lives, the longer a leaked copy works. Access tokens should live minutes to hours; longer sessions are better served by refresh tokens that can be revoked.',
    fix: 'Lower the lifetime (e.g. 15 minutes for access tokens) and use refresh tokens for long sessions.',
  },
  'exp-milliseconds': {
    why: 'JavaScript\'s Date.now() returns milliseconds; JWT times are seconds since 1970. A token whose "exp" is in milliseconds is valid for tens of thousands of years, and one whose "nbf" is in milliseconds is never valid.',
    fix: 'Divide by 1000: Math.floor(Date.now() / 1000).',
  },
  'time-not-numeric': {
    why: 'A date as a string ("2030-01-01", "1700000000") is read differently by every library: some convert it, some compare strings with numbers, some skip the check. A verifier that skips it accepts an expired token.',
    fix: 'Write NumericDate values as plain JSON numbers.',
  },
  'iat-future': {
    why: '"iat" after the current time (plus leeway) means the issuer\'s clock is ahead, or someone wrote the claims by hand. PyJWT rejects it (ImmatureSignatureError).',
    fix: 'Synchronise clocks (NTP) and allow a small leeway, a minute or two.',
  },
  'nbf-after-exp': {
    why: 'If "nbf" (or "iat") is not before "exp" there is no moment at which the token may be accepted. It usually means swapped claims or mixed units (one claim in milliseconds).',
    fix: 'Compute nbf, iat and exp from the same clock, in seconds, with exp last.',
  },
  'aud-missing': {
    why: 'Without "aud", every service that trusts the issuer accepts the token, so a token obtained from a low-value service can be replayed at a high-value one.',
    fix: 'Set "aud" to the service the token is for, and have each service check it.',
  },
  'iss-missing': {
    why: 'Without "iss" a verifier that trusts several issuers cannot tell whose keys and rules apply, and cannot reject a token from an unexpected issuer.',
    fix: 'Set "iss" to the issuer\'s URL and check it on receipt.',
  },
  'unprotected-header': {
    why: 'A JWS or JWE JSON serialization may carry header members outside the protected header ("header", "unprotected"). Nothing signs or authenticates them, so anyone on the way can change them without breaking the signature: point "kid" or "jku" at a key they control, swap "alg", drop a "crit" entry, or flip "b64" so the same bytes read as another payload. A verifier that trusts them lets the attacker pick the key or algorithm it checks with.',
    fix: 'Put "alg", "kid", "crit", "b64", "typ" and every key reference ("jku", "jwk", "x5u", "x5c") in the protected header; verifiers should take them only from there, with an allow-list of algorithms.',
  },
  'key-from-link': {
    why: 'Anyone can make a key pair, sign a token that says whatever they like, and send a link that carries both the token and the key. The signature then checks out, but only proves that the token was signed with the key that came with it, which is exactly what a forger would send. The same reasoning makes a token\'s own "jku" or embedded "jwk" worthless as a source of trust.',
    fix: 'Replace the key with one you got from the issuer (its JWKS URL or discovery document), and check again.',
  },
  'x5c-untrusted': {
    why: 'Anyone can make a root, an intermediate and a leaf certificate with any names they like, sign a token with the leaf and put the chain in "x5c". A verifier that takes the key from "x5c" without validating the chain up to a root it already trusts (at the time of use, every signature and validity period) accepts that token as genuine.',
    fix: 'Validate "x5c" up to a configured trust anchor before using its key, or ignore "x5c" and look the key up by "kid" in keys you trust.',
  },
  'header-nonce': {
    why: 'Microsoft Graph access tokens carry a "nonce" in their header; Microsoft signs the token after replacing that nonce with its SHA-256, so the header you see is not the one that was signed. Every other verifier, with the right key, sees "invalid signature". The token is meant for Graph alone: an API of your own should ask for a token with its own audience.',
    fix: 'Do not validate Graph tokens in your code: request an access token for your own API (its own scope and audience) and validate that one.',
  },
  'dpop-private-jwk': {
    why: 'A DPoP proof carries the client\'s public key in its "jwk" header so the server can check the proof. Here that JWK also holds private members ("d" and friends): every server, proxy and log that saw the proof now holds the key, and can make proofs for any request with any access token bound to it.',
    fix: 'Put only the public JWK in the header (export the public key, or drop d, p, q, dp, dq, qi, k), and replace the leaked key pair: tokens bound to it must be revoked.',
  },
  'dpop-iat-stale': {
    why: 'A DPoP proof is made for one request, at one moment. A server accepts it only within a short window around its "iat" (and tracks "jti" within that window), so a proof captured from one request cannot be sent again later. A proof far from the present is either replayed or made by a client whose clock is wrong.',
    fix: 'Make a new proof per request, with "iat" from a correct clock; a server that sends a DPoP-Nonce lets the client follow the server\'s time.',
  },
  'sd-alg-unknown': {
    why: 'The digests in "_sd" and "..." are only as strong as the hash that made them. A name outside the IANA Named Information registry leaves a verifier guessing, and a verifier that falls back to some hash of its own choosing, or to a weak one, lets a holder find a second disclosure with the same digest.',
    fix: 'Issue with "_sd_alg": "sha-256" (the default) or another registered hash, and reject any other name when verifying.',
  },
  'sd-salt-short': {
    why: 'A digest of ["salt", "birthdate", "1940-01-01"] hides the birthdate only while the salt cannot be guessed: with a short salt, whoever sees the issuer JWT (every verifier) hashes each likely value with each salt until a digest matches, and learns claims the holder never disclosed.',
    fix: 'Draw each salt from a secure random generator, 128 bits or more (16 random bytes, base64url-encoded).',
  },
  'sd-disclosure-unmatched': {
    why: 'A disclosure counts only when its digest is in the issuer-signed payload (or in a disclosure that is). One whose digest appears nowhere was added after issuance, by the holder or on the way; a verifier that shows it beside the signed claims accepts a claim nobody vouched for.',
    fix: 'Reject the presentation when any disclosure matches no digest.',
  },
  'sd-digest-duplicate': {
    why: "When a digest appears twice in the payload, or two disclosures hash to one digest, a verifier cannot tell where the disclosed claim belongs, and a holder can make one disclosure land in two places or an issuer's structure be read two ways.",
    fix: 'Reject the presentation when a digest appears more than once.',
  },
  'sd-overwrite': {
    why: 'A verifier that lets a disclosure overwrite a claim the issuer signed in the clear hands the holder that claim: the issuer said "sub": "alice" and the holder discloses "sub": "admin". Names "_sd" and "..." would corrupt the structure the digests rely on.',
    fix: 'Reject the presentation when a disclosed name is already in the object, or is "_sd" or "...".',
  },
  'sd-kb-missing': {
    why: "The issuer bound the credential to the holder's key (cnf), but this presentation carries no key-binding JWT: nothing proves the sender holds that key, so whoever copied the presentation can present it again to any verifier.",
    fix: 'Require a key-binding JWT whenever the issuer JWT has cnf, and check its sd_hash, aud, nonce and iat.',
  },
};
