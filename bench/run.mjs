// make bench: ChatOps Designer side by side with a peer, the Adaptive Cards Designer, measured in one
// run on this machine. Prints one Markdown report and writes it to bench/results.md.
// Usage (from the repository root, after `trunk build --release` and the release examples are built):
//   node bench/run.mjs [dist-dir] [loads] [keystrokes] [slow-loads]
import { launch } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/serve.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';

const DIST = process.argv[2] ?? 'dist';
const LOADS = Number(process.argv[3] ?? 11);
const KEYS = Number(process.argv[4] ?? 200);
const SLOW_LOADS = Number(process.argv[5] ?? 7);
// The slow connection of the first-view aim, through the Chrome DevTools Protocol: 1.6 Mbit/s down,
// 750 kbit/s up, 150 ms round trip, and the CPU slowed 4 times.
const SLOW = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 };
const PEER_DIR = 'bench/node_modules/adaptivecards-designer/dist';

// The peer's own sample page, with its CDN scripts served from node_modules instead. Its sample loads
// the designer twice (unminified in the head, minified deferred); the minified copy takes the
// unminified one's place and the deferred one goes, so the peer is measured at its lightest.
// `window.designer` exposes the instance for setCard.
function peerPage() {
  const cdn = {
    'https://unpkg.com/adaptivecards@latest/dist/adaptivecards.min.js': '../../adaptivecards/dist/adaptivecards.min.js',
    'https://unpkg.com/adaptive-expressions@4/lib/browser.js': '../../adaptive-expressions/lib/browser.js',
    'https://unpkg.com/adaptivecards-templating@latest/dist/adaptivecards-templating.min.js': '../../adaptivecards-templating/dist/adaptivecards-templating.min.js',
    'https://unpkg.com/markdown-it@8.4.0/dist/markdown-it.min.js': '../../markdown-it/dist/markdown-it.min.js',
    'https://unpkg.com/monaco-editor@0.17.1/min/vs': '../../monaco-editor/min/vs',
  };
  let html = readFileSync(`${PEER_DIR}/index.html`, 'utf8');
  for (const [from, to] of Object.entries(cdn)) {
    if (!html.includes(from)) throw new Error(`the peer's sample page no longer loads ${from}`);
    html = html.split(from).join(to);
  }
  html = html.replace('<script src="adaptivecards-designer.js"></script>', '<script src="adaptivecards-designer.min.js"></script>');
  html = html.replace('<script defer="defer" src="adaptivecards-designer.min.js"></script>', '');
  html = html.replace('designer.attachTo(', 'window.designer = designer; designer.attachTo(');
  if (html.includes('unpkg.com')) throw new Error('the peer page still loads from a CDN');
  writeFileSync(`${PEER_DIR}/bench.html`, html);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const fmt = (n, d = 1) => Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const int = (n) => Math.round(n).toLocaleString('en-US');
const ratio = (a, b) => (a / b).toFixed(2);

// What "first rendered" means for each app, checked from the first script on.
// Ours: a visible title in the Slack preview once the style sheet applies (no paint comes before
// it), whichever draws it first: the skeleton (a first visit's seed), the first view (a link or
// saved drafts) or the app.
const READY = {
  ours: () => [...document.styleSheets].some((s) => s.cssRules.length > 0)
    && [...document.querySelectorAll('.slack-title')].some((e) => e.textContent.includes('ready for validation') && e.checkVisibility()),
  peer: () => !!document.querySelector('.ac-adaptiveCard .ac-textBlock'),
};

/** Emulates the slow connection and CPU on a page, before it navigates. */
async function slowDown(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW.latency, downloadThroughput: SLOW.downloadThroughput, uploadThroughput: SLOW.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
}

/** Navigates `page` and resolves to the time of the first rendered preview (ms from navigation start). */
async function firstPreview(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 120000 });
  return page.evaluate(() => window.__ready);
}

const readyScript = (kind) => `(() => {
    const ready = ${READY[kind].toString()};
    const done = () => { if (window.__ready === undefined && ready()) window.__ready = performance.now(); };
    new MutationObserver(done).observe(document, { subtree: true, childList: true, characterData: true });
    // A style sheet that arrives after the markup changes what is visible without a mutation.
    document.addEventListener('load', done, true);
    document.addEventListener('DOMContentLoaded', done);
  })()`;

/** A cold load in a fresh profile; with `record`, every response body and when each resource was
 * requested (from the page's resource timing, on the same clock as the first preview). */
async function load(url, kind, { record = false, slow = false, serviceWorkers = 'allow' } = {}) {
  const ctx = await launch({ width: 1400, height: 900, serviceWorkers });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const bodies = [];
  if (record) {
    page.on('response', async (r) => {
      try { bodies.push({ url: r.url(), body: await r.body() }); } catch { /* redirects have none */ }
    });
  }
  if (slow) await slowDown(page);
  await page.addInitScript(readyScript(kind));
  const ms = await firstPreview(page, url);
  let started = [];
  if (record) {
    await page.waitForLoadState('networkidle');
    started = await page.evaluate(() => [
      { name: location.href.split('#')[0], startTime: 0 },
      ...performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime })),
    ]);
  }
  return { ctx, page, ms, bodies, started };
}

/** What a page fetched until its first preview: every response whose request started before it. */
function beforeFirstPreview({ bodies, started, ms }) {
  const early = new Set(started.filter((e) => e.startTime <= ms).map((e) => e.name));
  return bodies.filter((b) => early.has(b.url.split('#')[0]));
}

// Loads alternate between the two apps, so a drift in this machine's speed hits both alike.
async function coldLoads(a, b, n = LOADS, opts = {}) {
  const times = [[], []];
  for (let i = 0; i < n; i++) {
    for (const [k, [url, kind]] of [a, b].entries()) {
      const { ctx, ms } = await load(url, kind, opts);
      times[k].push(ms);
      await ctx.close();
    }
  }
  return times;
}

/** A repeat visit: one visit, then a second in the same profile (HTTP cache warm, and the service
 * worker when `serviceWorkers` allows it), each `n` times in fresh profiles; the second visits' times. */
async function repeatVisits(url, kind, n, { slow = false, serviceWorkers = 'allow' } = {}) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const ctx = await launch({ width: 1400, height: 900, serviceWorkers });
    const page = ctx.pages()[0] ?? await ctx.newPage();
    await page.addInitScript(readyScript(kind));
    await firstPreview(page, url);
    await page.waitForLoadState('networkidle');
    if (serviceWorkers === 'allow' && kind === 'ours') {
      await page.waitForFunction(() => navigator.serviceWorker?.controller || navigator.serviceWorker?.ready.then(() => true), null, { timeout: 30000 }).catch(() => {});
    }
    const second = await ctx.newPage();
    if (slow) await slowDown(second);
    await second.addInitScript(readyScript(kind));
    times.push(await firstPreview(second, url));
    await ctx.close();
  }
  return times;
}

function bytes(bodies, base) {
  const files = bodies.map(({ url, body }) => ({
    file: url.startsWith(base) ? url.slice(base.length) || 'index.html' : url,
    raw: body.length, gzip: gzipSync(body, { level: 9 }).length,
  })).sort((a, b) => b.gzip - a.gzip);
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

/** A share link's fragment (with `#`): the seed with another title, so the first view draws it. */
function sharedLink() {
  const design = JSON.parse(readFileSync('src/domain/design/presets/blue-green.json', 'utf8'));
  design.notification.title = 'Shared: ready for validation';
  const file = 'target/bench-shared-design.json';
  writeFileSync(file, JSON.stringify(design));
  return '#' + execFileSync('target/release/chatops', ['share', 'encode', '--design', file], { encoding: 'utf8' }).trim();
}

/** Every file in dist/ with the view that first needs it (scripts/chunks.mjs). */
function allChunks(dir) {
  const files = JSON.parse(execFileSync('node', ['scripts/chunks.mjs', '--json', dir], { encoding: 'utf8' }));
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

async function ourKeystrokes(url) {
  const { ctx, page } = await load(url, 'ours');
  // The app, not the first view: typing needs the editors.
  await page.locator('#boot').waitFor({ state: 'detached' });
  await page.evaluate(() => {
    window.__lat = [];
    const region = document.querySelector('[aria-label="Slack preview"]');
    let t0 = null;
    document.addEventListener('input', () => { t0 = performance.now(); }, true);
    new MutationObserver(() => { if (t0 !== null) { window.__lat.push(performance.now() - t0); t0 = null; } })
      .observe(region, { subtree: true, childList: true, characterData: true });
  });
  const title = page.getByLabel('Title', { exact: true });
  await title.click();
  await page.keyboard.press('End');
  const text = 'abcdefghijklmnopqrstuvwxyz ';
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.type(text[i % text.length]);
    await page.waitForFunction((k) => window.__lat.length >= k, i + 1, { timeout: 5000 }).catch(() => {});
  }
  const lat = await page.evaluate(() => window.__lat);
  await ctx.close();
  return lat;
}

// 100,000 generated events replayed in the page's event panel: from choosing the file to the
// summary, and the longest task meanwhile (the page must stay responsive).
async function browserReplay(url, file) {
  const { ctx, page } = await load(url, 'ours');
  await page.locator('#boot').waitFor({ state: 'detached' });
  await page.getByText('Replay a log of events').click();
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await page.locator('#f-replay').setInputFiles(file);
  await page.getByRole('status').getByText('Replayed bench-events.jsonl').waitFor({ timeout: 120000 });
  const wall = Date.now() - t0;
  const inPage = await page.locator('.replay-status').innerText();
  const seconds = Number(inPage.match(/in ([\d.]+) s/)[1]);
  const matched = Number(await page.locator('.replay-summary [data-count="matched"]').innerText());
  const longest = await page.evaluate(() => Math.max(0, ...window.__long));
  await ctx.close();
  return { wall, seconds, matched, longest };
}

async function peerEdits(url) {
  const { ctx, page } = await load(url, 'peer');
  await page.waitForFunction(() => window.designer && document.querySelector('.monaco-editor'), null, { timeout: 60000 });
  const lat = await page.evaluate(async (n) => {
    const card = (i) => ({ type: 'AdaptiveCard', version: '1.0', body: [
      { type: 'TextBlock', text: `Deployment is now ready for validation ${i}`, weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: 'Account: 123456789012, Region: us-east-1', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Deployment ID', value: 'd-7QX2K9LMN' }, { title: 'Group', value: 'my-service-dg-bluegreen' }] },
    ], actions: [
      { type: 'Action.Submit', title: 'Switch task sets' }, { type: 'Action.Submit', title: 'Rollback' },
      { type: 'Action.Submit', title: 'Terminate old task set' },
    ] });
    const shown = (i) => [...document.querySelectorAll('.ac-adaptiveCard .ac-textBlock')]
      .some((e) => e.textContent.includes(`validation ${i}`));
    const out = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      window.designer.setCard(card(i));
      if (!shown(i)) {
        await new Promise((ok) => {
          const mo = new MutationObserver(() => { if (shown(i)) { mo.disconnect(); ok(); } });
          mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      }
      out.push(performance.now() - t0);
      await new Promise((ok) => setTimeout(ok, 10));
    }
    return out;
  }, KEYS);
  await ctx.close();
  return lat;
}

function engine() {
  const out = execFileSync('target/release/examples/bench_engine', { encoding: 'utf8' });
  const rate = (prefix) => Number(out.split('\n').find((l) => l.startsWith(prefix)).match(/= (\d+) events\/s/)[1]);
  return { line: out.trim(), perSec: rate('simulate:'), compiled: rate('simulate_compiled:') };
}

// `chatops replay` and moto's EventBridge matcher over the same generated log (JSON Lines, one
// CodeDeploy event per line) and the seed design's pattern: whole-process wall time, median of
// REPLAYS runs each, alternating; moto also reports its time without Python's start and import.
const REPLAY_EVENTS = 100000;
const REPLAYS = 5;
async function replayBench() {
  const { events } = await import('../scripts/events.mjs');
  const file = 'target/bench-events.jsonl';
  const text = [];
  for (const e of events(REPLAY_EVENTS, 1)) text.push(JSON.stringify(e));
  writeFileSync(file, text.join('\n') + '\n');
  const design = 'src/domain/design/presets/blue-green.json';
  const time = (cmd, args) => {
    const t = process.hrtime.bigint();
    const out = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
  };
  const ours = []; const moto = []; const motoInner = [];
  let oursMatched = 0; let motoMatched = 0;
  for (let i = 0; i < REPLAYS; i++) {
    const o = time('target/release/chatops', ['replay', '--design', design, '--events', file, '--format', 'json']);
    ours.push(o.ms);
    oursMatched = JSON.parse(o.out).summary.matched;
    const m = time('.venv/bin/python', ['bench/moto_match.py', design, file]);
    moto.push(m.ms);
    const r = JSON.parse(m.out);
    motoInner.push(r.seconds * 1000);
    motoMatched = r.matched;
  }
  return { bytes: Buffer.byteLength(text.join('\n')) + 1, ours, moto, motoInner, oursMatched, motoMatched };
}

// ---------------------------------------------------------------------------------------------

peerPage();
const started = Date.now();
// Two static servers of the same code, serving as a host would: gzip, and the cache headers
// dist/HOSTING.txt asks for.
const oursServer = await serve(DIST, 0, '/', { cache: true });
const server = await serve('.', 0, '/', { cache: true });
const ours = oursServer.url;
const peer = `${server.url}${PEER_DIR}/bench.html`;
const peerBase = `${server.url}bench/node_modules/`;
const log = (s) => process.stderr.write(`${s}\n`);

log('>> shipped bytes (every response of a page load until the network is idle, and those requested before the first preview)');
const oursLoad = await load(ours, 'ours', { record: true }); await oursLoad.ctx.close();
const peerLoad = await load(peer, 'peer', { record: true }); await peerLoad.ctx.close();
const oursBytes = bytes(oursLoad.bodies, ours);
const peerBytes = bytes(peerLoad.bodies, peerBase);
const oursFirst = bytes(beforeFirstPreview(oursLoad), ours);
const peerFirst = bytes(beforeFirstPreview(peerLoad), peerBase);
const chunks = allChunks(DIST);
log(`>> cold loads to first rendered preview on loopback, ${LOADS} fresh profiles each`);
const [oursCold, peerCold] = await coldLoads([ours, 'ours'], [peer, 'peer']);
log(`>> cold loads on the emulated slow connection (1.6 Mbit/s, 150 ms, CPU 4×), ${SLOW_LOADS} each`);
const [oursSlow, peerSlow] = await coldLoads([ours, 'ours'], [peer, 'peer'], SLOW_LOADS, { slow: true });
log(`>> a shared link (the seed with another title) on the slow connection, ${SLOW_LOADS} cold loads`);
const linked = sharedLink();
const oursLinkLoad = await load(ours + linked, 'ours', { record: true }); await oursLinkLoad.ctx.close();
const oursLinkFirst = bytes(beforeFirstPreview(oursLinkLoad), ours);
const [oursLinkSlow] = await coldLoads([ours + linked, 'ours'], [peer, 'peer'], SLOW_LOADS, { slow: true });
log(`>> repeat visits on the slow connection, ${SLOW_LOADS} each`);
const oursRepeatHttp = await repeatVisits(ours, 'ours', SLOW_LOADS, { slow: true, serviceWorkers: 'block' });
const oursRepeatSw = await repeatVisits(ours, 'ours', SLOW_LOADS, { slow: true });
const peerRepeat = await repeatVisits(peer, 'peer', SLOW_LOADS, { slow: true });
log(`>> edit → render, ${KEYS} edits each`);
const oursKeys = await ourKeystrokes(ours);
const peerKeys = await peerEdits(peer);
await server.close();
await oursServer.close();
log('>> native simulate throughput and share-link lengths');
const eng = engine();
const share = execFileSync('target/release/examples/share_lengths', { encoding: 'utf8' }).trim();
log(`>> chatops replay and moto's matcher over ${REPLAY_EVENTS} generated events, ${REPLAYS} runs each`);
const rep = await replayBench();
log('>> the same events replayed in the page');
const pageServer = await serve(DIST, 0, '/', { cache: true });
const inPage = await browserReplay(pageServer.url, 'target/bench-events.jsonl');
await pageServer.close();

const aim = (ok) => (ok ? 'meets' : '**misses**');
const oursP95 = pct(oursKeys, 0.95); const peerP95 = pct(peerKeys, 0.95);
const seedLink = Number(share.split('\n').find((l) => l.startsWith('| blue-green |')).split('|')[2]);
const lines = [];
lines.push('# Benchmarks: ChatOps Designer and the Adaptive Cards Designer');
lines.push('');
lines.push(`Measured by \`make bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), headless Chromium through playwright-core, both apps served by the same static file server code on 127.0.0.1 in the same run. The peer is \`adaptivecards-designer\` 2.4.4 with its sample page's CDN scripts (adaptivecards, adaptive-expressions, adaptivecards-templating, markdown-it 8.4.0, monaco-editor 0.17.1) served from \`bench/node_modules\`.`);
lines.push('');
lines.push('## Summary');
lines.push('');
lines.push('| measure | ChatOps Designer | Adaptive Cards Designer | ours / peer | aim |');
lines.push('| --- | ---: | ---: | ---: | --- |');
lines.push(`| bytes before the first preview, gzip -9 | ${int(oursFirst.gzip)} | ${int(peerFirst.gzip)} | ${ratio(oursFirst.gzip, peerFirst.gzip)} | ≤ 200 KB: ${aim(oursFirst.gzip <= 200 * 1024)} |`);
lines.push(`| cold load to first preview, slow connection, median of ${SLOW_LOADS} (ms) | ${fmt(median(oursSlow))} | ${fmt(median(peerSlow))} | ${ratio(median(oursSlow), median(peerSlow))} | ≤ 0.2 × peer: ${aim(median(oursSlow) <= 0.2 * median(peerSlow))} |`);
lines.push(`| a shared link: bytes before its first preview, gzip -9 | ${int(oursLinkFirst.gzip)} | ${int(peerFirst.gzip)} | ${ratio(oursLinkFirst.gzip, peerFirst.gzip)} | |`);
lines.push(`| a shared link: cold load to its first preview, slow connection, median of ${SLOW_LOADS} (ms) | ${fmt(median(oursLinkSlow))} | ${fmt(median(peerSlow))} | ${ratio(median(oursLinkSlow), median(peerSlow))} | |`);
lines.push(`| cold load to first preview, loopback, median of ${LOADS} (ms) | ${fmt(median(oursCold))} | ${fmt(median(peerCold))} | ${ratio(median(oursCold), median(peerCold))} | |`);
lines.push(`| repeat visit, slow connection, HTTP cache, median of ${SLOW_LOADS} (ms) | ${fmt(median(oursRepeatHttp))} | ${fmt(median(peerRepeat))} | ${ratio(median(oursRepeatHttp), median(peerRepeat))} | |`);
lines.push(`| repeat visit, slow connection, HTTP cache and service worker, median of ${SLOW_LOADS} (ms) | ${fmt(median(oursRepeatSw))} | — | ${ratio(median(oursRepeatSw), median(peerRepeat))} | |`);
lines.push(`| bytes of a page load until the network is idle, gzip -9 | ${int(oursBytes.gzip)} | ${int(peerBytes.gzip)} | ${ratio(oursBytes.gzip, peerBytes.gzip)} | |`);
lines.push(`| all shipped chunks (dist/, gzip -9) | ${int(chunks.gzip)} | — | — | |`);
lines.push(`| edit → render p50 (ms) | ${fmt(pct(oursKeys, 0.5), 2)} | ${fmt(pct(peerKeys, 0.5), 2)} | ${ratio(pct(oursKeys, 0.5), pct(peerKeys, 0.5))} | |`);
lines.push(`| edit → render p95 (ms) | ${fmt(oursP95, 2)} | ${fmt(peerP95, 2)} | ${ratio(oursP95, peerP95)} | ≤ 4 ms and ≤ 0.5 × peer: ${aim(oursP95 <= 4 && oursP95 <= 0.5 * peerP95)} |`);
lines.push(`| seed design share link (characters of the fragment) | ${seedLink} | — | — | ≤ 600: ${aim(seedLink <= 600)} |`);
lines.push(`| native \`simulate\`, design compiled once (events/s, release) | ${int(eng.compiled)} | — | — | |`);
lines.push('');
lines.push(`Edit → render: ours is a keystroke in the Title field on the seed design, from the input event to the first DOM mutation in the Slack preview (${oursKeys.length} keystrokes). The peer's is \`designer.setCard(card)\` with a changed TextBlock, to the DOM showing the new text (${peerKeys.length} edits). Cold load: a fresh browser profile per load, the two apps alternating, from navigation start to the first rendered preview (ours: the seed's title in the Slack preview, drawn first by the first view into the page's skeleton; the peer: a TextBlock in the card). Slow connection: Chromium's DevTools protocol emulates 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip and a CPU slowed 4 ×. Both servers compress responses with gzip, as hosts and CDNs do. Repeat visit: a second tab of the same profile after a first visit, both servers sending the cache headers of \`dist/HOSTING.txt\` (content-hashed files immutable, the rest revalidated by ETag); ours once with the service worker blocked and once with it. Bytes before the first preview: every response whose request started before the first preview was drawn. A first visit sees the seed's preview in \`index.html\` itself; a shared link (here the seed with another title) or saved drafts are drawn by the first view, a small module, before the app's module loads.`);
lines.push('');
lines.push('## Cold loads (ms)');
lines.push('');
lines.push(`- ChatOps Designer, loopback: ${oursCold.map((t) => fmt(t)).join(', ')}`);
lines.push(`- Adaptive Cards Designer, loopback: ${peerCold.map((t) => fmt(t)).join(', ')}`);
lines.push(`- ChatOps Designer, slow connection: ${oursSlow.map((t) => fmt(t)).join(', ')}`);
lines.push(`- Adaptive Cards Designer, slow connection: ${peerSlow.map((t) => fmt(t)).join(', ')}`);
lines.push(`- ChatOps Designer, a shared link, slow connection: ${oursLinkSlow.map((t) => fmt(t)).join(', ')}`);
lines.push(`- ChatOps Designer, repeat visit (HTTP cache): ${oursRepeatHttp.map((t) => fmt(t)).join(', ')}`);
lines.push(`- ChatOps Designer, repeat visit (HTTP cache and service worker): ${oursRepeatSw.map((t) => fmt(t)).join(', ')}`);
lines.push(`- Adaptive Cards Designer, repeat visit (HTTP cache): ${peerRepeat.map((t) => fmt(t)).join(', ')}`);
lines.push('');
lines.push('## Chunks: ChatOps Designer (dist/, gzip -9) and the view that first needs each');
lines.push('');
lines.push('| file | raw | gzip -9 | first needed by |');
lines.push('| --- | ---: | ---: | --- |');
for (const f of chunks.files) lines.push(`| ${f.file} | ${int(f.raw)} | ${int(f.gzip)} | ${f.view} |`);
lines.push(`| **total (${chunks.files.length} files)** | **${int(chunks.raw)}** | **${int(chunks.gzip)}** | |`);
lines.push('');
for (const [name, b] of [['ChatOps Designer, before the first preview', oursFirst], ['ChatOps Designer, a page load until idle', oursBytes], ['Adaptive Cards Designer, a page load until idle', peerBytes]]) {
  lines.push(`## Fetched files: ${name}`);
  lines.push('');
  lines.push('| file | raw | gzip -9 |');
  lines.push('| --- | ---: | ---: |');
  const shown = b.files.slice(0, 12);
  for (const f of shown) lines.push(`| ${f.file} | ${int(f.raw)} | ${int(f.gzip)} |`);
  if (b.files.length > shown.length) {
    const rest = b.files.slice(shown.length);
    lines.push(`| ${rest.length} more files | ${int(rest.reduce((s, f) => s + f.raw, 0))} | ${int(rest.reduce((s, f) => s + f.gzip, 0))} |`);
  }
  lines.push(`| **total (${b.files.length} files)** | **${int(b.raw)}** | **${int(b.gzip)}** |`);
  lines.push('');
}
lines.push('## Share-link length per preset (characters, including `#`)');
lines.push('');
lines.push(share);
lines.push('');
lines.push('## Engine');
lines.push('');
lines.push('```');
lines.push(eng.line);
lines.push('```');
lines.push('');
const perSec = (ms) => Math.round(REPLAY_EVENTS / (ms / 1000));
lines.push(`## Replay: ${int(REPLAY_EVENTS)} generated CodeDeploy events (${int(rep.bytes)} bytes of JSON Lines, \`scripts/events.mjs\`), the seed design`);
lines.push('');
lines.push(`Both read the same file with the same pattern; matched: ours ${int(rep.oursMatched)}, moto ${int(rep.motoMatched)}${rep.oursMatched === rep.motoMatched ? ' (they agree)' : ' (**they disagree**)'}. \`chatops replay\` also transforms every matched event, checks the notification and resolves the buttons; moto only matches. \`chatops replay\` replays on one thread and reads the next 8 MB of the file on a second one meanwhile; moto reads and matches on one. Median of ${REPLAYS} alternating runs.`);
lines.push('');
lines.push('| measure | chatops replay | moto EventBridge matcher | ours / moto (events/s) | aim |');
lines.push('| --- | ---: | ---: | ---: | --- |');
lines.push(`| whole process, start to exit (ms) | ${fmt(median(rep.ours))} | ${fmt(median(rep.moto))} | ${(median(rep.moto) / median(rep.ours)).toFixed(1)} × | ≥ 20 ×: ${aim(median(rep.moto) / median(rep.ours) >= 20)} |`);
lines.push(`| events/s, whole process | ${int(perSec(median(rep.ours)))} | ${int(perSec(median(rep.moto)))} | | ours ≥ 200,000: ${aim(perSec(median(rep.ours)) >= 200000)} |`);
lines.push(`| moto without Python's start and import (ms) | | ${fmt(median(rep.motoInner))} | ${(median(rep.motoInner) / median(rep.ours)).toFixed(1)} × | |`);
lines.push(`| in the browser: replay after the file is read, s (matched ${int(inPage.matched)}) | ${fmt(inPage.seconds, 2)} | | | < 3 s: ${aim(inPage.seconds < 3)} |`);
lines.push(`| in the browser: from choosing the file to the summary, incl. handing 66 MB to the page, ms | ${int(inPage.wall)} | | | |`);
lines.push(`| in the browser: longest task meanwhile, ms | ${int(inPage.longest)} | | | < 200 ms: ${aim(inPage.longest < 200)} |`);
lines.push(`| simulate with its trace, design compiled once, events/s | ${int(eng.compiled)} | | | |`);
lines.push(`| simulate with its trace, design compiled per event (before), events/s | ${int(eng.perSec)} | | | |`);
lines.push('');
lines.push(`The whole run took ${Math.round((Date.now() - started) / 1000)} s.`);
const report = lines.join('\n') + '\n';
writeFileSync('bench/results.md', report);
process.stdout.write(report);
