// A static file server for dist/ on 127.0.0.1, used by the e2e suite and the benchmarks.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json',
};

/** Serves `root` on 127.0.0.1 at a free port under `prefix` (a path such as `/team/chatops/`;
 * anything outside it is 404, as on a host that serves the app under a sub-path); resolves to
 * { url, close } where url is the app's address. `fault(path)`, when given, may answer a status
 * to fail a request with (an outage in a test; a browser's routing does not see a worker's requests).
 * With `cache`, responses are served as a host would: gzip-compressed, with the cache headers of
 * dist/HOSTING.txt and an ETag (for benchmarks); otherwise uncompressed and never cached. */
export async function serve(root, port = 0, prefix = '/', { fault, cache = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!full.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
      const path = '/' + full.slice(prefix.length);
      // A test's outage: `fault(path)` answers a status for requests that should fail.
      const failWith = fault?.(path);
      if (failWith) { res.writeHead(failWith).end('unavailable'); return; }
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) { res.writeHead(403).end(); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (cache) {
        // As dist/HOSTING.txt asks: content-hashed names for good, everything else revalidated.
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
        headers.etag = etag;
        headers['cache-control'] = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
        if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers).end(); return; }
        // Compressed as hosts and CDNs send text and wasm (CloudFront's Compress: true).
        if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !/\.(png|woff2)$/.test(file)) {
          headers['content-encoding'] = 'gzip';
          headers.vary = 'accept-encoding';
          res.writeHead(200, headers);
          res.end(gzipSync(body));
          return;
        }
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const { url } = await serve(process.argv[2] ?? '../../dist', Number(process.argv[3] ?? 8080));
  console.log(`serving ${process.argv[2] ?? '../../dist'} at ${url}`);
}
