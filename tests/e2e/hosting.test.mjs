// The release bundle hosted as a team would: under a sub-path of a static host, links made there
// opening there, and the app opening offline after one visit (the service worker), all under the
// Content-Security-Policy (the page object fails a test on any violation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

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
  assert.ok(link.startsWith(server.url + '#2.'), link);
  await a.page.getByRole('button', { name: 'Copy review link' }).click();
  await a.page.getByText('Review link copied').waitFor();
  const review = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.ok(review.startsWith(server.url + '#review:2.'), review);
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
