/**
 * x5c in the pipeline: a token signed by an OpenSSL-made leaf, carrying its
 * chain, with the key box empty. A chain that reaches a pasted trust anchor
 * lends its leaf's key (key-source says so); an untrusted, expired or
 * invalid one never does, and the x5c-untrusted finding says why.
 */
import { describe, expect, it } from 'vitest';
import * as findings from '../../../src/lib/findings';
import { Checker, type KeyInput, type Settings } from '../../../src/lib';
import { nodeSignedToken } from '../helpers/keys';
import { LEAF_KEY, PEM, x5cOf, type CertName } from '../helpers/x509';

const NOW = Date.UTC(2030, 0, 1) / 1000;
const settings = (now = NOW): Settings => ({
  now,
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  timeTravel: false,
});
const keys = (anchors: string, text = ''): KeyInput => ({
  text,
  encoding: 'utf8',
  innerText: '',
  from: 'person',
  anchors,
});
const tokenWith = (leaf: 'ec-leaf' | 'ec-expired', ...chain: CertName[]) =>
  nodeSignedToken({ alg: 'ES256', x5c: [leaf, ...chain].map(x5cOf) }, { sub: 's' }, LEAF_KEY[leaf]);

async function settle(text: string, input: KeyInput, s = settings()) {
  const checker = new Checker();
  const token = { text, from: 'person' as const };
  const first = checker.check(token, s, input, { findings });
  expect(first.chain?.status).toBe('checking');
  const verdicts = await checker.verify(first, input);
  return checker.check(token, s, input, { findings }, verdicts);
}
const x5cFinding = (report: Awaited<ReturnType<typeof settle>>) =>
  report.findings?.find((f) => f.id === 'x5c-untrusted')?.message;

describe('x5c in the pipeline', () => {
  const good = tokenWith('ec-leaf', 'ec-intermediate');

  it('a trusted chain verifies the token with its leaf key when the key box is empty', async () => {
    const report = await settle(good, keys(PEM['ec-root']));
    expect(report.chain?.status).toBe('trusted');
    expect(report.signature).toMatchObject({
      status: 'verified',
      keySource:
        'the leaf certificate "O=JWT Lab Test, CN=ec-leaf.example" of the token\'s x5c chain, which the trust anchor "O=JWT Lab Test, CN=JWT Lab Test EC Root" validates (EC P-256 public key, SPKI PEM)',
    });
    expect(x5cFinding(report)).toBeUndefined();
  });

  it('without an anchor the chain is untrusted and the token needs a key', async () => {
    const report = await settle(good, keys(''));
    expect(report.chain).toMatchObject({
      status: 'untrusted',
      error: { code: 'ERR_X5C_UNTRUSTED' },
    });
    expect(report.signature.status).toBe('needs-key');
    expect(x5cFinding(report)).toMatch(/^The token's x5c chain is not trusted/);
  });

  it('an expired chain never verifies, even with its anchor', async () => {
    const report = await settle(tokenWith('ec-expired', 'ec-intermediate'), keys(PEM['ec-root']));
    expect(report.chain).toMatchObject({
      status: 'expired',
      error: { code: 'ERR_X5C_EXPIRED', certificate: 1 },
    });
    expect(report.signature.status).toBe('needs-key');
    expect(x5cFinding(report)).toMatch(/outside its validity/);
  });

  it('a trusted chain judged at a moment after the leaf expired: needs a key, without checking again', async () => {
    const checker = new Checker();
    const input = keys(PEM['ec-root']);
    const token = { text: good, from: 'person' as const };
    const verdicts = await checker.verify(checker.check(token, settings(), input), input);
    const later = checker.check(token, settings(Date.UTC(2050, 0, 1) / 1000), input, {}, verdicts);
    expect(later.chain?.status).toBe('expired');
    expect(later.signature).toMatchObject({
      status: 'needs-key',
      message: expect.stringMatching(
        /^The token's x5c chain is expired at the judged moment, so its key proves nothing: Certificate 1 /,
      ),
    });
  });

  it('an invalid chain (out of order) never verifies', async () => {
    const report = await settle(
      tokenWith('ec-leaf', 'ec-root', 'ec-intermediate'),
      keys(PEM['ec-root']),
    );
    expect(report.chain).toMatchObject({
      status: 'invalid',
      error: { code: 'ERR_X5C_ISSUER_MISMATCH', certificate: 1 },
    });
    expect(report.signature.status).toBe('needs-key');
  });

  it("with a key of the person's, that key judges the signature; the chain is judged beside it", async () => {
    const other = LEAF_KEY['ec-expired'].export({ type: 'pkcs8', format: 'pem' }) as string;
    const report = await settle(good, keys(PEM['ec-root'], other));
    expect(report.chain?.status).toBe('trusted');
    expect(report.signature.status).toBe('invalid');
  });

  it('a JWK in the key box with an untrusted x5c: chain-status and the finding', async () => {
    const jwk = JSON.stringify({
      ...LEAF_KEY['ec-leaf'].export({ format: 'jwk' }),
      d: undefined,
      x5c: [x5cOf('ec-leaf'), x5cOf('ec-intermediate')],
    });
    const plain = nodeSignedToken({ alg: 'ES256' }, { sub: 's' }, LEAF_KEY['ec-leaf']);
    const report = await settle(plain, keys('', jwk));
    expect(report.chain).toMatchObject({ status: 'untrusted', from: 'jwk' });
    expect(report.signature.status).toBe('verified');
    expect(x5cFinding(report)).toMatch(
      /^The key in the key box came with an x5c chain that is not trusted/,
    );
  });
});
