/**
 * The parts of the page, each brought to life on its own. The layout around
 * them is static HTML (index.html, with a `data-island` element for each);
 * the build prerenders every part into it (src/prerender.ts), and main.ts
 * hydrates them one per task, in this order: what a phone shows first,
 * first. Hydrating the whole page at once took one task of 60–180 ms here.
 * The parts share no props: each reads the state modules in src/state.
 */
import type { Component } from 'svelte';
import AttackSlot from './components/AttackSlot.svelte';
import ClaimsPanel, { loadClaimsParts } from './components/ClaimsPanel.svelte';
import DecodedPanel from './components/DecodedPanel.svelte';
import JweSlot from './components/JweSlot.svelte';
import KeyPanel from './components/KeyPanel.svelte';
import Lazy from './components/Lazy.svelte';
import TokenPanel from './components/TokenPanel.svelte';
import TopBar from './components/TopBar.svelte';
import UpdateBanner from './components/UpdateBanner.svelte';
import VerdictBanner from './components/VerdictBanner.svelte';

/** A component and its props; the key in {@link ISLANDS} is its element's `data-island`. */
export interface Island {
  // Components of every shape share this table.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: Component<any>;
  props?: Record<string, unknown>;
  /** Code the part is drawn with that the first load does not carry: loaded before it is drawn. */
  ready?: () => Promise<unknown>;
}

export const ISLANDS: Record<string, Island> = {
  'top-bar': { component: TopBar },
  token: { component: TokenPanel },
  verdict: { component: VerdictBanner },
  decoded: { component: DecodedPanel },
  claims: { component: ClaimsPanel, ready: loadClaimsParts },
  key: { component: KeyPanel },
  jwe: { component: JweSlot },
  explain: {
    component: Lazy,
    props: {
      load: () => import('./components/ExplainPanel.svelte'),
      pending: 'Loading the Explain panel…',
    },
  },
  findings: {
    component: Lazy,
    props: {
      load: () => import('./components/FindingsPanel.svelte'),
      pending: 'Loading the security checks…',
      panel: 'Security findings',
    },
  },
  attacks: { component: AttackSlot },
  'update-banner': { component: UpdateBanner },
};
