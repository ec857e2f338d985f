/**
 * A self-signed RSA certificate made on the spot, shaped like those Google
 * publishes for Firebase ID tokens (securetoken@system.gserviceaccount.com):
 * v3, sha256WithRSAEncryption, a CN, a short validity. For the key-map
 * example only: the examples never ship a key or certificate.
 */
import { formatIso } from '../claims/time';
import { encodeOid, encodeTlv, TAG } from '../keys/asn1';
import { pemText } from '../keys/pem-text';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const UTF8_STRING = 0x0c;

const algorithmIdentifier = () =>
  encodeTlv(TAG.sequence, encodeOid(SHA256_WITH_RSA), Uint8Array.of(TAG.null, 0));
const name = (cn: string) =>
  encodeTlv(
    TAG.sequence,
    encodeTlv(
      TAG.set,
      encodeTlv(TAG.sequence, encodeOid(COMMON_NAME), encodeTlv(UTF8_STRING, utf8(cn))),
    ),
  );
// RFC 5280 §4.1.2.5.1: UTCTime YYMMDDHHMMSSZ for years before 2050.
const utcTime = (seconds: number) =>
  encodeTlv(TAG.utcTime, utf8(formatIso(seconds).slice(2).replace(/[-:T]/g, '')));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A self-signed certificate for `keys`, valid from `now` − 1 h to `now` + 1 day, as PEM. */
export async function selfSignedCertificate(
  keys: CryptoKeyPair,
  cn: string,
  now: number,
): Promise<string> {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const serial = crypto.getRandomValues(new Uint8Array(8));
  serial[0]! &= 0x7f; // a positive INTEGER
  const tbs = encodeTlv(
    TAG.sequence,
    encodeTlv(TAG.context0, encodeTlv(TAG.integer, Uint8Array.of(2))),
    encodeTlv(TAG.integer, serial),
    algorithmIdentifier(),
    name(cn),
    encodeTlv(TAG.sequence, utcTime(now - 3600), utcTime(now + 86400)),
    name(cn),
    spki,
  );
  const signature = new Uint8Array(
    await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, tbs as Uint8Array<ArrayBuffer>),
  );
  const der = encodeTlv(
    TAG.sequence,
    tbs,
    algorithmIdentifier(),
    encodeTlv(TAG.bitString, Uint8Array.of(0), signature),
  );
  return pemText('CERTIFICATE', der);
}
