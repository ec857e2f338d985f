import { mount } from 'svelte';
import App from './App.svelte';
import { lab } from './state/lab.svelte';
import { share } from './state/share.svelte';
import { offline } from './state/offline.svelte';
import './app.css';

// A token in the fragment (a share link, an OAuth/OIDC redirect) comes first,
// then work remembered on this device (opt-in), then the verified sample.
if (!share.applyLocation() && !share.restoreRemembered()) await lab.loadSample();
mount(App, { target: document.getElementById('app')! });
document.getElementById('shell')?.remove();
// The PEM reader is not needed to show the first screen: fetch it right after.
lab.preloadPemSupport();
// A share link pasted into this tab changes only the fragment: no reload.
window.addEventListener('hashchange', () => void share.applyLocation());
if (import.meta.env.PROD) void offline.register();
