/**
 * Applying the disclosures to the issuer-signed payload, as a verifier does
 * (RFC 9901 §7.1 step 3 onward): each `_sd` digest of an object that matches
 * a disclosure adds its claim, each `{"...": digest}` array element that
 * matches is replaced by its value, recursively into disclosed values; what
 * matches nothing is a decoy and goes. Every rule the RFC says rejects a
 * presentation is reported with its code instead of stopping, so the page can
 * show all of them at once.
 */
import type { ErrorCode } from '../errors';
import type { Disclosure } from './disclosure';

/** A disclosure with its digest. */
export interface DigestedDisclosure extends Disclosure {
  digest: string;
}

/** One rule of RFC 9901 §7.1 the presentation breaks. */
export interface SdProblem {
  code: ErrorCode;
  message: string;
  /** The disclosure at fault, from 1. */
  disclosure?: number;
}

/** Where a disclosure landed. */
export interface Placement {
  /** Where in the claims: `address.street_address`, `nationalities[1]`; undefined when unmatched. */
  path?: string;
}

/** The claims a verifier sees, and what was found on the way. */
export interface Processed {
  claims: Record<string, unknown>;
  /** By disclosure number. */
  placements: Map<number, Placement>;
  /** Digests in the payload (or in disclosed values) that no disclosure matched. */
  decoys: number;
  problems: SdProblem[];
}

/** How deep the claims and disclosures may nest before processing stops (a hostile token could recurse forever). */
const MAX_DEPTH = 200;

/** Process `payload` with the given disclosures (digests already computed). */
export function processDisclosures(
  payload: Record<string, unknown>,
  disclosures: readonly DigestedDisclosure[],
): Processed {
  const byDigest = new Map<string, DigestedDisclosure>();
  const problems: SdProblem[] = [];
  for (const d of disclosures) {
    const twin = byDigest.get(d.digest);
    if (twin)
      problems.push({
        code: 'ERR_SD_DIGEST_DUPLICATE',
        message: `Disclosures ${twin.n} and ${d.n} have the same digest: a presentation may carry each disclosure once (RFC 9901 §7.1).`,
        disclosure: d.n,
      });
    else byDigest.set(d.digest, d);
  }
  const placements = new Map<number, Placement>();
  const seen = new Set<string>();
  let decoys = 0;

  /** A digest found in the payload: the disclosure it names, once. */
  const take = (digest: unknown, where: string): DigestedDisclosure | undefined => {
    if (typeof digest !== 'string') {
      problems.push({
        code: 'ERR_SD_NOT_ARRAY',
        message: `A digest in ${where} is ${JSON.stringify(digest)}, not a string.`,
      });
      return undefined;
    }
    if (seen.has(digest)) {
      problems.push({
        code: 'ERR_SD_DIGEST_DUPLICATE',
        message: `The digest ${digest} appears more than once in the payload and disclosures (${where}): a verifier must reject it (RFC 9901 §7.1).`,
      });
      return undefined;
    }
    seen.add(digest);
    const d = byDigest.get(digest);
    if (!d) decoys++;
    return d;
  };

  const walk = (value: unknown, path: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      problems.push({
        code: 'ERR_SD_TOO_DEEP',
        message: `The claims and disclosures nest more than ${MAX_DEPTH} levels deep at ${path || 'the top'}; processing stopped there.`,
      });
      return value;
    }
    if (Array.isArray(value)) return walkArray(value, path, depth);
    if (value !== null && typeof value === 'object')
      return walkObject(value as Record<string, unknown>, path, depth);
    return value;
  };

  const walkArray = (array: unknown[], path: string, depth: number): unknown[] => {
    const out: unknown[] = [];
    for (const element of array) {
      const here = `${path}[${out.length}]`;
      if (
        element !== null &&
        typeof element === 'object' &&
        !Array.isArray(element) &&
        '...' in element
      ) {
        if (Object.keys(element).length !== 1) {
          problems.push({
            code: 'ERR_SD_ELLIPSIS_MISUSE',
            message: `The array element ${here} has "..." beside other members: an element digest is an object with "..." alone (RFC 9901 §4.2.4.2).`,
          });
          out.push(walk(element, here, depth + 1));
          continue;
        }
        const d = take((element as Record<string, unknown>)['...'], here);
        if (!d) continue;
        if (d.name !== undefined) {
          problems.push({
            code: 'ERR_SD_WRONG_KIND',
            message: `Disclosure ${d.n} is a claim ("${d.name}") but its digest stands in an array (${here}), where only [salt, value] disclosures belong (RFC 9901 §7.1).`,
            disclosure: d.n,
          });
          continue;
        }
        placements.set(d.n, { path: here });
        out.push(walk(d.value, here, depth + 1));
        continue;
      }
      out.push(walk(element, here, depth + 1));
    }
    return out;
  };

  const walkObject = (object: Record<string, unknown>, path: string, depth: number) => {
    const out: Record<string, unknown> = {};
    const prefix = path ? `${path}.` : '';
    for (const [name, value] of Object.entries(object)) {
      if (name === '_sd' || (name === '_sd_alg' && path === '')) continue;
      if (name === '...')
        problems.push({
          code: 'ERR_SD_ELLIPSIS_MISUSE',
          message: `The object ${path || 'at the top'} has a "..." member: "..." belongs only in an array element of its own (RFC 9901 §4.2.4.2).`,
        });
      out[name] = walk(value, prefix + name, depth + 1);
    }
    const digests = object['_sd'];
    if (digests === undefined) return out;
    if (!Array.isArray(digests)) {
      problems.push({
        code: 'ERR_SD_NOT_ARRAY',
        message: `"_sd" ${path ? `in ${path} ` : ''}is ${JSON.stringify(digests)?.slice(0, 40)}, not an array of digests (RFC 9901 §4.2.4.1).`,
      });
      return out;
    }
    for (const digest of digests) {
      const d = take(digest, `${prefix}_sd`);
      if (!d) continue;
      if (d.name === undefined) {
        problems.push({
          code: 'ERR_SD_WRONG_KIND',
          message: `Disclosure ${d.n} is an array element but its digest stands in "_sd" of ${path || 'the payload'}, where only [salt, name, value] disclosures belong (RFC 9901 §7.1).`,
          disclosure: d.n,
        });
        continue;
      }
      if (d.name === '_sd' || d.name === '...') {
        problems.push({
          code: 'ERR_SD_RESERVED_NAME',
          message: `Disclosure ${d.n} names the claim "${d.name}", which SD-JWT reserves: a verifier must reject it (RFC 9901 §7.1).`,
          disclosure: d.n,
        });
        continue;
      }
      if (Object.hasOwn(out, d.name)) {
        problems.push({
          code: 'ERR_SD_OVERWRITE',
          message: `Disclosure ${d.n} would set "${d.name}" of ${path || 'the payload'}, which is already a claim there: a verifier must reject it rather than overwrite (RFC 9901 §7.1).`,
          disclosure: d.n,
        });
        continue;
      }
      placements.set(d.n, { path: prefix + d.name });
      out[d.name] = walk(d.value, prefix + d.name, depth + 1);
    }
    return out;
  };

  const claims = walkObject(payload, '', 0);
  for (const d of disclosures)
    if (!placements.has(d.n) && !problems.some((p) => p.disclosure === d.n))
      problems.push({
        code: 'ERR_SD_DISCLOSURE_UNMATCHED',
        message: `Disclosure ${d.n} (${d.name === undefined ? 'an array element' : `"${d.name}"`}) matches no digest in the payload: the issuer never signed it, and a verifier must reject the presentation (RFC 9901 §7.1).`,
        disclosure: d.n,
      });
  return { claims, placements, decoys, problems };
}
