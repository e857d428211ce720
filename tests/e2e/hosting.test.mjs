// The release bundle hosted as a team would: under a sub-path of a static host, links made there
// opening there, and the app opening offline after one visit (the service worker).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

const PREFIX = '/team/tools/chatops/';
let server;

before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname, 0, PREFIX); });
after(async () => { await server?.close(); });

/** A page in a fresh profile that records every error and failed request. */
async function open(url) {
  const ctx = await launch();
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(url);
  await page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor({ timeout: 20000 });
  return { ctx, page, errors };
}

test('under a sub-path: loads cleanly, and share and review links open there', async () => {
  assert.ok(server.url.endsWith(PREFIX));
  const a = await open(server.url);
  await a.page.getByRole('region', { name: 'Slack preview' }).waitFor();
  await a.page.getByLabel('Title', { exact: true }).fill('Hosted under a sub-path');
  await a.page.getByRole('button', { name: /^Copy link/ }).click();
  // On a loopback address, Copy link says that the link opens only on this machine.
  await a.page.getByText('opens only on this machine').waitFor();
  const link = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(server.url + '#1.'), link);
  await a.page.getByRole('button', { name: 'Copy review link' }).click();
  await a.page.getByText('Review link copied').waitFor();
  const review = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.ok(review.startsWith(server.url + '#review:1.'), review);
  await a.ctx.close();
  assert.deepEqual(a.errors, []);

  const b = await open(link);
  await b.page.getByRole('region', { name: 'Slack preview' }).getByText('Hosted under a sub-path').waitFor();
  await b.ctx.close();
  assert.deepEqual(b.errors, []);

  const c = await open(review);
  await c.page.getByText('Review mode').waitFor();
  await c.page.getByRole('region', { name: 'Slack preview' }).getByText('Hosted under a sub-path').waitFor();
  await c.ctx.close();
  assert.deepEqual(c.errors, []);
});

test('after one visit the app opens offline with the last draft', async () => {
  const a = await open(server.url);
  // The service worker takes over and has cached the release.
  await a.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
    return reg.active?.state;
  });
  await a.page.getByLabel('Title', { exact: true }).fill('Written before going offline');
  await a.page.waitForTimeout(1500); // the autosave is debounced
  await a.ctx.setOffline(true);
  await a.page.reload();
  await a.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor({ timeout: 20000 });
  assert.equal(await a.page.getByLabel('Title', { exact: true }).inputValue(), 'Written before going offline');
  await a.page.getByRole('region', { name: 'Slack preview' }).getByText('Written before going offline').waitFor();
  await a.ctx.close();
  const failures = a.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'));
  assert.deepEqual(failures, []);
});
