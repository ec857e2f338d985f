/**
 * Reading one X.509 certificate (RFC 5280 §4.1) with the little DER of
 * asn1.ts: the signed bytes and their signature, the names, the validity, the
 * public key and the two extensions a chain check needs (basicConstraints,
 * keyUsage). Not a general X.509 library: x5c chains come in order
 * (RFC 7515 §4.1.6), so no path building is needed, and this is all that
 * checking one takes. Loaded on demand with the rest of keys/x509.
 */
import { fail, ok, type Result } from '../../errors';
import { damaged, decodeOid, elementsIn, readDer, readTlv, TAG, type Tlv } from '../asn1';
import { daysFromCivil } from '../../claims/time';
import { describeKeyDer, type AsymmetricKeyFacts } from '../describe-key-der';

/** What a chain check and the page need of one certificate. */
export interface Certificate {
  der: Uint8Array;
  /** The tbsCertificate bytes: what the issuer signed. */
  tbs: Uint8Array;
  /** The signature algorithm's OID, and the signature (the BIT STRING's bytes). */
  signatureOid: string;
  signature: Uint8Array;
  /** Names as OpenSSL prints them: `O=JWT Lab Test, CN=leaf.example`. */
  subject: string;
  issuer: string;
  /** The names' DER, compared byte for byte (RFC 5280 §7.1 allows no less for DER-encoded names). */
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  /** Validity, seconds since 1970. */
  notBefore: number;
  notAfter: number;
  /** The SubjectPublicKeyInfo, for WebCrypto's 'spki' import, and what key it is. */
  spki: Uint8Array;
  key: AsymmetricKeyFacts;
  /** basicConstraints cA (RFC 5280 §4.2.1.9); false when the extension is absent. */
  isCa: boolean;
  /** keyUsage allows keyCertSign, or keyUsage is absent (RFC 5280 §4.2.1.3). */
  mayCertify: boolean;
}

// Attribute types OpenSSL names (RFC 4519 §2, RFC 5280 App. A, PKCS #9).
const ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';
// Directory string types (X.520): UTF8String, PrintableString, T61String, IA5String, BMPString.
const LATIN1 = new Set([0x13, 0x14, 0x16]);
const UTF8 = 0x0c;
const BMP = 0x1e;

/** Read a certificate's DER; damaged DER is `ERR_X5C_MALFORMED` naming the byte. */
export function readCertificate(der: Uint8Array): Result<Certificate> {
  const read = readDer(() => parse(der));
  if (!read.ok)
    return fail('ERR_X5C_MALFORMED', read.error.message.replace("key's", "certificate's"));
  const key = describeKeyDer('spki', read.value.spki);
  if (!key.ok) return fail('ERR_X5C_MALFORMED', `Its public key: ${key.error.message}`);
  return ok({ ...read.value, key: key.value });
}

function parse(der: Uint8Array): Omit<Certificate, 'key'> {
  const outer = elementsIn(der, 0, der.length).next(TAG.sequence, 'the Certificate');
  if (outer.end !== der.length)
    damaged(outer.end, `${der.length - outer.end} bytes are left over after the Certificate`);
  const certificate = inside(der, outer);
  const tbsTlv = certificate.next(TAG.sequence, 'the tbsCertificate');
  const algorithm = inside(der, certificate.next(TAG.sequence, 'the signatureAlgorithm'));
  const signatureOid = decodeOid(der, algorithm.next(TAG.oid, 'the signature algorithm OID'));
  const bits = certificate.next(TAG.bitString, 'the signatureValue');
  if (der[bits.valueStart] !== 0) damaged(bits.valueStart, 'the signature has unused bits');

  const tbs = inside(der, tbsTlv);
  tbs.optional(TAG.context0); // version: v3 certificates carry it
  tbs.next(TAG.integer, 'the serial number');
  tbs.next(TAG.sequence, 'the signature AlgorithmIdentifier');
  const issuer = tbs.next(TAG.sequence, 'the issuer');
  const validity = inside(der, tbs.next(TAG.sequence, 'the validity'));
  const notBefore = timeOf(der, validity.nextTime('notBefore'));
  const notAfter = timeOf(der, validity.nextTime('notAfter'));
  const subject = tbs.next(TAG.sequence, 'the subject');
  const spki = tbs.next(TAG.sequence, 'the subjectPublicKeyInfo');
  // [1] issuerUniqueID and [2] subjectUniqueID (v2, obsolete) may sit before [3] extensions.
  tbs.optional(0x81);
  tbs.optional(0x82);
  const extensions = tbs.optional(TAG.context3);
  return {
    der,
    tbs: der.slice(tbsTlv.start, tbsTlv.end),
    signatureOid,
    signature: der.slice(bits.valueStart + 1, bits.end),
    subject: nameOf(der, subject),
    issuer: nameOf(der, issuer),
    subjectDer: der.slice(subject.start, subject.end),
    issuerDer: der.slice(issuer.start, issuer.end),
    notBefore,
    notAfter,
    spki: der.slice(spki.start, spki.end),
    ...constraintsOf(der, extensions),
  };
}

const inside = (der: Uint8Array, tlv: Tlv) => {
  const elements = elementsIn(der, tlv.valueStart, tlv.end);
  return Object.assign(elements, {
    /** A Time: UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5). */
    nextTime(what: string): Tlv {
      const time = elements.optional(TAG.utcTime) ?? elements.optional(TAG.generalizedTime);
      return time ?? elements.next(TAG.utcTime, `the ${what} time`);
    },
  });
};

// RFC 5280 §4.1.2.5.1-2: YYMMDDHHMMSSZ (YY below 50 is 20YY) or YYYYMMDDHHMMSSZ.
function timeOf(der: Uint8Array, tlv: Tlv): number {
  const text = String.fromCharCode(...der.subarray(tlv.valueStart, tlv.end));
  const utc = tlv.tag === TAG.utcTime;
  const match = (
    utc
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
  ).exec(text);
  if (!match)
    damaged(tlv.start, `the time "${text}" is not ${utc ? 'YYMMDDHHMMSSZ' : 'YYYYMMDDHHMMSSZ'}`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  const fullYear = utc ? (year! < 50 ? 2000 + year! : 1900 + year!) : year!;
  return daysFromCivil(fullYear, month!, day!) * 86400 + hour! * 3600 + minute! * 60 + second!;
}

/** A Name as OpenSSL prints it, in the certificate's order: `C=NL, O=…, CN=…`. */
function nameOf(der: Uint8Array, name: Tlv): string {
  const parts: string[] = [];
  const rdns = elementsIn(der, name.valueStart, name.end);
  for (let rdn = rdns.optional(TAG.set); rdn; rdn = rdns.optional(TAG.set)) {
    const attributes = elementsIn(der, rdn.valueStart, rdn.end);
    for (
      let pair = attributes.optional(TAG.sequence);
      pair;
      pair = attributes.optional(TAG.sequence)
    ) {
      const members = elementsIn(der, pair.valueStart, pair.end);
      const type = members.next(TAG.oid, 'an attribute type');
      const value = readTlv(der, type.end, pair.end);
      const oid = decodeOid(der, type);
      parts.push(`${ATTRIBUTES[oid] ?? oid}=${stringOf(der, value)}`);
    }
  }
  return parts.join(', ');
}

function stringOf(der: Uint8Array, tlv: Tlv): string {
  const bytes = der.subarray(tlv.valueStart, tlv.end);
  if (tlv.tag === UTF8) return new TextDecoder().decode(bytes);
  if (LATIN1.has(tlv.tag)) return String.fromCharCode(...bytes);
  if (tlv.tag === BMP) return new TextDecoder('utf-16be').decode(bytes);
  return `#${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function constraintsOf(der: Uint8Array, extensions: Tlv | undefined) {
  const found = { isCa: false, mayCertify: true };
  if (!extensions) return found;
  const list = elementsIn(der, extensions.valueStart, extensions.end).next(
    TAG.sequence,
    'the extensions',
  );
  const each = elementsIn(der, list.valueStart, list.end);
  for (
    let extension = each.optional(TAG.sequence);
    extension;
    extension = each.optional(TAG.sequence)
  ) {
    const members = elementsIn(der, extension.valueStart, extension.end);
    const oid = decodeOid(der, members.next(TAG.oid, 'an extension OID'));
    members.optional(TAG.boolean); // critical
    const value = members.next(TAG.octetString, 'an extension value');
    if (oid === BASIC_CONSTRAINTS) {
      const sequence = elementsIn(der, value.valueStart, value.end).next(
        TAG.sequence,
        'basicConstraints',
      );
      const cA = elementsIn(der, sequence.valueStart, sequence.end).optional(TAG.boolean);
      found.isCa = cA !== undefined && der[cA.valueStart] !== 0;
    } else if (oid === KEY_USAGE) {
      const bits = elementsIn(der, value.valueStart, value.end).next(TAG.bitString, 'keyUsage');
      // keyCertSign is bit 5 (RFC 5280 §4.2.1.3): 0x04 in the first byte after the unused-bits count.
      found.mayCertify = ((der[bits.valueStart + 1] ?? 0) & 0x04) !== 0;
    }
  }
  return found;
}
