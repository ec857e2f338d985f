/**
 * Findings about tokens with rules of their own: a DPoP proof that publishes
 * its private key or is not fresh (RFC 9449 §4.2, §11.1), and a header
 * `nonce`, the mark of a Microsoft Graph access token that only Graph can
 * validate. The rules come from profiles/dpop-rules.ts, which needs no crypto.
 */
import { isDpopProof, privateMembersOf, staleIat } from '../profiles/dpop-rules';
import { at } from './cite';
import type { Detector, Finding } from './types';

/** `header-nonce`, `dpop-private-jwk`, `dpop-iat-stale`. */
export const profileFindings: Detector = (input) => {
  const token = input.decoded;
  if (token.kind !== 'jws') return [];
  const out: Finding[] = [];
  const { header } = token;
  if ('nonce' in header && !isDpopProof(header))
    out.push({
      id: 'header-nonce',
      severity: 'info',
      message:
        'The header carries a "nonce": a Microsoft Graph access token. Microsoft signed it with a hash of that nonce in its place, so no key of yours will verify it: only Graph can. Validate tokens issued for your own API instead.',
      location: at('header', 'nonce'),
    });
  if (!isDpopProof(header)) return out;
  const secrets = privateMembersOf(header.jwk);
  if (secrets.length)
    out.push({
      id: 'dpop-private-jwk',
      severity: 'critical',
      message: `The DPoP proof's "jwk" holds private members (${secrets.join(', ')}): the client's private key is public now.`,
      location: at('header', 'jwk'),
    });
  const payload = token.payloadForm === 'claims' ? token.payload : {};
  const stale = staleIat(payload.iat, input.now, input.leeway ?? 0);
  if (stale)
    out.push({
      id: 'dpop-iat-stale',
      severity: 'medium',
      message: `${stale} A server would refuse it as a replay.`,
      location: at('payload', 'iat'),
    });
  return out;
};
