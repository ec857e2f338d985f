/**
 * The pipeline's SD-JWT steps: the presentation is read (hashes, key
 * binding) by the SD-JWT engine, loaded on demand with the asynchronous
 * verdicts; the key-binding JWT is judged against the settings on every check.
 */
import type * as SdJwtModule from '../sd-jwt';
import type { SdJwtFacts, SdJwtView } from '../sd-jwt/inspect';
import type { KeyResolver } from '../keys/resolve';
import type { Checking, Settings, TokenView } from './types';

type SdJwtEngine = typeof SdJwtModule;

/** The view of an SD-JWT, or undefined for any other form. */
export function sdJwtOf(view: TokenView | undefined) {
  return view && (view.form === 'sd-jwt' || view.form === 'sd-jwt-kb') ? view : undefined;
}

/** Read the presentation: the engine and what it found, for the verdicts. */
export async function inspectPresentation(
  view: TokenView | undefined,
  resolver: KeyResolver,
): Promise<{ engine: SdJwtEngine; facts: SdJwtFacts } | undefined> {
  const sd = sdJwtOf(view);
  if (!sd) return undefined;
  const engine = await import('../sd-jwt');
  return {
    engine,
    facts: await engine.inspectSdJwt(sd.parts, sd.token.payload, resolver, sd.token.header),
  };
}

/** The presentation judged for these settings, or `checking` while it is read. */
export function judgedPresentation(
  read: { engine: SdJwtEngine; facts: SdJwtFacts } | undefined,
  settings: Settings,
): SdJwtView | Checking {
  if (!read) return { status: 'checking', message: 'Reading the disclosures…' };
  return read.engine.judgeSdJwt(read.facts, {
    expectedAudience: settings.expectedAudience,
    expectedNonce: settings.expectedNonce ?? '',
    now: settings.now,
    leeway: settings.leeway,
  });
}

/** The settings the processed claims are judged with: with key binding, `aud` is the KB-JWT's. */
export function claimsSettings(view: TokenView | undefined, settings: Settings): Settings {
  return view?.form === 'sd-jwt-kb' && settings.expectedAudience
    ? { ...settings, expectedAudience: '' }
    : settings;
}
