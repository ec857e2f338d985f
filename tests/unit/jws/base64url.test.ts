import { describe, expect, it } from 'vitest';
import { decodeCheckedPart, decodePart, decodeTextOrBytes } from '../../../src/lib/jws/base64url';

// RFC 4648 §10 test vectors, in the URL-safe alphabet without padding, and
// bytes whose encodings use '-' and '_' (62 and 63).
const VECTORS: [string, number[]][] = [
  ['', []],
  ['Zg', [0x66]],
  ['Zm8', [0x66, 0x6f]],
  ['Zm9v', [0x66, 0x6f, 0x6f]],
  ['Zm9vYg', [0x66, 0x6f, 0x6f, 0x62]],
  ['Zm9vYmE', [0x66, 0x6f, 0x6f, 0x62, 0x61]],
  ['Zm9vYmFy', [0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72]],
  ['-_8', [0xfb, 0xff]],
];

describe('decodePart', () => {
  it.each(VECTORS)('decodes %j', (part, bytes) => {
    expect([...decodePart(part)]).toEqual(bytes);
    expect([...decodeCheckedPart(part)]).toEqual(bytes);
  });

  it('takes padding that the length needs', () => {
    expect([...decodePart('Zg==')]).toEqual([0x66]);
  });

  // atob, the quick decoder underneath, skips white space and takes standard base64.
  it.each(['Zm 9v', 'Zm9v\n', '+/8', 'Zm9v.'])('refuses %j, which is not base64url', (part) => {
    expect(() => decodePart(part)).toThrow(TypeError);
  });

  it("decodes every length up to 600 bytes as node's decoder does, every byte value included", () => {
    for (let length = 0; length <= 600; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) % 256);
      const part = Buffer.from(bytes).toString('base64url');
      expect(decodeCheckedPart(part), `length ${length}`).toEqual(bytes);
    }
  });

  it('refuses a length no encoder makes (4k + 1)', () => {
    expect(() => decodePart('Zm9vY')).toThrow(TypeError);
  });

  it('decodes a part longer than the quick path the same way', () => {
    const bytes = Uint8Array.from({ length: 9000 }, (_, i) => (i * 7919) % 256);
    const part = Buffer.from(bytes).toString('base64url');
    expect(decodePart(part)).toEqual(bytes);
  });
});

describe('decodeTextOrBytes', () => {
  it.each([
    ['eyJhIjoxfQ', '{"a":1}'],
    ['w6k', 'é'],
    ['8J-YgA', '😀'],
  ])('reads %j as UTF-8 text', (part, text) => {
    expect(decodeTextOrBytes(part)).toBe(text);
  });

  it('gives the bytes when they are not UTF-8', () => {
    expect(decodeTextOrBytes('_w')).toEqual(new Uint8Array([0xff]));
    const long = Buffer.alloc(9000, 0xff).toString('base64url');
    expect(decodeTextOrBytes(long)).toEqual(new Uint8Array(9000).fill(0xff));
  });
});
