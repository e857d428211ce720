// End-to-end tests of what loads when: the skeleton and the first view's preview before the app's
// module, and the background module (exports, imports) only when first needed, with a Retry when
// it cannot be loaded. Release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { App, closeAll, launch } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
const open = (opts = {}) => App.open(server.url, opts);
const FIXTURE = new URL('../it/fixtures/blue-green.tf', import.meta.url).pathname;

before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

/** Opens the page with the app's own module held back until `release()`; the requests it made. */
async function openHeld(hash = '') {
  const ctx = await launch();
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.split('/').pop()));
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/chatops-designer-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(server.url + hash);
  return { ctx, page, requested, release };
}

test("a first visit: the skeleton shows the seed's preview from index.html before any module has arrived", async () => {
  const { ctx, page, requested, release } = await openHeld();
  const first = page.locator('#first-preview');
  await first.getByText('Deployment is now ready for validation').waitFor();
  await first.getByRole('button', { name: '🔁 Switch task sets' }).waitFor();
  assert.ok(await page.locator('#boot').isVisible(), 'the skeleton is on the page');
  assert.ok(!requested.some((f) => /^(worker|first-view)/.test(f)), `neither the first view nor the background module is loaded: ${requested}`);
  const before = await first.boundingBox();
  release();
  await page.locator('#boot').waitFor({ state: 'detached' });
  const slack = page.getByRole('region', { name: 'Slack preview', exact: true });
  await slack.getByText('Deployment is now ready for validation').waitFor();
  const after = await slack.boundingBox();
  assert.ok(Math.abs(after.x - before.x) < 24 && Math.abs(after.width - before.width) < 48,
    `the app's preview takes the first view's place (${JSON.stringify(before)} → ${JSON.stringify(after)})`);
  assert.ok(!requested.some((f) => /^worker/.test(f)), 'the background module is still not loaded');
  await ctx.close();
});

test("the first view draws a shared link's design, and a returning visitor's draft, not the seed", async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('Linked :rocket: title');
  await app.page.getByRole('button', { name: /^Copy link/ }).click();
  const link = await app.page.evaluate(() => navigator.clipboard.readText());
  await app.close();
  const { ctx, page, release } = await openHeld(link.slice(link.indexOf('#')));
  assert.ok(await page.locator('.seed-preview').isHidden(), "the skeleton's seed preview is hidden from the start");
  await page.locator('#first-preview').getByText('Linked 🚀 title').waitFor();
  assert.equal(await page.locator('#first-preview').getByText('Deployment is now ready for validation').count(), 0, 'the seed is not shown');
  release();
  await page.getByRole('region', { name: 'Slack preview', exact: true }).getByText('Linked 🚀 title').waitFor();
  // The link is now a saved draft: the next visit draws it again, from storage (saving is
  // debounced: wait until storage holds it, however slow the machine).
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes('Linked :rocket: title')), null, { timeout: 20000 });
  await page.waitForTimeout(300);
  let again;
  const heldAgain = new Promise((r) => { again = r; });
  await page.unrouteAll();
  await page.route(/chatops-designer-[0-9a-f]+_bg\.wasm$/, async (route) => { await heldAgain; await route.continue(); });
  await page.goto(server.url);
  await page.locator('#first-preview').getByText('Linked 🚀 title').waitFor();
  again();
  await page.locator('#boot').waitFor({ state: 'detached' });
  await ctx.close();
});

test('export: the background module loads on first use and the page stays responsive', async () => {
  const app = await open();
  const loaded = [];
  app.page.on('request', (r) => { if (/worker/.test(r.url())) loaded.push(r.url()); });
  await app.page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
  });
  assert.deepEqual(loaded, [], 'nothing of the background module before Export is opened');
  await app.tab('Export').click();
  await app.page.getByLabel('Exported file main.tf').getByText('action_name = "SwitchTasks"').waitFor();
  assert.ok(loaded.some((u) => /worker-[0-9a-f]+_bg\.wasm$/.test(u)), `the worker's module was fetched: ${loaded}`);
  // Typing on while exports are made: every format in turn, then back to an editor.
  for (const name of ['CloudFormation YAML', 'CloudFormation JSON', 'AWS CLI', 'CDK TypeScript', 'CDK Python', 'Terraform']) {
    await app.page.getByRole('tab', { name }).click();
  }
  await app.page.getByLabel('Exported file main.tf').waitFor();
  const long = await app.page.evaluate(() => window.__long);
  assert.ok(long.every((d) => d < 200), `no task over 200 ms: ${long}`);
  await app.close();
});

test('a background module that cannot be loaded says so, and Retry loads it', async () => {
  // A server whose background module is unavailable until the test lifts the outage.
  let down = true;
  const flaky = await serve(new URL('../../dist', import.meta.url).pathname, 0, '/', {
    fault: (path) => (down && /^\/worker-[0-9a-f]+_bg\.wasm$/.test(path) ? 503 : 0),
  });
  const app = await App.open(flaky.url);
  await app.tab('Export').click();
  const alert = app.page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await alert.waitFor();
  assert.equal(await app.page.getByLabel('Exported file main.tf').count(), 0, 'no code, and no blank panel without a reason');
  down = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await app.page.getByLabel('Exported file main.tf').getByText('action_name = "SwitchTasks"').waitFor();
  assert.equal(await alert.count(), 0, 'the message goes once the export is made');
  app.errors = app.errors.filter((e) => !/^503 .*worker-[0-9a-f]+_bg\.wasm$/.test(e));
  await app.close();
  await flaky.close();
});

test('import: pasted Terraform shows its notes, and Replace shows its buttons in the preview', async () => {
  const app = await open();
  await app.page.getByLabel('Start from preset').selectOption('blank');
  await app.tab('Design JSON').click();
  // The fixture, and a module call whose files are not given (a located note).
  await app.page.getByLabel('Paste to import').fill(`${readFileSync(FIXTURE, 'utf8')}\nmodule "alarms" {\n  source = "./alarms"\n}\n`);
  const result = app.page.locator('.import-result');
  await result.getByText('Recognised pasted text as Terraform: 3 button(s)').waitFor();
  await result.getByText(/module `alarms` calls \.\/alarms \(alarms\), whose \.tf files are not among those given/).waitFor();
  await app.page.getByRole('button', { name: 'Replace the design with this import' }).click();
  await app.pickSample('Deployment READY (blue/green)');
  const buttons = await app.previewButtons();
  assert.deepEqual([...buttons].sort(), ['🔁 Switch task sets', '🔙 Rollback', '🧹 Terminate old task set'].sort());
  await app.page.getByRole('button', { name: 'Undo' }).click();
  await app.close();
});

test('import: several .tf files chosen together are read as one module', async () => {
  const app = await open();
  await app.tab('Design JSON').click();
  const text = readFileSync(FIXTURE, 'utf8');
  // The variables in a file of their own, as modules usually keep them.
  const at = text.indexOf('variable "region"');
  const end = text.indexOf('data "aws_caller_identity"');
  const files = [
    { name: 'variables.tf', mimeType: 'text/plain', buffer: Buffer.from(text.slice(at, end)) },
    { name: 'main.tf', mimeType: 'text/plain', buffer: Buffer.from(text.slice(0, at) + text.slice(end)) },
  ];
  await app.page.getByLabel('Choose files').setInputFiles(files);
  await app.page.locator('.import-result').getByText('Recognised variables.tf, main.tf as Terraform: 3 button(s)').waitFor();
  await app.close();
});
