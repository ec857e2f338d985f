/**
 * x5c chains made by OpenSSL's CLI (tests/vectors/x509, see
 * scripts/make-x509-fixtures.sh): read (names and validity as node's own
 * X.509 reader sees them), checked up to a trust anchor, judged at a moment,
 * and each tampered chain refused with its own code and certificate.
 */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectChain, MAX_CHAIN } from '../../../src/lib/keys/x509/chain';
import { readCertificate } from '../../../src/lib/keys/x509/certificate';
import { judgeChain } from '../../../src/lib/keys/x509/judge';
import { PEM, x5cOf, type CertName } from '../helpers/x509';

const NOW = Date.UTC(2030, 0, 1) / 1000;
const chainOf = (...names: CertName[]) => names.map(x5cOf);
const judge = async (x5c: unknown, anchors: string, now = NOW) =>
  judgeChain(await inspectChain(x5c, anchors), now);
const der = (name: CertName) => new Uint8Array(Buffer.from(x5cOf(name), 'base64'));
/** The certificate with one byte changed: `at` from its start, or from its end when negative. */
const tampered = (name: CertName, at: number) => {
  const bytes = der(name);
  bytes[at < 0 ? bytes.length + at : at]! ^= 0x01;
  return Buffer.from(bytes).toString('base64');
};

describe('readCertificate', () => {
  it.each(Object.keys(PEM) as CertName[])('%s: names and validity as node reads them', (name) => {
    const read = readCertificate(der(name));
    if (!read.ok) throw read.error;
    const node = new X509Certificate(PEM[name]);
    expect(read.value.subject).toBe(node.subject.split('\n').join(', '));
    expect(read.value.issuer).toBe(node.issuer.split('\n').join(', '));
    expect(read.value.notBefore * 1000).toBe(Date.parse(node.validFrom));
    expect(read.value.notAfter * 1000).toBe(Date.parse(node.validTo));
    expect(read.value.isCa).toBe(node.ca);
  });

  it('reads UTCTime (2049) and GeneralizedTime (2125)', () => {
    const leaf = readCertificate(der('ec-leaf'));
    const intermediate = readCertificate(der('ec-intermediate'));
    if (!leaf.ok || !intermediate.ok) throw new Error('unread');
    expect(new Date(leaf.value.notAfter * 1000).getUTCFullYear()).toBe(2049);
    expect(new Date(intermediate.value.notAfter * 1000).getUTCFullYear()).toBe(2125);
  });

  it('a cut certificate is ERR_X5C_MALFORMED naming the byte', () => {
    const read = readCertificate(der('ec-leaf').slice(0, 200));
    expect(read.ok ? undefined : [read.error.code, read.error.message]).toEqual([
      'ERR_X5C_MALFORMED',
      expect.stringMatching(/^The certificate's DER structure is damaged at byte \d+: /),
    ]);
  });
});

describe('inspectChain and judgeChain', () => {
  it.each([
    [
      'RSA leaf, intermediate and root; the root trusted',
      chainOf('rsa-leaf', 'rsa-intermediate', 'rsa-root'),
      PEM['rsa-root'],
      'JWT Lab Test RSA Root',
    ],
    [
      'EC leaf and intermediate; the root (not in the chain) trusted',
      chainOf('ec-leaf', 'ec-intermediate'),
      PEM['ec-root'],
      'JWT Lab Test EC Root',
    ],
    [
      'EC leaf and intermediate; the intermediate trusted',
      chainOf('ec-leaf', 'ec-intermediate'),
      PEM['ec-intermediate'],
      'JWT Lab Test EC Intermediate',
    ],
    [
      'several anchors, one of them right',
      chainOf('ec-leaf', 'ec-intermediate'),
      PEM['other-root'] + PEM['rsa-root'] + PEM['ec-root'],
      'JWT Lab Test EC Root',
    ],
  ])('%s: trusted', async (_name, x5c, anchors, anchor) => {
    const verdict = await judge(x5c, anchors);
    expect(verdict.status, verdict.message).toBe('trusted');
    expect(verdict.message).toMatch(
      new RegExp(`^The chain validates up to the trust anchor ".*CN=${anchor}"`),
    );
    expect(verdict.certificates.map((c) => c.position)).toEqual(x5c.map((_, i) => i + 1));
  });

  it('lists each certificate: subject, issuer, validity, key', async () => {
    const verdict = await judge(chainOf('rsa-leaf', 'rsa-intermediate'), '');
    expect(verdict.certificates.map((c) => [c.subject, c.issuer, c.key])).toEqual([
      [
        'O=JWT Lab Test, CN=rsa-leaf.example',
        'O=JWT Lab Test, CN=JWT Lab Test RSA Intermediate',
        'RSA 2048 bits',
      ],
      [
        'O=JWT Lab Test, CN=JWT Lab Test RSA Intermediate',
        'C=NL, O=JWT Lab Test, CN=JWT Lab Test RSA Root',
        'RSA 2048 bits',
      ],
    ]);
  });

  it.each([
    ['no anchor at all', '', /^No trust anchor: /],
    [
      'an unrelated anchor',
      PEM['other-root'],
      /^None of the 1 trust anchors is "O=JWT Lab Test, CN=JWT Lab Test EC Root"/,
    ],
  ])('%s: untrusted', async (_name, anchors, message) => {
    const verdict = await judge(chainOf('ec-leaf', 'ec-intermediate'), anchors);
    expect([verdict.status, verdict.error?.code]).toEqual(['untrusted', 'ERR_X5C_UNTRUSTED']);
    expect(verdict.message).toMatch(message);
  });

  it('an expired leaf: expired now; in 2021 its intermediate was not yet valid', async () => {
    const facts = await inspectChain(chainOf('ec-expired', 'ec-intermediate'), PEM['ec-root']);
    const now = judgeChain(facts, NOW);
    expect([now.status, now.error?.code, now.error?.certificate]).toEqual([
      'expired',
      'ERR_X5C_EXPIRED',
      1,
    ]);
    expect(now.message).toBe(
      'Certificate 1 "CN=expired.example, O=JWT Lab Test" expired at 2021-12-31T23:59:59Z, before the judged moment 2030-01-01T00:00:00Z.',
    );
    const then = judgeChain(facts, Date.UTC(2021, 5, 1) / 1000);
    expect([then.status, then.error?.code, then.error?.certificate]).toEqual([
      'expired',
      'ERR_X5C_NOT_YET_VALID',
      2,
    ]);
  });

  it('before a certificate is valid: ERR_X5C_NOT_YET_VALID', async () => {
    const verdict = await judge(
      chainOf('ec-leaf', 'ec-intermediate'),
      PEM['ec-root'],
      Date.UTC(2001, 0, 1) / 1000,
    );
    expect([verdict.status, verdict.error?.code, verdict.error?.certificate]).toEqual([
      'expired',
      'ERR_X5C_NOT_YET_VALID',
      1,
    ]);
  });

  it.each([
    [
      "the leaf's signature changed",
      [tampered('ec-leaf', -3), x5cOf('ec-intermediate')],
      'ERR_X5C_SIGNATURE',
      1,
      /^Certificate 1's signature does not verify with the key of "O=JWT Lab Test, CN=JWT Lab Test EC Intermediate"/,
    ],
    [
      "the RSA leaf's signature changed",
      [tampered('rsa-leaf', -10), ...chainOf('rsa-intermediate', 'rsa-root')],
      'ERR_X5C_SIGNATURE',
      1,
      /^Certificate 1's signature does not verify/,
    ],
    [
      "the intermediate's signed bytes changed",
      [x5cOf('rsa-leaf'), tampered('rsa-intermediate', 16), x5cOf('rsa-root')],
      'ERR_X5C_SIGNATURE',
      2,
      /^Certificate 2's signature does not verify/,
    ],
    [
      'out of order',
      chainOf('ec-intermediate', 'ec-leaf'),
      'ERR_X5C_ISSUER_MISMATCH',
      1,
      /the chain is out of order or incomplete\.$/,
    ],
    [
      'an EC leaf under the RSA intermediate',
      chainOf('ec-leaf', 'rsa-intermediate'),
      'ERR_X5C_ISSUER_MISMATCH',
      1,
      /^Certificate 1 "O=JWT Lab Test, CN=ec-leaf.example" names its issuer/,
    ],
    [
      'a leaf that signs a certificate',
      chainOf('ec-under-leaf', 'ec-leaf', 'ec-intermediate'),
      'ERR_X5C_NOT_CA',
      2,
      /but it is not a CA \(its basicConstraints do not say cA: TRUE\)/,
    ],
    [
      'base64url instead of base64',
      [x5cOf('ec-leaf').replaceAll('+', '-').replaceAll('/', '_')],
      'ERR_X5C_MALFORMED',
      1,
      /^x5c entry 1 has "[-_]" at character \d+: x5c is standard base64, not base64url/,
    ],
    [
      'a cut certificate',
      [x5cOf('ec-leaf').slice(0, 400)],
      'ERR_X5C_MALFORMED',
      1,
      /^Certificate 1: The certificate's DER structure is damaged/,
    ],
    [
      'a number in the array',
      [x5cOf('ec-leaf'), 7],
      'ERR_X5C_MALFORMED',
      2,
      /^x5c entry 2 is not a string\.$/,
    ],
  ])('%s', async (_name, x5c, code, certificate, message) => {
    const verdict = await judge(x5c, PEM['ec-root'] + PEM['rsa-root']);
    expect([verdict.status, verdict.error?.code, verdict.error?.certificate]).toEqual([
      'invalid',
      code,
      certificate,
    ]);
    expect(verdict.message).toMatch(message);
  });

  it.each([
    ['not an array', 'MIIB', /^"x5c" must be a non-empty array/],
    ['empty', [], /^"x5c" must be a non-empty array/],
  ])('x5c %s: ERR_X5C_MALFORMED', async (_name, x5c, message) => {
    const verdict = await judge(x5c, '');
    expect([verdict.status, verdict.error?.code]).toEqual(['invalid', 'ERR_X5C_MALFORMED']);
    expect(verdict.message).toMatch(message);
  });

  it(`a chain longer than ${MAX_CHAIN} is ERR_X5C_TOO_LONG, read no further`, async () => {
    const verdict = await judge(Array(MAX_CHAIN + 1).fill(x5cOf('ec-leaf')), '');
    expect(verdict.error?.code).toBe('ERR_X5C_TOO_LONG');
  });

  it('says which anchor blocks were not usable', async () => {
    const key = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n';
    const facts = await inspectChain(chainOf('ec-leaf', 'ec-intermediate'), key + PEM['ec-root']);
    expect(facts.outcome.kind).toBe('anchored');
    expect(facts.anchorProblems).toEqual([
      'Anchor 1 is a PUBLIC KEY block: a trust anchor is a CERTIFICATE.',
    ]);
  });
});
