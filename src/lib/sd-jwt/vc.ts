/**
 * SD-JWT VC (draft-ietf-oauth-sd-jwt-vc): a credential's type (`vct`) and
 * where its revocation status is published (`status.status_list`, the Token
 * Status List draft). The page shows the reference and fetches nothing: a
 * status list is fetched only when a person asks.
 */
import type { JsonObject } from '../jws/decode';

/** What the page says of an SD-JWT VC. */
export interface VcFacts {
  /** The credential type, e.g. `urn:eudi:pid:de:1`. */
  vct: string;
  /** The header's `typ` (`dc+sd-jwt`; `vc+sd-jwt` before draft 09). */
  typ?: string;
  /** The status list entry, when the credential has one. */
  statusList?: { uri: string; idx: number };
  /** What is wrong with `typ`, `vct` or `status`, in sentences. */
  problems: string[];
}

const TYPES = new Set(['dc+sd-jwt', 'vc+sd-jwt']);

/** The VC facts of processed claims with a `vct`; undefined for a plain SD-JWT. */
export function vcFacts(header: JsonObject, claims: JsonObject): VcFacts | undefined {
  const vct = claims['vct'];
  const typ = typeof header['typ'] === 'string' ? header['typ'] : undefined;
  if (vct === undefined && (typ === undefined || !TYPES.has(typ))) return undefined;
  const problems: string[] = [];
  if (typeof vct !== 'string' || vct === '')
    problems.push(
      '"vct" (the credential type) is missing or not a string: an SD-JWT VC must name its type.',
    );
  if (typ !== undefined && !TYPES.has(typ))
    problems.push(
      `The header's "typ" is "${typ}", not "dc+sd-jwt": a verifier expecting an SD-JWT VC may refuse it.`,
    );
  const facts: VcFacts = { vct: typeof vct === 'string' ? vct : '', problems };
  if (typ !== undefined) facts.typ = typ;
  const status = claims['status'];
  if (status !== undefined) {
    const list =
      status !== null && typeof status === 'object'
        ? (status as JsonObject)['status_list']
        : undefined;
    const entry = list !== null && typeof list === 'object' ? (list as JsonObject) : undefined;
    if (entry && typeof entry['uri'] === 'string' && Number.isInteger(entry['idx']))
      facts.statusList = { uri: entry['uri'], idx: entry['idx'] as number };
    else
      problems.push(
        '"status" has no "status_list" with a string "uri" and an integer "idx": its revocation status cannot be looked up.',
      );
  }
  return facts;
}
