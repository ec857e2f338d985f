import { hydrate, mount } from 'svelte';
import { ISLANDS } from './islands';
import { later } from './later';
import { lab } from './state/lab.svelte';
import { hasRememberedWork } from './state/remembered';
import { offline } from './state/offline.svelte';
import './app.css';

// A token in the fragment (a share link, an OAuth/OIDC redirect) comes first,
// then work remembered on this device (opt-in), then the verified sample.
// The sharing code loads only when there is something for it to read.
const loadShare = async () => (await import('./state/share.svelte')).share;
let restored = false;
if (window.location.hash.length > 1 || hasRememberedWork()) {
  const share = await loadShare();
  restored = share.applyLocation() || share.restoreRemembered();
}
if (!restored) await lab.loadSample();

// The built page holds the sample's first screen (plugins/prerender.ts):
// hydrate it in place, a part per task. Restored work differs from it
// everywhere, and the development server sends no prerendered page: those
// are drawn afresh.
const prerendered = !restored && document.getElementById('app')!.hasAttribute('data-prerendered');
for (const [name, { component, props = {} }] of Object.entries(ISLANDS)) {
  const target = document.querySelector<HTMLElement>(`[data-island="${name}"]`)!;
  later(() => {
    if (prerendered) hydrate(component, { target, props });
    else {
      target.replaceChildren();
      mount(component, { target, props });
    }
  });
}
later(() => {
  delete document.documentElement.dataset.restoring;
  // Queued after the editors (their parts queued them while hydrating), so
  // that the first check runs once the page is whole.
  later(() => lab.start());
  // The PEM reader is not needed to show the first screen: fetch it right after.
  later(() => lab.preloadPemSupport());
});
// A share link pasted into this tab changes only the fragment: no reload.
window.addEventListener('hashchange', () => {
  if (window.location.hash.length > 1) void loadShare().then((share) => share.applyLocation());
});
if (import.meta.env.PROD) void offline.register();
