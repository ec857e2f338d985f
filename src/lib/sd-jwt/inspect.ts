/**
 * An SD-JWT presentation read whole: every disclosure decoded and hashed,
 * the claims processed, the key-binding JWT checked as far as crypto goes.
 * {@link inspectSdJwt} is the asynchronous part (WebCrypto digests and
 * signatures); {@link judgeSdJwt} adds what depends on the person's
 * expectations, so a keystroke in `expected-nonce` hashes nothing again.
 */
import type { JsonObject } from '../jws/decode';
import type { KeyResolver } from '../keys/resolve';
import { decodeDisclosure, digestOf, saltBits, sdHashOf, type Disclosure } from './disclosure';
import {
  judgeKeyBinding,
  keyBindingFacts,
  type KbExpectations,
  type KbFacts,
  type KbVerdict,
} from './key-binding';
import { processDisclosures, type DigestedDisclosure, type SdProblem } from './process';
import type { SdJwtParts } from './split';
import { vcFacts, type VcFacts } from './vc';

/** The page's `disclosure-<n>` `data-status` values. */
export type DisclosureStatus = 'matched' | 'unmatched' | 'malformed';

/** One disclosure as the page lists it. */
export interface DisclosureRow {
  n: number;
  status: DisclosureStatus;
  /** The claim name; undefined for an array element or a malformed disclosure. */
  name?: string;
  value?: unknown;
  salt?: string;
  digest?: string;
  /** Where it landed (`address.street_address`, `nationalities[0]`). */
  path?: string;
  /** Why it is unmatched or malformed. */
  message?: string;
}

/** Everything about a presentation that needs no expectations of the person's. */
export interface SdJwtFacts {
  /** The `_sd_alg` name (default `sha-256`). */
  hash: string;
  disclosures: DisclosureRow[];
  /** The claims a verifier sees; undefined when `_sd_alg` cannot be computed here. */
  claims?: JsonObject;
  decoys: number;
  problems: SdProblem[];
  /** Salts of fewer than 128 bits, by disclosure number. */
  shortSalts: number[];
  kb: KbFacts;
  /** The issuer JWT binds a holder key (`cnf`). */
  bound: boolean;
  /** For an SD-JWT VC: its type and status list reference. */
  vc?: VcFacts;
}

/** The facts with the key-binding verdict for the person's expectations. */
export interface SdJwtView extends SdJwtFacts {
  kbVerdict: KbVerdict;
}

/** Read a presentation whose issuer JWT's payload is `payload`. */
export async function inspectSdJwt(
  parts: SdJwtParts,
  payload: JsonObject,
  resolver: KeyResolver,
  header: JsonObject = {},
): Promise<SdJwtFacts> {
  const rows: DisclosureRow[] = [];
  const decoded: Disclosure[] = [];
  const problems: SdProblem[] = [];
  parts.disclosures.forEach((text, i) => {
    const d = decodeDisclosure(text, i + 1);
    if (d.ok) decoded.push(d.value);
    else {
      rows[i] = { n: i + 1, status: 'malformed', message: d.error.message };
      problems.push({ code: d.error.code, message: d.error.message, disclosure: i + 1 });
    }
  });
  const hash = sdHashOf(payload);
  const hashName = typeof payload['_sd_alg'] === 'string' ? payload['_sd_alg'] : 'sha-256';
  const shortSalts = decoded.filter((d) => saltBits(d.salt) < 128).map((d) => d.n);
  const bound = payload['cnf'] !== null && typeof payload['cnf'] === 'object';
  if (!hash.ok) {
    problems.unshift({ code: hash.error.code, message: hash.error.message });
    for (const d of decoded)
      rows[d.n - 1] = { ...rowOf(d), status: 'unmatched', message: hash.error.message };
    const kb: KbFacts = { status: 'key-error', message: hash.error.message, failures: [] };
    return { hash: hashName, disclosures: rows, decoys: 0, problems, shortSalts, kb, bound };
  }
  const digested: DigestedDisclosure[] = [];
  for (const d of decoded)
    digested.push({ ...d, digest: await digestOf(d.text, hash.value.webCrypto) });
  const processed = processDisclosures(payload, digested);
  problems.push(...processed.problems);
  for (const d of digested) {
    const path = processed.placements.get(d.n)?.path;
    const problem = processed.problems.find((p) => p.disclosure === d.n);
    rows[d.n - 1] = {
      ...rowOf(d),
      digest: d.digest,
      status: path !== undefined ? 'matched' : 'unmatched',
      ...(path !== undefined ? { path } : {}),
      ...(problem ? { message: problem.message } : {}),
    };
  }
  const kb = await keyBindingFacts(
    parts.kbJwt,
    parts.presentation,
    payload,
    hash.value.webCrypto,
    resolver,
  );
  const vc = vcFacts(header, processed.claims);
  return {
    ...(vc ? { vc } : {}),
    hash: hashName,
    disclosures: rows,
    claims: processed.claims,
    decoys: processed.decoys,
    problems,
    shortSalts,
    kb,
    bound,
  };
}

/** The facts judged against what the person expects of the key-binding JWT. */
export function judgeSdJwt(facts: SdJwtFacts, expect: KbExpectations): SdJwtView {
  return { ...facts, kbVerdict: judgeKeyBinding(facts.kb, expect) };
}

function rowOf(d: Disclosure): DisclosureRow {
  return {
    n: d.n,
    status: 'unmatched',
    salt: d.salt,
    value: d.value,
    ...(d.name !== undefined ? { name: d.name } : {}),
  };
}
