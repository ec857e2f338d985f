/**
 * The shapes of the engine's one pipeline: what goes in (the pasted text, the
 * settings, the keys) and what comes out (the report the page shows). A new
 * token form is one more case of {@link TokenView}, read by a module of its own.
 */
import type { LabError, Result } from '../errors';
import type { ClaimsReport } from '../claims/check-claims';
import type { DecodedJwe, DecodedJws, DecodedToken } from '../jws/decode';
import type { SignatureVerdict } from '../jws/verify';
import type { ParsedKey } from '../keys/parse';
import type { SecretEncoding } from '../keys/secret';
import type { JweView } from '../jwe/open';
import type { DecodedJwsJson } from '../jws/json-decode';
import type { JwsJsonSignatureVerdict } from '../jws/json-verify';
import type { DecodedJweJson } from '../jwe/json-decode';
import type { Finding } from '../findings/types';
import type { LibraryOutcome } from '../explain/library-outcome';
import type * as FindingsModule from '../findings';
import type * as OutcomesModule from '../explain/outcomes';
import type * as PemModule from '../keys/pem';
import type * as JsonDecodingModule from './json-decoding';
import type * as FindModule from '../find';
import type { FoundToken } from '../find/types';
import type { ChainFacts, ChainVerdict } from '../keys/x509/judge';
import type { SdJwtParts } from '../sd-jwt/split';
import type * as SdJwtModule from '../sd-jwt';
import type { SdJwtFacts, SdJwtView } from '../sd-jwt/inspect';
import type * as ProfilesModule from '../profiles';
import type { ProfileFacts, ProfileReport } from './profile';

/** The settings a server is configured with, cleaned: what claims are judged against. */
export interface Settings {
  /** The judged moment, seconds since 1970: the clock override or the page's now. */
  now: number;
  /** Seconds of clock skew tolerated, 0 or more. */
  leeway: number;
  expectedIssuer: string;
  expectedAudience: string;
  requiredClaims: readonly string[];
  /** The nonce an ID token, DPoP proof or key-binding JWT must carry (empty = not checked). */
  expectedNonce?: string;
  /** True when `now` is a moment the person chose (time travel), not the clock. */
  timeTravel: boolean;
  /** The algorithms the server allows; by default those that fit the key. */
  algorithms?: readonly string[];
}

/** The settings as the person typed them (see `judgeSettings`). */
export interface RawSettings {
  /** The page's clock, seconds since 1970. */
  clock: number;
  /** The time-travel field: empty = now, ISO 8601 or a NumericDate. */
  clockText: string;
  leeway: number | string;
  expectedIssuer: string;
  expectedAudience: string;
  /** Claim names separated by commas or spaces. */
  requiredClaimsText: string;
  /** The nonce an ID token, DPoP proof or key-binding JWT must carry (empty = not checked). */
  expectedNonce?: string;
}

/** Who put a text where it is: it decides whose key may judge whose token. */
export type Origin = 'person' | 'sample' | 'page' | 'link';

/** The key editors and where their text came from. */
export interface KeyInput {
  text: string;
  encoding: SecretEncoding;
  /** A nested JWT's inner signing key (JWE with a JWS inside). */
  innerText: string;
  /** `sample`: the untouched demo key; `person`: typed, generated, fetched or loaded. */
  from: Origin;
  /** The trust-anchors editor: PEM CERTIFICATE blocks an x5c chain must reach (empty = none). */
  anchors?: string;
  /**
   * The last token the demo key signed (the sample, or the page's re-signs of
   * it): the demo key judges only that token and edits of it.
   */
  sampleToken?: string;
}

/** The token editor's text and where it came from. */
export interface TokenInput {
  text: string;
  /** `page`: written by the page when it re-signed an edit. */
  from: Origin;
  /** When the text holds several tokens: which one to decode (from 0; default the first). */
  chosen?: number;
  /** The payload of a detached JWS (`header..signature`), from `detached-payload`. */
  detachedPayload?: string;
  /** What a token profile is checked against: a DPoP proof's request, an ID token's access token … */
  profile?: ProfileInput;
}

/** The texts the person types for the token profiles (empty = not checked). */
export interface ProfileInput {
  /** The HTTP method and URL a DPoP proof's `htm` and `htu` must match. */
  dpopMethod: string;
  dpopUrl: string;
  /** The access token a DPoP proof's `ath` must hash (and whose `cnf.jkt` binds its key). */
  dpopAccessToken: string;
  /** What an ID token's `at_hash`, `c_hash` and `s_hash` must hash. */
  oidcAccessToken: string;
  oidcCode: string;
  oidcState: string;
}

/** The tokens found inside a pasted text that is not itself a token. */
export interface FoundReport {
  /** Every token found, in order of appearance (see `findTokens`). */
  tokens: FoundToken[];
  /** The index of the one decoded. */
  chosen: number;
  /** How many more the finder found and left out of `tokens`. */
  truncated: number;
  /** Where the chosen token came from, in a sentence: "The token was found in the Cookie header …". */
  note: string;
  /**
   * Where the chosen token starts in the pasted text, when it stands there as
   * written: the decoded segments and error positions are moved by it. Absent
   * for a token that was rejoined or decoded out of its container (then its
   * positions are within the token's own text).
   */
  at?: number;
}

/** The forms a pasted text can decode to; `form` is the contract's `token-form` value. */
export type TokenView =
  | { form: 'compact-jws'; token: DecodedJws }
  | { form: 'compact-jwe'; token: DecodedJwe }
  /** A JWS JSON serialization; `shown`: the compact token one of its signatures equals. */
  | { form: 'json-jws-flattened' | 'json-jws-general'; token: DecodedJwsJson; shown?: DecodedJws }
  /** A JWE JSON serialization; `shown`: the compact token its first recipient equals. */
  | { form: 'json-jwe'; token: DecodedJweJson; shown?: DecodedJwe }

  /** An SD-JWT (RFC 9901): `token` is its issuer-signed JWT; `sd-jwt-kb` ends with a key-binding JWT. */
  | { form: 'sd-jwt' | 'sd-jwt-kb'; token: DecodedJws; parts: SdJwtParts };

/** What the header and payload editors show for this text, as far as it decodes. */
export interface EditorTexts {
  header: string;
  payload: string;
  /** Why an editor is empty, or what it holds, when the token did not decode whole. */
  note?: string;
}

/** The asynchronous verdicts: the signature, and for a JWE what decryption gave. */
export interface Verdicts {
  /** Which inputs these verdicts are for (see `Report.verifyId`). */
  id: string;
  signature: SignatureVerdict;
  jwe?: JweView;
  /** What the x5c chain check found (keys/x509), before the clock is applied. */
  chain?: ChainFacts;
  /** The signature was checked with the chain's leaf key (no key of the person's). */
  chainKey?: boolean;
  /** For an SD-JWT: the engine (loaded on demand) and what it read of the presentation. */
  sdJwt?: { engine: typeof SdJwtModule; facts: SdJwtFacts };
  /** For a JWS JSON serialization: one verdict per signature, in the token's order. */
  signatures?: JwsJsonSignatureVerdict[];
  /** The crypto a token profile's rules compare with (a DPoP proof's own-key signature, hashes). */
  profile?: ProfileFacts;
}

/** A verdict while the asynchronous check is running. */
export interface Checking {
  status: 'checking';
  message: string;
}

/** The JWE verdict while it decrypts: shaped like a view with nothing in it yet. */
export interface JweChecking extends Checking {
  notes: string[];
  claims?: undefined;
  inner?: undefined;
  payloadText?: undefined;
}

/** Modules loaded on demand that the report uses once they are here. */
export interface CheckTools {
  /** The PEM reader: until it is here a PEM key reads as still loading. */
  pem?: typeof PemModule;
  findings?: typeof FindingsModule;
  weakSecrets?: ReadonlySet<string>;
  outcomes?: typeof OutcomesModule;
  /** The token finder: until it is here a text that is not a token reads as its decode error. */
  finder?: typeof FindModule;
  /** The JSON serialization reader, loaded with the finder (both read texts that are not compact tokens). */
  forms?: typeof JsonDecodingModule;
  /** The token profiles' rules (DPoP, OpenID Connect): until here, `wantsProfiles` asks for them. */
  profiles?: typeof ProfilesModule;
}

/** Everything the page shows for one pasted text, settings and keys. */
export interface Report {
  input: TokenInput;
  settings: Settings;
  decoded: Result<DecodedToken>;
  /** The decoded token by form; undefined when the text does not decode. */
  view?: TokenView;
  /** The JWS whose claims and findings the page shows (a nested JWE's inner JWS once opened). */
  jws?: DecodedJws;
  editors: EditorTexts;
  /** What the engine did to the text on the way ("the `Bearer ` prefix was stripped"). */
  notes: string[];
  parsedKey: Result<ParsedKey>;
  /** The inputs the signature verdict depends on; a settled verdict with another id is stale. */
  verifyId: string;
  /** The signature verdict: known at once (malformed, unsigned, needs-key …) or after `verify`. */
  signature: SignatureVerdict | Checking;
  /** For a JWE: the decryption's view, or `checking` while it decrypts. */
  jwe?: JweView | JweChecking;
  /** For a JWS JSON serialization, once checked: one verdict per signature. */
  signatures?: JwsJsonSignatureVerdict[];
  claims?: ClaimsReport;
  /** undefined until the findings engine has loaded. */
  findings?: Finding[];
  /** undefined while the signature is being checked, for a JWE, or until loaded. */
  outcomes?: LibraryOutcome[];
  /** A decode error, for `decode-error`. */
  error?: LabError;
  /** The x5c chain's verdict at the judged moment (`chain-status`), when the token or JWK has x5c. */
  chain?: ChainVerdict | Checking;
  /** When the token was found inside a larger text: every token found, and which one is shown. */
  found?: FoundReport;
  /** For an SD-JWT: its disclosures, processed claims and key-binding verdict, or `checking`. */
  sdJwt?: SdJwtView | Checking;
  /** The text is not a token and the finder is needed to look inside it: load `tools.finder`. */
  wantsFinder: boolean;
  /** A DPoP proof's checks, or an ID or logout token's rows (also merged into `claims`). */
  profile?: ProfileReport;
  /** The token is a profile's and its rules have not loaded: load `tools.profiles`. */
  wantsProfiles?: boolean;
}
