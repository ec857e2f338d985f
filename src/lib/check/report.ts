/** The report `Checker.check` builds: every field in one order, the editors from the decoding. */
import type { Result } from '../errors';
import type { DecodedToken } from '../jws/decode';
import type { Decoding } from './decoding';
import type { EditorTexts, Report, Settings, TokenInput, TokenView } from './types';

export class CheckReport implements Report {
  view: TokenView | undefined;
  notes: string[];
  jws: Report['jws'] = undefined;
  jwe: Report['jwe'] = undefined;
  signatures: Report['signatures'] = undefined;
  claims: Report['claims'] = undefined;
  findings: Report['findings'] = undefined;
  outcomes: Report['outcomes'] = undefined;
  error: Report['error'] = undefined;
  chain: Report['chain'] = undefined;
  sdJwt: Report['sdJwt'] = undefined;
  found: Report['found'];
  wantsFinder: boolean;
  profile: Report['profile'] = undefined;
  wantsProfiles = false;
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
