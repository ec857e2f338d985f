import { mount } from 'svelte';
import App from './App.svelte';
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
mount(App, { target: document.getElementById('app')! });
document.getElementById('shell')?.remove();
// The PEM reader is not needed to show the first screen: fetch it right after.
lab.preloadPemSupport();
// A share link pasted into this tab changes only the fragment: no reload.
window.addEventListener('hashchange', () => {
  if (window.location.hash.length > 1) void loadShare().then((share) => share.applyLocation());
});
if (import.meta.env.PROD) void offline.register();
