/**
 * A JWKS as a list a person can read: each key's kid, type, size or curve,
 * alg, use and thumbprint, whether it is the one the token's `kid` names, and
 * what happened when it was tried (select-jwks.ts `selectFromJwks` picks,
 * verify.ts checks). Loaded on demand.
 */
import { algorithmOf, verifyWith } from '../jws/verify';
import type { DecodedJws } from '../jws/decode';
import { fitChecker } from './fit';
import { nextTask } from '../next-task';
import { thumbprintOf } from './export';
import { resolveKey, selectFromJwks } from './resolve';
import type { JwkKey, JwksKey } from './types';

/** How many thumbprints are asked for at once. */
const THUMBPRINT_BATCH = 250;

/** What happened to one key when the token was checked. */
export type JwksRowStatus = 'verified' | 'invalid' | 'not-tried' | 'unfit' | 'error';

/** One key of the set, as the list shows it. */
export interface JwksRow {
  /** Position in the set, from 1. */
  position: number;
  kid?: string;
  /** "RSA 2048 bits", "EC P-256", "OKP Ed25519", "oct 256 bits". */
  type: string;
  alg?: string;
  use?: string;
  isPrivate: boolean;
  thumbprint: string;
  /** The token's `kid` names this key. */
  kidMatch: boolean;
  status: JwksRowStatus;
  /** Why it has this status, in words. */
  reason: string;
}

/** The list, and one sentence on how the key was chosen. */
export interface JwksReport {
  rows: JwksRow[];
  summary: string;
  /** Entries that could not be read at all. */
  skipped: { index: number; reason: string }[];
}

function typeOf(entry: JwkKey): string {
  const { kty, crv, bits } = entry.facts;
  if (kty === 'RSA' || kty === 'oct') return `${kty} ${bits} bits`;
  if (kty === 'AKP') return `AKP ${entry.facts.keyAlg}`;
  return `${kty} ${crv}`;
}

/** Describe each key of `set` and try the ones `selectFromJwks` picks against `token`. */
export async function inspectJwks(set: JwksKey, token?: DecodedJws): Promise<JwksReport> {
  const rows: JwksRow[] = set.keys.map((entry, index) => ({
    position: index + 1,
    ...(entry.facts.kid !== undefined ? { kid: entry.facts.kid } : {}),
    type: typeOf(entry),
    ...(entry.facts.alg !== undefined ? { alg: entry.facts.alg } : {}),
    ...(entry.facts.use !== undefined ? { use: entry.facts.use } : {}),
    isPrivate: entry.facts.kty !== 'oct' && entry.facts.isPrivate,
    thumbprint: '',
    kidMatch: false,
    status: 'not-tried' as JwksRowStatus,
    reason: 'No token to check.',
  }));
  // A batch at a time: each batch's hashing answers in its own tasks, so
  // 10,000 keys never ask for 10,000 digests in one task.
  for (let from = 0; from < rows.length; from += THUMBPRINT_BATCH) {
    const batch = set.keys.slice(from, from + THUMBPRINT_BATCH);
    const prints = await Promise.all(batch.map((e) => thumbprintOf(e.jwk).catch(() => '')));
    prints.forEach((print, i) => (rows[from + i]!.thumbprint = print));
    await nextTask();
  }
  const report = { rows, skipped: set.skipped };
  if (!token) return { ...report, summary: `${rows.length} keys; no signed token to try them on.` };
  const kid = token.header.kid;
  for (const row of rows) row.kidMatch = typeof kid === 'string' && row.kid === kid;
  const checked = algorithmOf(token.alg);
  if ('verdict' in checked) {
    for (const row of rows) row.reason = checked.verdict.message;
    return { ...report, summary: checked.verdict.message };
  }
  const { algorithm } = checked;
  const fitOf = fitChecker(algorithm, 'verify');
  set.keys.forEach((entry, i) => {
    const fit = fitOf(entry.facts);
    const row = rows[i]!;
    if (!fit.ok) Object.assign(row, { status: 'unfit', reason: fit.error.message });
    else if (typeof kid === 'string' && !row.kidMatch)
      row.reason = `Fits ${algorithm.alg}, but its kid is ${row.kid === undefined ? 'absent' : `"${row.kid}"`}, not "${kid}".`;
    else row.reason = `Fits ${algorithm.alg}; not tried.`;
  });
  const picked = selectFromJwks(set, algorithm, 'verify', kid);
  if (!picked.ok) return { ...report, summary: picked.error.message };
  let verified: JwksRow | undefined;
  for (const { entry, index } of picked.value.entries) {
    const row = rows[index]!;
    const selection = await resolveKey(entry, algorithm, 'verify', { secretEncoding: 'utf8' });
    const verdict = await verifyWith(token, algorithm, selection);
    if (verdict.status === 'verified') {
      Object.assign(row, {
        status: 'verified',
        reason: `Verified the token (${picked.value.how}).`,
      });
      verified ??= row;
    } else if (verdict.status === 'invalid')
      Object.assign(row, { status: 'invalid', reason: `Tried: ${verdict.message}` });
    else Object.assign(row, { status: 'error', reason: verdict.message });
  }
  const name = (row: JwksRow) => `Key ${row.position}${row.kid ? ` (kid "${row.kid}")` : ''}`;
  const summary = verified
    ? `${name(verified)} verified the token: ${picked.value.how}.`
    : `No key verified the token: ${picked.value.how}.`;
  return { ...report, summary };
}
