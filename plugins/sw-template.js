// JWT Lab's service worker: precaches the build so the page works offline
// after the first visit. Cache-first for same-origin GET requests only; a
// request to another origin (a JWKS fetch) is never intercepted or cached.
// The build fills in VERSION and ASSETS (see plugins/offline.ts).
const VERSION = '__VERSION__';
// eslint-disable-next-line no-undef -- replaced by the build
const ASSETS = __ASSETS__;
const CACHE = `jwt-lab-${VERSION}`;
const scope = new URL(self.registration.scope);
const url = (path) => new URL(path, scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS.map(url))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('jwt-lab-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// A new version waits until the page's "reload" button asks it to take over.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const target = new URL(request.url);
  if (target.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Navigations (with or without a fragment or query) get the page itself.
      const key = request.mode === 'navigate' ? url('./index.html') : request;
      // ignoreVary: servers answer `Vary: Origin`, and module scripts send an Origin.
      const hit = await cache.match(key, {
        ignoreSearch: request.mode === 'navigate',
        ignoreVary: true,
      });
      if (hit) return hit;
      return fetch(request);
    })(),
  );
});
