/**
 * Putting a token in the lab: typed or pasted (and then, of the tokens found
 * in the text, the one chosen), the sample, an example from the menu, a saved
 * state (a link's, or the person's remembered work), a DPoP proof built for
 * the request typed. Each fills the boxes through the lab's public inputs
 * and the editors with what the token decodes to; what the lab keeps private
 * (where the token and key came from) is handed in as `own`.
 */
import {
  isUnsupportedByBrowser,
  messageOf,
  sampleToken,
  SAMPLE_SECRET,
  type LinkState,
  type Origin,
  type OutputForm,
  type TokenView,
} from '../lib';
import { clockNow } from './clock';
import type { Lab } from './lab.svelte';
import type { LabPrivate } from './lab-private.svelte';

/** The token editor changed (by the person, or by `from`): show what it decodes to. */
export function setToken(lab: Lab, own: LabPrivate, text: string, from: Origin): void {
  own.signSequence++; // a pending re-sign must not overwrite this edit
  own.tokenFrom = from;
  lab.tokenText = text;
  own.chosen = 0;
  lab.exampleNote = '';
  showDecoded(lab, own);
}

/** The person chose another of the tokens found in the text: show that one. */
export function chooseToken(lab: Lab, own: LabPrivate, index: number): void {
  own.signSequence++;
  own.chosen = index;
  showDecoded(lab, own);
}

/** Fill the header and payload editors with what the token text decodes to now. */
export function showDecoded(lab: Lab, own: LabPrivate): void {
  lab.editError = undefined;
  lab.signNote = '';
  const { header, payload } = lab.report.editors;
  lab.headerText = header;
  lab.payloadText = payload;
  lab.payloadEditForm = lab.report.jws?.payloadForm ?? 'claims';
  // A pasted token sets the form the page writes: a JSON serialization keeps its form.
  const view = lab.report.view;
  if (view) lab.outputForm = outputFormOf(view);
  own.editorsAwaitFinder = lab.report.wantsFinder;
}

/** Put the sample token and its secret in the editors. */
export async function loadSample(lab: Lab, own: LabPrivate): Promise<void> {
  const now = clockNow();
  const token = await sampleToken(now, lab.resolver);
  // Judged at the moment it was signed: its times read as in the prerendered page.
  lab.now = now;
  lab.keyText = SAMPLE_SECRET;
  lab.secretEncoding = 'utf8';
  own.sample = { key: SAMPLE_SECRET, token };
  lab.setToken(token, 'sample');
}

/** Generate and load an example from the menu (its code loads on demand). */
export async function loadExample(lab: Lab, id: string, label: string): Promise<void> {
  lab.exampleBusy = `Generating the ${label} example…`;
  try {
    const { makeExample } = await import('../lib/examples/examples');
    const example = await makeExample(id, clockNow());
    lab.keyText = example.key;
    lab.secretEncoding = 'utf8';
    if (example.detachedPayload !== undefined) lab.detachedPayload = example.detachedPayload;
    lab.setToken(example.token);
    lab.exampleNote = `Example: ${label}. ${example.note}`;
  } catch (cause) {
    const why = isUnsupportedByBrowser(cause)
      ? "this browser's WebCrypto lacks its algorithm."
      : messageOf(cause);
    lab.exampleNote = `The example could not be made: ${why}`;
  } finally {
    lab.exampleBusy = '';
  }
}

/** Put a saved state in the page: a link's values are then shown as the link's. */
export function applyState(
  lab: Lab,
  own: LabPrivate,
  state: LinkState & { token?: string },
  from: 'link' | 'person',
): void {
  const { token, ...rest } = state;
  own.link = from === 'link' ? rest : undefined;
  if (rest.key !== undefined) lab.keyText = rest.key;
  else if (token !== undefined) lab.keyText = '';
  if (rest.leeway !== undefined) lab.leeway = rest.leeway;
  if (rest.expectedIssuer !== undefined) lab.expectedIssuer = rest.expectedIssuer;
  if (rest.expectedAudience !== undefined) lab.expectedAudience = rest.expectedAudience;
  if (token !== undefined) lab.setToken(token, from);
}

/** Make and check a DPoP proof for the request typed, with a key generated for it. */
export async function buildDpopProof(lab: Lab): Promise<void> {
  lab.dpopNote = 'Generating a key and signing a proof…';
  const profiles = await import('../lib/profiles');
  const built = await profiles.buildDpopProof({
    method: lab.dpopMethod,
    url: lab.dpopUrl,
    accessToken: lab.dpopAccessToken,
    nonce: lab.expectedNonce,
    now: lab.effectiveNow,
  });
  if (!built.ok) {
    lab.dpopNote = built.error.message;
    return;
  }
  lab.keyText = JSON.stringify(built.value.publicJwk, null, 2);
  lab.secretEncoding = 'utf8';
  lab.setToken(built.value.proof);
  lab.dpopNote =
    'A new ES256 key signed this proof; its public half is in the proof\'s "jwk" header and in the key box. The private half stays in this page, as a client keeps it.';
}

/** The output form that keeps a token's own form. */
function outputFormOf(view: TokenView): OutputForm {
  if (view.form === 'json-jws-general') return 'json-general';
  if (view.form === 'json-jws-flattened') return 'json-flattened';
  if (view.form === 'json-jwe') return view.token.flattened ? 'json-flattened' : 'json-general';
  return 'compact';
}
