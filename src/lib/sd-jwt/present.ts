/**
 * Presenting an SD-JWT (RFC 9901 §4.3, §7.2): the holder keeps the issuer JWT
 * as it is and sends only the disclosures it chooses, each with the
 * disclosures of the objects it sits in (a digest inside an undisclosed object
 * is one no verifier can reach, so the RFC requires its parents), then binds
 * the presentation to this verifier and request with a key-binding JWT
 * signed by the key the issuer put in `cnf`.
 */
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import { decodeToken } from '../jws/decode';
import { decodeDisclosure, digestOf, sdHashOf } from './disclosure';
import { splitSdJwt } from './split';

/** One disclosure of an SD-JWT and the disclosure it sits in. */
export interface TreeNode {
  n: number;
  text: string;
  /** The claim name; undefined for an array element. */
  name?: string;
  value: unknown;
  /** The disclosure whose value holds this one's digest; undefined at the payload's level. */
  parent?: number;
}

/** The disclosures of an SD-JWT as a tree, with the issuer JWT and the hash they use. */
export interface SdTree {
  issuerJwt: string;
  /** The WebCrypto name of `_sd_alg`. */
  webCrypto: string;
  nodes: TreeNode[];
}

/** How deep a disclosed value is searched for digests: as deep as the reader processes. */
const MAX_DEPTH = 200;

/** Read an SD-JWT's disclosures and which one each sits in. */
export async function disclosureTree(sdJwt: string): Promise<Result<SdTree>> {
  const parts = splitSdJwt(sdJwt.trim());
  if (!parts.ok) return parts;
  const issuer = decodeToken(parts.value.issuerJwt);
  if (!issuer.ok) return issuer;
  if (issuer.value.kind !== 'jws' || issuer.value.payloadForm !== 'claims')
    return fail('ERR_SD_FORMAT', "The SD-JWT's issuer JWT has no claims to present.");
  const hash = sdHashOf(issuer.value.payload);
  if (!hash.ok) return hash;
  const nodes: TreeNode[] = [];
  const byDigest = new Map<string, TreeNode>();
  for (const [i, text] of parts.value.disclosures.entries()) {
    const d = decodeDisclosure(text, i + 1);
    if (!d.ok) return d;
    const node: TreeNode = { n: d.value.n, text, value: d.value.value };
    if (d.value.name !== undefined) node.name = d.value.name;
    nodes.push(node);
    byDigest.set(await digestOf(text, hash.value.webCrypto), node);
  }
  for (const node of nodes)
    for (const digest of digestsIn(node.value, 0)) {
      const child = byDigest.get(digest);
      if (child && child !== node && child.parent === undefined) child.parent = node.n;
    }
  return ok({ issuerJwt: parts.value.issuerJwt, webCrypto: hash.value.webCrypto, nodes });
}

/** The disclosures to send for the chosen ones: each with every disclosure it sits in. */
export function revealClosure(tree: SdTree, chosen: Iterable<number>): Set<number> {
  const byN = new Map(tree.nodes.map((node) => [node.n, node]));
  const out = new Set<number>();
  for (const n of chosen) {
    // A hostile token could make a cycle of parents: stop at one already taken.
    for (let node = byN.get(n); node && !out.has(node.n); node = byN.get(node.parent ?? 0))
      out.add(node.n);
  }
  return out;
}

/** The chosen disclosures without `n` and whatever sits in it (untick a parent, its children go too). */
export function withoutDescendants(tree: SdTree, chosen: Iterable<number>, n: number): Set<number> {
  const byN = new Map(tree.nodes.map((node) => [node.n, node]));
  const under = (node: TreeNode | undefined, seen = new Set<number>()): boolean => {
    for (; node && !seen.has(node.n); node = byN.get(node.parent ?? 0)) {
      if (node.n === n) return true;
      seen.add(node.n);
    }
    return false;
  };
  return new Set([...chosen].filter((c) => !under(byN.get(c))));
}

/** What the holder's key-binding JWT says: for whom, for which request, when. */
export interface KeyBindingRequest {
  /** The holder's private JWK (its public half is the issuer JWT's `cnf.jwk`). */
  holderKey: JWK;
  aud: string;
  nonce: string;
  /** Seconds since 1970. */
  iat: number;
  alg?: string;
}

/** A presentation: the issuer JWT, the revealed disclosures, and the key-binding JWT if asked for. */
export async function presentSdJwt(
  tree: SdTree,
  chosen: Iterable<number>,
  kb?: KeyBindingRequest,
): Promise<Result<string>> {
  const reveal = revealClosure(tree, chosen);
  const sent = tree.nodes.filter((node) => reveal.has(node.n)).map((node) => node.text);
  const presentation = `${[tree.issuerJwt, ...sent].join('~')}~`;
  if (!kb) return ok(presentation);
  if (!kb.aud.trim() || !kb.nonce.trim())
    return fail(
      'ERR_SD_PRESENT',
      'A key-binding JWT names the verifier ("aud") and its request ("nonce"): type both (the expected audience and nonce) first.',
    );
  try {
    const alg = kb.alg ?? 'ES256';
    const key = await importJWK(kb.holderKey, alg);
    const sdHash = await digestOf(presentation, tree.webCrypto);
    const kbJwt = await new SignJWT({ iat: kb.iat, aud: kb.aud, nonce: kb.nonce, sd_hash: sdHash })
      .setProtectedHeader({ alg, typ: 'kb+jwt' })
      .sign(key);
    return ok(presentation + kbJwt);
  } catch (cause) {
    return fail('ERR_SIGN', `The key-binding JWT could not be signed: ${messageOf(cause)}`, {
      cause,
    });
  }
}

/** A new holder key pair: the public JWK goes into the issuer's `cnf`, the private one signs key-binding JWTs. */
export async function generateHolderKey(
  alg: 'ES256' | 'EdDSA' = 'ES256',
): Promise<{ publicJwk: JWK; privateJwk: JWK; alg: string }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey), alg };
}

/** The digests a disclosed value holds: in `_sd` of its objects and `{"...": digest}` of its arrays. */
function digestsIn(value: unknown, depth: number): string[] {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((element) => digestsIn(element, depth + 1));
  const object = value as Record<string, unknown>;
  const own = Array.isArray(object['_sd'])
    ? object['_sd'].filter((d): d is string => typeof d === 'string')
    : [];
  const ellipsis = typeof object['...'] === 'string' ? [object['...']] : [];
  return [
    ...own,
    ...ellipsis,
    ...Object.values(object).flatMap((member) => digestsIn(member, depth + 1)),
  ];
}
