/**
 * A DPoP proof (RFC 9449) checked the way §4.3 lists: every step a check of
 * its own with a stable code, so the page can name each one that failed. The
 * crypto (the signature with the proof's own key, the key's thumbprint, the
 * access token's hash) runs in the pipeline's verify step ({@link dpopFacts});
 * the judging is synchronous ({@link judgeDpop}) and re-runs as the person
 * types a method, URL, nonce or moves the clock.
 */
import type { DecodedJws } from '../jws/decode';
import { cleanAccessToken } from './access-token';
import {
  algCheck,
  athCheck,
  htmCheck,
  htuCheck,
  iatCheck,
  jktCheck,
  jtiCheck,
  jwkCheck,
  nonceCheck,
  privateJwkCheck,
  signatureCheck,
  type DpopCheck,
} from './dpop-checks';
import type { DpopFacts } from './dpop-facts';

export { DPOP_OWN_KEY } from './own-key';
export { dpopFacts, type DpopFacts } from './dpop-facts';
export type { DpopCheck, DpopCheckId } from './dpop-checks';

/** What the person expects of the request the proof came with (empty = not checked). */
export interface DpopExpectations {
  method: string;
  url: string;
  accessToken: string;
  nonce: string;
  now: number;
  leeway: number;
}

/** Every check and the verdict: `checking` until the crypto has answered. */
export interface DpopVerdict {
  status: 'valid' | 'invalid' | 'checking';
  checks: DpopCheck[];
  failed: DpopCheck[];
}

/** Judge a proof against what the person expects; `facts` undefined while the crypto runs. */
export function judgeDpop(
  token: DecodedJws,
  facts: DpopFacts | undefined,
  expect: DpopExpectations,
): DpopVerdict {
  const { header } = token;
  const payload = token.payloadForm === 'claims' ? token.payload : {};
  const accessToken = cleanAccessToken(expect.accessToken);
  const checks: DpopCheck[] = [
    algCheck(token.alg),
    jwkCheck(header.jwk),
    privateJwkCheck(header.jwk),
    signatureCheck(facts),
    jtiCheck(payload.jti),
    htmCheck(payload.htm, expect.method),
    htuCheck(payload.htu, expect.url),
    iatCheck(payload.iat, expect.now, expect.leeway),
    nonceCheck(payload.nonce, expect.nonce.trim()),
    athCheck(payload.ath, accessToken, facts),
    jktCheck(accessToken, facts),
  ];
  const failed = checks.filter((c) => c.status === 'fail');
  const status = failed.length
    ? 'invalid'
    : checks.some((c) => c.status === 'checking')
      ? 'checking'
      : 'valid';
  return { status, checks, failed };
}
