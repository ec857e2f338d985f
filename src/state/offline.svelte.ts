/**
 * The service worker that lets the page work offline after the first visit,
 * and the "a new version is ready" prompt. Registered only in production
 * builds: in development Vite serves modules that change on every save.
 */

class Offline {
  /** A new version is installed and waiting for the person to reload. */
  updateReady = $state(false);
  #waiting: ServiceWorker | undefined;

  /** Register `sw.js` (next to index.html, so dist works from any path). */
  async register(): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    let registration: ServiceWorkerRegistration;
    try {
      registration = await navigator.serviceWorker.register('./sw.js', { scope: './' });
    } catch {
      return; // offline use is a bonus: the page works the same without it
    }
    const offer = (worker: ServiceWorker | null) => {
      // Only an update waits while another worker controls the page.
      if (!worker || !navigator.serviceWorker.controller) return;
      this.#waiting = worker;
      this.updateReady = true;
    };
    offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') offer(installing);
      });
    });
  }

  /** Switch to the waiting version, and reload once it has taken over. */
  reload(): void {
    const waiting = this.#waiting;
    if (!waiting) return window.location.reload();
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
      once: true,
    });
    waiting.postMessage({ type: 'skip-waiting' });
  }
}

/** The page's offline support. */
export const offline = new Offline();
