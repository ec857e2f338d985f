/**
 * Presenter mode's entry: mounts the presenter view over the page (which is
 * made inert meanwhile) and takes it away again, handing focus back. Loaded
 * on demand: from the Lessons panel's button, or by a `#present=` link.
 */
import { mount, unmount } from 'svelte';
import Presenter from './components/Presenter.svelte';
import { COURSE } from './lib/course/lessons';
import { LESSONS, readPresenterLink } from './lib/lessons';

let shown: Record<string, unknown> | undefined;

/** Open presenter mode; `link` is the fragment of a presenter link, read as hostile input. */
export function openPresenter(link?: string): void {
  if (shown) return;
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const app = document.getElementById('app');
  const request = link === undefined ? undefined : readPresenterLink(link, [...LESSONS, ...COURSE]);
  const host = document.createElement('div');
  document.body.append(host);
  app?.setAttribute('inert', '');
  const view = mount(Presenter, {
    target: host,
    props: {
      request,
      onexit: () => {
        void unmount(view);
        host.remove();
        shown = undefined;
        app?.removeAttribute('inert');
        returnTo?.focus();
      },
    },
  });
  shown = view;
}
