/** The shapes shared by the finding detectors. */
import type { DecodedToken } from '../jws/decode';
import type { DecodedJoseJson } from '../jws/json-read';
import type { Result } from '../errors';
import type { ParsedKey } from '../keys/types';
import type { SecretEncoding } from '../keys/secret';
import type { FindingId, Severity } from './catalogue';

/** Where in the token a finding points, so the page can mark it. */
export interface FindingLocation {
  part: 'header' | 'payload' | 'signature' | 'token';
  /** A top-level member of the header or payload. */
  member?: string;
}

/** One finding about this token, key and settings. */
export interface Finding {
  id: FindingId;
  severity: Severity;
  /** What was found in this token, e.g. `"kid" contains '../'`. */
  message: string;
  location?: FindingLocation;
}

/** Everything the checks look at. */
export interface FindingsInput {
  decoded: DecodedToken;
  /** The key box's text; parsed here when `parsedKey` is not given. */
  keyText?: string;
  parsedKey?: Result<ParsedKey>;
  secretEncoding?: SecretEncoding;
  /** Seconds since the epoch. */
  now: number;
  /** Clock-skew tolerance in seconds. */
  leeway?: number;
  /** The large list of well-known secrets, once it has loaded (lower case). */
  weakSecrets?: ReadonlySet<string>;
  /** Where the key box's text came from: `link` when a link the page opened set it. */
  keyFrom?: 'person' | 'sample' | 'page' | 'link';
  /** The signature's status once checked (findings about a verified key need it). */
  signatureStatus?: string;
  /** The x5c chain's verdict at the judged moment, and whether the token's header or a JWK carries it. */
  chain?: { status: 'trusted' | 'untrusted' | 'expired' | 'invalid'; from: 'header' | 'jwk' };
  /** The JSON serialization `decoded` was read from, when the token came as one. */
  json?: DecodedJoseJson;
  /** `crit` extension names the verifier understands (`b64`, RFC 7797, by default). */
  understoodCrit?: readonly string[];
}

/** A detector: pure, synchronous, cheap. */
export type Detector = (input: FindingsInput, key: ParsedKey | undefined) => Finding[];
