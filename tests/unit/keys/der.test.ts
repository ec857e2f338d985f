/**
 * Key files: DER made by node:crypto and OpenSSL is recognised by structure
 * (SPKI, PKCS#8, X.509, PKCS#1, SEC1) and becomes PEM text the engine reads;
 * PEM and JSON files pass through; anything else is refused with the reason.
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derToPem, keyFileToText } from '../../../src/lib/keys/der';
import { parseKey } from '../../../src/lib/keys/parse';
import { keyOf, RSA_CERT } from '../helpers/keys';

const der = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const text = (s: string) => new TextEncoder().encode(s);

describe('derToPem: by structure', async () => {
  const rsa = await keyOf('rsa');
  const ec = await keyOf('p384');
  const ed = await keyOf('ed25519');
  const cases: [string, string, string][] = [
    ['SPKI (RSA)', rsa.spki, 'PUBLIC KEY'],
    ['PKCS#8 (RSA)', rsa.pkcs8, 'PRIVATE KEY'],
    ['PKCS#1 public', rsa.pkcs1Public!, 'RSA PUBLIC KEY'],
    ['PKCS#1 private', rsa.pkcs1Private!, 'RSA PRIVATE KEY'],
    ['SEC1', ec.sec1!, 'EC PRIVATE KEY'],
    ['SPKI (Ed25519)', ed.spki, 'PUBLIC KEY'],
    ['X.509 (OpenSSL)', RSA_CERT.cert, 'CERTIFICATE'],
  ];
  it.each(cases)('%s', (_name, pem, label) => {
    const read = derToPem(der(pem));
    if (!read.ok) throw read.error;
    expect(read.value.text.split('\n')[0]).toBe(`-----BEGIN ${label}-----`);
    expect(der(read.value.text)).toEqual(der(pem));
    expect(parseKey(read.value.text).ok).toBe(true);
  });

  it.each([
    [Uint8Array.of(), 'ERR_KEY_DER', 'The file is empty.'],
    [
      Uint8Array.of(0x04, 0x01, 0x00),
      'ERR_KEY_DER',
      'This is not DER: a DER key or certificate starts with byte 0x30 (a SEQUENCE), this one with 0x04.',
    ],
    [
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05),
      'ERR_KEY_DER',
      'The file is DER, but not a key structure this page knows',
    ],
  ])('refuses %j', (bytes, code, message) => {
    const read = derToPem(bytes);
    expect(!read.ok && read.error.code).toBe(code);
    expect(!read.ok && read.error.message).toContain(message);
  });
});

describe('keyFileToText', () => {
  it('reads a .cer certificate in DER and a PEM file as is', async () => {
    const cert = new X509Certificate(RSA_CERT.cert).raw;
    const read = keyFileToText('server.cer', new Uint8Array(cert));
    if (!read.ok) throw read.error;
    expect(read.value.note).toBe('server.cer: Read an X.509 certificate (DER), shown as PEM.');
    expect(createPublicKey(read.value.text).export({ type: 'spki', format: 'pem' })).toBe(
      createPublicKey(RSA_CERT.cert).export({ type: 'spki', format: 'pem' }),
    );
    const pem = (await keyOf('p256')).spki;
    expect(keyFileToText('key.pem', text(pem))).toEqual({
      ok: true,
      value: { text: pem, note: 'key.pem: read as PEM text.' },
    });
  });

  it('reads JSON, bare base64 DER and an OpenSSH line', async () => {
    const k = await keyOf('p256');
    const json = JSON.stringify({ keys: [k.publicJwk] });
    expect(keyFileToText('jwks.json', text(json))).toMatchObject({
      ok: true,
      value: { text: json },
    });
    const bare = Buffer.from(der(k.spki)).toString('base64');
    const read = keyFileToText('key.der', text(bare));
    expect(read.ok && read.value.text.startsWith('-----BEGIN PUBLIC KEY-----')).toBe(true);
    expect(keyFileToText('id.pub', text('ssh-ed25519 AAAA me'))).toMatchObject({ ok: true });
  });

  it.each([
    [
      'notes.txt',
      text('hello world'),
      'ERR_KEY_FILE',
      '"notes.txt" is neither PEM (-----BEGIN …), JSON (a JWK or JWKS) nor DER, so it is not a key this page reads.',
    ],
    ['empty.pem', Uint8Array.of(), 'ERR_KEY_FILE', '"empty.pem" is empty.'],
    [
      'big.der',
      new Uint8Array(300 * 1024),
      'ERR_KEY_FILE',
      '"big.der" is 300 KB: far larger than any key, so it was not read.',
    ],
    [
      'broken.der',
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0xff),
      'ERR_KEY_DER',
      'The file is DER, but not a key structure',
    ],
  ])('refuses %s', (name, bytes, code, message) => {
    const read = keyFileToText(name, bytes);
    expect(!read.ok && read.error.code).toBe(code);
    expect(!read.ok && read.error.message).toContain(message);
  });
});
