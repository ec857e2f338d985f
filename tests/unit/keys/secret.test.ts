/**
 * HMAC secrets in the encoding the person chose: bytes, or where the text
 * stops being that encoding.
 */
import { describe, expect, it } from 'vitest';
import { secretBytes, SECRET_ENCODINGS, type SecretEncoding } from '../../../src/lib';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('secretBytes decodes', () => {
  it.each<[string, SecretEncoding, string]>([
    ['your-256-bit-secret', 'utf8', Buffer.from('your-256-bit-secret').toString('hex')],
    ['é€', 'utf8', 'c3a9e282ac'],
    [' spaced ', 'utf8', Buffer.from(' spaced ').toString('hex')],
    ['deadBEEF', 'hex', 'deadbeef'],
    ['  00ff\n', 'hex', '00ff'],
    ['', 'hex', ''],
    ['YWJj', 'base64', '616263'],
    ['YWI=', 'base64', '6162'],
    ['YQ==', 'base64', '61'],
    ['YQ', 'base64', '61'],
    ['+/8=', 'base64', 'fbff'],
    ['-_8', 'base64url', 'fbff'],
    ['-_8=', 'base64url', 'fbff'],
    [' AyM1 ', 'base64url', '032335'],
  ])('%j as %s', (text, encoding, expected) => {
    const result = secretBytes(text, encoding);
    expect(result.ok).toBe(true);
    if (result.ok) expect(hex(result.value)).toBe(expected);
  });

  it('offers every encoding with a label', () => {
    expect(SECRET_ENCODINGS.map((e) => e.value)).toEqual(['utf8', 'base64', 'base64url', 'hex']);
  });
});

describe('secretBytes failures', () => {
  const cases: { text: string; encoding: SecretEncoding; message: string; from?: number }[] = [
    {
      text: 'deadbeeg',
      encoding: 'hex',
      message: "The secret is not hex: 'g' at character 8.",
      from: 7,
    },
    {
      text: 'dead beef',
      encoding: 'hex',
      message: "The secret is not hex: ' ' at character 5.",
      from: 4,
    },
    { text: '0xdead', encoding: 'hex', message: "'x' at character 2", from: 1 },
    {
      text: 'abc',
      encoding: 'hex',
      message: 'A hex secret has two digits per byte; this one has 3 digits.',
    },
    { text: '  zz', encoding: 'hex', message: "'z' at character 3", from: 2 },
    {
      text: 'ab-c',
      encoding: 'base64',
      message: "The secret is not base64: '-' at character 3.",
      from: 2,
    },
    { text: 'ab_c', encoding: 'base64', message: "'_' at character 3", from: 2 },
    {
      text: 'ab+c',
      encoding: 'base64url',
      message: "The secret is not base64url: '+' at character 3.",
      from: 2,
    },
    { text: 'ab/c', encoding: 'base64url', message: "'/' at character 3", from: 2 },
    { text: 'Y=Q=', encoding: 'base64', message: "'=' at character 2", from: 1 },
    { text: '\tab*', encoding: 'base64url', message: "'*' at character 4", from: 3 },
    {
      text: 'abcde',
      encoding: 'base64',
      message: "The secret's length (5) is impossible for base64.",
    },
    {
      text: 'abcde=',
      encoding: 'base64url',
      message: "The secret's length (5) is impossible for base64url.",
    },
    {
      text: 'my secret',
      encoding: 'base64',
      message: 'Choose another encoding, or "UTF-8 text" to use the text as it is.',
    },
  ];

  it.each(cases)('$text as $encoding', ({ text, encoding, message, from }) => {
    const result = secretBytes(text, encoding);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_KEY_SECRET_ENCODING');
    expect(result.error.message).toContain(message);
    if (from !== undefined) {
      expect(result.error.from).toBe(from);
      expect(result.error.to).toBe(from + 1);
      // The offsets point at the character the message names, in the text as typed.
      expect(message).toContain(`'${text[from]}' at character ${from + 1}`);
    }
  });
});
