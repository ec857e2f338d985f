/**
 * The token profiles in the pipeline: which profile a JWT is judged by, the
 * crypto its rules need (run in `Checker.verify`, cached by the verify id),
 * and the synchronous judging, whose rows join the claims table. The rules
 * themselves (lib/profiles) load on demand: `check` asks for them with
 * `wantsProfiles` and judges once `tools.profiles` is here.
 */
import type { ClaimsReport, ClaimVerdict } from '../claims/check-claims';
import type { DecodedJws } from '../jws/decode';
import type { KeyResolver } from '../keys/resolve';
import type { DpopFacts, DpopVerdict, OidcFacts } from '../profiles';
import { profileKind, type ProfileKind } from '../profiles/kind';
import type { CheckTools, ProfileInput, Settings, TokenView } from './types';

/** The crypto answers a profile's rules compare with (see `Verdicts.profile`). */
export interface ProfileFacts {
  dpop?: DpopFacts;
  oidc?: OidcFacts;
}

/** A profile's verdicts: a DPoP proof's checks, or rows for the claims table. */
export interface ProfileReport {
  kind: ProfileKind;
  dpop?: DpopVerdict;
  rows: ClaimVerdict[];
  /** The crypto has not answered yet: `Checker.verify` is to run. */
  checking: boolean;
}

/** The profile inputs as the page starts: nothing typed. */
export const NO_PROFILE_INPUT: ProfileInput = {
  dpopMethod: '',
  dpopUrl: '',
  dpopAccessToken: '',
  oidcAccessToken: '',
  oidcCode: '',
  oidcState: '',
};

const claimsOf = (token: DecodedJws) =>
  token.payloadForm === 'claims' ? token.payload : undefined;

/** The profile this JWT is judged by, if any. */
export function kindOf(
  token: DecodedJws,
  input: ProfileInput,
  settings: Settings,
  view?: TokenView,
): ProfileKind | undefined {
  // An SD-JWT's expected nonce is its key-binding JWT's: it makes no ID token of the issuer JWT.
  const sdJwt = view?.form === 'sd-jwt' || view?.form === 'sd-jwt-kb';
  const nonce = settings.expectedNonce;
  // Asked three times a keystroke (two checks and the verify): the last answer for this token.
  const last = lastKind;
  if (
    last?.token === token &&
    last.nonce === nonce &&
    last.sdJwt === sdJwt &&
    last.access === input.oidcAccessToken &&
    last.code === input.oidcCode &&
    last.state === input.oidcState
  )
    return last.kind;
  const asked =
    (!sdJwt && (nonce ?? '').trim() !== '') ||
    input.oidcAccessToken.trim() !== '' ||
    input.oidcCode.trim() !== '' ||
    input.oidcState.trim() !== '';
  const kind = profileKind(token.header, claimsOf(token), asked);
  lastKind = {
    token,
    nonce,
    sdJwt,
    access: input.oidcAccessToken,
    code: input.oidcCode,
    state: input.oidcState,
    kind,
  };
  return kind;
}

// One answer, not a WeakMap: weak entries for every keystroke's token slow
// the young-generation collections that keystrokes bring about.
let lastKind:
  | {
      token: DecodedJws;
      nonce: string | undefined;
      sdJwt: boolean;
      access: string;
      code: string;
      state: string;
      kind: ProfileKind | undefined;
    }
  | undefined;

/** The texts the profile's crypto hashes: a change of them is a change of the verify step's inputs. */
export function profileKey(kind: ProfileKind | undefined, input: ProfileInput): string {
  if (kind === 'dpop') return `dpop\n${input.dpopAccessToken}`;
  if (kind === 'id-token')
    return `oidc\n${input.oidcAccessToken}\n${input.oidcCode}\n${input.oidcState}`;
  return '';
}

/** The profile's crypto (loads the rules). */
export async function profileFacts(
  token: DecodedJws,
  kind: ProfileKind | undefined,
  input: ProfileInput,
  resolver: KeyResolver,
): Promise<ProfileFacts | undefined> {
  if (kind !== 'dpop' && kind !== 'id-token') return undefined;
  const profiles = await import('../profiles');
  if (kind === 'dpop')
    return { dpop: await profiles.dpopFacts(token, input.dpopAccessToken, resolver) };
  const texts = {
    accessToken: input.oidcAccessToken,
    code: input.oidcCode,
    state: input.oidcState,
  };
  return { oidc: await profiles.oidcFacts(token.alg, texts) };
}

/** Judge the profile with the rules loaded; `facts` undefined while the crypto runs. */
export function judgeProfile(
  profiles: NonNullable<CheckTools['profiles']>,
  token: DecodedJws,
  kind: ProfileKind,
  facts: ProfileFacts | undefined,
  input: ProfileInput,
  settings: Settings,
): ProfileReport {
  const claims = claimsOf(token) ?? {};
  if (kind === 'logout') return { kind, rows: profiles.judgeLogoutToken(claims), checking: false };
  if (kind === 'dpop') {
    const dpop = profiles.judgeDpop(token, facts?.dpop, {
      method: input.dpopMethod,
      url: input.dpopUrl,
      accessToken: input.dpopAccessToken,
      nonce: settings.expectedNonce ?? '',
      now: settings.now,
      leeway: settings.leeway,
    });
    return { kind, dpop, rows: [], checking: !facts };
  }
  const texts = {
    accessToken: input.oidcAccessToken,
    code: input.oidcCode,
    state: input.oidcState,
  };
  const rows = profiles.judgeIdToken(claims, token.alg, facts?.oidc, texts, {
    nonce: settings.expectedNonce ?? '',
    audience: settings.expectedAudience,
  });
  // Nothing pasted, nothing to hash: the verify step has no work for the profile.
  const hashes = Object.values(texts).some((text) => text.trim() !== '');
  return { kind, rows, checking: !facts && hashes };
}

/** The claims table with the profile's rows in place of (or after) the registered claims' rows. */
export function withProfileRows(claims: ClaimsReport, rows: ClaimVerdict[]): ClaimsReport {
  if (!rows.length) return claims;
  const byName = new Map(rows.map((row) => [row.name, row]));
  const verdicts = claims.verdicts.map((v) => byName.get(v.name) ?? v);
  const shown = new Set(claims.verdicts.map((v) => v.name));
  verdicts.push(...rows.filter((row) => !shown.has(row.name)));
  const failure = rows.find((row) => row.status === 'fail')?.error;
  return {
    verdicts,
    firstFailure: claims.firstFailure ?? failure,
    valid: claims.valid && !failure,
  };
}

/**
 * A Microsoft Graph access token (a `nonce` in its header) fails every
 * verifier but Graph: its "invalid" says why instead of standing bare.
 */
export function withHeaderNonce<V extends { status: string; message: string }>(
  verdict: V,
  token: DecodedJws,
): V {
  if (verdict.status !== 'invalid' || !('nonce' in token.header)) return verdict;
  return {
    ...verdict,
    message: `${verdict.message} This looks like a Microsoft Graph access token (a "nonce" in its header): Microsoft signs it with a hash of that nonce in its place, so only Graph can validate it. No key of yours will verify it; validate tokens issued for your own API instead.`,
  };
}
