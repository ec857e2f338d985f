// The course's storage demo. It runs only inside the sandboxed srcdoc frame of
// the "Storage in the browser" lesson (sandbox="allow-scripts", so an opaque
// origin with no real localStorage or cookies): the site's storage is modelled
// here, inside the frame. The parent sends one token; this script plays the
// site that stores it, then the injected script that tries to read it, and
// posts back only what that script found. Text only, never HTML.
(function () {
  'use strict';
  var out = document.getElementById('out');
  function line(text) {
    var p = document.createElement('p');
    p.textContent = text;
    out.appendChild(p);
  }
  window.addEventListener('message', function (event) {
    if (event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.type !== 'storage-demo-run' || typeof data.token !== 'string') return;
    if (data.token.length > 20000) return;
    out.textContent = '';
    var localStorageModel = new Map();
    var cookieJar = [{ name: 'theme', value: 'dark', httpOnly: false }];
    if (data.store === 'localStorage') {
      localStorageModel.set('access_token', data.token);
      line('The site ran localStorage.setItem("access_token", token).');
    } else {
      cookieJar.push({ name: 'access_token', value: data.token, httpOnly: true });
      line(
        'The server answered with Set-Cookie: access_token=…; HttpOnly; Secure; SameSite=Strict.',
      );
    }
    // The injected script: all an XSS payload can reach from the page's JavaScript.
    var fromStorage = localStorageModel.get('access_token') || null;
    var documentCookie = cookieJar
      .filter(function (c) {
        return !c.httpOnly;
      })
      .map(function (c) {
        return c.name + '=' + c.value;
      })
      .join('; ');
    var match = /(?:^|; )access_token=([^;]*)/.exec(documentCookie);
    var stolen = fromStorage || (match ? match[1] : null);
    line(
      'Injected script: localStorage.getItem("access_token") = ' +
        (fromStorage ? '"' + fromStorage.slice(0, 20) + '…"' : 'null'),
    );
    line('Injected script: document.cookie = "' + documentCookie + '"');
    line(
      stolen
        ? 'Stolen: the script could now send the token anywhere.'
        : 'Nothing stolen: the token never reached a script.',
    );
    window.parent.postMessage({ type: 'storage-demo-report', stolen: stolen }, '*');
  });
  window.parent.postMessage({ type: 'storage-demo-ready' }, '*');
})();
