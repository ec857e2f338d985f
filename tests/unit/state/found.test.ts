/**
 * Tokens found in a pasted text, as the state holds them: the finder loads
 * when a text is not a token and the editors then show the found token; the
 * choice of token is the person's until the text changes; editing a found
 * token re-signs it alone, with its own signature kept when it cannot be.
 */
import { describe, expect, it, vi } from 'vitest';
import * as jose from 'jose';
import { Lab } from '../../../src/state/lab.svelte';

const SECRET = 'a-long-enough-secret-for-hs256-0123456789';
const sign = (sub: string) =>
  new jose.SignJWT({ sub })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });
const subOf = (lab: Lab) => (JSON.parse(lab.payloadText || '{}') as { sub?: string }).sub;
/** Wait for the finder to have looked (the editors may show a part of the text before it has). */
const found = (lab: Lab) => until(() => expect(lab.report.found).toBeDefined());

describe('found tokens in the state', () => {
  it('loads the finder for a text that is not a token, then shows the token found', async () => {
    const lab = new Lab();
    lab.setToken(`Cookie: session=${await sign('cookie')}`);
    expect(lab.report.wantsFinder).toBe(true);
    await found(lab);
    expect(subOf(lab)).toBe('cookie');
    expect(lab.report.found?.note).toMatch(/Cookie header/);
    expect(lab.report.wantsFinder).toBe(false);
  });

  it('decodes the chosen token, and the first again when the person changes the text', async () => {
    const lab = new Lab();
    const text = JSON.stringify({ access_token: await sign('access'), id_token: await sign('id') });
    lab.setToken(text);
    await found(lab);
    expect(subOf(lab)).toBe('access');
    lab.chooseToken(1);
    expect(lab.chosen).toBe(1);
    expect(subOf(lab)).toBe('id');
    expect(lab.report.found?.chosen).toBe(1);
    lab.setToken(`${text}\n`);
    expect(lab.chosen).toBe(0);
    expect(subOf(lab)).toBe('access');
  });

  it('re-signs an edit of a found token into a token standing alone', async () => {
    const lab = new Lab();
    lab.keyText = SECRET;
    lab.setToken(`curl -H 'Authorization: Bearer ${await sign('curl')}' https://x.example`);
    await found(lab);
    expect(subOf(lab)).toBe('curl');
    lab.setPayload('{"sub":"edited"}');
    await until(() => expect(lab.signNote).toBe('Re-signed with HS256.'));
    const { payload } = await jose.jwtVerify(lab.tokenText, new TextEncoder().encode(SECRET));
    expect(payload).toEqual({ sub: 'edited' });
    expect(lab.report.found).toBeUndefined();
  });

  it('keeps the found token’s own signature when the edit cannot be signed', async () => {
    const lab = new Lab();
    lab.keyText = 'not a key for RS256';
    const token = await sign('kept');
    lab.setToken(`token=${token} user=alice`);
    await found(lab);
    expect(subOf(lab)).toBe('kept');
    lab.setHeader('{"alg":"RS256"}');
    await until(() => expect(lab.signNote).toMatch(/^Not re-signed/));
    expect(lab.tokenText.split('.')[2]).toBe(token.split('.')[2]);
  });
});
