/**
 * The part of PEM key import that jose 6 leaves to us, loaded on demand
 * (parse.ts `loadPemSupport`). This file finds the block in what a person
 * pasted and decodes its armour; describe-key-der.ts says what key the DER
 * holds, and rewrap.ts re-wraps PKCS#1 and SEC1 keys as the SPKI / PKCS#8
 * that WebCrypto imports. jose then does the actual import.
 */
import { ok, type Result } from '../errors';
import { broken, unsupported, type KeyForm } from './describe-key-der';

export {
  certificateSpki,
  describeKeyDer,
  type AsymmetricKeyFacts,
  type KeyForm,
} from './describe-key-der';
export { toImportableDer, type ImportableFormat } from './rewrap';
// The AKP (ML-DSA) JWK reader rides along: it is as rare on the first screen as a PEM.
export { readAkp } from './akp';
export { countPemBlocks, readPemMap, readPemSet } from './pem-set';

/** A PEM block found in a text: its label, decoded body, and character offsets (`to` exclusive). */
export interface PemBlock {
  label: string;
  der: Uint8Array;
  from: number;
  to: number;
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
};

/** The DER form a PEM label announces, or `undefined` for labels this page cannot use. */
export function formOfLabel(label: string): KeyForm | undefined {
  return FORMS.get(label);
}

const BEGIN = /-----BEGIN ([^\r\n\\-]+)-----/g;
const END = /-----END ([^\r\n\\-]*)-----/y;
const BASE64_CHAR = /^[A-Za-z0-9+/]$/;

/** The first usable PEM block in `text` from `start`, tolerating CRLF, indentation and `\n` pasted literally from JSON. */
export function readPem(text: string, start = 0): Result<PemBlock> {
  let block = findBlock(text, start);
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
