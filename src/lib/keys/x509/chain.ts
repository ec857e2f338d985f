/**
 * Checking an x5c chain (RFC 7515 §4.1.6: standard base64 DER, the leaf first,
 * each certificate certified by the next) against the trust anchors the
 * person pasted, as far as needs no clock: each link's names, CA flag and
 * signature (RFC 5280 §6.1.3), and whether it ends at an anchor. judge.ts
 * adds the validity at the judged moment. Loaded on demand: the page fetches
 * nothing, and only a token or key with x5c brings this code.
 */
import { fail, ok, type LabError, type Result } from '../../errors';
import { readPem } from '../pem';
import { readCertificate, type Certificate } from './certificate';
import type { ChainCertificate, ChainFacts } from './judge';
import { signedBy } from './signed-by';

/** The longest chain read: real ones have two to four certificates. */
export const MAX_CHAIN = 10;
/** The most trust anchors read from the editor (each may be tried against the chain's top). */
export const MAX_ANCHORS = 64;
/** The largest certificate read (a real one is 1 to 2 KB). */
const MAX_CERTIFICATE_BYTES = 16 * 1024;

/** The leaf's public key, once the chain is read, for verifying the token with it. */
export interface ChainLeaf {
  spki: Uint8Array;
  certificate: Certificate;
}

/** Read and check `x5c` against the anchors in `anchorsText`; never throws. */
export async function inspectChain(
  x5c: unknown,
  anchorsText: string,
  from: ChainFacts['from'] = 'header',
): Promise<ChainFacts & { leaf?: ChainLeaf }> {
  const anchors = readAnchors(anchorsText);
  const read = readChain(x5c);
  const base = { from, anchorProblems: anchors.problems };
  if (!read.ok)
    return { ...base, certificates: [], outcome: { kind: 'invalid', error: read.error } };
  const chain = read.value;
  const certificates = chain.map(listed);
  const leaf = { spki: chain[0]!.spki, certificate: chain[0]! };
  const invalid = (error: LabError) => ({
    ...base,
    certificates,
    leaf,
    outcome: { kind: 'invalid' as const, error },
  });
  for (let i = 0; i + 1 < chain.length; i++) {
    const link = await checkLink(chain[i]!, chain[i + 1]!, i + 1);
    if (!link.ok) return invalid(link.error);
  }
  // An anchor may be in the chain itself (often the root, sometimes the intermediate).
  const inChain = chain.findIndex((c) => anchors.certificates.some((a) => same(a.der, c.der)));
  if (inChain >= 0)
    return {
      ...base,
      certificates,
      leaf,
      outcome: { kind: 'anchored', anchor: chain[inChain]!.subject },
    };
  const top = chain[chain.length - 1]!;
  const issuers = anchors.certificates.filter((a) => same(a.subjectDer, top.issuerDer));
  for (const anchor of issuers) {
    const signed = await signedBy(top, anchor, chain.length);
    if (signed.ok)
      return { ...base, certificates, leaf, outcome: { kind: 'anchored', anchor: anchor.subject } };
    if (signed.error.code === 'ERR_X5C_ALGORITHM') return invalid(signed.error);
  }
  const message = !anchorsText.trim()
    ? 'No trust anchor: paste the certificate of a root (or intermediate) you trust in the trust anchors box; until then the chain proves nothing.'
    : issuers.length
      ? `The anchor named "${top.issuer}" did not sign certificate ${chain.length}: it is another key with the same name.`
      : `None of the ${anchors.certificates.length} trust anchors is "${top.issuer}", the issuer of certificate ${chain.length} "${top.subject}", nor in the chain.`;
  return { ...base, certificates, leaf, outcome: { kind: 'untrusted', message } };
}

/** Certificate `position` is certified by the next one: names, CA flag, signature. */
async function checkLink(
  subject: Certificate,
  issuer: Certificate,
  position: number,
): Promise<Result<void>> {
  const certificate = position;
  if (!same(subject.issuerDer, issuer.subjectDer))
    return fail(
      'ERR_X5C_ISSUER_MISMATCH',
      `Certificate ${position} "${subject.subject}" names its issuer "${subject.issuer}", but the next certificate is "${issuer.subject}": the chain is out of order or incomplete.`,
      { certificate },
    );
  if (!issuer.isCa || !issuer.mayCertify)
    return fail(
      'ERR_X5C_NOT_CA',
      `Certificate ${position + 1} "${issuer.subject}" signs certificate ${position}, but it is not a CA (${issuer.isCa ? 'its keyUsage lacks keyCertSign' : 'its basicConstraints do not say cA: TRUE'}): a leaf may not vouch for another certificate (RFC 5280 §4.2.1.9).`,
      { certificate: position + 1 },
    );
  return signedBy(subject, issuer, position);
}

function readChain(x5c: unknown): Result<Certificate[]> {
  if (!Array.isArray(x5c) || x5c.length === 0)
    return fail(
      'ERR_X5C_MALFORMED',
      '"x5c" must be a non-empty array of base64 certificates (RFC 7515 §4.1.6).',
    );
  if (x5c.length > MAX_CHAIN)
    return fail(
      'ERR_X5C_TOO_LONG',
      `"x5c" holds ${x5c.length} certificates; this page reads chains of up to ${MAX_CHAIN}.`,
    );
  const chain: Certificate[] = [];
  for (const [i, entry] of x5c.entries()) {
    const certificate = i + 1;
    if (typeof entry !== 'string')
      return fail('ERR_X5C_MALFORMED', `x5c entry ${certificate} is not a string.`, {
        certificate,
      });
    const der = fromBase64(entry);
    if (!der.ok)
      return fail('ERR_X5C_MALFORMED', `x5c entry ${certificate} ${der.error.message}`, {
        certificate,
      });
    const read = readCertificate(der.value);
    if (!read.ok)
      return fail('ERR_X5C_MALFORMED', `Certificate ${certificate}: ${read.error.message}`, {
        certificate,
      });
    chain.push(read.value);
  }
  return ok(chain);
}

// RFC 7515 §4.1.6: base64 (not base64url), no line breaks.
function fromBase64(text: string): Result<Uint8Array> {
  if (text.length > (MAX_CERTIFICATE_BYTES * 4) / 3 + 4)
    return fail(
      'ERR_X5C_MALFORMED',
      `is over ${MAX_CERTIFICATE_BYTES / 1024} KB: far larger than a certificate.`,
    );
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) {
    const url = bad[0] === '-' || bad[0] === '_';
    return fail(
      'ERR_X5C_MALFORMED',
      `has ${JSON.stringify(bad[0])} at character ${bad.index + 1}: x5c is standard base64${url ? ', not base64url' : ''} (RFC 7515 §4.1.6).`,
    );
  }
  try {
    return ok(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
  } catch {
    return fail('ERR_X5C_MALFORMED', 'is not valid base64 (its length or padding is wrong).');
  }
}

/** The CERTIFICATE blocks in the trust-anchors editor, and what was wrong with the others. */
function readAnchors(text: string): { certificates: Certificate[]; problems: string[] } {
  const certificates: Certificate[] = [];
  const problems: string[] = [];
  let at = 0;
  for (let n = 1; n <= MAX_ANCHORS && text.indexOf('-----BEGIN', at) >= 0; n++) {
    const block = readPem(text, at);
    if (!block.ok) {
      problems.push(`Anchor ${n}: ${block.error.message}`);
      if (block.error.to === undefined || block.error.to <= at) break;
      at = block.error.to;
      continue;
    }
    at = block.value.to;
    if (block.value.label !== 'CERTIFICATE' && block.value.label !== 'X509 CERTIFICATE') {
      problems.push(
        `Anchor ${n} is a ${block.value.label} block: a trust anchor is a CERTIFICATE.`,
      );
      continue;
    }
    const read = readCertificate(block.value.der);
    if (read.ok) certificates.push(read.value);
    else problems.push(`Anchor ${n}: ${read.error.message}`);
  }
  if (text.trim() && !certificates.length && !problems.length)
    problems.push(
      'The trust anchors box holds no PEM CERTIFICATE block (-----BEGIN CERTIFICATE-----).',
    );
  return { certificates, problems };
}

function listed(c: Certificate, i: number): ChainCertificate {
  const { kty, crv, bits } = c.key;
  const key =
    kty === 'RSA' ? `RSA ${bits} bits` : kty === 'EC' ? `EC ${crv}` : (crv ?? c.key.keyAlg ?? kty);
  return {
    position: i + 1,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    key,
  };
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
