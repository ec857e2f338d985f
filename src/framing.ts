/**
 * The page's own defence against framing. A site that shows JWT Lab in a frame
 * can lay its content over the controls and steer a visitor's clicks ("remember
 * my key" and its confirm). A meta policy cannot forbid framing, so hosts should
 * send `frame-ancestors 'none'` (README, Hosting); this covers hosts that do not.
 */

/** The little of a window the check reads. */
export interface FrameView {
  self: unknown;
  top: { location: { href: string } } | null;
  location: { origin: string; ancestorOrigins?: ArrayLike<string> };
}

/** True when a page of another origin frames this one; same-origin framing is fine. */
export function framedByAnotherOrigin(view: FrameView): boolean {
  if (view.top === view.self) return false;
  // Chromium and Safari name every ancestor, a cross-origin frame in the
  // middle too; Firefox has no ancestorOrigins and is judged by the top alone.
  const ancestors = view.location.ancestorOrigins;
  if (ancestors && Array.from(ancestors).some((origin) => origin !== view.location.origin))
    return true;
  try {
    // Another origin's address cannot be read: it throws a SecurityError.
    return typeof view.top?.location.href !== 'string';
  } catch {
    return true;
  }
}

/** Replace the page with a notice and a link that opens JWT Lab in a tab of its own. */
export function showFramedNotice(app: HTMLElement, href: string): void {
  const notice = document.createElement('section');
  notice.className = 'panel framed-notice';
  notice.dataset.testid = 'framed-notice';
  notice.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = "JWT Lab is shown inside another site's page";
  const why = document.createElement('p');
  why.textContent =
    'That page could lay its own content over these controls and steer your clicks, so JWT Lab does not start here.';
  const link = document.createElement('a');
  // The fragment stays out: it may hold a token or a key, put there by the framing page.
  link.href = href.split('#')[0]!;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'Open JWT Lab in a tab of its own';
  const fragment = document.createElement('p');
  fragment.textContent =
    'The link leaves out the part of this address after "#": it may hold a token or a key, chosen by the framing page.';
  notice.append(title, why, link, fragment);
  // The prerendered controls go too: without the app they would look usable.
  app.replaceChildren(notice);
  app.removeAttribute('data-prerendered');
  delete document.documentElement.dataset.restoring;
}
