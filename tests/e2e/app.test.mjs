// End-to-end tests of the release build in headless Chromium, by role and accessible name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { serve } from './serve.mjs';

let server, ctx;

/** Page object: opens the app and collects page errors, console errors and failed requests. */
async function openApp(opts = {}) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(server.url + (opts.hash ?? ''));
  await page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor({ timeout: 20000 });
  return { page, errors };
}

before(async () => {
  server = await serve(new URL('../../dist', import.meta.url).pathname);
  ctx = await launch();
});
after(async () => { await ctx?.close(); await server?.close(); });

test('the app shell loads, is styled and logs no errors', async () => {
  const { page, errors } = await openApp();
  await page.getByRole('region', { name: 'Slack preview' }).waitFor();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'body has a styled background');
  await page.screenshot({ path: new URL('../../docs/screenshot.png', import.meta.url).pathname });
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing in Title updates the preview', async () => {
  const { page, errors } = await openApp();
  const title = page.getByLabel('Title', { exact: true });
  await title.fill('Hello from e2e');
  const preview = page.getByRole('region', { name: 'Slack preview' });
  await preview.getByText('Hello from e2e').waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
  await page.close();
});
