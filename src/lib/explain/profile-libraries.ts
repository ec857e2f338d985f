/**
 * What well-known libraries do with a token of a profile (an SD-JWT, a DPoP
 * proof), beside the table of what PyJWT, jose and jsonwebtoken answer for
 * the JWT itself. Only what was run here is stated as an outcome; the rest
 * says "not checked" rather than guess. Loaded only for such a token.
 */

import type { LibraryProfile } from './library-profile';

/** One library and what it does with the profile. */
export interface ProfileLibraryNote {
  library: string;
  /** True when the statement was checked by running the library here (with how). */
  checked: boolean;
  says: string;
}

export const PROFILE_LIBRARIES: Record<
  LibraryProfile,
  { title: string; notes: ProfileLibraryNote[] }
> = {
  'sd-jwt': {
    title: 'SD-JWT libraries (RFC 9901)',
    notes: [
      {
        library: 'PyJWT, jose, jsonwebtoken',
        checked: true,
        says: 'They read compact JWTs: given only the issuer JWT (the text before the first "~") they judge its signature and claims as the table above does, and they neither hash nor apply disclosures nor check a key-binding JWT. Given the whole SD-JWT they refuse it (RFC 9901 §5.1 and §5.2, run here): jose with ERR_JWS_INVALID or ERR_JWT_INVALID, jsonwebtoken with "invalid token" or, with a key-binding JWT, "jwt malformed", and PyJWT 2.6 with InvalidSignatureError (its base64 decoder skips the "~", so the disclosures become signature bytes) or DecodeError.',
      },
      {
        library: 'sd-jwt-js (@sd-jwt/core 0.19)',
        checked: true,
        says: 'Verifies the SD-JWTs and presentations this page issues (sha-256, sha-384 and sha-512, with key binding), and this page reads the ones it issues: run both ways by scripts/sd-jwt-library-vectors.mjs. For a pasted SD-JWT from elsewhere: not checked.',
      },
      {
        library: 'sd-jwt-python, authlib',
        checked: false,
        says: 'Not checked.',
      },
    ],
  },
  dpop: {
    title: 'DPoP proofs (RFC 9449)',
    notes: [
      {
        library: 'jose 6 (jwtVerify with EmbeddedJWK)',
        checked: true,
        says: 'Verifies the proof with its own "jwk" header, refuses a private key there, and checks "typ" and the age of "iat"; "htm", "htu", "ath", "cnf.jkt" and "jti" are the server\'s own checks. The DPoP panel\'s code does all of them, and a unit test runs it on the DPoP lesson\'s proofs.',
      },
      {
        library: 'PyJWT, jsonwebtoken',
        checked: false,
        says: 'No DPoP checks of their own: a server using them must write every check above. Not checked.',
      },
    ],
  },
};
