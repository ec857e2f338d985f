/**
 * The editors' claim help without a DOM: finding the member name under the
 * pointer, the completion slot and the names offered. The popups themselves
 * are driven in tests/e2e/explain.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import {
  helpExtensions,
  completionsFor,
  memberNameAt,
  nameSlotAt,
} from '../../src/editor/claim-help-extensions';
import { helpDeps } from '../../src/editor/claim-help';
import { CLAIMS, HEADER_PARAMETERS } from '../../src/lib/claims/registry';

describe('memberNameAt', () => {
  const text = '  "exp": 1700000000, "iss": "has \\"exp\\": inside", "a:b" : 1';
  it.each([
    [3, 'exp'],
    [6, 'exp'],
    [2, 'exp'],
    [22, 'iss'],
  ])('at %d → %s', (pos, name) => {
    expect(memberNameAt(text, pos)?.name).toBe(name);
  });

  it('finds a name with an escaped or odd character', () => {
    expect(memberNameAt(text, text.indexOf('"a:b"') + 2)?.name).toBe('a:b');
  });

  it.each([
    ['a value string', text.indexOf('has') + 1],
    ['a quoted word inside a value', text.indexOf('\\"exp') + 3],
    ['a number', text.indexOf('1700')],
  ])('is undefined on %s', (_what, pos) => {
    expect(memberNameAt(text, pos)).toBeUndefined();
  });
});

describe('nameSlotAt', () => {
  it.each([
    ['{\n  "ex', { from: 5, typed: 'ex' }],
    ['{"a": 1, "', { from: 10, typed: '' }],
    ['{"a": 1,\n  "na', { from: 12, typed: 'na' }],
  ])('%j is a name slot', (text, slot) => {
    expect(nameSlotAt(text, text.length)).toEqual(slot);
  });

  it.each([['{"a": "va'], ['{"a": 1, "b": "x'], ['{"a"'], ['["x']])('%j is not', (text) => {
    expect(nameSlotAt(text, text.length)).toBeUndefined();
  });
});

describe('completions', () => {
  it('offers registered claims and header parameters by prefix', () => {
    expect(completionsFor(CLAIMS, 'ex').map((e) => e.name)).toContain('exp');
    expect(completionsFor(CLAIMS, 'no').map((e) => e.name)).toContain('nonce');
    expect(completionsFor(HEADER_PARAMETERS, 'k').map((e) => e.name)).toEqual(
      expect.arrayContaining(['kid']),
    );
    expect(completionsFor(HEADER_PARAMETERS, 'ex').map((e) => e.name)).not.toContain('exp');
  });

  it('builds as CodeMirror extensions on an EditorState (no DOM needed)', () => {
    for (const kind of ['header', 'payload'] as const) {
      const state = EditorState.create({
        doc: '{"exp": 1}',
        extensions: helpExtensions(kind, helpDeps),
      });
      expect(state.doc.toString()).toBe('{"exp": 1}');
    }
  });
});
