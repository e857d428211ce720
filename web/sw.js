// Offline support for ChatOps Designer. On the first visit it caches the app shell (index.html)
// and the files it names (the hashed CSS, JS and wasm) plus the public images; afterwards it serves
// them from the cache first, so the app opens with no network. Each navigation also fetches the
// shell in the background: when it changed (a new release), the new files are cached and the page
// is told, so it can offer a reload; files of releases before the last are evicted. A page whose
// module failed to load asks for the release to be fetched afresh. It only ever GETs this app's own files: designs stay in the
// page (in the URL fragment, which is never sent) and in local storage.
const CACHE = 'chatops-designer-v1';
const SHELL = new URL('./', self.location).href;
const PUBLIC = ['./public/amazon-q.svg', './public/logo.svg'];

/** The files a shell names: every quoted "./…" path (Trunk writes relative URLs). */
function namedFiles(html) {
  const out = new Set(PUBLIC.map((p) => new URL(p, self.location).href));
  for (const m of html.matchAll(/["'](\.\/[^"'?#\s]+)["']/g)) out.add(new URL(m[1], self.location).href);
  return [...out];
}

/** Fetches the shell and everything it names into the cache; resolves to the shell's text. */
async function cacheRelease(cache) {
  const res = await fetch(SHELL, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`shell: ${res.status}`);
  const html = await res.clone().text();
  const files = namedFiles(html);
  const missing = [];
  for (const f of files) if (!(await cache.match(f))) missing.push(f);
  await cache.addAll(missing);
  await cache.put(SHELL, res);
  return html;
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then(cacheRelease).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

/** Keeps the files of two releases, this one and the one before (which open pages may still
 * load modules of), and evicts every other cached file. */
async function evictOlder(cache, html, before) {
  const keep = new Set([SHELL, ...namedFiles(html), ...namedFiles(before)]);
  for (const req of await cache.keys()) if (!keep.has(req.url)) await cache.delete(req);
}

/** Checks for a new release: when the shell changed, caches it, evicts the releases before the
 * last one, and tells every open page. */
async function refresh() {
  const cache = await caches.open(CACHE);
  const old = await cache.match(SHELL);
  const before = old ? await old.text() : '';
  let html;
  try { html = await cacheRelease(cache); } catch { return; }
  if (before && html !== before) {
    await evictOlder(cache, html, before);
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'update-available' });
  }
}

// A page asks which release is current (`which-release`, with the module it runs): a page that
// started on an older release, such as one reloading while the new one was cached, is told. A
// page whose module failed to load asks for a fresh copy (`repair`): the cache is emptied and the
// release fetched again.
self.addEventListener('message', (event) => {
  const data = event.data ?? {};
  const reply = (m) => event.source?.postMessage(m);
  if (data.type === 'which-release' && typeof data.module === 'string') {
    event.waitUntil((async () => {
      const shell = await (await caches.open(CACHE)).match(SHELL);
      const html = shell ? await shell.text() : '';
      if (html && !html.includes(data.module)) reply({ type: 'update-available' });
    })());
  } else if (data.type === 'repair') {
    event.waitUntil((async () => {
      try {
        await caches.delete(CACHE);
        await cacheRelease(await caches.open(CACHE));
        reply({ type: 'repaired', ok: true });
      } catch (e) {
        reply({ type: 'repaired', ok: false, error: String(e?.message ?? e) });
      }
    })());
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SHELL)) return;
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(SHELL);
      if (cached) {
        event.waitUntil(refresh());
        return cached;
      }
      return fetch(req);
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(req, { ignoreSearch: true });
    if (cached) return cached;
    const res = await fetch(req);
    if (res.ok) event.waitUntil(cache.put(req, res.clone()));
    return res;
  })());
});
