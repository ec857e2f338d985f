/**
 * The part of PEM key import that jose 6 leaves to us: find the block in what a
 * person pasted, say what key it holds, and re-wrap PKCS#1 and SEC1 keys as the
 * SPKI / PKCS#8 that WebCrypto imports. jose then does the actual import.
 */
import { fail, ok, type Result } from '../errors';
import {
  damaged,
  decodeOid,
  elementsIn,
  encodeOid,
  encodeTlv,
  readDer,
  readTlv,
  TAG,
} from './asn1';
import type { Tlv } from './asn1';

/** A PEM block found in a text: its label, decoded body, and character offsets (`to` exclusive). */
export interface PemBlock {
  label: string;
  der: Uint8Array;
  from: number;
  to: number;
}

/** The DER structure a PEM label announces. */
export type KeyForm = 'spki' | 'pkcs1-public' | 'pkcs8' | 'pkcs1-private' | 'sec1' | 'x509';

/** What a key is, read from its DER without importing it. */
export interface AsymmetricKeyFacts {
  kty: 'RSA' | 'EC' | 'OKP';
  /** 'P-256' | 'P-384' | 'P-521' | 'secp256k1' | 'Ed25519' | 'Ed448' | 'X25519' | 'X448' */
  crv?: string;
  /** RSA modulus length in bits, counted exactly (a 2047-bit modulus says 2047). */
  bits?: number;
  isPrivate: boolean;
  form: KeyForm;
  /** The key is restricted to RSASSA-PSS by its id-RSASSA-PSS OID (RFC 4055). */
  rsaPss?: boolean;
}

// RFC 7468 §4 labels, plus the PKCS#1 / SEC1 labels OpenSSL still writes.
const FORMS = new Map<string, KeyForm>([
  ['PUBLIC KEY', 'spki'],
  ['RSA PUBLIC KEY', 'pkcs1-public'],
  ['PRIVATE KEY', 'pkcs8'],
  ['RSA PRIVATE KEY', 'pkcs1-private'],
  ['EC PRIVATE KEY', 'sec1'],
  ['CERTIFICATE', 'x509'],
  ['X509 CERTIFICATE', 'x509'],
]);

const DECRYPT = 'decrypt a copy first: openssl pkey -in key.pem -out plain.pem';
const CSR =
  'A certificate signing request is not a key; print its public key with openssl req -in csr.pem -pubkey -noout.';
// Labels people paste that we cannot use, each with what to do instead.
const UNSUPPORTED_LABELS = new Map<string, string>(
  Object.entries({
    'ENCRYPTED PRIVATE KEY': `This private key is encrypted with a passphrase, which the page cannot ask for; ${DECRYPT}.`,
    'OPENSSH PRIVATE KEY':
      "This is OpenSSH's own key format, not PKCS#8; convert a copy with ssh-keygen -p -m PKCS8 -f key (it rewrites the file in place).",
    'DSA PRIVATE KEY':
      'DSA keys have no JWS algorithm; use an RSA, EC (P-256, P-384, P-521) or Ed25519 key.',
    'EC PARAMETERS':
      'An EC PARAMETERS block only names a curve and holds no key; paste the EC PRIVATE KEY block that openssl ecparam -genkey prints after it.',
    'TRUSTED CERTIFICATE':
      "OpenSSL's TRUSTED CERTIFICATE adds trust settings after the certificate; export the plain one with openssl x509 -in cert.pem -out plain.pem.",
    'CERTIFICATE REQUEST': CSR,
    'NEW CERTIFICATE REQUEST': CSR,
  }),
);

// Messages, one per failing step.
const SAY = {
  noBlock: 'No PEM block found: a PEM key starts with a line like -----BEGIN PUBLIC KEY-----.',
  noEnd: (label: string) =>
    `The BEGIN ${label} line has no matching END line: expected -----END ${label}-----.`,
  badEnd: (label: string) => `The END line is incomplete: expected -----END ${label}-----.`,
  mismatch: (begin: string, end: string) =>
    `The block begins with BEGIN ${begin} but ends with END ${end}; the labels must match.`,
  unknownLabel: (label: string) =>
    `A PEM block labelled "${label}" is not a key this page can use; paste a PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY, RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE block.`,
  // ssh-keygen -p -m PKCS8 silently keeps Ed25519 keys in OpenSSH format (OpenSSH 9.2).
  opensshEd25519:
    "This is OpenSSH's own key format, not PKCS#8, and ssh-keygen keeps Ed25519 keys in it even with -m PKCS8; convert a copy with Python's cryptography (load_ssh_private_key, then private_bytes as PKCS8), or make a new key with openssl genpkey -algorithm ed25519.",
  procType: `This key is encrypted with a passphrase (Proc-Type: 4,ENCRYPTED), which the page cannot ask for; ${DECRYPT}.`,
  notBase64: (at: number, why: string) =>
    `The PEM body is not base64 at character ${at + 1}: ${why}.`,
  empty: (label: string) =>
    `The ${label} block is empty: there is no base64 between its BEGIN and END lines.`,
  cutShort: (count: number) =>
    `The PEM body is cut short: ${count} base64 characters cannot encode whole bytes.`,
  algorithm: (oid: string) =>
    `The key's algorithm ${named(oid)} is not one this page can use; JWS and JWE use RSA, EC (P-256, P-384, P-521), Ed25519 and X25519 keys.`,
  curve: (oid: string) =>
    `The EC curve ${named(oid)} is not one JWS or JWE uses; use P-256, P-384 or P-521 (or secp256k1 for ES256K).`,
  explicitCurve:
    'The EC key spells out its curve parameters instead of naming the curve; re-export it with openssl ec -in key.pem -param_enc named_curve -out named.pem (add -pubin for a public key).',
  sec1NoCurve:
    'The EC PRIVATE KEY does not name its curve (its optional [0] parameters are absent), so it cannot be imported on its own; export it again as PKCS#8 (BEGIN PRIVATE KEY) from the tool that made it.',
  spkiNoCurve: "The EC key's AlgorithmIdentifier has no curve parameter, which RFC 5480 requires.",
};

// `reason` says which step failed; `from`/`to` underline the pasted text when known.
const broken = (message: string, reason: string, from?: number, to?: number) =>
  fail<never>('ERR_KEY_PEM', message, { reason, from, to });
const unsupported = (message: string, reason: string, from?: number, to?: number) =>
  fail<never>('ERR_KEY_PEM_UNSUPPORTED', message, { reason, from, to });

/** The DER form a PEM label announces, or `undefined` for labels this page cannot use. */
export function formOfLabel(label: string): KeyForm | undefined {
  return FORMS.get(label);
}

const BEGIN = /-----BEGIN ([^\r\n\\-]+)-----/g;
const END = /-----END ([^\r\n\\-]*)-----/y;
const BASE64_CHAR = /^[A-Za-z0-9+/]$/;

/** The first usable PEM block in `text`, tolerating CRLF, indentation and `\n` pasted literally from JSON. */
export function readPem(text: string): Result<PemBlock> {
  let block = findBlock(text, 0);
  if (block?.ok && block.value.label === 'EC PARAMETERS') {
    // `openssl ecparam -genkey` prints the curve first, then the key.
    const next = findBlock(text, block.value.to);
    if (next && (!next.ok || next.value.label === 'EC PRIVATE KEY')) block = next;
  }
  if (block === undefined) return broken(SAY.noBlock, 'missing');
  if (!block.ok) return block;
  const { label, from, to, bodyFrom, bodyTo } = block.value;
  if (formOfLabel(label) === undefined) {
    const body = text.slice(bodyFrom, bodyTo);
    if (label === 'OPENSSH PRIVATE KEY' && isOpenSshEd25519(body)) {
      return unsupported(SAY.opensshEd25519, 'label', from, to);
    }
    return unsupported(UNSUPPORTED_LABELS.get(label) ?? SAY.unknownLabel(label), 'label', from, to);
  }
  let base64 = '';
  let padded = false;
  for (const line of splitLines(text, bodyFrom, bodyTo)) {
    // RFC 1421 headers (Proc-Type, DEK-Info) come before the body; ':' is never base64.
    if (base64 === '' && /^\s*[A-Za-z][\w-]*:/.test(line.text)) {
      if (/^\s*Proc-Type:.*ENCRYPTED/i.test(line.text))
        return unsupported(SAY.procType, 'encrypted', from, to);
      continue;
    }
    for (let i = 0; i < line.text.length; i++) {
      let char = line.text[i] as string;
      const at = line.at + i;
      if (char === ' ' || char === '\t') continue;
      // JSON may escape '/' as '\/'.
      if (char === '\\' && line.text[i + 1] === '/') [char, i] = ['/', i + 1];
      if (char === '=') padded = true;
      else if (BASE64_CHAR.test(char) && !padded) base64 += char;
      else {
        const after = padded && BASE64_CHAR.test(char);
        const why = after
          ? 'data continues after the "=" padding'
          : `${JSON.stringify(char)} is not a base64 character`;
        return broken(SAY.notBase64(at, why), 'base64', at, at + 1);
      }
    }
  }
  if (base64 === '') return broken(SAY.empty(label), 'empty', from, to);
  if (base64.length % 4 === 1) return broken(SAY.cutShort(base64.length), 'base64', from, to);
  return ok({ label, der: fromBase64(base64), from, to });
}

// `undefined` when there is no BEGIN line at all, so the caller can tell "no PEM" from "broken PEM".
function findBlock(text: string, start: number) {
  BEGIN.lastIndex = start;
  const begin = BEGIN.exec(text);
  if (begin === null) return undefined;
  const label = begin[1] as string;
  const from = begin.index;
  const bodyFrom = from + begin[0].length;
  const bodyTo = text.indexOf('-----END', bodyFrom);
  const nextBegin = text.indexOf('-----BEGIN', bodyFrom);
  if (bodyTo < 0 || (nextBegin >= 0 && nextBegin < bodyTo)) {
    const to = nextBegin >= 0 ? nextBegin : text.length;
    return broken(SAY.noEnd(label), 'end', from, to);
  }
  END.lastIndex = bodyTo;
  const end = END.exec(text);
  if (end === null) return broken(SAY.badEnd(label), 'end', bodyTo, text.length);
  const to = bodyTo + end[0].length;
  if (end[1] !== label) return broken(SAY.mismatch(label, end[1] as string), 'end', from, to);
  return ok({ label, from, to, bodyFrom, bodyTo });
}

// Splitting at escaped newlines instead of replacing them keeps every offset pointing
// into the text as pasted, so a bad character can be underlined where it is.
function splitLines(text: string, from: number, to: number): { text: string; at: number }[] {
  const body = text.slice(from, to);
  const lines = [];
  let start = 0;
  for (const lineBreak of body.matchAll(/\r\n|\\r\\n|\\n|\\r|\n|\r/g)) {
    lines.push({ text: body.slice(start, lineBreak.index), at: from + start });
    start = lineBreak.index + lineBreak[0].length;
  }
  lines.push({ text: body.slice(start), at: from + start });
  return lines;
}

function isOpenSshEd25519(body: string): boolean {
  const base64 = body.replace(/\\[nr]|[^A-Za-z0-9+/]/g, '');
  // The public key blob sits unencrypted near the start of openssh-key-v1.
  const head = fromBase64(base64.slice(0, Math.min(160, base64.length - (base64.length % 4))));
  return String.fromCharCode(...head).includes('ssh-ed25519');
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function toPem(label: string, der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const base64 = btoa(binary);
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// Key algorithms: RFC 8017 App. C (rsaEncryption), RFC 4055 §3.1 (id-RSASSA-PSS),
// RFC 5480 §2.1.1 (id-ecPublicKey), RFC 8410 §3 (Ed25519, Ed448, X25519, X448).
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ALGORITHMS = new Map<string, Pick<AsymmetricKeyFacts, 'kty' | 'crv' | 'rsaPss'>>([
  [RSA_ENCRYPTION, { kty: 'RSA' }],
  ['1.2.840.113549.1.1.10', { kty: 'RSA', rsaPss: true }],
  [EC_PUBLIC_KEY, { kty: 'EC' }],
  ['1.3.101.112', { kty: 'OKP', crv: 'Ed25519' }],
  ['1.3.101.113', { kty: 'OKP', crv: 'Ed448' }],
  ['1.3.101.110', { kty: 'OKP', crv: 'X25519' }],
  ['1.3.101.111', { kty: 'OKP', crv: 'X448' }],
]);

// Named curves: RFC 5480 §2.1.1.1; secp256k1 from SEC 2 §2.4.1 (RFC 8812 for JOSE).
const CURVES = new Map<string, string>([
  ['1.2.840.10045.3.1.7', 'P-256'],
  ['1.3.132.0.34', 'P-384'],
  ['1.3.132.0.35', 'P-521'],
  ['1.3.132.0.10', 'secp256k1'],
]);
const CURVE_OIDS = new Map([...CURVES].map(([oid, crv]) => [crv, oid]));

// OIDs people do paste that JOSE has no use for (ML-DSA: not described here yet),
// named so the message says more than digits.
const OTHER_OIDS = new Map<string, string>([
  ['1.2.840.10040.4.1', 'DSA'],
  ['1.2.840.113549.1.3.1', 'Diffie-Hellman'],
  ['2.16.840.1.101.3.4.3.17', 'ML-DSA-44'],
  ['2.16.840.1.101.3.4.3.18', 'ML-DSA-65'],
  ['2.16.840.1.101.3.4.3.19', 'ML-DSA-87'],
  ['1.3.132.0.33', 'P-224'],
  ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1'],
]);
const named = (oid: string) => (OTHER_OIDS.has(oid) ? `${oid} (${OTHER_OIDS.get(oid)})` : oid);

interface ParsedKey {
  oid: string;
  curve?: { oid: string } | 'explicit' | 'absent';
  bits?: number;
  /** The PKCS#1 RSAPublicKey / RSAPrivateKey inside, for re-wrapping. */
  rsaKey?: Uint8Array;
}

/** Read which key a DER structure holds (type, curve, RSA size, public or private) without importing it. */
export function describeKeyDer(form: KeyForm, der: Uint8Array): Result<AsymmetricKeyFacts> {
  const described = describe(form, der);
  return described.ok ? ok(described.value.facts) : described;
}

function describe(
  form: KeyForm,
  der: Uint8Array,
): Result<{ facts: AsymmetricKeyFacts; rsaKey?: Uint8Array }> {
  const parsed = readDer(() => PARSERS[form](der));
  if (!parsed.ok) return parsed;
  const { oid, curve, bits, rsaKey } = parsed.value;
  const algorithm = ALGORITHMS.get(oid);
  if (algorithm === undefined) return unsupported(SAY.algorithm(oid), 'oid');
  const isPrivate = form === 'pkcs8' || form === 'pkcs1-private' || form === 'sec1';
  const facts: AsymmetricKeyFacts = { ...algorithm, isPrivate, form };
  if (bits !== undefined) facts.bits = bits;
  if (algorithm.kty !== 'EC') return ok({ facts, rsaKey });
  if (curve === 'explicit') return unsupported(SAY.explicitCurve, 'curve');
  if (curve === 'absent' || curve === undefined) {
    if (form === 'sec1') return unsupported(SAY.sec1NoCurve, 'curve');
    return broken(SAY.spkiNoCurve, 'curve');
  }
  const crv = CURVES.get(curve.oid);
  if (crv === undefined) return unsupported(SAY.curve(curve.oid), 'curve');
  return ok({ facts: { ...facts, crv } });
}

/** The DER forms jose imports: `importSPKI`, `importPKCS8`, `importX509`. */
export type ImportableFormat = 'spki' | 'pkcs8' | 'x509';

/** Re-wrap a key as the SPKI, PKCS#8 or X.509 DER (and PEM) that jose and WebCrypto import. */
export function toImportableDer(
  form: KeyForm,
  der: Uint8Array,
): Result<{ format: ImportableFormat; der: Uint8Array; pem: string }> {
  const described = describe(form, der);
  if (!described.ok) return described;
  const { facts, rsaKey } = described.value;
  // WebCrypto (node 20, Chromium) refuses id-RSASSA-PSS keys with a bare DataError, yet the
  // same key under rsaEncryption imports and signs PS256; only the PSS restriction is lost.
  const rewrap = rsaKey !== undefined && (facts.rsaPss || form.startsWith('pkcs1'));
  // RFC 8017 App. C: rsaEncryption takes NULL parameters.
  const rsa = () => encodeTlv(TAG.sequence, encodeOid(RSA_ENCRYPTION), encodeTlv(TAG.null));
  if (rewrap && !facts.isPrivate) {
    // RFC 5280 §4.1: the BIT STRING (0 unused bits) holds the PKCS#1 RSAPublicKey.
    return importable('spki', encodeTlv(TAG.sequence, rsa(), bitString(rsaKey)));
  }
  if (rewrap) return importable('pkcs8', privateKeyInfo(rsa(), rsaKey));
  if (form === 'sec1') {
    // RFC 5915 §3: the SEC1 structure may keep its [0] curve inside PKCS#8, so it goes in as is.
    const curve = encodeOid(CURVE_OIDS.get(facts.crv as string) as string);
    const algorithm = encodeTlv(TAG.sequence, encodeOid(EC_PUBLIC_KEY), curve);
    return importable('pkcs8', privateKeyInfo(algorithm, der));
  }
  // PKCS#1 always has rsaKey and SEC1 returned above: only the three importable forms remain.
  return importable(form as ImportableFormat, der.slice());
}

/** The SubjectPublicKeyInfo inside an X.509 certificate, for WebCrypto's 'spki' import. */
export function certificateSpki(der: Uint8Array): Result<Uint8Array> {
  return readDer(() => {
    const spki = certificateSpkiTlv(der);
    return der.slice(spki.start, spki.end);
  });
}

function certificateSpkiTlv(der: Uint8Array): Tlv {
  const certificate = inside(der, whole(der, 'Certificate'));
  const tbs = inside(der, certificate.next(TAG.sequence, 'the tbsCertificate'));
  // RFC 5280 §4.1: version is an optional EXPLICIT [0]; v1 certificates leave it out.
  tbs.optional(TAG.context0);
  tbs.next(TAG.integer, 'the serial number');
  for (const what of ['signature AlgorithmIdentifier', 'issuer', 'validity', 'subject']) {
    tbs.next(TAG.sequence, `the ${what}`);
  }
  return tbs.next(TAG.sequence, 'the subjectPublicKeyInfo');
}

const bitString = (bytes: Uint8Array) => encodeTlv(TAG.bitString, Uint8Array.of(0), bytes);
// RFC 5208 §5: PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING }.
const VERSION_0 = Uint8Array.of(TAG.integer, 1, 0);
const privateKeyInfo = (algorithm: Uint8Array, key: Uint8Array) =>
  encodeTlv(TAG.sequence, VERSION_0, algorithm, encodeTlv(TAG.octetString, key));

const PEM_LABELS = { spki: 'PUBLIC KEY', pkcs8: 'PRIVATE KEY', x509: 'CERTIFICATE' } as const;
const importable = (format: ImportableFormat, der: Uint8Array) =>
  ok({ format, der, pem: toPem(PEM_LABELS[format], der) });

const PARSERS: Record<KeyForm, (der: Uint8Array) => ParsedKey> = {
  spki: (der) => parseSpki(der, whole(der, 'SubjectPublicKeyInfo')),
  pkcs8(der) {
    const info = inside(der, whole(der, 'PrivateKeyInfo'));
    info.next(TAG.integer, 'the PrivateKeyInfo version');
    const parsed = readAlgorithm(der, info.next(TAG.sequence, 'the AlgorithmIdentifier'));
    const key = info.next(TAG.octetString, 'the private key OCTET STRING');
    // RFC 5958 [0] attributes and [1] public key may follow; describing the key needs neither.
    if (isRsa(parsed)) Object.assign(parsed, readRsaKey(der, key.valueStart, key.end, true));
    return parsed;
  },
  x509: (der) => parseSpki(der, certificateSpkiTlv(der)),
  'pkcs1-public': (der) => ({ oid: RSA_ENCRYPTION, ...readRsaKey(der, 0, der.length, false) }),
  'pkcs1-private': (der) => ({ oid: RSA_ENCRYPTION, ...readRsaKey(der, 0, der.length, true) }),
  sec1(der) {
    const key = inside(der, whole(der, 'ECPrivateKey'));
    key.next(TAG.integer, 'the ECPrivateKey version');
    key.next(TAG.octetString, 'the private key OCTET STRING');
    const field = key.optional(TAG.context0);
    const curve = field && curveOf(der, readTlv(der, field.valueStart, field.end));
    return { oid: EC_PUBLIC_KEY, curve: curve ?? 'absent' };
  },
};

const inside = (der: Uint8Array, tlv: Tlv) => elementsIn(der, tlv.valueStart, tlv.end);
const isRsa = (parsed: ParsedKey) => ALGORITHMS.get(parsed.oid)?.kty === 'RSA';

// A structure must fill the bytes it came in: anything after it means a damaged paste.
function whole(der: Uint8Array, what: string, from = 0, to = der.length): Tlv {
  const tlv = elementsIn(der, from, to).next(TAG.sequence, `the ${what}`);
  const extra = to - tlv.end;
  if (extra > 0) damaged(tlv.end, `${extra} bytes are left over after the ${what}`);
  return tlv;
}

function parseSpki(der: Uint8Array, spki: Tlv): ParsedKey {
  const elements = inside(der, spki);
  const parsed = readAlgorithm(der, elements.next(TAG.sequence, 'the AlgorithmIdentifier'));
  const key = elements.next(TAG.bitString, 'the public key BIT STRING');
  if (der[key.valueStart] !== 0 || key.valueStart === key.end) {
    damaged(key.valueStart, 'a public key BIT STRING must start with 0 unused bits');
  }
  if (isRsa(parsed)) Object.assign(parsed, readRsaKey(der, key.valueStart + 1, key.end, false));
  return parsed;
}

function readAlgorithm(der: Uint8Array, algorithm: Tlv): ParsedKey {
  const elements = inside(der, algorithm);
  const oid = decodeOid(der, elements.next(TAG.oid, 'the algorithm OID'));
  if (oid !== EC_PUBLIC_KEY) return { oid };
  const parameters = elements.optional(TAG.oid) ?? elements.optional(TAG.sequence);
  return { oid, curve: parameters === undefined ? 'absent' : curveOf(der, parameters) };
}

// RFC 5480 ECParameters: a named curve OID, or (rare, and useless to JOSE) the curve spelled out.
function curveOf(der: Uint8Array, parameters: Tlv): ParsedKey['curve'] {
  if (parameters.tag === TAG.oid) return { oid: decodeOid(der, parameters) };
  return parameters.tag === TAG.null ? 'absent' : 'explicit';
}

// Counted exactly, as WebCrypto's modulusLength is: a 2047-bit key must not pass for 2048.
function readRsaKey(der: Uint8Array, from: number, to: number, isPrivate: boolean) {
  const key = inside(der, whole(der, isPrivate ? 'RSAPrivateKey' : 'RSAPublicKey', from, to));
  if (isPrivate) key.next(TAG.integer, 'the RSAPrivateKey version');
  const modulus = key.next(TAG.integer, 'the RSA modulus');
  key.next(TAG.integer, 'the RSA public exponent');
  let first = modulus.valueStart;
  if (first === modulus.end || der[first]! & 0x80) {
    damaged(modulus.start, 'the RSA modulus is not a positive INTEGER');
  }
  while (first < modulus.end && der[first] === 0) first++;
  if (first === modulus.end) damaged(modulus.start, 'the RSA modulus is zero');
  const bits = (modulus.end - first - 1) * 8 + (32 - Math.clz32(der[first]!));
  return { bits, rsaKey: der.subarray(from, to) };
}
