/**
 * The facts about DPoP proofs that need no crypto, shared by the proof check
 * (dpop.ts) and the findings (findings/dpop.ts), so the findings do not load
 * the proof checker. Source: RFC 9449 §4.2, §4.3, §11.1.
 */

/** `typ` of a DPoP proof (RFC 9449 §4.2), compared as a media type: without case, `application/` optional. */
export function isDpopProof(header: Record<string, unknown>): boolean {
  const typ = header.typ;
  // A test, not a lower-cased copy: every keystroke asks.
  return typeof typ === 'string' && DPOP_TYP.test(typ);
}

const DPOP_TYP = /^(?:application\/)?dpop\+jwt$/i;

/** JWK members that belong to a private key (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;

/** The private members a header `jwk` carries (none for a public key or a non-object). */
export function privateMembersOf(jwk: unknown): string[] {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return [];
  return PRIVATE_JWK_MEMBERS.filter((name) => name in jwk);
}

/** The same JWK with its private members left out. */
export function publicPart(jwk: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...jwk };
  for (const name of PRIVATE_JWK_MEMBERS) delete copy[name];
  return copy;
}

/**
 * How far from the judged moment a proof's `iat` may be, in seconds. RFC 9449
 * §11.1 leaves the window to the server and says it should be short: the
 * person's leeway when they set one, else five minutes (what common servers allow).
 */
export const DPOP_DEFAULT_WINDOW = 300;
export const dpopWindow = (leeway: number): number => (leeway > 0 ? leeway : DPOP_DEFAULT_WINDOW);

/** Why `iat` is too far from `now`, or undefined when it is within the window (or not a number). */
export function staleIat(iat: unknown, now: number, leeway: number): string | undefined {
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return undefined;
  const window = dpopWindow(leeway);
  const distance = now - iat;
  if (Math.abs(distance) <= window) return undefined;
  const when =
    distance > 0
      ? `${seconds(distance)} before the judged moment`
      : `${seconds(-distance)} after the judged moment (in the future)`;
  return `"iat" is ${when}; a DPoP proof is accepted within ${seconds(window)} of it.`;
}

function seconds(n: number): string {
  if (n < 120) return `${Math.round(n)} s`;
  if (n < 7200) return `${Math.round(n / 60)} min`;
  if (n < 172800) return `${Math.round(n / 3600)} h`;
  return `${Math.round(n / 86400)} days`;
}
