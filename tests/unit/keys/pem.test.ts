import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CompactEncrypt,
  compactDecrypt,
  importPKCS8,
  importSPKI,
  importX509,
  jwtVerify,
  SignJWT,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeOid, encodeOid, encodeTlv, readDer, readTlv } from '../../../src/lib/keys/asn1';
import {
  describeKeyDer,
  formOfLabel,
  readPem,
  toImportableDer,
  type AsymmetricKeyFacts,
  type KeyForm,
} from '../../../src/lib/keys/pem';

const vector = (name: string) =>
  readFileSync(new URL(`../../vectors/keys/${name}`, import.meta.url), 'utf8');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The DER inside a PEM text, failing the test when it cannot be read. */
function derOf(text: string): Uint8Array {
  const block = readPem(text);
  if (!block.ok) throw block.error;
  return block.value.der;
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

// ---------------------------------------------------------------------------
// Keys node:crypto makes, in every form node exports them.

interface KeyCase {
  name: string;
  pair: { publicKey: KeyObject; privateKey: KeyObject };
  facts: Pick<AsymmetricKeyFacts, 'kty' | 'crv' | 'bits' | 'rsaPss'>;
  /** A JOSE alg to import with and sign (or, for X25519, encrypt) with; none when jose 6 has none. */
  alg?: string;
}

const rsa = (modulusLength: number) => generateKeyPairSync('rsa', { modulusLength });
const ec = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve });

const KEY_CASES: KeyCase[] = [
  { name: 'RSA 2048', pair: rsa(2048), facts: { kty: 'RSA', bits: 2048 }, alg: 'RS256' },
  { name: 'RSA 1024', pair: rsa(1024), facts: { kty: 'RSA', bits: 1024 }, alg: 'RS256' },
  // Odd sizes prove the bit count is exact rather than bytes * 8.
  { name: 'RSA 2047', pair: rsa(2047), facts: { kty: 'RSA', bits: 2047 }, alg: 'PS256' },
  {
    name: 'RSA-PSS 2048',
    pair: generateKeyPairSync('rsa-pss', { modulusLength: 2048 }),
    facts: { kty: 'RSA', bits: 2048, rsaPss: true },
    alg: 'PS256',
  },
  { name: 'EC P-256', pair: ec('P-256'), facts: { kty: 'EC', crv: 'P-256' }, alg: 'ES256' },
  { name: 'EC P-384', pair: ec('P-384'), facts: { kty: 'EC', crv: 'P-384' }, alg: 'ES384' },
  { name: 'EC P-521', pair: ec('P-521'), facts: { kty: 'EC', crv: 'P-521' }, alg: 'ES512' },
  // jose 6 dropped ES256K, so secp256k1 is described and re-wrapped but not imported.
  { name: 'EC secp256k1', pair: ec('secp256k1'), facts: { kty: 'EC', crv: 'secp256k1' } },
  {
    name: 'Ed25519',
    pair: generateKeyPairSync('ed25519'),
    facts: { kty: 'OKP', crv: 'Ed25519' },
    alg: 'EdDSA',
  },
  { name: 'Ed448', pair: generateKeyPairSync('ed448'), facts: { kty: 'OKP', crv: 'Ed448' } },
  {
    name: 'X25519',
    pair: generateKeyPairSync('x25519'),
    facts: { kty: 'OKP', crv: 'X25519' },
    alg: 'ECDH-ES',
  },
  { name: 'X448', pair: generateKeyPairSync('x448'), facts: { kty: 'OKP', crv: 'X448' } },
];

/** Every form node exports a key in, with the PEM label it uses. */
function formsOf({ pair, facts }: KeyCase): { form: KeyForm; label: string; pem: string }[] {
  const pem = (key: KeyObject, type: string) =>
    key.export({ type, format: 'pem' } as never) as unknown as string;
  const forms = [
    { form: 'spki' as const, label: 'PUBLIC KEY', pem: pem(pair.publicKey, 'spki') },
    { form: 'pkcs8' as const, label: 'PRIVATE KEY', pem: pem(pair.privateKey, 'pkcs8') },
  ];
  if (facts.kty === 'RSA' && !facts.rsaPss) {
    forms.push(
      { form: 'pkcs1-public' as never, label: 'RSA PUBLIC KEY', pem: pem(pair.publicKey, 'pkcs1') },
      {
        form: 'pkcs1-private' as never,
        label: 'RSA PRIVATE KEY',
        pem: pem(pair.privateKey, 'pkcs1'),
      },
    );
  }
  if (facts.kty === 'EC') {
    forms.push({
      form: 'sec1' as never,
      label: 'EC PRIVATE KEY',
      pem: pem(pair.privateKey, 'sec1'),
    });
  }
  return forms;
}

const nodeDer = (key: KeyObject, type: 'spki' | 'pkcs8') =>
  new Uint8Array(key.export({ type, format: 'der' } as never) as unknown as Buffer);

describe.each(KEY_CASES)('$name', (keyCase) => {
  const forms = formsOf(keyCase);

  it.each(forms)('reads the $label PEM node exports and describes it ($form)', ({ form, label, pem }) => {
    const block = expectOk(readPem(pem));
    expect(block.label).toBe(label);
    expect(block.from).toBe(0);
    expect(block.to).toBe(pem.trimEnd().length);
    expect(formOfLabel(block.label)).toBe(form);
    const isPrivate = form === 'pkcs8' || form === 'pkcs1-private' || form === 'sec1';
    expect(expectOk(describeKeyDer(form, block.der))).toEqual({ ...keyCase.facts, isPrivate, form });
  });

  it.each(forms)('re-wraps $form as what node exports for the same key', ({ form, pem }) => {
    const out = expectOk(toImportableDer(form, derOf(pem)));
    const isPrivate = form === 'pkcs8' || form === 'pkcs1-private' || form === 'sec1';
    const key = isPrivate ? keyCase.pair.privateKey : keyCase.pair.publicKey;
    const type = isPrivate ? 'pkcs8' : 'spki';
    expect(out.format).toBe(type);
    if (keyCase.facts.rsaPss) {
      // id-RSASSA-PSS keys become rsaEncryption keys: same modulus and exponents.
      const plain = isPrivate ? createPrivateKey({ key: Buffer.from(out.der), format: 'der', type }) : undefined;
      expect(plain?.asymmetricKeyType ?? 'rsa').toBe('rsa');
      expect(describeKeyDer(type, out.der)).toEqual({
        ok: true,
        value: { kty: 'RSA', bits: keyCase.facts.bits, isPrivate, form: type },
      });
      return;
    }
    if (form === 'sec1') {
      // Node's PKCS#8 drops the SEC1 [0] curve (the AlgorithmIdentifier already names it),
      // ours keeps the SEC1 DER whole, so the bytes differ: compare what they decode to.
      expect(hex(out.der)).not.toBe(hex(nodeDer(key, 'pkcs8')));
      const reread = createPrivateKey({ key: Buffer.from(out.der), format: 'der', type: 'pkcs8' });
      expect(hex(nodeDer(reread, 'pkcs8'))).toBe(hex(nodeDer(key, 'pkcs8')));
      expect(reread.export({ format: 'jwk' })).toEqual(key.export({ format: 'jwk' }));
      return;
    }
    // PKCS#1 → SPKI / PKCS#8 must be byte for byte what node writes, PEM armour included.
    expect(hex(out.der)).toBe(hex(nodeDer(key, type)));
    expect(out.pem).toBe(key.export({ type, format: 'pem' } as never));
  });

  if (keyCase.alg === undefined) return;
  const alg = keyCase.alg;
  const imported = async (form: KeyForm, pem: string) => {
    const out = expectOk(toImportableDer(form, derOf(pem)));
    return out.format === 'spki' ? importSPKI(out.pem, alg) : importPKCS8(out.pem, alg);
  };
  const publicForms = forms.filter(({ form }) => form === 'spki' || form === 'pkcs1-public');
  const privateForms = forms.filter(({ form }) => !publicForms.some((f) => f.form === form));

  if (alg === 'ECDH-ES') {
    it.each(privateForms)('encrypts to the SPKI and decrypts with $form through jose', async ({ form, pem }) => {
      const recipient = await imported('spki', publicForms[0]!.pem);
      const jwe = await new CompactEncrypt(new TextEncoder().encode('hi'))
        .setProtectedHeader({ alg, enc: 'A256GCM' })
        .encrypt(recipient);
      const { plaintext } = await compactDecrypt(jwe, await imported(form, pem));
      expect(new TextDecoder().decode(plaintext)).toBe('hi');
    });
    return;
  }

  if (keyCase.facts.bits !== undefined && keyCase.facts.bits < 2048) {
    it('imports, but jose refuses to sign with fewer than 2048 bits', async () => {
      const key = await imported('pkcs1-private', privateForms.find((f) => f.form === 'pkcs1-private')!.pem);
      await expect(new SignJWT({}).setProtectedHeader({ alg }).sign(key)).rejects.toThrow(
        'RS256 requires key modulusLength to be 2048 bits or larger',
      );
    });
    return;
  }

  it.each(privateForms)(`signs ${alg} with $form; every public form verifies`, async ({ form, pem }) => {
    const token = await new SignJWT({ sub: form }).setProtectedHeader({ alg }).sign(await imported(form, pem));
    for (const publicForm of publicForms) {
      const { payload } = await jwtVerify(token, await imported(publicForm.form, publicForm.pem));
      expect(payload.sub).toBe(form);
    }
  });
});

// ---------------------------------------------------------------------------
// Files made with the openssl and ssh-keygen CLIs (see tests/vectors/keys/README.md).

describe('openssl fixtures', () => {
  it.each([
    { file: 'rsa-cert.pem', keyFile: 'rsa-cert-key.pem', alg: 'RS256', facts: { kty: 'RSA', bits: 2048 } },
    { file: 'ec-cert.pem', keyFile: 'ec-cert-key.pem', alg: 'ES256', facts: { kty: 'EC', crv: 'P-256' } },
  ])('$file: describes the certificate key, imports with importX509, verifies $alg', async (c) => {
    const text = vector(c.file);
    const block = expectOk(readPem(text));
    expect(formOfLabel(block.label)).toBe('x509');
    expect(expectOk(describeKeyDer('x509', block.der))).toEqual({ ...c.facts, isPrivate: false, form: 'x509' });
    const out = expectOk(toImportableDer('x509', block.der));
    expect(out.format).toBe('x509');
    expect(out.pem).toBe(text);
    const privateKey = await importPKCS8(vector(c.keyFile), c.alg);
    const token = await new SignJWT({ sub: 'cert' }).setProtectedHeader({ alg: c.alg }).sign(privateKey);
    const { payload } = await jwtVerify(token, await importX509(out.pem, c.alg));
    expect(payload.sub).toBe('cert');
  });

  it('describes a version 1 certificate, whose tbsCertificate has no [0] version', () => {
    const der = derOf(vector('ec-cert.pem'));
    const certificate = readTlv(der, 0);
    const tbs = readTlv(der, certificate.valueStart);
    const version = readTlv(der, tbs.valueStart);
    expect(version.tag).toBe(0xa0);
    // The signature no longer matches; describing a key never checks it.
    const v1 = encodeTlv(
      0x30,
      encodeTlv(0x30, der.subarray(version.end, tbs.end)),
      der.subarray(tbs.end, certificate.end),
    );
    expect(expectOk(describeKeyDer('x509', v1))).toMatchObject({ kty: 'EC', crv: 'P-256' });
  });

  it.each([
    { file: 'rsa-pkcs1-private.pem', form: 'pkcs1-private', alg: 'RS256', facts: { kty: 'RSA', bits: 2048 } },
    { file: 'ec-sec1.pem', form: 'sec1', alg: 'ES256', facts: { kty: 'EC', crv: 'P-256' } },
    // openssl ecparam -genkey without -noout: EC PARAMETERS first, then the key.
    { file: 'ec-sec1-with-params.pem', form: 'sec1', alg: 'ES384', facts: { kty: 'EC', crv: 'P-384' } },
  ] as const)('$file: re-wraps $form to PKCS#8 that signs $alg', async (c) => {
    const text = vector(c.file);
    const block = expectOk(readPem(text));
    expect(text.slice(block.from, block.to)).toMatch(/^-----BEGIN (RSA|EC) PRIVATE KEY-----/);
    expect(expectOk(describeKeyDer(c.form, block.der))).toEqual({ ...c.facts, isPrivate: true, form: c.form });
    const out = expectOk(toImportableDer(c.form, block.der));
    const privateKey = createPrivateKey(text);
    const publicPem = createPrivateKey(out.pem).export({ format: 'jwk' });
    expect(publicPem).toEqual(privateKey.export({ format: 'jwk' }));
    const token = await new SignJWT({}).setProtectedHeader({ alg: c.alg }).sign(await importPKCS8(out.pem, c.alg));
    const spki = (privateKey.type === 'private' ? createPublicKeyPem(privateKey) : '') as string;
    await expect(jwtVerify(token, await importSPKI(spki, c.alg))).resolves.toBeTruthy();
  });
});

function createPublicKeyPem(privateKey: KeyObject): string {
  return createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }))
    .export({ type: 'pkcs8', format: 'pem' })
    .toString()
    .replace(/[\s\S]*/, (pkcs8) =>
      // node derives the public half from the private key.
      (require('node:crypto') as typeof import('node:crypto')).createPublicKey(pkcs8).export({ type: 'spki', format: 'pem' }).toString(),
    );
}
