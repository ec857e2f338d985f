/**
 * The DPoP lesson (RFC 9449): why a stolen DPoP-bound access token is
 * useless without the client's private key. Every token is made on the spot
 * with fresh keys, and every verdict is the page's own DPoP check.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { decodeToken } from '../jws/decode';
import { KeyResolver } from '../keys/resolve';
import { buildDpopProof } from '../profiles/dpop-build';
import { dpopFacts, judgeDpop } from '../profiles/dpop';
import { signToken } from './tokens';
import type { DemoLine, Lesson, LessonContext, StepState } from './types';

const API = 'https://api.example/orders';
const OTHER_API = 'https://api.example/transfers';
const ISSUER = 'https://auth.example';

interface DpopKeys {
  /** The authorization server's signing key (its public JWK is what an API holds). */
  server: { privateJwk: string; publicJwk: string };
  client: CryptoKeyPair;
  thief: CryptoKeyPair;
}

const keysOf = (ctx: LessonContext) =>
  ctx.memo<DpopKeys>('dpop-keys', async () => {
    const server = await generateKeyPair('ES256', { extractable: true });
    const pair = () => generateKeyPair('ES256', { extractable: true });
    return {
      server: {
        privateJwk: JSON.stringify({ ...(await exportJWK(server.privateKey)), kid: 'as-1' }),
        publicJwk: JSON.stringify({ ...(await exportJWK(server.publicKey)), kid: 'as-1' }),
      },
      client: await pair(),
      thief: await pair(),
    };
  });

/** The access token, bound by `cnf.jkt` to the client's key (RFC 9449 §6.1). */
const accessToken = (ctx: LessonContext) =>
  ctx.memo('dpop-access-token', async () => {
    const { server, client } = await keysOf(ctx);
    const jkt = await calculateJwkThumbprint(await exportJWK(client.publicKey), 'sha256');
    return signToken(
      { alg: 'ES256', typ: 'at+jwt', kid: 'as-1' },
      {
        iss: ISSUER,
        sub: 'user-42',
        aud: 'https://api.example',
        scope: 'orders:read',
        iat: ctx.now,
        exp: ctx.now + 600,
        cnf: { jkt },
      },
      server.privateJwk,
    );
  });

/** A proof for GET on the orders API, signed by `who`'s key. */
const proofBy = (ctx: LessonContext, who: 'client' | 'thief') =>
  ctx.memo(`dpop-proof-${who}`, async () => {
    const keys = await keysOf(ctx);
    const built = await buildDpopProof({
      method: 'GET',
      url: API,
      accessToken: await accessToken(ctx),
      now: ctx.now,
      keyPair: keys[who],
    });
    if (!built.ok) throw built.error;
    return built.value.proof;
  });

/** The request a proof came with, as the resource server sees it. */
interface Request {
  method: string;
  url: string;
}

const stateFor = async (
  ctx: LessonContext,
  proof: string,
  request: Request,
): Promise<StepState> => ({
  token: proof,
  key: '',
  dpop: { method: request.method, url: request.url, accessToken: await accessToken(ctx) },
});

/** What the resource server decides, by the page's own DPoP checks. */
async function serverSays(
  ctx: LessonContext,
  proof: string,
  request: Request,
): Promise<DemoLine[]> {
  const decoded = decodeToken(proof);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('the proof does not decode');
  const token = await accessToken(ctx);
  const facts = await dpopFacts(decoded.value, token, new KeyResolver());
  const verdict = judgeDpop(decoded.value, facts, {
    ...request,
    accessToken: token,
    nonce: '',
    now: ctx.now,
    leeway: 0,
  });
  const line = `${request.method} ${request.url} with the access token and this proof`;
  if (verdict.status === 'valid')
    return [{ tone: 'accepted', text: `Resource server: 200 OK — ${line}: every check passed.` }];
  return [
    { tone: 'refused', text: `Resource server: 401 invalid_dpop_proof — ${line}.` },
    ...verdict.failed.map((c) => ({ tone: 'info' as const, text: `${c.id}: ${c.message}` })),
  ];
}

const GET_ORDERS: Request = { method: 'GET', url: API };
const POST_TRANSFER: Request = { method: 'POST', url: OTHER_API };

export const DPOP_LESSON: Lesson = {
  id: 'dpop',
  title: 'DPoP: a stolen token is useless without the key',
  summary: 'Bind an access token to a key, prove it per request, and watch two thefts fail.',
  kind: 'lesson',
  steps: [
    {
      title: 'A bearer token is like cash',
      text: 'This access token was issued just now by the authorization server (its ES256 public key is in the key box). Sent as "Authorization: Bearer", whoever holds it can spend it: a token copied from a log, a proxy or a browser extension works for the thief as well.\n\nThis one carries "cnf": {"jkt": …}: the RFC 7638 thumbprint of a key pair the client generated and never sends. The API will accept the token only with a proof made with that key.',
      setup: async (ctx) => ({
        token: await accessToken(ctx),
        key: (await keysOf(ctx)).server.publicJwk,
      }),
    },
    {
      title: 'The client proves it holds the key',
      text: 'For each request the client signs a DPoP proof (typ dpop+jwt): the method ("htm"), the URL without query ("htu"), the time ("iat"), a unique "jti", and "ath", the hash of the access token. Its public key travels in the proof\'s "jwk" header.\n\nThe proof is verified with that very key, which looks like the embedded-jwk attack but is not: the key proves nothing by itself; what gives it authority is the access token\'s "cnf.jkt", signed by the authorization server. The method, URL and access token fields below are what the API received; the DPoP status reads valid.',
      setup: async (ctx) => stateFor(ctx, await proofBy(ctx, 'client'), GET_ORDERS),
      demo: async (ctx) => serverSays(ctx, await proofBy(ctx, 'client'), GET_ORDERS),
    },
    {
      title: "Theft 1: the token, with a proof of the thief's own",
      text: "The thief copied the access token and signs a perfectly formed proof for the same request with a key of their own. The proof's signature is fine (the thief made it), but its key's thumbprint is not the token's \"cnf.jkt\": the API refuses. Without the client's private key, the stolen token buys nothing.",
      setup: async (ctx) => stateFor(ctx, await proofBy(ctx, 'thief'), GET_ORDERS),
      demo: async (ctx) => serverSays(ctx, await proofBy(ctx, 'thief'), GET_ORDERS),
    },
    {
      title: 'Theft 2: a captured proof, replayed elsewhere',
      text: 'This time the thief also captured the client\'s proof. It was made for GET on the orders API: replayed for a POST to the transfers API, its "htm" and "htu" do not match the request, and the API refuses. Replayed for the very same request, the API refuses it too, because it keeps each "jti" it has seen for the proof\'s short lifetime (RFC 9449 §11.1), and can demand a fresh server "nonce".',
      setup: async (ctx) => stateFor(ctx, await proofBy(ctx, 'client'), POST_TRANSFER),
      demo: async (ctx) => serverSays(ctx, await proofBy(ctx, 'client'), POST_TRANSFER),
    },
    {
      title: 'What a resource server checks',
      text: 'For every request (RFC 9449 §4.3 and §7): the proof is a JWT with typ dpop+jwt and an asymmetric alg; it verifies with its own "jwk", which holds no private members; "htm" and "htu" match this request; "iat" is recent and "jti" not seen before; "ath" is the hash of the access token sent; and the access token\'s "cnf.jkt" is that key\'s thumbprint. The client keeps its private key out of reach (a non-extractable WebCrypto key), so stealing storage or traffic is not enough.',
      setup: async (ctx) => stateFor(ctx, await proofBy(ctx, 'client'), GET_ORDERS),
    },
  ],
};
