// The built page's first script: a classic one in <head>, put there by
// ./prerender.ts with the app's entry and modules as data attributes. It
// does two things the app's own modules cannot do at the right moment:
//
// - before the first paint: a token in the fragment (a share link, an OAuth
//   redirect) or remembered work replaces the prerendered sample, so the
//   sample must not be seen meanwhile (app.css hides it under data-restoring);
// - after the first paint: load the app. The prerendered page is complete
//   without scripts, so they wait for it to be painted instead of competing
//   with it for the network and the main thread.
(() => {
  const { entry, preload, remembered } = document.currentScript.dataset;
  const root = document.documentElement;
  let restoring = window.location.hash.length > 1;
  try {
    restoring ||= window.localStorage.getItem(remembered) !== null;
  } catch {
    // storage disabled: nothing can have been remembered
  }
  if (restoring) root.dataset.restoring = '';

  // An editor's preview typed into before the app runs (it is editable, so that
  // nothing typed is lost): mark it, for the app to carry the text over
  // (src/carry-typed.ts). Fields need no mark: their value differs from their default.
  document.addEventListener(
    'input',
    (event) => {
      if (event.target instanceof HTMLElement && event.target.isContentEditable)
        event.target.closest('.preview')?.setAttribute('data-typed', '');
    },
    true,
  );

  const load = () => {
    for (const href of preload.split(' ').filter(Boolean)) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.append(link);
    }
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = entry;
    document.head.append(script);
  };
  // Once the first paint is on the screen, not merely scheduled: on a busy
  // machine it can reach the screen long after the frame that drew it.
  if (window.PerformanceObserver?.supportedEntryTypes?.includes('paint'))
    new PerformanceObserver((entries, observer) => {
      if (!entries.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      load();
    }).observe({ type: 'paint', buffered: true });
  // Without paint timing: the task after the first frame that follows parsing.
  else
    document.addEventListener('DOMContentLoaded', () =>
      requestAnimationFrame(() => setTimeout(load, 0)),
    );
})();
