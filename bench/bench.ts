/**
 * The engine benchmark, run in Chromium by scripts/bench.mjs: for each
 * algorithm, the full pipeline a keystroke runs (decode, cached key lookup,
 * verify, claims, findings) against the bare crypto.subtle.verify of the same
 * token, interleaved in rounds so that machine noise hits both alike.
 */
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import * as engine from '../src/lib';
import { findFindings } from '../src/lib/findings';

interface Row {
  alg: string;
  pipelineUs: number;
  bareUs: number;
  ratio: number;
}

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const NOW = 1_800_000_000;

async function keysFor(alg: string): Promise<{ signing: string; verifying: string }> {
  if (alg.startsWith('HS')) return { signing: SECRET, verifying: SECRET };
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { signing: await exportPKCS8(privateKey), verifying: await exportSPKI(publicKey) };
}

async function tokenFor(alg: string, signing: string): Promise<string> {
  const header = JSON.stringify({ alg, typ: 'JWT' });
  const payload = JSON.stringify({
    sub: 'bench',
    iss: 'https://issuer.example',
    aud: 'jwt-lab',
    iat: NOW - 60,
    exp: NOW + 3600,
  });
  const input = engine.prepareSigningInput(header, payload);
  const algorithm = engine.jwsAlgorithm(alg)!;
  if (!input.ok) throw input.error;
  const resolver = new engine.KeyResolver();
  const token = await engine.signWith(
    input.value,
    algorithm,
    await resolver.resolve(signing, algorithm, 'sign', { secretEncoding: 'utf8' }),
  );
  if (!token.ok) throw token.error;
  return token.value;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(alg: string, rounds = 15, perRound = 200): Promise<Row> {
  const { signing, verifying } = await keysFor(alg);
  const token = await tokenFor(alg, signing);
  const resolver = new engine.KeyResolver();
  const options = { secretEncoding: 'utf8' as const };

  const pipeline = async () => {
    const decoded = engine.decodeToken(token);
    if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('decode failed');
    const checked = engine.algorithmOf(decoded.value.alg);
    if ('verdict' in checked) throw new Error('no algorithm');
    const selection = await resolver.resolve(verifying, checked.algorithm, 'verify', {
      ...options,
      kid: decoded.value.header.kid,
    });
    const verdict = await engine.verifyWith(decoded.value, checked.algorithm, selection);
    if (verdict.status !== 'verified') throw new Error(`not verified: ${verdict.message}`);
    engine.checkClaims(decoded.value.payload, {
      now: NOW,
      leeway: 0,
      expectedIssuer: 'https://issuer.example',
      expectedAudience: 'jwt-lab',
    });
    findFindings({
      decoded: decoded.value,
      keyText: verifying,
      parsedKey: resolver.parse(verifying),
      secretEncoding: 'utf8',
      now: NOW,
      leeway: 0,
    });
  };

  // The bare call gets everything prepared: key imported, bytes decoded.
  const decoded = engine.decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('decode failed');
  const algorithm = engine.jwsAlgorithm(alg)!;
  const selection = await resolver.resolve(verifying, algorithm, 'verify', options);
  if (!selection.ok) throw selection.error;
  const key = selection.value.candidates[0]!.key;
  const params = engine.subtleParams(algorithm);
  const signature = decoded.value.signature as Uint8Array<ArrayBuffer>;
  const data = new TextEncoder().encode(decoded.value.signingInput);
  const bare = async () => {
    if (!(await crypto.subtle.verify(params, key, signature, data)))
      throw new Error('bare verify failed');
  };

  for (let i = 0; i < 50; i++) {
    await pipeline();
    await bare();
  }
  const pipelineRounds: number[] = [];
  const bareRounds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (let i = 0; i < perRound; i++) await pipeline();
    pipelineRounds.push(((performance.now() - t) * 1000) / perRound);
    t = performance.now();
    for (let i = 0; i < perRound; i++) await bare();
    bareRounds.push(((performance.now() - t) * 1000) / perRound);
  }
  const pipelineUs = median(pipelineRounds);
  const bareUs = median(bareRounds);
  return { alg, pipelineUs, bareUs, ratio: pipelineUs / bareUs };
}

declare global {
  interface Window {
    runBench: (algs: string[]) => Promise<Row[]>;
    makeToken: (alg: string, payloadBytes: number) => Promise<{ token: string; key: string }>;
  }
}

window.runBench = async (algs) => {
  const rows: Row[] = [];
  for (const alg of algs) rows.push(await measure(alg));
  return rows;
};

document.getElementById('state')!.textContent = 'ready';
