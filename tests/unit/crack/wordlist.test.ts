import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BatchCracker, secretText } from '../../../src/lib/crack/batch';
import { forEachLine, LineBatcher } from '../../../src/lib/crack/lines';
import { forEachVariant } from '../../../src/lib/crack/rules';
import { crackTarget } from '../../../src/lib/crack/target';

const enc = new TextEncoder();
const dec = new TextDecoder();

function linesOf(batches: Uint8Array[]): string[] {
  const out: string[] = [];
  for (const batch of batches)
    forEachLine(batch, (from, to) => void out.push(dec.decode(batch.subarray(from, to))), 20);
  return out;
}

/** Feed `text` to a batcher in chunks of `size` bytes. */
function batched(text: string, size: number, batcher = new LineBatcher(16, 20)): Uint8Array[] {
  const bytes = enc.encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...batcher.push(bytes.subarray(i, i + size)));
  out.push(...batcher.end());
  return out;
}

describe('LineBatcher and forEachLine', () => {
  const text = 'alpha\r\nbeta\n\ngamma\ndelta-epsilon\nzeta';
  it.each([1, 2, 3, 5, 7, 16, 1000])(
    'reads the same lines whatever the chunk size (%i)',
    (size) => {
      expect(linesOf(batched(text, size))).toEqual([
        'alpha',
        'beta',
        'gamma',
        'delta-epsilon',
        'zeta',
      ]);
    },
  );

  it('ends every batch but the last at a line end, and keeps batches near their size', () => {
    const batches = batched('a\nbb\nccc\ndddd\neeeee\nffffff\n', 4);
    for (const batch of batches) expect(batch.at(-1)).toBe(0x0a);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(16);
  });

  it.each([1, 4, 64])('skips lines longer than the limit, in one chunk or many (%i)', (size) => {
    const long = 'x'.repeat(50);
    expect(linesOf(batched(`one\n${long}\ntwo\n${long}`, size))).toEqual(['one', 'two']);
  });
});

describe('forEachVariant', () => {
  const variants = (word: string) => {
    const out: string[] = [];
    const scratch = new Uint8Array(64);
    const bytes = enc.encode(word);
    const n = forEachVariant(bytes, 0, bytes.length, scratch, (length) => {
      out.push(dec.decode(scratch.subarray(0, length)));
      return false;
    });
    expect(n).toBe(out.length);
    return out;
  };

  it.each([
    ['Secret', ['Secret', 'secret', 'SECRET'], 3],
    ['admin', ['admin', 'ADMIN', 'Admin'], 3],
    ['aB', ['aB', 'ab', 'AB', 'Ab'], 4],
    ['1234', ['1234'], 1],
  ])('%s: case variants %j, each with 162 endings', (word, cases, count) => {
    const out = variants(word);
    expect(out).toHaveLength(count * 162);
    expect(out.filter((v) => !/\d$/.test(v) || v === word)).toEqual(expect.arrayContaining(cases));
    expect(out).toContain(`${cases[0]}0`);
    expect(out).toContain(`${cases.at(-1)}99`);
    expect(out).toContain(`${cases[0]}1970`);
    expect(out).toContain(`${cases[0]}2030`);
    expect(out).not.toContain(`${cases[0]}2031`);
  });
});

describe('crackTarget', () => {
  it.each([
    ['a.b', 'three parts'],
    ['eyJhbGciOiJSUzI1NiJ9.e30.AAAA', '"RS256"'],
    ['!!!.e30.AAAA', 'cannot be read'],
  ])('%s has no secret to guess (%s)', (token, words) => {
    const result = crackTarget(token);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(words);
  });
});

describe('BatchCracker', () => {
  const input = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9';
  const tokenFor = (secret: string | Buffer) =>
    `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  const cracker = (secret: string | Buffer, rules = false) => {
    const result = crackTarget(tokenFor(secret));
    if (!result.ok) throw new Error(result.message);
    return new BatchCracker(result.target, rules);
  };

  it('finds a line of the list and counts the guesses up to it', () => {
    const result = cracker('hunter2').run(enc.encode('a\r\nb\nhunter2\r\nc\n'));
    expect(result.tried).toBe(3);
    expect(dec.decode(result.found)).toBe('hunter2');
  });

  it('tries every line of a list without the secret', () => {
    expect(cracker('hunter2').run(enc.encode('a\nb\nhunter\n'))).toEqual({ tried: 3 });
  });

  it('finds a mangled word only with the rules', () => {
    const list = enc.encode('summer\n');
    expect(cracker('Summer2024').run(list).found).toBeUndefined();
    expect(dec.decode(cracker('Summer2024', true).run(list).found)).toBe('Summer2024');
  });

  it('finds a secret that is not UTF-8 and gives it as hex', () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1
    const found = cracker(latin1).run(
      Buffer.concat([Buffer.from('x\n'), latin1, Buffer.from('\n')]),
    ).found;
    expect(found && secretText(found)).toEqual({ text: '636166e9', encoding: 'hex' });
    expect(secretText(enc.encode('café'))).toEqual({ text: 'café', encoding: 'utf8' });
  });
});
