/**
 * Choosing the JWKS entries to try for a token: the one its `kid` names when
 * it fits, else every entry that fits the algorithm, and in words how the
 * choice was made, since a server matching by kid may choose differently.
 */
import { fail, ok, type Result } from '../errors';
import type { JwsAlgorithm } from '../jws/algorithms';
import { checkFit, fitChecker, keyWords, type KeyPurpose } from './fit';
import type { JwkKey, JwksKey } from './types';

/**
 * The most entries tried when no `kid` picks one: a JWKS of thousands of keys
 * must not make every keystroke import and try thousands of keys.
 */
export const MAX_KEYS_TRIED = 32;

/** The set in words, for messages: "this JWKS", "this key map", "these PEM blocks". */
export function setWords(set: JwksKey): string {
  return set.from === 'pem-map'
    ? 'this key map'
    : set.from === 'pem-blocks'
      ? 'these PEM blocks'
      : 'this JWKS';
}

/** One entry of the set in words, naming its kid: `JWKS key 2 of 3, kid "b"`. */
export function entryName(set: JwksKey, index: number): string {
  const entry = set.keys[index]!;
  const kid = entry.facts.kid !== undefined ? `, kid "${entry.facts.kid}"` : '';
  if (entry.label) return `${entry.label}${set.from === 'pem-map' ? '' : kid}`;
  return `JWKS key ${index + 1} of ${set.keys.length}${kid}`;
}

/** Up to `n` names, and how many more there are. */
function some(names: string[], separator = ', ', n = 8): string {
  const shown = names.slice(0, n).join(separator);
  return names.length > n ? `${shown} and ${names.length - n} more` : shown;
}

/** The first {@link MAX_KEYS_TRIED} of `fits`, and words for what was left out. */
function capped<T>(fits: T[]): { tried: T[]; words: string } {
  if (fits.length <= MAX_KEYS_TRIED) return { tried: fits, words: `the ${fits.length}` };
  return {
    tried: fits.slice(0, MAX_KEYS_TRIED),
    words: `the first ${MAX_KEYS_TRIED} of the ${fits.length}`,
  };
}

/** Pick the JWKS entries to try for this token: by `kid`, else every entry that fits. */
export function selectFromJwks(
  set: JwksKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
  kid: unknown,
): Result<{ entries: { entry: JwkKey; index: number }[]; how: string }> {
  const all = set.keys.map((entry, index) => ({ entry, index }));
  const fit = fitChecker(algorithm, purpose);
  const fits = all.filter(({ entry }) => fit(entry.facts).ok);
  const kids = set.keys.map((k) => k.facts.kid).filter((k): k is string => k !== undefined);
  if (typeof kid === 'string') {
    const byKid = all.filter(({ entry }) => entry.facts.kid === kid);
    if (byKid.length) {
      const fitting = byKid.filter(({ entry }) => fit(entry.facts).ok);
      if (!fitting.length) {
        const why = checkFit(byKid[0]!.entry.facts, algorithm, purpose);
        return fail(
          why.ok ? 'ERR_KEY_JWKS_NO_MATCH' : why.error.code,
          `${set.from ? `The key in ${setWords(set)}` : 'The JWKS key'} with kid "${kid}" cannot be used: ${why.ok ? '' : why.error.message}`,
        );
      }
      return ok({ entries: fitting, how: `matched kid "${kid}"` });
    }
    if (!fits.length)
      return fail(
        'ERR_KEY_JWKS_NO_MATCH',
        `No key in ${setWords(set)} has kid "${kid}"${kids.length ? ` (it has ${some(kids.map((k) => `"${k}"`))})` : ''}, and none fits ${algorithm.alg}.`,
      );
    const { tried, words } = capped(fits);
    return ok({
      entries: tried,
      how: `no key has kid "${kid}": a server matching by kid would reject this token; tried ${words} key${fits.length === 1 ? '' : 's'} that fit ${algorithm.alg}`,
    });
  }
  if (!fits.length) {
    const have = some(
      set.keys.map((k) => keyWords(k.facts)),
      '; ',
    );
    return fail(
      'ERR_KEY_JWKS_NO_MATCH',
      `None of the ${set.keys.length} keys in ${setWords(set)} fits ${algorithm.alg} (they are: ${have}).`,
    );
  }
  const { tried, words } = capped(fits);
  const how =
    fits.length === 1
      ? `the only key that fits ${algorithm.alg} (the token has no kid)`
      : `the token has no kid: tried ${words} keys that fit ${algorithm.alg}`;
  return ok({ entries: tried, how });
}
