import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
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

const P256 = KEY_CASES.find(({ name }) => name === 'EC P-256')!;
const RSA2048 = KEY_CASES.find(({ name }) => name === 'RSA 2048')!;

/** Every form node exports a key in, with the PEM label it uses. */
function formsOf({ pair, facts }: KeyCase): { form: KeyForm; label: string; pem: string }[] {
  const pem = (key: KeyObject, type: 'spki' | 'pkcs8' | 'pkcs1' | 'sec1') =>
    key.export({ type, format: 'pem' }).toString();
  const forms: { form: KeyForm; label: string; pem: string }[] = [
    { form: 'spki', label: 'PUBLIC KEY', pem: pem(pair.publicKey, 'spki') },
    { form: 'pkcs8', label: 'PRIVATE KEY', pem: pem(pair.privateKey, 'pkcs8') },
  ];
  if (facts.kty === 'RSA' && !facts.rsaPss) {
    forms.push({
      form: 'pkcs1-public',
      label: 'RSA PUBLIC KEY',
      pem: pem(pair.publicKey, 'pkcs1'),
    });
    forms.push({
      form: 'pkcs1-private',
      label: 'RSA PRIVATE KEY',
      pem: pem(pair.privateKey, 'pkcs1'),
    });
  }
  if (facts.kty === 'EC') {
    forms.push({ form: 'sec1', label: 'EC PRIVATE KEY', pem: pem(pair.privateKey, 'sec1') });
  }
  return forms;
}

/** The bytes of the key inside an SPKI BIT STRING or a PKCS#8 OCTET STRING. */
function innerKey(der: Uint8Array, type: 'spki' | 'pkcs8'): string {
  const outer = readTlv(der, 0);
  let at = outer.valueStart;
  if (type === 'pkcs8') at = readTlv(der, at).end;
  const key = readTlv(der, readTlv(der, at).end);
  return hex(der.subarray(key.valueStart + (type === 'spki' ? 1 : 0), key.end));
}

const nodeDer = (key: KeyObject, type: 'spki' | 'pkcs8') =>
  new Uint8Array(key.export({ type, format: 'der' }));

describe.each(KEY_CASES)('$name', (keyCase) => {
  const forms = formsOf(keyCase);

  it.each(forms)(
    'reads the $label PEM node exports and describes it ($form)',
    ({ form, label, pem }) => {
      const block = expectOk(readPem(pem));
      expect(block.label).toBe(label);
      expect(block.from).toBe(0);
      expect(block.to).toBe(pem.trimEnd().length);
      expect(formOfLabel(block.label)).toBe(form);
      const isPrivate = form === 'pkcs8' || form === 'pkcs1-private' || form === 'sec1';
      expect(expectOk(describeKeyDer(form, block.der))).toEqual({
        ...keyCase.facts,
        isPrivate,
        form,
      });
    },
  );

  it.each(forms)('re-wraps $form as what node exports for the same key', ({ form, pem }) => {
    const out = expectOk(toImportableDer(form, derOf(pem)));
    const isPrivate = form === 'pkcs8' || form === 'pkcs1-private' || form === 'sec1';
    const key = isPrivate ? keyCase.pair.privateKey : keyCase.pair.publicKey;
    const type = isPrivate ? 'pkcs8' : 'spki';
    expect(out.format).toBe(type);
    if (keyCase.facts.rsaPss) {
      // WebCrypto refuses id-RSASSA-PSS, so the same key comes back under rsaEncryption.
      const der = Buffer.from(out.der);
      const plain = isPrivate
        ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
        : createPublicKey({ key: der, format: 'der', type: 'spki' });
      expect(plain.asymmetricKeyType).toBe('rsa');
      expect(hex(plain.export({ type: 'pkcs1', format: 'der' }))).toBe(
        innerKey(nodeDer(key, type), type),
      );
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
    expect(out.pem).toBe(key.export({ type, format: 'pem' }));
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
    it.each(privateForms)(
      'encrypts to the SPKI and decrypts with $form through jose',
      async ({ form, pem }) => {
        const recipient = await imported('spki', publicForms[0]!.pem);
        const jwe = await new CompactEncrypt(new TextEncoder().encode('hi'))
          .setProtectedHeader({ alg, enc: 'A256GCM' })
          .encrypt(recipient);
        const { plaintext } = await compactDecrypt(jwe, await imported(form, pem));
        expect(new TextDecoder().decode(plaintext)).toBe('hi');
      },
    );
    return;
  }

  if (keyCase.facts.bits !== undefined && keyCase.facts.bits < 2048) {
    it('imports, but jose refuses to sign with fewer than 2048 bits', async () => {
      const key = await imported(
        'pkcs1-private',
        privateForms.find((f) => f.form === 'pkcs1-private')!.pem,
      );
      await expect(new SignJWT({}).setProtectedHeader({ alg }).sign(key)).rejects.toThrow(
        `${alg} requires key modulusLength to be 2048 bits or larger`,
      );
    });
    return;
  }

  it.each(privateForms)(
    `signs ${alg} with $form; every public form verifies`,
    async ({ form, pem }) => {
      const token = await new SignJWT({ sub: form })
        .setProtectedHeader({ alg })
        .sign(await imported(form, pem));
      for (const publicForm of publicForms) {
        const { payload } = await jwtVerify(token, await imported(publicForm.form, publicForm.pem));
        expect(payload.sub).toBe(form);
      }
    },
  );
});

// ---------------------------------------------------------------------------
// Files made with the openssl and ssh-keygen CLIs (see tests/vectors/keys/README.md).

describe('openssl fixtures', () => {
  it.each([
    {
      file: 'rsa-cert.pem',
      keyFile: 'rsa-cert-key.pem',
      alg: 'RS256',
      facts: { kty: 'RSA', bits: 2048 },
    },
    {
      file: 'ec-cert.pem',
      keyFile: 'ec-cert-key.pem',
      alg: 'ES256',
      facts: { kty: 'EC', crv: 'P-256' },
    },
  ])('$file: describes the certificate key, imports with importX509, verifies $alg', async (c) => {
    const text = vector(c.file);
    const block = expectOk(readPem(text));
    expect(formOfLabel(block.label)).toBe('x509');
    expect(expectOk(describeKeyDer('x509', block.der))).toEqual({
      ...c.facts,
      isPrivate: false,
      form: 'x509',
    });
    const out = expectOk(toImportableDer('x509', block.der));
    expect(out.format).toBe('x509');
    expect(hex(out.der)).toBe(hex(block.der));
    expect(out.pem).toBe(text);
    const privateKey = await importPKCS8(vector(c.keyFile), c.alg);
    const token = await new SignJWT({ sub: 'cert' })
      .setProtectedHeader({ alg: c.alg })
      .sign(privateKey);
    const { payload } = await jwtVerify(token, await importX509(out.pem, c.alg));
    expect(payload.sub).toBe('cert');
  });

  it('turns an RSASSA-PSS certificate into an rsaEncryption SPKI that verifies PS256', async () => {
    const certificate = derOf(vector('rsa-pss-cert.pem'));
    expect(expectOk(describeKeyDer('x509', certificate))).toEqual({
      kty: 'RSA',
      bits: 2048,
      rsaPss: true,
      isPrivate: false,
      form: 'x509',
    });
    // importX509 would hand WebCrypto the id-RSASSA-PSS SPKI, which it refuses.
    await expect(importX509(vector('rsa-pss-cert.pem'), 'PS256')).rejects.toThrow();
    const out = expectOk(toImportableDer('x509', certificate));
    expect(out.format).toBe('spki');
    const key = derOf(vector('rsa-pss-cert-key.pem'));
    const signer = expectOk(toImportableDer('pkcs8', key));
    const token = await new SignJWT({ sub: 'pss' })
      .setProtectedHeader({ alg: 'PS256' })
      .sign(await importPKCS8(signer.pem, 'PS256'));
    const { payload } = await jwtVerify(token, await importSPKI(out.pem, 'PS256'));
    expect(payload.sub).toBe('pss');
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
    {
      file: 'rsa-pkcs1-private.pem',
      form: 'pkcs1-private',
      alg: 'RS256',
      facts: { kty: 'RSA', bits: 2048 },
    },
    { file: 'ec-sec1.pem', form: 'sec1', alg: 'ES256', facts: { kty: 'EC', crv: 'P-256' } },
    // openssl ecparam -genkey without -noout: EC PARAMETERS first, then the key.
    {
      file: 'ec-sec1-with-params.pem',
      form: 'sec1',
      alg: 'ES384',
      facts: { kty: 'EC', crv: 'P-384' },
    },
  ] as const)('$file: re-wraps $form to PKCS#8 that signs $alg', async (c) => {
    const text = vector(c.file);
    const block = expectOk(readPem(text));
    expect(text.slice(block.from, block.to)).toMatch(/^-----BEGIN (RSA|EC) PRIVATE KEY-----/);
    expect(expectOk(describeKeyDer(c.form, block.der))).toEqual({
      ...c.facts,
      isPrivate: true,
      form: c.form,
    });
    const out = expectOk(toImportableDer(c.form, block.der));
    const privateKey = createPrivateKey(text);
    expect(createPrivateKey(out.pem).export({ format: 'jwk' })).toEqual(
      privateKey.export({ format: 'jwk' }),
    );
    const signer = await importPKCS8(out.pem, c.alg);
    const token = await new SignJWT({}).setProtectedHeader({ alg: c.alg }).sign(signer);
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    await expect(jwtVerify(token, await importSPKI(spki, c.alg))).resolves.toBeTruthy();
  });
});

// ---------------------------------------------------------------------------
// What people paste: PEM from JSON, Windows, YAML, e-mails.

describe('readPem tolerance', () => {
  // A fixed file, so the body surely holds a '/' for the JSON-escaping case.
  const pem = vector('rsa-cert.pem');
  const der = derOf(pem);
  const [beginLine, ...bodyLines] = pem.trimEnd().split('\n');
  const endLine = bodyLines.pop()!;

  it.each([
    { name: 'CRLF line ends', text: pem.replace(/\n/g, '\r\n') },
    { name: 'lone CR line ends', text: pem.replace(/\n/g, '\r') },
    { name: '\\n written literally (a JSON string)', text: JSON.stringify(pem).slice(1, -1) },
    { name: '\\r\\n written literally', text: pem.replace(/\n/g, '\\r\\n') },
    { name: 'inside a whole JSON document', text: JSON.stringify({ key: pem }) },
    { name: 'JSON-escaped slashes', text: JSON.stringify(pem).slice(1, -1).replace(/\//g, '\\/') },
    { name: 'indented, with prose around', text: `cert:\n${pem.replace(/^/gm, '    ')}\nthanks` },
    { name: 'one long body line', text: `${beginLine}\n${bodyLines.join('')}\n${endLine}` },
    { name: 'spaces for line breaks (env files)', text: pem.replace(/\n/g, ' ') },
    { name: 'no line breaks at all', text: pem.replace(/\n/g, '') },
    { name: 'blank lines around', text: `\n\n  ${pem}\n\n` },
  ])('$name', ({ text }) => {
    const block = expectOk(readPem(text));
    expect(hex(block.der)).toBe(hex(der));
    expect(text.slice(block.from, block.to)).toMatch(
      /^-----BEGIN CERTIFICATE-----.*-----END CERTIFICATE-----$/s,
    );
  });

  it('the JSON-escaped case does escape a slash', () => {
    expect(pem).toContain('/');
  });

  it('skips RFC 1421 headers that do not encrypt', () => {
    const text = pem.replace('-----\n', '-----\nComment: made by hand\n\n');
    expect(hex(expectOk(readPem(text)).der)).toBe(hex(der));
  });

  it('takes the first block when several follow', () => {
    const text = vector('rsa-cert.pem') + vector('ec-cert.pem');
    expect(expectOk(readPem(text)).to).toBe(vector('rsa-cert.pem').trimEnd().length);
  });
});

// ---------------------------------------------------------------------------
// Every failing step: its code, its message, and where it points.

interface ErrorCase {
  name: string;
  text: string;
  code: 'ERR_KEY_PEM' | 'ERR_KEY_PEM_UNSUPPORTED';
  message: string;
  /** The offending character's offset and the character, when the error points at one. */
  at?: [number, string];
}

const SPKI_PEM = P256.pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const BODY_START = '-----BEGIN PUBLIC KEY-----\n'.length;
const withCharAt = (text: string, at: number, char: string) =>
  text.slice(0, at) + char + text.slice(at + 1);
const literal = JSON.stringify(SPKI_PEM).slice(1, -1);
const literalBodyStart = '-----BEGIN PUBLIC KEY-----\\n'.length;

const PEM_ERRORS: ErrorCase[] = [
  { name: 'no PEM at all', text: 'hello', code: 'ERR_KEY_PEM', message: 'No PEM block found' },
  {
    name: 'missing END line',
    text: SPKI_PEM.slice(0, SPKI_PEM.indexOf('-----END')),
    code: 'ERR_KEY_PEM',
    message:
      'The BEGIN PUBLIC KEY line has no matching END line: expected -----END PUBLIC KEY-----.',
  },
  {
    name: 'a second BEGIN before the first END',
    text: SPKI_PEM.slice(0, 100) + '\n' + vector('ec-cert.pem'),
    code: 'ERR_KEY_PEM',
    message: 'The BEGIN PUBLIC KEY line has no matching END line',
  },
  {
    name: 'cut-off END line',
    text: SPKI_PEM.trimEnd().slice(0, -3),
    code: 'ERR_KEY_PEM',
    message: 'The END line is incomplete: expected -----END PUBLIC KEY-----.',
  },
  {
    name: 'mismatched labels',
    text: SPKI_PEM.replace('END PUBLIC KEY', 'END PRIVATE KEY'),
    code: 'ERR_KEY_PEM',
    message:
      'The block begins with BEGIN PUBLIC KEY but ends with END PRIVATE KEY; the labels must match.',
  },
  {
    name: 'bad base64 character',
    text: withCharAt(SPKI_PEM, BODY_START + 10, '*'),
    code: 'ERR_KEY_PEM',
    message: `The PEM body is not base64 at character ${BODY_START + 11}: "*" is not a base64 character.`,
    at: [BODY_START + 10, '*'],
  },
  {
    name: 'bad base64 character in CRLF text (offsets count the CRs)',
    text: withCharAt(SPKI_PEM.replace(/\n/g, '\r\n'), BODY_START + 1 + 70, '!'),
    code: 'ERR_KEY_PEM',
    message: `not base64 at character ${BODY_START + 72}: "!"`,
    at: [BODY_START + 71, '!'],
  },
  {
    name: 'bad base64 character in literal-\\n text (offsets point into the text as pasted)',
    text: withCharAt(literal, literalBodyStart + 66, '%'),
    code: 'ERR_KEY_PEM',
    message: `not base64 at character ${literalBodyStart + 67}: "%"`,
    at: [literalBodyStart + 66, '%'],
  },
  {
    name: 'data after the padding',
    text: SPKI_PEM.replace(/\n-----END/, '==AB\n-----END'),
    code: 'ERR_KEY_PEM',
    message: 'data continues after the "=" padding',
    at: [SPKI_PEM.indexOf('\n-----END') + 2, 'A'],
  },
  {
    name: 'a lone trailing base64 character',
    text: '-----BEGIN PUBLIC KEY-----\nQUJD\nR\n-----END PUBLIC KEY-----',
    code: 'ERR_KEY_PEM',
    message: 'The PEM body is cut short: 5 base64 characters cannot encode whole bytes.',
  },
  {
    name: 'empty body',
    text: '-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----\n',
    code: 'ERR_KEY_PEM',
    message: 'The PUBLIC KEY block is empty',
  },
  {
    name: 'encrypted PKCS#8',
    text: vector('encrypted-pkcs8.pem'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message:
      'encrypted with a passphrase, which the page cannot ask for; decrypt a copy first: openssl pkey -in key.pem -out plain.pem',
  },
  {
    name: 'legacy encrypted PKCS#1 (Proc-Type header)',
    text: vector('rsa-legacy-encrypted.pem'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message:
      '(Proc-Type: 4,ENCRYPTED), which the page cannot ask for; decrypt a copy first: openssl pkey',
  },
  {
    name: 'OpenSSH ECDSA key',
    text: vector('openssh-ecdsa.key'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message:
      "OpenSSH's own key format, not PKCS#8; convert a copy with ssh-keygen -p -m PKCS8 -f key",
  },
  {
    name: 'OpenSSH Ed25519 key (ssh-keygen cannot convert it)',
    text: vector('openssh-ed25519.key'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'ssh-keygen keeps Ed25519 keys in it even with -m PKCS8',
  },
  {
    name: 'DSA private key',
    text: '-----BEGIN DSA PRIVATE KEY-----\nMAA=\n-----END DSA PRIVATE KEY-----\n',
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'DSA keys have no JWS algorithm',
  },
  {
    name: 'EC PARAMETERS alone',
    text: vector('ec-sec1-with-params.pem').split(/(?<=-----END EC PARAMETERS-----)/)[0]!,
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'An EC PARAMETERS block only names a curve and holds no key',
  },
  {
    name: 'TRUSTED CERTIFICATE',
    text: vector('rsa-cert.pem').replace(/CERTIFICATE/g, 'TRUSTED CERTIFICATE'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'export the plain one with openssl x509 -in cert.pem -out plain.pem',
  },
  {
    name: 'an unknown label',
    text: '-----BEGIN PGP PUBLIC KEY BLOCK-----\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----',
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'A PEM block labelled "PGP PUBLIC KEY BLOCK" is not a key this page can use',
  },
  {
    name: 'a label that is an Object.prototype member',
    text: '-----BEGIN constructor-----\nAAAA\n-----END constructor-----',
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'labelled "constructor"',
  },
];

describe('readPem errors', () => {
  it.each(PEM_ERRORS)('$name', ({ text, code, message, at }) => {
    const result = readPem(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
    if (at !== undefined) {
      expect([result.error.from, result.error.to]).toEqual([at[0], at[0] + 1]);
      expect(text[at[0]]).toBe(at[1]);
    }
  });
});

// ---------------------------------------------------------------------------
// DER that is damaged or holds a key nobody signs JWTs with.

const spkiDer = nodeDer(P256.pair.publicKey, 'spki');
const sec1Der = new Uint8Array(
  P256.pair.privateKey.export({ type: 'sec1', format: 'der' }) as Buffer,
);
/** SEC1 without its [0] curve: version, private key and [1] public key only. */
function sec1WithoutCurve(): Uint8Array {
  const outer = readTlv(sec1Der, 0);
  const version = readTlv(sec1Der, outer.valueStart);
  const secret = readTlv(sec1Der, version.end);
  const curve = readTlv(sec1Der, secret.end);
  return encodeTlv(0x30, sec1Der.subarray(version.start, secret.end), sec1Der.subarray(curve.end));
}
const spkiWithAlgorithm = (oid: string) =>
  encodeTlv(0x30, encodeTlv(0x30, encodeOid(oid)), encodeTlv(0x03, Uint8Array.of(0, 1, 2, 3)));

interface DerErrorCase {
  name: string;
  form: KeyForm;
  der: Uint8Array;
  code: 'ERR_KEY_PEM' | 'ERR_KEY_PEM_UNSUPPORTED';
  message: string;
}

const DER_ERRORS: DerErrorCase[] = [
  {
    name: 'truncated DER',
    form: 'spki',
    der: spkiDer.slice(0, 40),
    code: 'ERR_KEY_PEM',
    message:
      "The key's DER structure is damaged at byte 0: the SEQUENCE says 89 bytes follow but only 38 do.",
  },
  {
    name: 'bytes after the key',
    form: 'spki',
    der: Uint8Array.from([...spkiDer, 0, 0]),
    code: 'ERR_KEY_PEM',
    message: `damaged at byte ${spkiDer.length}: 2 bytes are left over after the SubjectPublicKeyInfo.`,
  },
  {
    name: 'empty DER',
    form: 'pkcs8',
    der: new Uint8Array(0),
    code: 'ERR_KEY_PEM',
    message: 'damaged at byte 0: the PrivateKeyInfo (SEQUENCE) is missing.',
  },
  {
    name: 'PKCS#1 under a PUBLIC KEY label',
    form: 'spki',
    der: new Uint8Array(RSA2048.pair.publicKey.export({ type: 'pkcs1', format: 'der' }) as Buffer),
    code: 'ERR_KEY_PEM',
    message: 'damaged at byte 4: expected the AlgorithmIdentifier (SEQUENCE), found INTEGER.',
  },
  {
    name: 'indefinite (BER) length',
    form: 'spki',
    der: Uint8Array.of(0x30, 0x80, 0, 0),
    code: 'ERR_KEY_PEM',
    message: 'damaged at byte 1: indefinite length (BER) is not allowed in DER.',
  },
  {
    name: 'an OID cut inside an arc',
    form: 'spki',
    der: encodeTlv(
      0x30,
      encodeTlv(0x30, Uint8Array.of(0x06, 0x02, 0x2a, 0x86)),
      encodeTlv(0x03, Uint8Array.of(0)),
    ),
    code: 'ERR_KEY_PEM',
    message: 'damaged at byte 7: the OBJECT IDENTIFIER ends inside an arc.',
  },
  {
    name: 'unknown algorithm OID',
    form: 'spki',
    der: spkiWithAlgorithm('1.2.3.4.5'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: "The key's algorithm 1.2.3.4.5 is not one this page can use",
  },
  {
    name: 'DSA key (named OID)',
    form: 'pkcs8',
    der: nodeDer(
      generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).privateKey,
      'pkcs8',
    ),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: "The key's algorithm 1.2.840.10040.4.1 (DSA) is not one this page can use",
  },
  {
    name: 'brainpool curve',
    form: 'spki',
    der: nodeDer(ec('brainpoolP256r1').publicKey, 'spki'),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'The EC curve 1.3.36.3.3.2.8.1.1.7 (brainpoolP256r1) is not one JWS or JWE uses',
  },
  {
    name: 'SEC1 key without its curve',
    form: 'sec1',
    der: sec1WithoutCurve(),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'The EC PRIVATE KEY does not name its curve',
  },
  {
    name: 'SEC1 key with explicit curve parameters',
    form: 'sec1',
    der: derOf(vector('ec-sec1-explicit.pem')),
    code: 'ERR_KEY_PEM_UNSUPPORTED',
    message: 'openssl ec -in key.pem -param_enc named_curve -out named.pem',
  },
  {
    name: 'SPKI EC key without a curve',
    form: 'spki',
    der: spkiWithAlgorithm('1.2.840.10045.2.1'),
    code: 'ERR_KEY_PEM',
    message: 'has no curve parameter, which RFC 5480 requires',
  },
  {
    name: 'negative RSA modulus',
    form: 'pkcs1-public',
    der: encodeTlv(0x30, Uint8Array.of(0x02, 1, 0x80), Uint8Array.of(0x02, 1, 3)),
    code: 'ERR_KEY_PEM',
    message: 'damaged at byte 2: the RSA modulus is not a positive INTEGER.',
  },
];

describe('describeKeyDer and toImportableDer errors', () => {
  it.each(DER_ERRORS)('$name', ({ form, der, code, message }) => {
    for (const result of [describeKeyDer(form, der), toImportableDer(form, der)]) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(message);
    }
  });

  it('reports a damaged PEM body found through readPem', () => {
    const der = derOf(SPKI_PEM).slice(0, 50);
    const text = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(der).toString('base64')}\n-----END PUBLIC KEY-----`;
    const result = describeKeyDer('spki', expectOk(readPem(text)).der);
    expect(result).toMatchObject({ ok: false, error: { code: 'ERR_KEY_PEM' } });
    expect(result.ok || result.error.message).toContain('damaged at byte 0: the SEQUENCE says 89');
  });
});

// ---------------------------------------------------------------------------
// The DER helpers themselves.

describe('asn1', () => {
  it.each([
    ['1.2.840.10045.2.1', '06072a8648ce3d0201'],
    ['1.3.101.112', '06032b6570'],
    ['2.999.3', '0603883703'],
    ['0.9.2342.19200300.100.1.1', '060a0992268993f22c640101'],
    // An arc past 2^53 (a UUID OID) survives the round trip. Expected bytes: openssl asn1parse -genstr.
    [
      '2.25.329800735698586629295641978511506172918',
      '06146983f09da7ebcfdee0c7a1a7b2c0948cc8f9d776',
    ],
  ])('encodes and decodes OID %s', (dotted, encoded) => {
    const der = encodeOid(dotted);
    expect(hex(der)).toBe(encoded);
    expect(expectOk(readDer(() => decodeOid(der, readTlv(der, 0))))).toBe(dotted);
  });

  it('rejects a malformed dotted OID as a programmer error', () => {
    expect(() => encodeOid('1.40.1')).toThrow(TypeError);
    expect(() => encodeOid('banana')).toThrow(TypeError);
  });

  it.each([
    [0, '3000'],
    [127, '307f'],
    [128, '30818' + '0'],
    [300, '3082012c'],
  ])('encodes a %i-byte value with a minimal length', (length, header) => {
    const tlv = encodeTlv(0x30, new Uint8Array(length));
    expect(hex(tlv.subarray(0, header.length / 2))).toBe(header);
    expect(readTlv(tlv, 0)).toEqual({
      tag: 0x30,
      start: 0,
      valueStart: header.length / 2,
      end: tlv.length,
    });
  });

  it('lets programmer errors through readDer', () => {
    expect(() =>
      readDer(() => {
        throw new RangeError('bug');
      }),
    ).toThrow(RangeError);
  });
});
