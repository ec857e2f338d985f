// SD-JWTs checked both ways against an independent implementation, the
// OpenWallet Foundation's sd-jwt-js (@sd-jwt/core with @sd-jwt/crypto-nodejs):
//   (a) the library issues SD-JWTs and presents them with key binding; they
//       are written to tests/vectors/sd-jwt/sd-jwt-js.json with the claims the
//       library says a verifier sees (tests/unit/sd-jwt/library.test.ts reads
//       them with the page's engine);
//   (b) the page's engine (src/lib/sd-jwt, loaded through Vite's SSR loader, as
//       the unit tests load it) issues and presents SD-JWTs, and the library
//       verifies them, key binding included; the tokens and the library's
//       verdict go in the same file, and the script fails if any is refused.
// The library is installed into a temporary folder by this script, not into
// the project: run `node scripts/sd-jwt-library-vectors.mjs` (needs the npm
// registry). Keys, salts and signatures are new on every run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';

const LIBRARY = { '@sd-jwt/core': '0.19.0', '@sd-jwt/crypto-nodejs': '0.19.0' };
const OUT = new URL('../tests/vectors/sd-jwt/sd-jwt-js.json', import.meta.url);
const COMMAND = 'node scripts/sd-jwt-library-vectors.mjs';
const KB = { aud: 'https://verifier.example.org', nonce: 'lib-nonce-8d7c', iat: 1767225600 };

const PAYLOAD = {
  iss: 'https://issuer.example.com',
  iat: 1767225000,
  sub: 'user_42',
  given_name: 'John',
  family_name: 'Doe',
  email: 'johndoe@example.com',
  address: { street_address: '123 Main St', locality: 'Anytown', country: 'US' },
  nationalities: ['US', 'DE'],
};

const folder = mkdtempSync(join(tmpdir(), 'sd-jwt-js-'));
try {
  const specs = Object.entries(LIBRARY).map(([name, version]) => `${name}@${version}`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      folder,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...specs,
    ],
    { stdio: 'inherit' },
  );
  const require = createRequire(join(folder, 'index.js'));
  const { SDJwtInstance } = require('@sd-jwt/core');
  const { ES256, digest, generateSalt } = require('@sd-jwt/crypto-nodejs');

  const issuer = await ES256.generateKeyPair();
  const holder = await ES256.generateKeyPair();
  /** A library instance for one hash, verifying key binding with the issuer payload's cnf.jwk. */
  const instance = async (hashAlg) =>
    new SDJwtInstance({
      hasher: digest,
      hashAlg,
      saltGenerator: generateSalt,
      signAlg: 'ES256',
      signer: await ES256.getSigner(issuer.privateKey),
      verifier: await ES256.getVerifier(issuer.publicKey),
      kbSignAlg: 'ES256',
      kbSigner: await ES256.getSigner(holder.privateKey),
      kbVerifier: async (data, signature, payload) =>
        (await ES256.getVerifier(payload.cnf.jwk))(data, signature),
    });

  // (a) Made by the library.
  const frame = {
    _sd: ['given_name', 'family_name', 'email', 'address'],
    address: { _sd: ['street_address', 'locality'] },
    nationalities: { _sd: [0, 1] },
    _sd_decoy: 3,
  };
  const library = [];
  for (const hashAlg of ['sha-256', 'sha-512']) {
    const sd = await instance(hashAlg);
    const issued = await sd.issue({ ...PAYLOAD, cnf: { jwk: holder.publicKey } }, frame, {
      header: { typ: 'example+sd-jwt' },
    });
    library.push({
      name: `issuance, ${hashAlg}`,
      hash: hashAlg,
      token: issued,
      processed: await sd.getClaims(issued),
      kb: null,
    });
    const shown = await sd.present(
      issued,
      { given_name: true, address: { street_address: true }, nationalities: { 1: true } },
      { kb: { payload: KB } },
    );
    const verified = await sd.verify(shown, { keyBindingNonce: KB.nonce, currentDate: KB.iat });
    library.push({
      name: `presentation with key binding, ${hashAlg}`,
      hash: hashAlg,
      token: shown,
      processed: verified.payload,
      kb: KB,
    });
  }

  // (b) Made by the page's engine, verified by the library.
  const vite = await createServer({
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const page = [];
  try {
    const engine = await vite.ssrLoadModule('/src/lib/sd-jwt/index.ts');
    const { KeyResolver } = await vite.ssrLoadModule('/src/lib/keys/resolve.ts');
    const resolver = new KeyResolver();
    const pageHolder = await engine.generateHolderKey();
    const marks = [
      'given_name',
      'family_name',
      'address',
      'address.street_address',
      'nationalities[1]',
    ];
    for (const hash of ['sha-256', 'sha-384', 'sha-512']) {
      const issued = await engine.issueSdJwt(
        { payload: PAYLOAD, marks, decoys: 2, hash, holderJwk: pageHolder.publicJwk },
        {
          headerText: '{"alg":"ES256","typ":"example+sd-jwt"}',
          keyText: JSON.stringify(issuer.privateKey),
          secretEncoding: 'utf8',
          resolver,
        },
      );
      if (!issued.ok) throw new Error(issued.error.message);
      const tree = await engine.disclosureTree(issued.value.sdJwt);
      if (!tree.ok) throw new Error(tree.error.message);
      const street = issued.value.disclosures.find((d) => d.path === 'address.street_address').n;
      const given = issued.value.disclosures.find((d) => d.path === 'given_name').n;
      const shown = await engine.presentSdJwt(tree.value, [given, street], {
        holderKey: pageHolder.privateJwk,
        ...KB,
      });
      if (!shown.ok) throw new Error(shown.error.message);
      const sd = await instance(hash);
      for (const [name, token, options] of [
        [`page issuance, ${hash}`, issued.value.sdJwt, { currentDate: KB.iat }],
        [
          `page presentation with key binding, ${hash}`,
          shown.value,
          { keyBindingNonce: KB.nonce, currentDate: KB.iat },
        ],
      ]) {
        let verdict;
        try {
          const { payload, kb } = await sd.verify(token, options);
          verdict = {
            verified: true,
            libraryClaims: payload,
            ...(kb ? { kbAud: kb.payload.aud } : {}),
          };
        } catch (error) {
          verdict = { verified: false, error: String(error?.message ?? error) };
        }
        page.push({ name, hash, token, ...verdict });
        console.log(
          `${name}: ${verdict.verified ? 'verified by the library' : `REFUSED: ${verdict.error}`}`,
        );
      }
    }
  } finally {
    await vite.close();
  }

  writeFileSync(
    OUT,
    `${JSON.stringify(
      {
        source: `Generated by \`${COMMAND}\` with ${specs.join(' and ')} (OpenWallet Foundation sd-jwt-js), installed into a temporary folder`,
        command: COMMAND,
        library: LIBRARY,
        issuerKey: issuer.publicKey,
        holderKey: holder.publicKey,
        library_made: library,
        page_made: page,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `Wrote ${library.length} library-made and ${page.length} page-made SD-JWTs to ${OUT.pathname}`,
  );
  if (page.some((p) => !p.verified)) process.exitCode = 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
