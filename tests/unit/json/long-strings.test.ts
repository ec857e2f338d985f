/**
 * A string of megabytes in JSON: the lexer and the claim-help lookup read it
 * without overflowing the regex engine's stack (a 16 MB token threw "Maximum
 * call stack size exceeded" on every tick of the clock).
 */
import { describe, expect, it } from 'vitest';
import { jsonTokens } from '../../../src/lib/json/scan';
import { memberNameAt } from '../../../src/editor/claim-help-extensions';

const long = 'x'.repeat(12_000_000);

describe('long strings', () => {
  it('are one token to the lexer, escapes and all', () => {
    const text = `{"filler":"${long}\\n${long.slice(0, 10)}"}`;
    const tokens = [...jsonTokens(text)];
    const value = tokens.find((t) => t.kind === 'string' && t.text.length > 100);
    expect(value?.text.length).toBe(long.length + 14);
  });
  it('do not stop the claim help finding the member name after them', () => {
    const text = `{"a":"${long}","exp":1}`;
    const at = text.indexOf('"exp"') + 2;
    expect(memberNameAt(text, at)).toEqual({ name: 'exp', from: at - 2, to: at + 3 });
  });
});
