/**
 * The Explain area's state, built on `lab`: the token's kind, what PyJWT,
 * jose and jsonwebtoken would answer, and the input of the code snippets.
 * Everything is derived from the engine's report; loading this module hands
 * the outcome predictor to the pipeline.
 */
import * as outcomesModule from '../lib/explain/outcomes';
import { tokenType } from '../lib/explain/token-type';
import { snippetInputFor } from '../lib/explain/snippets/types';
import { lab } from './lab.svelte';

lab.useTools({ outcomes: outcomesModule });

class Explain {
  /** How a careful server holding this key is configured (never the token's say-so alone). */
  settings = $derived(outcomesModule.outcomeSettings(lab.parsedKey, lab.jws?.alg, lab.settings));
  /** The algorithms that server allows. */
  algorithms = $derived(this.settings.algorithms);
  tokenType = $derived(lab.jws ? tokenType(lab.jws.header, lab.jws.payload) : undefined);
  /** Each library's answer; undefined while the signature is being checked, or for a JWE. */
  outcomes = $derived(lab.report.outcomes);
  snippetInput = $derived(snippetInputFor(this.settings));
}

/** The Explain area's single state. */
export const explain = new Explain();
