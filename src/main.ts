import { hydrate, mount } from 'svelte';
import { readTyped, typeAgain } from './carry-typed';
import { framedByAnotherOrigin, showFramedNotice } from './framing';
import { ISLANDS } from './islands';
import { later, whenSettled } from './later';
import { lab } from './state/lab.svelte';
import { hasRememberedWork } from './state/remembered';
import { offline } from './state/offline.svelte';
import './app.css';

const loadShare = async () => (await import('./state/share.svelte')).share;

/** Presenter mode for the `#present=` link in the URL, which is then taken out of it. */
async function present(): Promise<void> {
  const link = window.location.hash;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  (await import('./presenter')).openPresenter(link);
}

/** Put the first state in, bring the page to life part by part, then start checking. */
async function start(): Promise<void> {
  // A token in the fragment (a share link, an OAuth/OIDC redirect) comes first,
  // then work remembered on this device (opt-in), then the verified sample.
  // The sharing code loads only when there is something for it to read.
  let restored = false;
  // A presenter link names a lesson step, nothing else: presenter mode reads it once the page is up.
  const presenting = window.location.hash.startsWith('#present=');
  if ((window.location.hash.length > 1 && !presenting) || hasRememberedWork()) {
    const share = await loadShare();
    restored = share.applyLocation() || share.restoreRemembered();
  }
  if (!restored) await lab.loadSample();

  // The built page holds the sample's first screen (plugins/prerender.ts):
  // hydrate it in place, a part per task. Restored work differs from it
  // everywhere, and the development server sends no prerendered page: those
  // are drawn afresh.
  const app = document.getElementById('app')!;
  const prerendered = !restored && app.hasAttribute('data-prerendered');
  const drawn = Object.entries(ISLANDS).map(async ([name, { component, props = {}, ready }]) => {
    const target = app.querySelector<HTMLElement>(`[data-island="${name}"]`)!;
    // Without its extra code a part still works; it shows that the code is missing.
    await ready?.().catch(() => undefined);
    await new Promise<void>((done) =>
      later(() => {
        try {
          if (prerendered) {
            // The prerendered part may have been typed into: hydrating resets it.
            const typed = readTyped(target);
            hydrate(component, { target, props });
            typeAgain(target, typed);
          } else {
            target.replaceChildren();
            mount(component, { target, props });
          }
        } finally {
          done();
        }
      }),
    );
  });
  await Promise.all(drawn);
  delete document.documentElement.dataset.restoring;
  // Queued after the editors (their parts queued them while hydrating), so
  // that the first check runs once the page is whole.
  later(() => lab.start());
  if (presenting) later(() => void present());
  // The PEM reader is not needed to show the first screen: fetch it right after.
  later(() => lab.preloadPemSupport());
  // The offline copy fetches every file of the build: not while the page starts.
  if (import.meta.env.PROD) whenSettled(() => void offline.register());
}

// Inside another site's page nothing starts, not even a link's state: a
// notice says why (src/framing.ts).
if (framedByAnotherOrigin(window))
  showFramedNotice(document.getElementById('app')!, window.location.href);
else {
  // Not awaited at the top level: the modules loaded on demand import this
  // chunk, and would wait for its evaluation to finish.
  void start();
  // A share link pasted into this tab changes only the fragment: no reload.
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#present=')) void present();
    else if (window.location.hash.length > 1)
      void loadShare().then((share) => share.applyLocation());
  });
}
