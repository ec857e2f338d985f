/**
 * The state's stale-answer guards: an answer that comes back after the
 * inputs changed is dropped, so a late verdict or re-sign never overwrites a
 * newer edit, and a changed token never keeps looking verified.
 */
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import * as jose from 'jose';
import {
  Checker,
  STEPPED_CHARS,
  type KeyInput,
  type Report,
  type Verdicts,
} from '../../../src/lib';
import { Lab } from '../../../src/state/lab.svelte';

const SECRET = 'a-long-enough-secret-for-hs256-0123456789';
const sign = (sub: string) =>
  new jose.SignJWT({ sub })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(SECRET));

/** A checker whose answers the test releases by hand, in any order. */
class HeldChecker extends Checker {
  held: { report: Report; release: () => Promise<void> }[] = [];
  override verify(report: Report, keys: KeyInput): Promise<Verdicts> {
    const real = super.verify(report, keys);
    return new Promise((resolve) =>
      this.held.push({ report, release: () => real.then(resolve).then(settled) }),
    );
  }
}

/** Let the handlers of a settled promise run. */
const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Wait for what the page would show, however busy the machine. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

describe('Lab', () => {
  it('drops a verdict that arrives after the token changed', async () => {
    const checker = new HeldChecker();
    const lab = new Lab(checker);
    lab.keyText = SECRET;
    const first = await sign('first');
    const second = `${await sign('second')}x`; // its signature no longer matches
    lab.start();
    lab.setToken(first);
    flushSync();
    lab.setToken(second);
    flushSync();
    expect(checker.held.map((h) => h.report.input.text)).toEqual([first, second]);
    await checker.held[1]!.release();
    expect(lab.signature.status).toBe('invalid');
    await checker.held[0]!.release(); // the first token's "verified" comes back late
    expect(lab.signature.status).toBe('invalid');
    lab.stop();
  });

  it('never shows an old "verified" for a changed token while it is checked', async () => {
    const checker = new HeldChecker();
    const lab = new Lab(checker);
    lab.keyText = SECRET;
    lab.start();
    lab.setToken(await sign('one'));
    flushSync();
    await checker.held[0]!.release();
    expect(lab.signature.status).toBe('verified');
    lab.setToken(await sign('two'));
    expect(lab.signature.status).toBe('checking');
    lab.stop();
  });

  it('drops a re-sign that finishes after the person edited the token', async () => {
    const lab = new Lab();
    lab.keyText = SECRET;
    lab.setToken(await sign('before'));
    lab.setPayload('{"sub":"edited"}'); // re-signing starts
    const pasted = await sign('pasted');
    lab.setToken(pasted); // the person pastes before it finishes
    // The re-sign's answer would come with its note; wait until a re-sign of the same edit has.
    const control = new Lab();
    control.keyText = SECRET;
    control.setToken(pasted);
    control.setPayload('{"sub":"edited"}');
    await until(() => expect(control.signNote).toBe('Re-signed with HS256.'));
    await settled();
    expect(lab.tokenText).toBe(pasted);
    expect(lab.signNote).toBe('');
  });

  it('keeps a re-sign that finishes with no newer edit', async () => {
    const lab = new Lab();
    lab.keyText = SECRET;
    lab.setToken(await sign('before'));
    lab.setPayload('{"sub":"edited"}');
    await until(() => expect(lab.signNote).toBe('Re-signed with HS256.'));
    const { payload } = await jose.jwtVerify(lab.tokenText, new TextEncoder().encode(SECRET));
    expect(payload).toEqual({ sub: 'edited' });
  });

  it('reads a large token a step per task, "checking" until the last, then shows it whole', async () => {
    const checker = new Checker();
    const steps: number[] = [];
    const real = checker.steps.bind(checker);
    checker.steps = (...args) => real(...args).map((step, i) => () => (steps.push(i), step()));
    const lab = new Lab(checker);
    lab.keyText = SECRET;
    lab.start();
    const filler = 'x'.repeat(STEPPED_CHARS);
    const token = await new jose.SignJWT({ sub: 'large', filler })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    lab.setToken(token);
    flushSync();
    // Nothing of it has run in the task that put it there.
    expect(steps).toEqual([]);
    expect(lab.signature.status).toBe('checking');
    expect(lab.report.error?.code).toBe('ERR_TOKEN_READING');
    expect(lab.payloadText).toBe('');
    await until(() => expect(lab.signature.status).toBe('verified'));
    expect(steps).toEqual([0, 1, 2, 3, 4]);
    expect(JSON.parse(lab.payloadText)).toEqual({ sub: 'large', filler });
    // A small token afterwards is checked at once again.
    lab.setToken(await sign('small'));
    expect(lab.report.error).toBeUndefined();
    lab.stop();
  });

  it('drops the steps of a large token replaced before they finished', async () => {
    const lab = new Lab();
    lab.keyText = SECRET;
    lab.start();
    const large = await new jose.SignJWT({ sub: 'large', filler: 'x'.repeat(STEPPED_CHARS) })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    lab.setToken(large);
    flushSync();
    const small = await sign('small');
    lab.setToken(small);
    flushSync();
    await until(() => expect(lab.signature.status).toBe('verified'));
    await settled();
    await settled();
    expect(lab.tokenText).toBe(small);
    expect(JSON.parse(lab.payloadText)).toEqual({ sub: 'small' });
    lab.stop();
  });
});
