/**
 * Choosing the JWKS entries to try for a token: the one its `kid` names when
 * it fits, else every entry that fits the algorithm, and in words how the
 * choice was made, since a server matching by kid may choose differently.
 */
import { fail, ok, type Result } from '../errors';
import type { JwsAlgorithm } from '../jws/algorithms';
import { checkFit, keyWords, type KeyPurpose } from './fit';
import type { JwkKey, JwksKey } from './types';

/** Pick the JWKS entries to try for this token: by `kid`, else every entry that fits. */
export function selectFromJwks(
  set: JwksKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
  kid: unknown,
): Result<{ entries: { entry: JwkKey; index: number }[]; how: string }> {
  const all = set.keys.map((entry, index) => ({ entry, index }));
  const fits = all.filter(({ entry }) => checkFit(entry.facts, algorithm, purpose).ok);
  const kids = set.keys.map((k) => k.facts.kid).filter((k): k is string => k !== undefined);
  if (typeof kid === 'string') {
    const byKid = all.filter(({ entry }) => entry.facts.kid === kid);
    if (byKid.length) {
      const fitting = byKid.filter(({ entry }) => checkFit(entry.facts, algorithm, purpose).ok);
      if (!fitting.length) {
        const why = checkFit(byKid[0]!.entry.facts, algorithm, purpose);
        return fail(
          why.ok ? 'ERR_KEY_JWKS_NO_MATCH' : why.error.code,
          `The JWKS key with kid "${kid}" cannot be used: ${why.ok ? '' : why.error.message}`,
        );
      }
      return ok({ entries: fitting, how: `matched kid "${kid}"` });
    }
    if (!fits.length)
      return fail(
        'ERR_KEY_JWKS_NO_MATCH',
        `No key in this JWKS has kid "${kid}"${kids.length ? ` (it has ${kids.map((k) => `"${k}"`).join(', ')})` : ''}, and none fits ${algorithm.alg}.`,
      );
    return ok({
      entries: fits,
      how: `no key has kid "${kid}": a server matching by kid would reject this token; tried the ${fits.length} key${fits.length === 1 ? '' : 's'} that fit ${algorithm.alg}`,
    });
  }
  if (!fits.length) {
    const have = set.keys.map((k) => keyWords(k.facts)).join('; ');
    return fail(
      'ERR_KEY_JWKS_NO_MATCH',
      `None of the ${set.keys.length} keys in this JWKS fits ${algorithm.alg} (they are: ${have}).`,
    );
  }
  const how =
    fits.length === 1
      ? `the only key that fits ${algorithm.alg} (the token has no kid)`
      : `the token has no kid: tried the ${fits.length} keys that fit ${algorithm.alg}`;
  return ok({ entries: fits, how });
}
