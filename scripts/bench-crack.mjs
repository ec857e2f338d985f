// The crack table of `npm run bench` (alone: `npm run bench -- --crack`):
// guesses per second on one thread (each worker gets one) with one WebCrypto
// call per guess, with the engines of src/lib/crack (JavaScript, and the
// WebAssembly kernel for HS384/512), and the native limit of
// this machine: OpenSSL's SHA-2 blocks per second divided by the compressions
// one guess needs. Measured in the bench harness page (bench/crack.ts). Then
// one line on recovering a 2048-bit RSA key from two tokens, e = 3 and
// e = 65537 (bench/recover.ts: the latter takes a minute or more).
import { execFileSync } from 'node:child_process';

const BLOCK = { HS256: 64, HS384: 128, HS512: 128 };
const DIGEST = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** SHA-2 compressions per second of OpenSSL on one core, from `openssl speed`. */
function nativeBlocks(alg) {
  try {
    const out = execFileSync(
      'openssl',
      ['speed', '-evp', DIGEST[alg], '-bytes', '16384', '-seconds', '1'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const line = out.split('\n').find((l) => l.startsWith(DIGEST[alg]));
    const kbytes = Number(line?.trim().split(/\s+/).at(-1)?.replace(/k$/, ''));
    return Number.isFinite(kbytes) ? (kbytes * 1000) / BLOCK[alg] : undefined;
  } catch {
    return undefined;
  }
}

/** Print the crack table; `page` is the bench harness, loaded. */
export async function crackTable(page) {
  const rows = await page.evaluate(() => window.runCrack(2000));
  const n = (x) => Math.round(x).toLocaleString('en');
  console.log('\nCracking an HMAC secret: guesses per second on one thread (one worker)');
  console.log(
    '| alg | WebCrypto, one at a time | WebCrypto, 64 in flight | JavaScript engine | WebAssembly kernel | × one at a time | × 64 in flight | compressions / guess | native limit | of native |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows) {
    const blocks = nativeBlocks(r.alg);
    const native = blocks === undefined ? undefined : blocks / r.compressions;
    // The ratios are of the engine the workers use: the kernel where there is one.
    const best = r.wasm ?? r.engine;
    console.log(
      `| ${r.alg} | ${n(r.webcrypto)} | ${n(r.webcryptoBatched)} | ${n(r.engine)} | ${r.wasm === undefined ? '–' : n(r.wasm)} | ${(best / r.webcrypto).toFixed(1)} | ${(best / r.webcryptoBatched).toFixed(1)} | ${r.compressions} | ${native === undefined ? 'no openssl' : n(native)} | ${native === undefined ? '–' : `${((100 * best) / native).toFixed(1)} %`} |`,
    );
  }
  console.log(
    `token: jwt.io's example claims (signing input ${rows[0].inputBytes} bytes); native limit: \`openssl speed -evp sha256|sha384|sha512\` blocks per second on one core / compressions per guess`,
  );
  const r = await page.evaluate(() => window.runRecover());
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `\nRSA public key recovery from two RS256 tokens (2048 bits): e = 3 in ${Math.round(r.e3Ms)} ms${r.e3Ok ? '' : ' (FAILED)'}; e = 65537 in ${seconds(r.e65537Ms)}${r.e65537Ok ? '' : ' (FAILED)'}: the two s^65537 (${r.powerBits.toLocaleString('en')} bits) ${seconds(r.powersMs)}, their half-gcd ${seconds(r.gcdMs)}`,
  );
}
