/**
 * The engine benchmark, run in Chromium by scripts/bench.mjs: for each
 * algorithm, the full pipeline a keystroke runs (Checker.check and verify:
 * decode, cached key lookup, verify, claims, findings, library outcomes) against the bare crypto.subtle.verify of the same
 * token, interleaved in rounds so that machine noise hits both alike.
 */
import { base64url, exportPKCS8, exportSPKI, generateKeyPair, jwtVerify } from 'jose';
import * as engine from '../src/lib';
import * as findings from '../src/lib/findings';
import * as outcomes from '../src/lib/explain/outcomes';
import { runCrack } from './crack';
import { runRecover } from './recover';

interface Row {
  alg: string;
  pipelineUs: number;
  bareUs: number;
  ratio: number;
  /** jose's jwtVerify on the same tokens and key: a well-kept library, for scale. */
  joseUs: number;
  /**
   * The pipeline against jose (the target): all rounds' time against all
   * rounds' time. Not the medians' ratio: a young-generation collection
   * takes a good part of a round, so a median says how many rounds had one
   * rather than what each side costs; over every round, each side pays for
   * the collections its own garbage brings about.
   */
  pipelineVsJose: number;
  /** The fastest round of each against the other's: the work alone, with no collection or load in it. */
  bestVsJose: number;
  /**
   * The least any verifier must do from the token text: split it, decode the
   * signature, encode the signing input, call verify. No JSON, no checks.
   */
  floorUs: number;
  /**
   * The share of the bare check spent inside the crypto.subtle.verify call
   * itself, before it returns its promise: work done on the calling thread,
   * which nothing the page does can overlap.
   */
  inCallShare: number;
}

const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const NOW = 1_800_000_000;

async function keysFor(alg: string): Promise<{ signing: string; verifying: string }> {
  if (alg.startsWith('HS')) return { signing: SECRET, verifying: SECRET };
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { signing: await exportPKCS8(privateKey), verifying: await exportSPKI(publicKey) };
}

/** Tokens that differ in their payload, as a stream of edited tokens would. */
async function tokensFor(alg: string, signing: string, count: number): Promise<string[]> {
  const algorithm = engine.jwsAlgorithm(alg)!;
  const resolver = new engine.KeyResolver();
  const key = await resolver.resolve(signing, algorithm, 'sign', { secretEncoding: 'utf8' });
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = engine.prepareSigningInput(
      JSON.stringify({ alg, typ: 'JWT' }),
      JSON.stringify({
        sub: 'bench',
        iss: 'https://issuer.example',
        aud: 'jwt-lab',
        jti: `token-${i}`,
        iat: NOW - 60 - i,
        exp: NOW + 3600,
      }),
    );
    if (!input.ok) throw input.error;
    const token = await engine.signWith(input.value, algorithm, key);
    if (!token.ok) throw token.error;
    tokens.push(token.value);
  }
  return tokens;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Calls of each before measuring, or as many as fit in WARM_MS. */
const WARM_CALLS = 20_000;
const WARM_MS = 2_000;

/** Distinct tokens per algorithm: no stage can answer from a cache of the previous call. */
const TOKENS = 50;

/** What a keystroke runs for one algorithm's tokens, and what it needs. */
async function pipelineFor(alg: string) {
  const { signing, verifying } = await keysFor(alg);
  const tokens = await tokensFor(alg, signing, TOKENS);
  const resolver = new engine.KeyResolver();

  // What a keystroke runs: the engine's one call, its asynchronous part, and
  // the call again with the verdicts (findings and claims come from its caches).
  const checker = new engine.Checker(resolver);
  const settings = {
    now: NOW,
    leeway: 0,
    expectedIssuer: 'https://issuer.example',
    expectedAudience: 'jwt-lab',
    requiredClaims: [],
    timeTravel: false,
  };
  const keys = {
    text: verifying,
    encoding: 'utf8' as const,
    innerText: '',
    from: 'person' as const,
  };
  const tools = { findings, outcomes };
  const pipeline = async (token: string) => {
    const input = { text: token, from: 'person' as const };
    const report = checker.check(input, settings, keys, tools);
    const verdicts = await checker.verify(report, keys);
    const { signature } = checker.check(input, settings, keys, tools, verdicts);
    if (signature.status !== 'verified') throw new Error(`not verified: ${signature.message}`);
  };
  /** The same, adding each phase's time to `into` (µs): for the profile. */
  const timed = async (token: string, into: Record<string, number>) => {
    const input = { text: token, from: 'person' as const };
    const t0 = performance.now();
    const report = checker.check(input, settings, keys, tools);
    const t1 = performance.now();
    const verdicts = await checker.verify(report, keys);
    const t2 = performance.now();
    checker.check(input, settings, keys, tools, verdicts);
    const t3 = performance.now();
    into['first check'] = (into['first check'] ?? 0) + (t1 - t0) * 1000;
    into['verify'] = (into['verify'] ?? 0) + (t2 - t1) * 1000;
    into['check with verdicts'] = (into['check with verdicts'] ?? 0) + (t3 - t2) * 1000;
  };
  // jose's jwtVerify on the same tokens, with the key the pipeline imported.
  const algorithm = engine.jwsAlgorithm(alg)!;
  const selection = await resolver.resolve(verifying, algorithm, 'verify', {
    secretEncoding: 'utf8',
  });
  if (!selection.ok) throw selection.error;
  // The benchmarked algorithms are WebCrypto's: a SoftKey (secp256k1, Ed448) never comes here.
  const key = selection.value.candidates[0]!.key as CryptoKey;
  const joseOptions = {
    issuer: 'https://issuer.example',
    audience: 'jwt-lab',
    currentDate: new Date(NOW * 1000),
  };
  const jose = async (token: string) => {
    await jwtVerify(token, key, joseOptions);
  };
  return { verifying, tokens, resolver, key, pipeline, timed, jose };
}

async function measure(alg: string, rounds = 24, perRound = 500): Promise<Row> {
  const { tokens, key, pipeline, jose: joseRun } = await pipelineFor(alg);

  // The bare call gets everything prepared: the key imported, each token's bytes decoded.
  const algorithm = engine.jwsAlgorithm(alg)!;
  const params = engine.subtleParams(algorithm);
  const inputs = tokens.map((token) => {
    const decoded = engine.decodeToken(token);
    if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('decode failed');
    return {
      signature: decoded.value.signature as Uint8Array<ArrayBuffer>,
      data: new TextEncoder().encode(decoded.value.signingInput),
    };
  });
  const bare = async (i: number) => {
    const { signature, data } = inputs[i]!;
    if (!(await crypto.subtle.verify(params, key, signature, data)))
      throw new Error('bare verify failed');
  };
  const jose = (i: number) => joseRun(tokens[i]!);

  const encoder = new TextEncoder();
  const floor = async (i: number) => {
    const token = tokens[i]!;
    const dot = token.lastIndexOf('.');
    const signature = base64url.decode(token.slice(dot + 1)) as Uint8Array<ArrayBuffer>;
    const data = encoder.encode(token.slice(0, dot));
    if (!(await crypto.subtle.verify(params, key, signature, data)))
      throw new Error('floor verify failed');
  };

  const runs = { pipeline: (i: number) => pipeline(tokens[i]!), bare, jose, floor };
  const samples = {
    pipeline: [] as number[],
    bare: [] as number[],
    jose: [] as number[],
    floor: [] as number[],
  };
  // Warm: the pipeline is far more code than jose, and its first several
  // thousand calls run before V8's optimizing tiers have compiled all of it;
  // warmed with a hundred (or three thousand) calls, its first rounds were
  // twice as slow as its last.
  for (const run of Object.values(runs)) {
    const until = performance.now() + WARM_MS;
    for (let i = 0; i < WARM_CALLS && performance.now() < until; i++) await run(i % TOKENS);
  }
  // Interleaved rounds, so that noise from the machine hits all of them alike,
  // each round starting one further along: whatever runs first in a round pays
  // for the garbage the others left (a collection falls due), so each takes
  // every place equally often. Measured before the rotation, the same code
  // read 0.87 or 1.14 against jose depending only on which came first.
  const order = Object.entries(runs);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < order.length; k++) {
      const [name, run] = order[(r + k) % order.length]!;
      const t = performance.now();
      for (let i = 0; i < perRound; i++) await run(i % TOKENS);
      samples[name as keyof typeof samples].push(((performance.now() - t) * 1000) / perRound);
    }
  const pipelineUs = median(samples.pipeline);
  const bareUs = median(samples.bare);
  return {
    alg,
    pipelineUs,
    bareUs,
    ratio: pipelineUs / bareUs,
    joseUs: median(samples.jose),
    pipelineVsJose: sum(samples.pipeline) / sum(samples.jose),
    bestVsJose: Math.min(...samples.pipeline) / Math.min(...samples.jose),
    floorUs: median(samples.floor),
    inCallShare: await inCallShare(params, key, inputs),
  };
}

/** How much of a bare check's time passes inside the verify call, before its promise. */
async function inCallShare(
  params: ReturnType<typeof engine.subtleParams>,
  key: CryptoKey,
  inputs: { signature: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> }[],
  calls = 1000,
): Promise<number> {
  let inCall = 0;
  let total = 0;
  for (let i = 0; i < calls; i++) {
    const { signature, data } = inputs[i % inputs.length]!;
    const t0 = performance.now();
    const verdict = crypto.subtle.verify(params, key, signature, data);
    const t1 = performance.now();
    await verdict;
    inCall += t1 - t0;
    total += performance.now() - t0;
  }
  return inCall / total;
}

/** Microseconds per call of each pipeline stage alone, for one algorithm. */
async function stages(alg: string, calls = 3000): Promise<Record<string, number>> {
  const { signing, verifying } = await keysFor(alg);
  const [token] = await tokensFor(alg, signing, 1);
  const resolver = new engine.KeyResolver();
  const decoded = engine.decodeToken(token!);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('decode failed');
  const jws = decoded.value;
  const algorithm = engine.jwsAlgorithm(alg)!;
  const selection = await resolver.resolve(verifying, algorithm, 'verify', {
    secretEncoding: 'utf8',
  });
  const time = async (f: () => unknown) => {
    for (let i = 0; i < 200; i++) await f();
    const t = performance.now();
    for (let i = 0; i < calls; i++) await f();
    return ((performance.now() - t) * 1000) / calls;
  };
  return {
    decode: await time(() => engine.decodeToken(token!)),
    'key lookup': await time(() =>
      resolver.resolve(verifying, algorithm, 'verify', { secretEncoding: 'utf8' }),
    ),
    verify: await time(() => engine.verifyWith(jws, algorithm, selection)),
    claims: await time(() =>
      engine.checkClaims(jws.payload, {
        now: NOW,
        leeway: 0,
        expectedIssuer: 'https://issuer.example',
        expectedAudience: 'jwt-lab',
      }),
    ),
    findings: await time(() =>
      findings.findFindings({
        decoded: jws,
        keyText: verifying,
        parsedKey: resolver.parse(verifying),
        secretEncoding: 'utf8',
        now: NOW,
        leeway: 0,
      }),
    ),
    // A fresh decode each time, as on a keystroke: its lazy scans are not yet cached.
    'decode + findings': await time(() => {
      const fresh = engine.decodeToken(token!);
      if (!fresh.ok || fresh.value.kind !== 'jws') throw new Error('decode failed');
      findings.findFindings({
        decoded: fresh.value,
        keyText: verifying,
        parsedKey: resolver.parse(verifying),
        secretEncoding: 'utf8',
        now: NOW,
        leeway: 0,
      });
    }),
  };
}

/** The pipeline alone, `calls` times, for a profiler to watch (`npm run bench -- --profile`). */
async function runPipeline(alg: string, calls: number, which: 'engine' | 'jose' = 'engine') {
  const made = await pipelineFor(alg);
  const run = which === 'jose' ? made.jose : made.pipeline;
  for (let i = 0; i < calls; i++) await run(made.tokens[i % TOKENS]!);
}

/** µs per call of each phase of the pipeline: the first check, verify, the check with verdicts. */
async function runPhases(alg: string, calls: number): Promise<Record<string, number>> {
  const { tokens, timed } = await pipelineFor(alg);
  const sums: Record<string, number> = {};
  for (let i = 0; i < 500; i++) await timed(tokens[i % TOKENS]!, {});
  for (let i = 0; i < calls; i++) await timed(tokens[i % TOKENS]!, sums);
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / calls]));
}

declare global {
  interface Window {
    runBench: (algs: string[]) => Promise<Row[]>;
    runPipeline: typeof runPipeline;
    runPhases: typeof runPhases;
    runStages: (alg: string) => Promise<Record<string, number>>;
    runCrack: typeof runCrack;
    runRecover: typeof runRecover;
  }
}

window.runStages = stages;
window.runPipeline = runPipeline;
window.runPhases = runPhases;
window.runCrack = runCrack;
window.runRecover = runRecover;

window.runBench = async (algs) => {
  const rows: Row[] = [];
  for (const alg of algs) rows.push(await measure(alg));
  return rows;
};

document.getElementById('state')!.textContent = 'ready';
