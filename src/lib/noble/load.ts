/**
 * Loading @noble/curves (noble/index.ts) once, on demand: only a token or key
 * on secp256k1 or Ed448 needs it, and the first screen must not carry it.
 */
import type * as Noble from './index';

let loading: Promise<typeof Noble> | undefined;

/** The ES256K / Ed448 module, imported the first time it is asked for. */
export function loadNoble(): Promise<typeof Noble> {
  return (loading ??= import('./index'));
}
