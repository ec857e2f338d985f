/**
 * The editors' colours as data, without a DOM: the token's parts, the JSON
 * tokens, and the lines of runs the static preview draws from them. That
 * the preview and the editor take the same room is checked in the browser,
 * in tests/e2e/prerender.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { jsonMarks, partMarks } from '../../src/editor/colours';
import { markDecorations } from '../../src/editor/mark-decorations';
import { PREVIEW_CHARS, PREVIEW_LINES, previewLines, previewPart } from '../../src/editor/preview';

describe('partMarks', () => {
  it('colours the three parts of a JWS and its two dots', () => {
    expect(partMarks('aa.bbb.c')).toEqual([
      { from: 0, to: 2, class: 'cm-jwt-header' },
      { from: 2, to: 3, class: 'cm-jwt-dot' },
      { from: 3, to: 6, class: 'cm-jwt-payload' },
      { from: 6, to: 7, class: 'cm-jwt-dot' },
      { from: 7, to: 8, class: 'cm-jwt-signature' },
    ]);
  });

  it('names the five parts of a JWE, and skips empty ones', () => {
    expect(partMarks('h..iv.ct.tg').map((m) => m.class)).toEqual([
      'cm-jwt-header',
      'cm-jwt-dot',
      'cm-jwt-dot',
      'cm-jwt-iv',
      'cm-jwt-dot',
      'cm-jwt-ciphertext',
      'cm-jwt-dot',
      'cm-jwt-tag',
    ]);
  });

  it('colours each token standing in a larger text, and nothing else', () => {
    const jws = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';
    const jwe = 'eyJhbGciOiJkaXIifQ..aXY.Y3Q.dGFn';
    const text = `curl -H 'Authorization: Bearer ${jws}' https://api.example.com/x?t=${jwe}`;
    const marks = partMarks(text);
    expect(marks.map((m) => [text.slice(m.from, m.to), m.class])).toEqual([
      ['eyJhbGciOiJIUzI1NiJ9', 'cm-jwt-header'],
      ['.', 'cm-jwt-dot'],
      ['e30', 'cm-jwt-payload'],
      ['.', 'cm-jwt-dot'],
      ['c2ln', 'cm-jwt-signature'],
      ['eyJhbGciOiJkaXIifQ', 'cm-jwt-header'],
      ['.', 'cm-jwt-dot'],
      ['.', 'cm-jwt-dot'],
      ['aXY', 'cm-jwt-iv'],
      ['.', 'cm-jwt-dot'],
      ['Y3Q', 'cm-jwt-ciphertext'],
      ['.', 'cm-jwt-dot'],
      ['dGFn', 'cm-jwt-tag'],
    ]);
    expect(partMarks('{"a": "b.c.d"}')).toEqual([]);
  });
});

describe('jsonMarks', () => {
  it('tells member names from string values, and numbers from literals', () => {
    const text = '{"a": "b", "n": -1, "t": true}';
    expect(jsonMarks(text).map((m) => [text.slice(m.from, m.to), m.class])).toEqual([
      ['"a"', 'tok-property'],
      ['"b"', 'tok-string'],
      ['"n"', 'tok-property'],
      ['-1', 'tok-number'],
      ['"t"', 'tok-property'],
      ['true', 'tok-literal'],
    ]);
  });
});

describe('previewLines', () => {
  it('is one empty line for an empty text', () => {
    expect(previewLines('', [])).toEqual([[]]);
  });

  it('splits at line breaks, keeping the unmarked text between marks', () => {
    const text = '{\n  "a": 1\n}';
    expect(previewLines(text, jsonMarks(text))).toEqual([
      [{ text: '{' }],
      [
        { text: '  ' },
        { text: '"a"', class: 'tok-property' },
        { text: ': ' },
        { text: '1', class: 'tok-number' },
      ],
      [{ text: '}' }],
    ]);
  });

  it('keeps empty lines empty, also inside a mark', () => {
    expect(previewLines('a\n\nb', [{ from: 0, to: 4, class: 'x' }])).toEqual([
      [{ text: 'a', class: 'x' }],
      [],
      [{ text: 'b', class: 'x' }],
    ]);
  });

  it('gives the editor the same marks as decorations', () => {
    const text = 'aa.bbb.c';
    const ranges: [number, number, string][] = [];
    markDecorations(partMarks(text)).between(0, text.length, (from, to, value) => {
      ranges.push([from, to, value.spec.class as string]);
    });
    expect(ranges).toEqual(partMarks(text).map((m) => [m.from, m.to, m.class]));
  });
});

describe('previewPart', () => {
  it('keeps a short text whole', () => {
    expect(previewPart('{\n  "a": 1\n}')).toEqual({ text: '{\n  "a": 1\n}', cut: false });
  });
  it(`cuts a long text after ${PREVIEW_LINES} lines`, () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join('\n');
    const part = previewPart(text);
    expect(part.cut).toBe(true);
    expect(part.text.split('\n')).toHaveLength(PREVIEW_LINES);
    expect(text.startsWith(part.text)).toBe(true);
  });
  it(`cuts one long line after ${PREVIEW_CHARS} characters`, () => {
    expect(previewPart('x'.repeat(2_000_000))).toEqual({
      text: 'x'.repeat(PREVIEW_CHARS),
      cut: true,
    });
  });
});
