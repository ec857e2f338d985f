/**
 * The DPoP snippet really checks proofs: run in node against proofs the DPoP
 * lesson makes (the client's, a thief's own, a captured one replayed), it
 * says what the page's own DPoP check says.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DPOP_SNIPPET } from '../../../src/lib/explain/snippets/dpop';
import { lessonById, lessonContext, type StepState } from '../../../src/lib/lessons';

// Inside node_modules, so that the snippet's `import 'jose'` resolves.
const dir = mkdtempSync(join(process.cwd(), 'node_modules', '.jwtlab-dpop-'));
const path = join(dir, DPOP_SNIPPET.file);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (proof: string, method: string, url: string, accessToken: string) =>
  spawnSync(process.execPath, [path, proof, method, url, accessToken], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });

describe('the DPoP snippet (node, jose)', () => {
  const states: StepState[] = [];
  beforeAll(async () => {
    writeFileSync(path, DPOP_SNIPPET.code);
    // The snippet reads the real clock: the proofs are made now.
    const ctx = lessonContext(Math.floor(Date.now() / 1000));
    for (const step of lessonById('dpop')!.steps) states.push(await step.setup(ctx));
  });
  const args = (s: StepState) =>
    [s.token!, s.dpop!.method, s.dpop!.url, s.dpop!.accessToken] as const;

  it("accepts the client's proof for its request", () => {
    const r = run(...args(states[1]!));
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('valid');
  });

  it("refuses a thief's own proof on cnf.jkt", () => {
    const r = run(...args(states[2]!));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^jkt: /);
  });

  it('refuses the captured proof replayed for another method', () => {
    expect(run(...args(states[3]!)).stderr).toMatch(/^htm: /);
  });

  it('refuses it for another URL, and takes a query string as the same URL', () => {
    const [proof, , , token] = args(states[1]!);
    expect(run(proof, 'GET', 'https://api.example/transfers', token).stderr).toMatch(/^htu: /);
    expect(run(proof, 'GET', 'https://api.example/orders?page=2', token).stdout.trim()).toBe(
      'valid',
    );
  });

  it('refuses it with another access token', () => {
    const [proof, method, url] = args(states[1]!);
    const other = states[0]!.token!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(run(proof, method, url, other).stderr).toMatch(/^ath: /);
  });

  it('refuses a proof whose jwk header holds the private key', async () => {
    const [, method, url, token] = args(states[1]!);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const now = Math.floor(Date.now() / 1000);
    const proof = await new SignJWT({ jti: 'j1', htm: method, htu: url, iat: now })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk })
      .sign(privateKey);
    const r = run(proof, method, url, token);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ERR_JWS_INVALID: .*public key/);
  });
});
