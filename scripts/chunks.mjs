// Lists every file of a build (dist/ by default) with its raw and gzip -9 bytes and the view that
// first needs it, so `make size` and `make bench` say what each chunk costs and when it loads.
//   node scripts/chunks.mjs [--json] [dir]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** When each file is first fetched, by name. */
const VIEWS = [
  [/^index\.html$/, "first paint: the skeleton, with the seed's preview"],
  [/^main-[0-9a-f]+\.css$/, 'first paint: the skeleton'],
  [/^public\/logo\.svg$/, 'first paint: the skeleton'],
  [/^first-view-[0-9a-f]+(_bg\.wasm|\.js)$/, 'first preview of a link or a saved draft (a first visit sees the seed in index.html)'],
  [/^public\/amazon-q\.svg$/, 'first preview: the avatar'],
  [/^chatops-designer-[0-9a-f]+(_bg\.wasm|\.js)$/, 'the editors: loaded after the first preview'],
  [/^worker(-boot)?-[0-9a-f]+(_bg\.wasm|\.js)$/, 'Export tab or an import: on first use'],
  [/^(public\/)?sw\.js$/, 'offline: the service worker, after the first visit'],
];

export function chunks(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      const file = relative(dir, path);
      const body = readFileSync(path);
      const view = VIEWS.find(([re]) => re.test(file))?.[1] ?? 'not loaded by the app (host documentation)';
      out.push({ file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, view });
    }
  };
  walk(dir);
  return out;
}

const args = process.argv.slice(2);
const json = args[0] === '--json';
const dir = (json ? args[1] : args[0]) ?? 'dist';
const files = chunks(dir);
if (json) {
  process.stdout.write(JSON.stringify(files));
} else {
  const pad = (s, n) => String(s).padEnd(n);
  const num = (n, w) => String(n).padStart(w);
  console.log(`${pad('file', 46)} ${num('raw', 9)} ${num('gzip', 9)}  first needed by`);
  for (const f of files) console.log(`${pad(f.file, 46)} ${num(f.raw, 9)} ${num(f.gzip, 9)}  ${f.view}`);
  const sum = (k) => files.reduce((s, f) => s + f[k], 0);
  console.log(`${pad('TOTAL', 46)} ${num(sum('raw'), 9)} ${num(sum('gzip'), 9)}`);
  const line = (label, re) => {
    const some = files.filter((f) => re.test(f.view));
    console.log(`${pad(label, 46)} ${num(some.reduce((s, f) => s + f.raw, 0), 9)} ${num(some.reduce((s, f) => s + f.gzip, 0), 9)}`);
  };
  line('before the first preview, a first visit', /^first paint/);
  line("before the first preview, a link's", /^first (paint|preview)/);
}
