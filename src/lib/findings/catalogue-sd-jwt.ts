/**
 * The catalogue's SD-JWT rows (RFC 9901), kept apart from catalogue.ts so
 * that file stays readable; ids, severities and references follow
 * ../shared/security-checks.md.
 */
import type { Check } from './catalogue';

const rfc9901 = (section: string) => ({
  label: `RFC 9901 §${section}`,
  url: `https://www.rfc-editor.org/rfc/rfc9901#section-${section}`,
});

/** The SD-JWT checks, in the order of security-checks.md. */
export const SD_JWT_CHECKS = [
  {
    id: 'sd-alg-unknown',
    severity: 'high',
    title: 'Unknown _sd_alg',
    lesson: 'A verifier cannot match disclosures, or matches them with a weak hash.',
    why: 'The digests in "_sd" and "..." are only as strong as the hash that made them. A name outside the IANA Named Information registry leaves a verifier guessing, and a verifier that falls back to some hash of its own choosing, or to a weak one, lets a holder find a second disclosure with the same digest.',
    fix: 'Issue with "_sd_alg": "sha-256" (the default) or another registered hash, and reject any other name when verifying.',
    references: [rfc9901('4.1.1')],
  },
  {
    id: 'sd-salt-short',
    severity: 'medium',
    title: 'Short disclosure salt',
    lesson: 'Guessable salts let anyone test values against the digests.',
    why: 'A digest of ["salt", "birthdate", "1940-01-01"] hides the birthdate only while the salt cannot be guessed: with a short salt, whoever sees the issuer JWT (every verifier) hashes each likely value with each salt until a digest matches, and learns claims the holder never disclosed.',
    fix: 'Draw each salt from a secure random generator, 128 bits or more (16 random bytes, base64url-encoded).',
    references: [rfc9901('9.3')],
  },
  {
    id: 'sd-disclosure-unmatched',
    severity: 'medium',
    title: 'Disclosure the issuer never signed',
    lesson: 'A holder sent something the issuer never signed.',
    why: 'A disclosure counts only when its digest is in the issuer-signed payload (or in a disclosure that is). One whose digest appears nowhere was added after issuance, by the holder or on the way; a verifier that shows it beside the signed claims accepts a claim nobody vouched for.',
    fix: 'Reject the presentation when any disclosure matches no digest.',
    references: [rfc9901('7.1')],
  },
  {
    id: 'sd-digest-duplicate',
    severity: 'high',
    title: 'Duplicate digest',
    lesson: 'A digest may appear once: twice means two claims could claim one disclosure.',
    why: "When a digest appears twice in the payload, or two disclosures hash to one digest, a verifier cannot tell where the disclosed claim belongs, and a holder can make one disclosure land in two places or an issuer's structure be read two ways.",
    fix: 'Reject the presentation when a digest appears more than once.',
    references: [rfc9901('7.1')],
  },
  {
    id: 'sd-overwrite',
    severity: 'high',
    title: 'Disclosure overwrites a claim',
    lesson: 'A disclosed claim may not replace a plain claim, nor be named "_sd" or "...".',
    why: 'A verifier that lets a disclosure overwrite a claim the issuer signed in the clear hands the holder that claim: the issuer said "sub": "alice" and the holder discloses "sub": "admin". Names "_sd" and "..." would corrupt the structure the digests rely on.',
    fix: 'Reject the presentation when a disclosed name is already in the object, or is "_sd" or "...".',
    references: [rfc9901('7.1')],
  },
  {
    id: 'sd-kb-missing',
    severity: 'medium',
    title: 'Key binding missing',
    lesson: 'A stolen presentation can be replayed.',
    why: "The issuer bound the credential to the holder's key (cnf), but this presentation carries no key-binding JWT: nothing proves the sender holds that key, so whoever copied the presentation can present it again to any verifier.",
    fix: 'Require a key-binding JWT whenever the issuer JWT has cnf, and check its sd_hash, aud, nonce and iat.',
    references: [rfc9901('4.3'), rfc9901('9.5')],
  },
] as const satisfies readonly Check[];
