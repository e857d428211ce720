// Trunk post-build hook: gives the files Trunk leaves unhashed (the first view and the background
// module, which Trunk builds as "worker" modules) content-hashed names, like the app's own files,
// so hosts and the service worker can cache them for good and a release never mixes versions.
//   first-view.js, first-view_bg.wasm     -> first-view-<hash>.js, first-view-<hash>_bg.wasm
//   worker.js, worker_bg.wasm             -> worker-<hash>.js, worker-<hash>_bg.wasm
//   worker-boot.js (names the two above)  -> worker-boot-<hash>.js
// index.html names the first view in its loader and the background module in <meta> tags, which
// the app reads to start the worker and the service worker reads to cache it.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);

/** Renames `name` (in `dir`) to `stem-<hash>suffix`; returns the new name. */
function fingerprint(name, stem, suffix, contents) {
  const path = join(dir, name);
  if (!existsSync(path)) throw new Error(`fingerprint: ${path} is missing`);
  const body = contents ?? readFileSync(path);
  const hashed = `${stem}-${hash(body)}${suffix}`;
  if (contents !== undefined) writeFileSync(path, contents);
  renameSync(path, join(dir, hashed));
  return hashed;
}

const renamed = {};
for (const app of ['first-view', 'worker']) {
  // The wasm is hashed first; the JS glue names nothing else (the loaders pass the wasm's URL).
  const wasmBody = readFileSync(join(dir, `${app}_bg.wasm`));
  const h = hash(wasmBody);
  const js = `${app}-${h}.js`;
  const wasm = `${app}-${h}_bg.wasm`;
  renameSync(join(dir, `${app}_bg.wasm`), join(dir, wasm));
  renameSync(join(dir, `${app}.js`), join(dir, js));
  renamed[app] = { js, wasm };
}
let boot = readFileSync(join(dir, 'worker-boot.js'), 'utf8');
for (const [from, to] of [['./worker.js', renamed.worker.js], ['./worker_bg.wasm', renamed.worker.wasm]]) {
  if (!boot.includes(from)) throw new Error(`fingerprint: worker-boot.js does not name ${from}`);
  boot = boot.replace(from, `./${to}`);
}
const bootName = fingerprint('worker-boot.js', 'worker-boot', '.js', boot);

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
for (const [from, to] of [['first-view.js', renamed['first-view'].js], ['first-view_bg.wasm', renamed['first-view'].wasm]]) {
  const named = html.split(`'./${from}'`).length - 1;
  if (named !== 1) throw new Error(`fingerprint: index.html names ./${from} ${named} times, not once`);
  html = html.replace(`'./${from}'`, `'./${to}'`);
}
const metas = [
  ['chatops-worker-boot', bootName],
  ['chatops-worker-js', renamed.worker.js],
  ['chatops-worker-wasm', renamed.worker.wasm],
].map(([name, file]) => `<meta name="${name}" content="./${file}" />`).join('\n    ');
html = html.replace('<title>', `${metas}\n    <title>`);
writeFileSync(indexPath, html);
console.log(`fingerprint: ${renamed['first-view'].js}, ${renamed.worker.js}, ${bootName}`);
