#!/usr/bin/env node
/**
 * Writes tests/vectors/libraries.json: JWTs made by three libraries that are
 * not ours, so the engine is tested against tokens it did not produce.
 *
 *   PyJWT         Debian's package for /usr/bin/python3 (NOT the python3 on
 *                 PATH), called once with every job on stdin.
 *   jsonwebtoken  node-jsonwebtoken 9 (devDependency). It has no EdDSA.
 *   jose          jose 6 (dependency).
 *
 * Keys are made once per run with node:crypto and written into each case as a
 * person would paste them into the key box: HMAC secrets as plain text (or hex /
 * base64url where `secretEncoding` says so), public keys as SPKI PEM, PKCS#1
 * PEM, a JWK, a JWKS whose entry the token's `kid` picks, or an X.509
 * certificate (made with `openssl req -x509`); private keys as PKCS#8, PKCS#1,
 * SEC1 or a private JWK.
 *
 * Every run makes new keys and new tokens: commit the output with this script.
 * tests/unit/jws/vectors.test.ts checks the output with jose.
 *
 *   node scripts/make-library-vectors.mjs
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import * as jose from 'jose';

const OUT = new URL('../tests/vectors/libraries.json', import.meta.url);
const PYTHON = '/usr/bin/python3';

const IAT = 1700000000; // 2023-11-14T22:13:20Z
const EXP = 4102444800; // 2100-01-01T00:00:00Z
const EXPIRED_EXP = 1700000600; // ten minutes after IAT
const FUTURE_NBF = 4102444800; // 2100-01-01T00:00:00Z

/** @param {string} file */
const packageVersion = (file) =>
  /** @type {{ version: string }} */ (
    JSON.parse(
      readFileSync(new URL(`../node_modules/${file}/package.json`, import.meta.url), 'utf8'),
    )
  ).version;

const VERSIONS = {
  jsonwebtoken: packageVersion('jsonwebtoken'),
  jose: packageVersion('jose'),
  node: process.versions.node,
  openssl: execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim(),
  pyjwt: '',
};

/* ---------------------------------------------------------------- keys --- */

const ASCII = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!@#$%^&*+=';

/** A random printable-ASCII secret of `length` characters (one byte each). @param {number} length */
function asciiSecret(length) {
  let text = '';
  for (let i = 0; i < length; i++) text += ASCII[randomInt(ASCII.length)];
  return text;
}

const SECRETS = { HS256: asciiSecret(32), HS384: asciiSecret(48), HS512: asciiSecret(64) };
const WRONG_SECRET = asciiSecret(32);
const B64_SECRET_BYTES = randomBytes(32);
const HEX_SECRET_BYTES = randomBytes(64);

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = (/** @type {string} */ namedCurve) => generateKeyPairSync('ec', { namedCurve });

/** Each asymmetric key, made once. `rsaA` signs RS*, `rsaB` signs PS*. */
const KEYS = {
  rsaA: rsa(),
  rsaB: rsa(),
  p256: ec('P-256'),
  p384: ec('P-384'),
  p521: ec('P-521'),
  ed25519: generateKeyPairSync('ed25519'),
  // Only ever listed in a JWKS beside the real key, never used to sign.
  rsaDecoy: rsa(),
  ecDecoy: ec('P-256'),
};

/** @typedef {keyof typeof KEYS} KeyName */

/** @type {Record<string, KeyName>} */
const KEY_FOR_ALG = {
  RS256: 'rsaA',
  RS384: 'rsaA',
  RS512: 'rsaA',
  PS256: 'rsaB',
  PS384: 'rsaB',
  PS512: 'rsaB',
  ES256: 'p256',
  ES384: 'p384',
  ES512: 'p521',
  EdDSA: 'ed25519',
};

const workDir = mkdtempSync(join(tmpdir(), 'jwt-vectors-'));

/** @type {Map<KeyName, string>} */
const certificates = new Map();

/** A self-signed certificate for the key, made by openssl. @param {KeyName} name */
function certificate(name) {
  const cached = certificates.get(name);
  if (cached) return cached;
  const keyPath = join(workDir, `${name}.key.pem`);
  const certPath = join(workDir, `${name}.crt.pem`);
  writeFileSync(keyPath, KEYS[name].privateKey.export({ type: 'pkcs8', format: 'pem' }));
  execFileSync('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    keyPath,
    '-subj',
    '/CN=test',
    '-days',
    '3650',
    '-out',
    certPath,
  ]);
  const pem = readFileSync(certPath, 'utf8');
  certificates.set(name, pem);
  return pem;
}

/** @param {KeyName} name */
const publicJwk = (name) => KEYS[name].publicKey.export({ format: 'jwk' });

/** @param {KeyName} name */
const kidOf = async (name) =>
  jose.calculateJwkThumbprint(/** @type {jose.JWK} */ (publicJwk(name)));

/**
 * A JWKS of three public keys: a decoy of the same key type, the real one, a
 * decoy of the other type. The token's header `kid` names the real one.
 * @param {KeyName} name
 */
async function jwks(name) {
  const isRsa = KEYS[name].publicKey.asymmetricKeyType === 'rsa';
  /** @type {KeyName[]} */
  const order = isRsa ? ['rsaDecoy', name, 'ecDecoy'] : ['ecDecoy', name, 'rsaDecoy'];
  const keys = [];
  for (const member of order) {
    keys.push({ kid: await kidOf(member), use: 'sig', ...publicJwk(member) });
  }
  return JSON.stringify({ keys }, null, 2);
}

/**
 * The public key as key-box text.
 * @param {KeyName} name
 * @param {string} form spki | pkcs1 | jwk | jwks | x509
 */
async function publicText(name, form) {
  const { publicKey } = KEYS[name];
  switch (form) {
    case 'spki':
      return String(publicKey.export({ type: 'spki', format: 'pem' }));
    case 'pkcs1':
      return String(publicKey.export({ type: 'pkcs1', format: 'pem' }));
    case 'jwk':
      return JSON.stringify(publicJwk(name));
    case 'jwks':
      return jwks(name);
    case 'x509':
      return certificate(name);
    default:
      throw new Error(`unknown public key form ${form}`);
  }
}

/**
 * The private key as key-box text.
 * @param {KeyName} name
 * @param {string} form pkcs8 | pkcs1 | sec1 | jwk
 */
function privateText(name, form) {
  const { privateKey } = KEYS[name];
  switch (form) {
    case 'pkcs8':
      return String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    case 'pkcs1':
      return String(privateKey.export({ type: 'pkcs1', format: 'pem' }));
    case 'sec1':
      return String(privateKey.export({ type: 'sec1', format: 'pem' }));
    case 'jwk':
      return JSON.stringify(privateKey.export({ format: 'jwk' }));
    default:
      throw new Error(`unknown private key form ${form}`);
  }
}

/* ---------------------------------------------------------------- plan --- */

/**
 * Which key forms each library's case for each algorithm gets: [public, private].
 * @type {Record<string, Partial<Record<'pyjwt' | 'jsonwebtoken' | 'jose', [string, string]>>>}
 */
const PLAN = {
  RS256: { pyjwt: ['spki', 'pkcs8'], jsonwebtoken: ['pkcs1', 'pkcs1'], jose: ['jwk', 'jwk'] },
  RS384: { pyjwt: ['x509', 'pkcs1'], jsonwebtoken: ['jwks', 'pkcs8'], jose: ['spki', 'jwk'] },
  RS512: { pyjwt: ['pkcs1', 'jwk'], jsonwebtoken: ['spki', 'pkcs8'], jose: ['jwks', 'pkcs1'] },
  PS256: { pyjwt: ['jwk', 'pkcs8'], jsonwebtoken: ['x509', 'pkcs1'], jose: ['pkcs1', 'jwk'] },
  PS384: { pyjwt: ['jwks', 'pkcs1'], jsonwebtoken: ['jwk', 'jwk'], jose: ['x509', 'pkcs8'] },
  PS512: { pyjwt: ['spki', 'jwk'], jsonwebtoken: ['pkcs1', 'pkcs8'], jose: ['jwk', 'pkcs1'] },
  ES256: { pyjwt: ['spki', 'sec1'], jsonwebtoken: ['x509', 'pkcs8'], jose: ['jwk', 'jwk'] },
  ES384: { pyjwt: ['jwk', 'pkcs8'], jsonwebtoken: ['spki', 'sec1'], jose: ['x509', 'jwk'] },
  ES512: { pyjwt: ['jwks', 'jwk'], jsonwebtoken: ['jwk', 'sec1'], jose: ['spki', 'pkcs8'] },
  EdDSA: { pyjwt: ['spki', 'pkcs8'], jose: ['jwk', 'jwk'] },
};

const LIBRARIES = /** @type {const} */ (['pyjwt', 'jsonwebtoken', 'jose']);
/** @typedef {typeof LIBRARIES[number]} Library */

/**
 * One token to make.
 * @typedef {object} Job
 * @property {string} id
 * @property {Library} library
 * @property {string | null} alg null: PyJWT's `algorithm=None`
 * @property {Record<string, unknown>} payload
 * @property {string | undefined} kid
 * @property {string} signWith secret text, hex, or private key text
 * @property {'text' | 'hex' | 'base64url' | 'pem' | 'jwk' | 'none'} signWithKind
 * @property {Omit<Record<string, unknown>, 'token'>} meta fields copied into the case
 */

/** @type {Job[]} */
const jobs = [];

/** @param {string} id @param {string} name */
const claims = (id, name) => ({ sub: id, name, iat: IAT, exp: EXP });

for (const library of LIBRARIES) {
  for (const alg of /** @type {const} */ (['HS256', 'HS384', 'HS512'])) {
    const id = `${library}-${alg.toLowerCase()}-secret`;
    jobs.push({
      id,
      library,
      alg,
      payload: claims(id, 'Test User'),
      kid: undefined,
      signWith: SECRETS[alg],
      signWithKind: 'text',
      meta: { key: SECRETS[alg], keyFormat: 'secret', secretEncoding: 'utf8' },
    });
  }
  for (const [alg, forms] of Object.entries(PLAN)) {
    const pair = forms[library];
    if (!pair) continue;
    const [publicForm, privateForm] = pair;
    const keyName = KEY_FOR_ALG[alg];
    if (!keyName) throw new Error(`no key for ${alg}`);
    const id = `${library}-${alg.toLowerCase()}-${publicForm}`;
    const signingKey = privateText(keyName, privateForm);
    jobs.push({
      id,
      library,
      alg,
      payload: claims(id, alg === 'EdDSA' ? 'Zoë Ångström ✓' : 'Test User'),
      kid: publicForm === 'jwks' ? await kidOf(keyName) : undefined,
      signWith: signingKey,
      signWithKind: privateForm === 'jwk' ? 'jwk' : 'pem',
      meta: {
        key: await publicText(keyName, publicForm),
        keyFormat: publicForm,
        signingKey,
        signingKeyFormat: privateForm,
      },
    });
  }
}

/* Special cases. */
const rsaSpki = await publicText('rsaA', 'spki');
const rsaPkcs8 = privateText('rsaA', 'pkcs8');
jobs.push(
  {
    id: 'jsonwebtoken-hs256-expired',
    library: 'jsonwebtoken',
    alg: 'HS256',
    payload: { sub: 'jsonwebtoken-hs256-expired', name: 'Test User', iat: IAT, exp: EXPIRED_EXP },
    kid: undefined,
    signWith: SECRETS.HS256,
    signWithKind: 'text',
    meta: {
      key: SECRETS.HS256,
      keyFormat: 'secret',
      secretEncoding: 'utf8',
      note: 'Signature is good; exp (1700000600) is in the past: the token is expired.',
    },
  },
  {
    id: 'pyjwt-es256-not-yet-valid',
    library: 'pyjwt',
    alg: 'ES256',
    payload: {
      sub: 'pyjwt-es256-not-yet-valid',
      name: 'Test User',
      iat: IAT,
      nbf: FUTURE_NBF,
      exp: FUTURE_NBF + 86400,
    },
    kid: undefined,
    signWith: privateText('p256', 'pkcs8'),
    signWithKind: 'pem',
    meta: {
      key: await publicText('p256', 'spki'),
      keyFormat: 'spki',
      signingKey: privateText('p256', 'pkcs8'),
      signingKeyFormat: 'pkcs8',
      note: 'Signature is good; nbf is 2100-01-01: the token is not valid yet.',
    },
  },
  {
    id: 'jose-rs256-aud-array',
    library: 'jose',
    alg: 'RS256',
    payload: {
      sub: 'jose-rs256-aud-array',
      name: 'Test User',
      aud: ['https://api.example.com', 'https://admin.example.com'],
      iat: IAT,
      exp: EXP,
    },
    kid: undefined,
    signWith: rsaPkcs8,
    signWithKind: 'pem',
    meta: {
      key: rsaSpki,
      keyFormat: 'spki',
      signingKey: rsaPkcs8,
      signingKeyFormat: 'pkcs8',
      note: '`aud` is an array of two audiences.',
    },
  },
  {
    id: 'pyjwt-none',
    library: 'pyjwt',
    alg: null,
    payload: { sub: 'pyjwt-none', name: 'Test User', iat: IAT, exp: EXP },
    kid: undefined,
    signWith: '',
    signWithKind: 'none',
    meta: {
      key: '',
      keyFormat: 'none',
      note: 'jwt.encode(payload, None, algorithm=None): header alg "none", empty signature.',
    },
  },
  {
    id: 'jsonwebtoken-hs256-wrong-secret',
    library: 'jsonwebtoken',
    alg: 'HS256',
    payload: { sub: 'jsonwebtoken-hs256-wrong-secret', name: 'Test User', iat: IAT, exp: EXP },
    kid: undefined,
    signWith: WRONG_SECRET,
    signWithKind: 'text',
    meta: {
      key: SECRETS.HS256,
      keyFormat: 'secret',
      secretEncoding: 'utf8',
      note: `Signed with a different secret (${WRONG_SECRET}) than the one given in key: the signature must not verify.`,
    },
  },
  {
    id: 'jose-hs256-base64url-secret',
    library: 'jose',
    alg: 'HS256',
    payload: claims('jose-hs256-base64url-secret', 'Test User'),
    kid: undefined,
    signWith: B64_SECRET_BYTES.toString('base64url'),
    signWithKind: 'base64url',
    meta: {
      key: B64_SECRET_BYTES.toString('base64url'),
      keyFormat: 'secret',
      secretEncoding: 'base64url',
      note: 'The secret is 32 random bytes, given base64url-encoded.',
    },
  },
  {
    id: 'pyjwt-hs512-hex-secret',
    library: 'pyjwt',
    alg: 'HS512',
    payload: claims('pyjwt-hs512-hex-secret', 'Test User'),
    kid: undefined,
    signWith: HEX_SECRET_BYTES.toString('hex'),
    signWithKind: 'hex',
    meta: {
      key: HEX_SECRET_BYTES.toString('hex'),
      keyFormat: 'secret',
      secretEncoding: 'hex',
      note: 'The secret is 64 random bytes, given hex-encoded.',
    },
  },
);

/* ------------------------------------------------------------- signing --- */

/** @param {'base64url' | 'hex'} kind @param {string} text */
const secretBytes = (kind, text) => Buffer.from(text, kind);

const PY_SIGNER = `
import json, sys, jwt
jobs = json.load(sys.stdin)
tokens = {}
for job in jobs:
    kind = job["signWithKind"]
    key = job["signWith"]
    if kind == "jwk":
        key = jwt.PyJWK(json.loads(key)).key
    elif kind == "hex":
        key = bytes.fromhex(key)
    elif kind == "none":
        key = None
    headers = {"kid": job["kid"]} if job.get("kid") else None
    tokens[job["id"]] = jwt.encode(job["payload"], key, algorithm=job["alg"], headers=headers)
print(json.dumps({"version": jwt.__version__, "tokens": tokens}))
`;

/** @param {Job[]} pyJobs @returns {Record<string, string>} */
function signWithPyJwt(pyJobs) {
  const output = execFileSync(PYTHON, ['-c', PY_SIGNER], {
    input: JSON.stringify(pyJobs),
    encoding: 'utf8',
  });
  const parsed = /** @type {{ version: string, tokens: Record<string, string> }} */ (
    JSON.parse(output)
  );
  VERSIONS.pyjwt = parsed.version;
  return parsed.tokens;
}

/** @param {Job} job */
function signWithJsonwebtoken(job) {
  if (!job.alg) throw new Error('jsonwebtoken jobs need an alg');
  /** @type {import('jsonwebtoken').Secret | import('node:crypto').KeyObject} */
  let key = job.signWith;
  if (job.signWithKind === 'jwk') {
    key = createPrivateKey({ key: JSON.parse(job.signWith), format: 'jwk' });
  } else if (job.signWithKind === 'hex' || job.signWithKind === 'base64url') {
    key = secretBytes(job.signWithKind, job.signWith);
  }
  /** @type {import('jsonwebtoken').SignOptions} */
  const options = { algorithm: /** @type {import('jsonwebtoken').Algorithm} */ (job.alg) };
  if (job.kid) options.keyid = job.kid;
  return jwt.sign(job.payload, key, options);
}

/** @param {Job} job */
async function signWithJose(job) {
  const alg = job.alg;
  if (!alg) throw new Error('jose jobs need an alg');
  /** @type {jose.CryptoKey | Uint8Array} */
  let key;
  if (job.signWithKind === 'text') key = new TextEncoder().encode(job.signWith);
  else if (job.signWithKind === 'hex' || job.signWithKind === 'base64url') {
    key = new Uint8Array(secretBytes(job.signWithKind, job.signWith));
  } else if (job.signWithKind === 'jwk') {
    key = /** @type {jose.CryptoKey} */ (await jose.importJWK(JSON.parse(job.signWith), alg));
  } else if (job.signWith.includes('-----BEGIN PRIVATE KEY-----')) {
    key = await jose.importPKCS8(job.signWith, alg);
  } else {
    // PKCS#1 / SEC1: jose takes PKCS#8 only, so convert as a person would with openssl.
    const pkcs8 = createPrivateKey(job.signWith).export({ type: 'pkcs8', format: 'pem' });
    key = await jose.importPKCS8(String(pkcs8), alg);
  }
  /** @type {jose.JWTHeaderParameters} */
  const header = { alg, typ: 'JWT' };
  if (job.kid) header.kid = job.kid;
  return new jose.SignJWT(job.payload).setProtectedHeader(header).sign(key);
}

/** @type {Record<string, string>} */
const tokens = {};
try {
  Object.assign(tokens, signWithPyJwt(jobs.filter((job) => job.library === 'pyjwt')));
  for (const job of jobs) {
    if (job.library === 'jsonwebtoken') tokens[job.id] = signWithJsonwebtoken(job);
    if (job.library === 'jose') tokens[job.id] = await signWithJose(job);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

/* Tampered: PyJWT's RS256 header and signature around jose's RS256 payload (same key). */
const [tamperHeader, , tamperSignature] = (tokens['pyjwt-rs256-spki'] ?? '').split('.');
const [, otherPayload] = (tokens['jose-rs256-jwk'] ?? '').split('.');
if (!tamperHeader || !otherPayload || !tamperSignature) throw new Error('tamper sources missing');
tokens['pyjwt-rs256-tampered'] = `${tamperHeader}.${otherPayload}.${tamperSignature}`;
jobs.push({
  id: 'pyjwt-rs256-tampered',
  library: 'pyjwt',
  alg: 'RS256',
  payload: {},
  kid: undefined,
  signWith: rsaPkcs8,
  signWithKind: 'pem',
  meta: {
    key: rsaSpki,
    keyFormat: 'spki',
    signingKey: rsaPkcs8,
    signingKeyFormat: 'pkcs8',
    note: 'Header and signature of pyjwt-rs256-spki around the payload of jose-rs256-jwk (same RSA key): the signature must not verify.',
  },
});

/* ------------------------------------------------------------- output --- */

const SOURCE = {
  pyjwt: () => `PyJWT ${VERSIONS.pyjwt}`,
  jsonwebtoken: () => `jsonwebtoken ${VERSIONS.jsonwebtoken}`,
  jose: () => `jose ${VERSIONS.jose}`,
};

/** @param {string} part */
const decodePart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

const now = Math.floor(Date.now() / 1000);

const cases = jobs.map((job) => {
  const token = tokens[job.id];
  if (!token) throw new Error(`no token for ${job.id}`);
  const [headerPart = '', payloadPart = ''] = token.split('.');
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  const invalid = job.id.endsWith('-wrong-secret') || job.id.endsWith('-tampered');
  /** @type {'valid' | 'expired' | 'not-yet-valid'} */
  let time = 'valid';
  if (typeof payload.nbf === 'number' && payload.nbf > now) time = 'not-yet-valid';
  else if (typeof payload.exp === 'number' && payload.exp <= now) time = 'expired';
  return {
    id: job.id,
    source: SOURCE[job.library](),
    alg: header.alg,
    token,
    ...job.meta,
    expect: job.alg === null ? 'unsigned' : invalid ? 'invalid' : 'verified',
    payloadIsJson: true,
    time,
    header,
    claims: payload,
  };
});

const document = {
  source: `Tokens signed by PyJWT ${VERSIONS.pyjwt} (Debian python3-jwt, /usr/bin/python3), jsonwebtoken ${VERSIONS.jsonwebtoken} and jose ${VERSIONS.jose}, over keys generated by scripts/make-library-vectors.mjs with node:crypto (Node ${VERSIONS.node}); X.509 certificates by ${VERSIONS.openssl}.`,
  note: 'Regenerate with `node scripts/make-library-vectors.mjs` (new keys and tokens every run). jsonwebtoken 9 has no EdDSA support, so there is no jsonwebtoken EdDSA case. `time` is the claims verdict for any date between 2023-11-14T22:23:20Z and 2100-01-01.',
  unsupported: [
    {
      library: `jsonwebtoken ${VERSIONS.jsonwebtoken}`,
      alg: 'EdDSA',
      reason:
        'jsonwebtoken 9 supports HS*, RS*, PS*, ES* and none only; it cannot sign or verify EdDSA.',
    },
  ],
  cases,
};

writeFileSync(OUT, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${cases.length} cases to ${OUT.pathname}`);
