/**
 * Re-wrapping keys for import: WebCrypto (and so jose) imports only SPKI,
 * PKCS#8 and X.509, so PKCS#1 and SEC1 keys, and RSA keys restricted to PSS,
 * are wrapped again here around the key that describe-key-der.ts found.
 */
import { ok, type Result } from '../errors';
import { pemText } from './pem-text';
import { encodeOid, encodeTlv, TAG } from './asn1';
import {
  CURVE_OIDS,
  describe,
  EC_PUBLIC_KEY,
  RSA_ENCRYPTION,
  type KeyForm,
} from './describe-key-der';

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

const bitString = (bytes: Uint8Array) => encodeTlv(TAG.bitString, Uint8Array.of(0), bytes);
// RFC 5208 §5: PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING }.
const VERSION_0 = Uint8Array.of(TAG.integer, 1, 0);
const privateKeyInfo = (algorithm: Uint8Array, key: Uint8Array) =>
  encodeTlv(TAG.sequence, VERSION_0, algorithm, encodeTlv(TAG.octetString, key));

const PEM_LABELS = { spki: 'PUBLIC KEY', pkcs8: 'PRIVATE KEY', x509: 'CERTIFICATE' } as const;
const importable = (format: ImportableFormat, der: Uint8Array) =>
  ok({ format, der, pem: pemText(PEM_LABELS[format], der) });
