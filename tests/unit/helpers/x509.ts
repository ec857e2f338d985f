/** The OpenSSL-made certificates of tests/vectors/x509 (scripts/make-x509-fixtures.sh). */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

const NAMES = [
  'rsa-root',
  'rsa-intermediate',
  'rsa-leaf',
  'ec-root',
  'ec-intermediate',
  'ec-leaf',
  'ec-under-leaf',
  'ec-expired',
  'other-root',
] as const;

/** A fixture certificate's PEM text. */
export type CertName = (typeof NAMES)[number];

const read = (file: string) =>
  readFileSync(new URL(`../../vectors/x509/${file}`, import.meta.url), 'utf8');

/** Each certificate's PEM text, by name. */
export const PEM = Object.fromEntries(NAMES.map((n) => [n, read(`${n}.pem`)])) as Record<
  CertName,
  string
>;

/** The private keys of the leaves, to sign tokens whose x5c is their chain. */
export const LEAF_KEY: Record<'rsa-leaf' | 'ec-leaf' | 'ec-expired', KeyObject> = {
  'rsa-leaf': createPrivateKey(read('rsa-leaf.key.pem')),
  'ec-leaf': createPrivateKey(read('ec-leaf.key.pem')),
  'ec-expired': createPrivateKey(read('ec-expired.key.pem')),
};

/** A certificate as an x5c entry: standard base64 DER (RFC 7515 §4.1.6). */
export const x5cOf = (name: CertName): string => PEM[name].replace(/-----[^-]+-----|\s/g, '');
