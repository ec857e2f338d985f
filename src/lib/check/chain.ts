/**
 * The x5c part of the pipeline (RFC 7515 §4.1.6): which chain the page judges
 * (the token's header, else a JWK in the key box), checking it against the
 * trust anchors the person pasted, and, with no key of the person's, a token
 * whose chain is trusted checked with the leaf certificate's key. The
 * certificate reader loads on demand; judging at the moment is synchronous,
 * so the verdict follows the clock without checking again.
 */
import { fail, type Result } from '../errors';
import type { DecodedJws } from '../jws/decode';
import type { JwsAlgorithm } from '../jws/algorithms';
import { verifyWith, type SignatureVerdict } from '../jws/verify';
import type { ParsedKey } from '../keys/parse';
import { resolveKey, type KeySelection } from '../keys/resolve';
import type { PemKey } from '../keys/types';
import { judgeChain, type ChainFacts, type ChainVerdict } from '../keys/x509/judge';
import type { Checking, Settings, Verdicts } from './types';

/** The chain the page judges: the token's `x5c`, else a single JWK's in the key box. */
export function chainSource(
  token: DecodedJws | undefined,
  parsedKey: Result<ParsedKey>,
): { x5c: unknown; from: ChainFacts['from'] } | undefined {
  if (token && 'x5c' in token.header) return { x5c: token.header.x5c, from: 'header' };
  const key = parsedKey.ok ? parsedKey.value : undefined;
  if (key?.kind === 'jwk' && key.jwk.x5c !== undefined) return { x5c: key.jwk.x5c, from: 'jwk' };
  return undefined;
}

/**
 * Check the chain, and with no key of the person's (`selection` is
 * ERR_KEY_EMPTY) verify the token with the leaf's key when the chain reaches
 * an anchor; the clock is applied later, in {@link judgedChain}.
 */
export async function checkChain(
  token: DecodedJws,
  source: { x5c: unknown; from: ChainFacts['from'] },
  anchors: string,
  verifying?: { algorithm: JwsAlgorithm; selection: Result<KeySelection> },
): Promise<Pick<Verdicts, 'chain' | 'chainKey'> & { signature?: SignatureVerdict }> {
  const { inspectChain } = await import('../keys/x509/chain');
  const { leaf, ...chain } = await inspectChain(source.x5c, anchors, source.from);
  const empty =
    verifying && !verifying.selection.ok && verifying.selection.error.code === 'ERR_KEY_EMPTY';
  if (
    !verifying ||
    !empty ||
    source.from !== 'header' ||
    chain.outcome.kind !== 'anchored' ||
    !leaf
  )
    return { chain };
  const { algorithm } = verifying;
  const { key } = leaf.certificate;
  const pem: PemKey = {
    kind: 'pem',
    label: 'PUBLIC KEY',
    form: 'spki',
    der: leaf.spki,
    facts: {
      kty: key.kty,
      isPrivate: false,
      ...(key.crv ? { crv: key.crv } : {}),
      ...(key.keyAlg ? { keyAlg: key.keyAlg } : {}),
      ...(key.bits ? { bits: key.bits } : {}),
      ...(key.rsaPss ? { rsaPss: true } : {}),
    },
  };
  const resolved = await resolveKey(pem, algorithm, 'verify', { secretEncoding: 'utf8' });
  const named = resolved.ok
    ? {
        ...resolved.value,
        candidates: resolved.value.candidates.map((c) => ({
          ...c,
          source: `the leaf certificate "${leaf.certificate.subject}" of the token's x5c chain, which the trust anchor "${chain.outcome.kind === 'anchored' ? chain.outcome.anchor : ''}" validates (${c.source})`,
        })),
      }
    : undefined;
  const signature = await verifyWith(
    token,
    algorithm,
    named ? { ok: true, value: named } : resolved,
  );
  return { chain, chainKey: true, signature };
}

/** The chain's verdict at the judged moment, and the signature verdict it allows. */
export function judgedChain(
  source: ReturnType<typeof chainSource>,
  settled: Verdicts | undefined,
  settings: Settings,
): { chain: ChainVerdict | Checking | undefined; needsKey?: SignatureVerdict } {
  if (!source) return { chain: undefined };
  if (!settled?.chain) return { chain: { status: 'checking', message: 'Checking the x5c chain…' } };
  const chain = judgeChain(settled.chain, settings.now);
  // An untrusted or expired chain never lends its key (ui-contract: chain-status).
  if (settled.chainKey && chain.status !== 'trusted')
    return {
      chain,
      needsKey: {
        status: 'needs-key',
        message: `The token's x5c chain is ${chain.status} at the judged moment, so its key proves nothing: ${chain.message}`,
        error: chain.error,
      },
    };
  return { chain };
}

/** When the key box holds the untouched sample key: as good as no key, for the chain's sake. */
export const noKey = (message: string): Result<KeySelection> => fail('ERR_KEY_EMPTY', message);
