// The release bundle hosted as a team would: under a sub-path of a static host, links made there
// opening there, and the app opening offline after one visit (the service worker), all under the
// Content-Security-Policy (the page object fails a test on any violation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';
import { readFileSync, readdirSync } from 'node:fs';

const PREFIX = '/team/tools/chatops/';
let server;

before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname, 0, PREFIX); });
after(async () => { await closeAll(); await server?.close(); });

/** The app at `url` (a whole link or the app's address) in a fresh profile. */
const open = (url) => App.open(url);

test('under a sub-path: loads cleanly, and share and review links open there', async () => {
  assert.ok(server.url.endsWith(PREFIX));
  const a = await open(server.url);
  let failed = [];
  a.page.on('requestfailed', (r) => failed.push(r.url()));
  await a.slack.waitFor();
  await a.page.getByLabel('Title', { exact: true }).fill('Hosted under a sub-path');
  await a.page.getByRole('button', { name: /^Copy link/ }).click();
  // On a loopback address, Copy link says that the link opens only on this machine.
  await a.page.getByText('opens only on this machine').waitFor();
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(server.url + '#3.'), link);
  await a.page.getByRole('button', { name: 'Copy review link' }).click();
  await a.page.getByText('Review link copied').waitFor();
  const review = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.ok(review.startsWith(server.url + '#review:3.'), review);
  assert.deepEqual(failed, [], 'no failed request');
  await a.close();

  const b = await open(link);
  await b.slack.getByText('Hosted under a sub-path').waitFor();
  await b.close();

  const c = await open(review);
  await c.page.getByText('Review mode').waitFor();
  await c.slack.getByText('Hosted under a sub-path').waitFor();
  await c.close();
});

test('after one visit the app opens offline with the last draft', async () => {
  const a = await open(server.url);
  // The service worker takes over once it has cached the release.
  const state = await a.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    const worker = reg.active;
    if (worker.state !== 'activated') {
      await new Promise((ok) => worker.addEventListener('statechange', () => worker.state === 'activated' && ok()));
    }
    return worker.state;
  });
  assert.equal(state, 'activated');
  await a.page.getByLabel('Title', { exact: true }).fill('Written before going offline');
  await a.page.waitForTimeout(1500); // the autosave is debounced
  await a.ctx.setOffline(true);
  await a.reload();
  await a.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor({ timeout: 20000 });
  assert.equal(await a.page.getByLabel('Title', { exact: true }).inputValue(), 'Written before going offline');
  await a.slack.getByText('Written before going offline').waitFor();
  await a.close();
});

/** Waits until the service worker controls the page and has cached the release. */
async function controlled(app) {
  await app.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

test('a damaged cached module is fetched afresh and the app opens; a file of an old release is evicted', async () => {
  const app = await open(server.url);
  await controlled(app);
  // The app's module in the cache is damaged (as a disk error or an interrupted write leaves it).
  const damaged = await app.page.evaluate(async () => {
    const cache = await caches.open('chatops-designer-v1');
    const wasm = (await cache.keys()).map((r) => r.url).find((u) => /chatops-designer-[0-9a-f]+_bg\.wasm$/.test(u));
    await cache.put(wasm, new Response(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255, 255]), { headers: { 'content-type': 'application/wasm' } }));
    // And a file no release names any more.
    await cache.put(new URL('old-release-0123456789abcdef_bg.wasm', location.href).href, new Response('old'));
    return wasm;
  });
  await app.page.reload();
  // The loader asks the worker for a fresh copy and reloads: the app opens, its module whole again.
  await app.started();
  await app.slack.getByText('Deployment is now ready for validation').waitFor();
  const size = await app.page.evaluate(async (u) => (await (await caches.open('chatops-designer-v1')).match(u)).arrayBuffer().then((b) => b.byteLength), damaged);
  assert.ok(size > 100000, `the cached module has ${size} bytes again`);
  const old = await app.page.evaluate(async () => (await caches.open('chatops-designer-v1')).keys().then((k) => k.filter((r) => r.url.includes('old-release')).length));
  assert.equal(old, 0, 'the repair keeps only the release');
  await app.close();
});

test('a new release: every open tab is told, and files of releases before the last are evicted', async () => {
  const { mkdtempSync, cpSync, copyFileSync, writeFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const root = mkdtempSync(join(tmpdir(), 'release-'));
  cpSync(new URL('../../dist', import.meta.url).pathname, root, { recursive: true });
  const own = await serve(root, 0, PREFIX);
  const a = await open(own.url);
  await controlled(a);
  const b = await a.openTab('');
  await b.started();
  await a.page.evaluate(async () => {
    const cache = await caches.open('chatops-designer-v1');
    await cache.put(new URL('old-release-0123456789abcdef_bg.wasm', location.href).href, new Response('old'));
  });
  // A new release: the app's module under a new content-hashed name, and the loader's
  // Content-Security-Policy hash with it, as a build writes them.
  const index = join(root, 'index.html');
  let html = readFileSync(index, 'utf8');
  const module = html.match(/chatops-designer-([0-9a-f]+)_bg\.wasm/);
  const renamed = module[0].replace(module[1], 'ffffffffffffffff');
  copyFileSync(join(root, module[0]), join(root, renamed));
  const loader = (h) => h.match(/<script type="module">([\s\S]*?)<\/script>/)[1];
  const hash = (t) => createHash('sha256').update(t).digest('base64');
  const before = hash(loader(html));
  html = html.replaceAll(module[0], renamed);
  html = html.replace(`'sha256-${before}'`, `'sha256-${hash(loader(html))}'`);
  writeFileSync(index, html);
  await a.reload();
  for (const tab of [a, b]) await tab.page.getByText('A new version of ChatOps Designer is available.').waitFor({ timeout: 20000 });
  const old = await a.page.evaluate(async () => (await caches.open('chatops-designer-v1')).keys().then((k) => k.filter((r) => r.url.includes('old-release')).length));
  assert.equal(old, 0);
  await a.close();
  await own.close();
});

test('the app module links none of the exporters: they run in the background module', () => {
  const dist = new URL('../../dist/', import.meta.url).pathname;
  const read = (name) => readFileSync(dist + readdirSync(dist).find((f) => new RegExp(`^${name}-[0-9a-f]+_bg\\.wasm$`).test(f)));
  // A string each writer alone holds: Terraform, CloudFormation, the CLI script.
  const marks = ['aws_iam_policy_document', 'AWSTemplateFormatVersion', 'set -euo pipefail'];
  const app = read('chatops-designer');
  const worker = read('worker');
  for (const mark of marks) {
    assert.ok(!app.includes(mark), `the app module holds ${mark}`);
    assert.ok(worker.includes(mark), `the background module lacks ${mark}`);
  }
});
