import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchCracker } from '../../../src/lib/crack/batch';
import { HmacGuesser } from '../../../src/lib/crack/hmac';
import { crackTarget } from '../../../src/lib/crack/target';
import {
  guesserFor,
  instantiateKernel,
  WasmGuesser,
  type Kernel,
} from '../../../src/lib/crack/kernel';

const ROOT = join(import.meta.dirname, '../../..');
const WASM = join(ROOT, 'src/lib/crack/wasm/sha512.wasm');
const HASH = { HS384: 'sha384', HS512: 'sha512' } as const;
// Signing inputs of one to nine blocks: around 111/112 bytes (the padding spills
// into a second block) and 128; keys around the block (128) and the buffer (2048).
const MESSAGE_LENGTHS = [0, 1, 38, 111, 112, 127, 128, 129, 239, 240, 1000];
const KEY_LENGTHS = [0, 1, 7, 8, 9, 12, 48, 64, 127, 128, 129, 255, 256, 1030, 2048, 2049, 3000];

function hasClang(): boolean {
  try {
    execFileSync('clang', ['--version'], { stdio: 'ignore' });
    execFileSync('wasm-ld', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let kernel: Kernel;
beforeAll(async () => {
  kernel = (await instantiateKernel(readFileSync(WASM)))!;
});

describe.each(['HS384', 'HS512'] as const)('%s on the WebAssembly kernel', (alg) => {
  it.each(MESSAGE_LENGTHS)('HMACs a %i-byte signing input as node:crypto does', (length) => {
    const message = randomBytes(length);
    const guesser = new WasmGuesser(kernel, alg, message);
    for (const keyLength of KEY_LENGTHS) {
      // A key inside a larger buffer, as a wordlist batch holds it.
      const key = randomBytes(keyLength);
      const buffer = Buffer.concat([randomBytes(3), key, randomBytes(5)]);
      expect(
        Buffer.from(guesser.mac(buffer, 3, 3 + keyLength)).toString('hex'),
        `key ${keyLength}`,
      ).toBe(createHmac(HASH[alg], key).update(message).digest('hex'));
    }
  });

  it('agrees with node:crypto on many random keys and signing inputs', () => {
    for (let n = 0; n < 300; n++) {
      const message = randomBytes(n * 3);
      const key = randomBytes(n % 140);
      expect(Buffer.from(new WasmGuesser(kernel, alg, message).mac(key)).toString('hex')).toBe(
        createHmac(HASH[alg], key).update(message).digest('hex'),
      );
    }
  });

  it('tells the secret from other guesses', () => {
    const message = new TextEncoder().encode('eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJib2IifQ');
    const secret = 'correct horse battery staple';
    const signature = createHmac(HASH[alg], secret).update(message).digest();
    const guesser = new WasmGuesser(kernel, alg, message, signature);
    const buffer = new TextEncoder().encode(`wrong\n${secret}\n${secret}x\n`);
    expect(guesser.test(buffer, 0, 5)).toBe(false);
    expect(guesser.test(buffer, 6, 6 + secret.length)).toBe(true);
    expect(guesser.test(buffer, 6, 7 + secret.length)).toBe(false);
    // One byte of the signature wrong: no guess matches.
    signature[signature.length - 1]! ^= 1;
    expect(
      new WasmGuesser(kernel, alg, message, signature).test(buffer, 6, 6 + secret.length),
    ).toBe(false);
    // A signature of the wrong length matches nothing.
    const short = signature.subarray(1);
    expect(new WasmGuesser(kernel, alg, message, short).test(buffer, 6, 6 + secret.length)).toBe(
      false,
    );
  });
});

describe('one kernel, several tokens', () => {
  it('reloads a guesser’s token when another guesser used the kernel in between', () => {
    const a = randomBytes(50);
    const b = randomBytes(200_000); // 1 MB of schedules: grows the kernel’s memory
    const sa = createHmac('sha512', 'alpha').update(a).digest();
    const sb = createHmac('sha384', 'beta').update(b).digest();
    const ga = new WasmGuesser(kernel, 'HS512', a, sa);
    expect(ga.test(Buffer.from('alpha'))).toBe(true);
    const gb = new WasmGuesser(kernel, 'HS384', b, sb);
    expect(gb.test(Buffer.from('beta'))).toBe(true);
    expect(ga.test(Buffer.from('alpha'))).toBe(true);
    expect(ga.compressions).toBe(4);
    expect(gb.compressions).toBe(3 + Math.ceil((200_000 + 17) / 128));
  });

  it('leaves HS256 to the JavaScript engine, and everything to it without a kernel', async () => {
    const m = new Uint8Array(1);
    expect(guesserFor(kernel, 'HS256', m)).toBeInstanceOf(HmacGuesser);
    expect(guesserFor(kernel, 'HS512', m)).toBeInstanceOf(WasmGuesser);
    expect(guesserFor(undefined, 'HS512', m)).toBeInstanceOf(HmacGuesser);
    // A kernel whose memory cannot grow to hold the token's schedules: JavaScript takes it.
    const full: Kernel = {
      exports: {
        ...kernel.exports,
        memory: {
          buffer: new ArrayBuffer(65_536),
          grow: () => {
            throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
          },
        } as unknown as WebAssembly.Memory,
      },
    };
    expect(guesserFor(full, 'HS384', new Uint8Array(100_000))).toBeInstanceOf(HmacGuesser);
    // Bytes that are not a module: no kernel, no throw.
    expect(await instantiateKernel(new Uint8Array([0, 97, 115, 109, 9, 9]))).toBeUndefined();
  });
});

describe('BatchCracker on the kernel', () => {
  it.each(['HS384', 'HS512'] as const)(
    'finds an %s secret in a list, a mangled one with the rules',
    (alg) => {
      const head = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      const input = `${head}.eyJzdWIiOiJhZG1pbiJ9`;
      const cracker = (secret: string, rules: boolean) => {
        const mac = createHmac(HASH[alg], secret).update(input).digest('base64url');
        const result = crackTarget(`${input}.${mac}`);
        if (!result.ok) throw new Error(result.message);
        return new BatchCracker(result.target, rules, kernel);
      };
      const found = cracker('hunter2', false).run(Buffer.from('a\nb\nhunter2\nc\n'));
      expect(found.tried).toBe(3);
      expect(Buffer.from(found.found!).toString()).toBe('hunter2');
      const mangled = cracker('Summer2024', true).run(Buffer.from('winter\nsummer\n'));
      expect(Buffer.from(mangled.found!).toString()).toBe('Summer2024');
    },
  );
});

describe('the committed kernel', () => {
  const clang = hasClang();
  it.skipIf(!clang)(
    'is what scripts/make-crack-wasm.sh builds from sha512.c (skipped without clang and wasm-ld)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'crack-wasm-'));
      try {
        const out = join(dir, 'sha512.wasm');
        execFileSync('sh', [join(ROOT, 'scripts/make-crack-wasm.sh'), out]);
        expect(readFileSync(out).equals(readFileSync(WASM))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
