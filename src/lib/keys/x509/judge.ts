/**
 * An x5c chain's verdict at the judged moment (RFC 5280 §6.1.3 (a)(2)):
 * inspectChain (chain.ts) does the slow part once (reading, signatures,
 * anchors); this part is synchronous and small, so the page re-judges it when
 * the clock moves without loading the certificate reader or checking again.
 */
import { formatIso } from '../../claims/time';
import { LabError } from '../../errors';

/** The `chain-status` values. */
export type ChainStatus = 'trusted' | 'untrusted' | 'expired' | 'invalid';

/** One certificate of a chain, as the page lists it. */
export interface ChainCertificate {
  /** From 1, the leaf (RFC 7515 §4.1.6). */
  position: number;
  subject: string;
  issuer: string;
  /** Seconds since 1970. */
  notBefore: number;
  notAfter: number;
  /** "RSA 2048 bits", "EC P-256", "Ed25519". */
  key: string;
}

/** What inspectChain found, before the clock is consulted. */
export interface ChainFacts {
  /** Where the chain came from: the token's header, or the JWK in the key box. */
  from: 'header' | 'jwk';
  certificates: ChainCertificate[];
  /**
   * `anchored`: every signature up the chain verifies and it ends at (or is
   * signed by) the trust anchor named; `untrusted`: it does not reach one;
   * `invalid`: a certificate is malformed, or a signature or link fails.
   */
  outcome:
    | { kind: 'anchored'; anchor: string }
    | { kind: 'untrusted'; message: string }
    | { kind: 'invalid'; error: LabError };
  /** Blocks in the trust-anchors editor that are not usable certificates, with why. */
  anchorProblems: string[];
}

/** The chain's verdict at one moment. */
export interface ChainVerdict {
  status: ChainStatus;
  message: string;
  certificates: ChainCertificate[];
  from: ChainFacts['from'];
  anchorProblems: string[];
  /** Why it is not trusted, with a stable code and the certificate at fault. */
  error?: LabError;
}

const day = formatIso;

/** Judge `facts` at `now` (seconds): invalid, then outside validity, then untrusted, else trusted. */
export function judgeChain(facts: ChainFacts, now: number): ChainVerdict {
  const base = {
    certificates: facts.certificates,
    from: facts.from,
    anchorProblems: facts.anchorProblems,
  };
  const { outcome } = facts;
  if (outcome.kind === 'invalid')
    return { ...base, status: 'invalid', message: outcome.error.message, error: outcome.error };
  for (const c of facts.certificates) {
    const early = now < c.notBefore;
    if (!early && now <= c.notAfter) continue;
    const error = new LabError(
      early ? 'ERR_X5C_NOT_YET_VALID' : 'ERR_X5C_EXPIRED',
      early
        ? `Certificate ${c.position} "${c.subject}" is not valid until ${day(c.notBefore)}, after the judged moment ${day(now)}.`
        : `Certificate ${c.position} "${c.subject}" expired at ${day(c.notAfter)}, before the judged moment ${day(now)}.`,
      { certificate: c.position },
    );
    return { ...base, status: 'expired', message: error.message, error };
  }
  if (outcome.kind === 'untrusted') {
    const error = new LabError('ERR_X5C_UNTRUSTED', outcome.message);
    return { ...base, status: 'untrusted', message: outcome.message, error };
  }
  return {
    ...base,
    status: 'trusted',
    message: `The chain validates up to the trust anchor "${outcome.anchor}" at ${day(now)}.`,
  };
}
