// Drafts that survive hostile links, full storage and a second tab; the page's own defences
// (Content-Security-Policy, clipboard refusals, YAML alias bombs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });
const open = (opts = {}) => App.open(server.url, opts);

/** A share-link fragment (`#1.…`) of a whole design, made as the codec does. */
const link = (design) => '#1.' + deflateRawSync(Buffer.from(JSON.stringify({ d: design }))).toString('base64url');
/** An event pattern nesting `levels` levels. */
function nested(levels) {
  let v = ['x'];
  for (let i = 1; i < levels; i++) v = { detail: v };
  return v;
}
const draftNames = (app) => app.page.getByLabel('Draft', { exact: true }).locator('option').allTextContents();
const title = (app) => app.page.getByLabel('Title', { exact: true });
async function designJson(app) {
  await app.tab('Design JSON').click();
  const d = JSON.parse(await app.page.getByRole('textbox', { name: 'Design JSON' }).inputValue());
  await app.tab('Notification').click();
  return d;
}

test('the page carries a Content-Security-Policy without unsafe-inline', async () => {
  const app = await open();
  const csp = await app.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  assert.ok(csp, 'the policy meta tag is present');
  for (const d of ["default-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.includes(d), `${d} in ${csp}`);
  }
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.ok(!csp.includes('unsafe-inline'), csp);
  // The app ran under it: the preview is rendered by the wasm the policy allowed.
  await app.slack.waitFor();
  // The violation listener every test checks at close is live: an inline style is reported.
  await app.page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await app.page.waitForFunction(() => getComputedStyle(document.body).color !== 'rgb(255, 0, 0)');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(app.violations.length, 1, String(app.violations));
  assert.match(app.violations[0], /style-src/);
  app.violations.length = 0;
  app.errors = app.errors.filter((e) => !e.includes('Content Security Policy'));
  await app.close();
});

test('a deeply nested link: the deepest legal one survives reloads, a deeper one is refused, drafts intact', async () => {
  const app = await open();
  await title(app).fill('My own work');
  await app.page.waitForTimeout(700);
  const base = await designJson(app);
  delete base.preset;
  // 121 levels (the original report): refused at the door with a message; nothing is lost.
  await app.goto(link({ ...base, rules: [{ ...base.rules[0], eventPattern: nested(121) }] }));
  await app.reload();
  await app.page.getByRole('alert').getByText('nests more than 101 levels').waitFor();
  assert.deepEqual(await draftNames(app), ['Draft 1']);
  // 98 levels is the deepest a pattern may nest: opened as a draft, and it reads back.
  const deep = { ...base, rules: [{ ...base.rules[0], notification: { ...base.rules[0].notification, title: 'Deep one' }, eventPattern: nested(98) }] };
  await app.visit(server.url + link(deep));
  await app.page.getByRole('status').getByText('Opened the shared design as a new draft').waitFor();
  assert.equal(await title(app).inputValue(), 'Deep one');
  for (let i = 0; i < 2; i++) {
    await app.reload();
    await app.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor();
    assert.deepEqual(await draftNames(app), ['Draft 1', 'Shared design'], 'drafts intact after a reload');
  }
  assert.deepEqual((await designJson(app)).rules[0].eventPattern, nested(98));
  await app.page.getByLabel('Draft', { exact: true }).selectOption({ label: 'Draft 1' });
  assert.equal(await title(app).inputValue(), 'My own work');
  await app.close();
});

test('reloading a page opened from a link adds no second copy', async () => {
  const app = await open();
  const d = await designJson(app);
  d.rules[0].notification.title = 'From a teammate';
  await app.goto(link(d));
  await app.reload();
  await app.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor();
  assert.deepEqual(await draftNames(app), ['Draft 1', 'Shared design']);
  assert.equal(new URL(app.page.url()).hash, '', 'the fragment is cleared once the link is stored');
  await app.reload();
  await app.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor();
  assert.deepEqual(await draftNames(app), ['Draft 1', 'Shared design']);
  // The same link opened again (pasted a second time) opens the stored draft instead of a copy.
  await app.page.getByLabel('Draft', { exact: true }).selectOption({ label: 'Draft 1' });
  await app.page.waitForTimeout(100);
  await app.visit(server.url + link(d));
  await app.page.getByRole('status').getByText('already saved as "Shared design"').waitFor();
  assert.deepEqual(await draftNames(app), ['Draft 1', 'Shared design']);
  assert.equal(await title(app).inputValue(), 'From a teammate');
  await app.close();
});

test('storage full: an alert says so at once, offers the design, and editing goes on', async () => {
  const app = await open({
    init: () => {
      Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    },
  });
  const alert = app.page.getByRole('alert').filter({ hasText: 'could not be saved' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /storage for this page is full/);
  await title(app).fill('Kept in memory');
  await app.slack.getByText('Kept in memory').waitFor();
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download design' }).click(),
  ]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  assert.equal(JSON.parse(Buffer.concat(chunks).toString()).rules[0].notification.title, 'Kept in memory');
  await app.page.getByRole('button', { name: 'Undo' }).click();
  await app.close();
});

test('two tabs edit at once: neither loses the other\'s draft, and each sees the other\'s list', async () => {
  const a = await open();
  await title(a).fill('Work in tab A');
  await a.page.waitForTimeout(700);
  const d = await designJson(a);
  d.rules[0].notification.title = 'Shared into tab B';
  const b = await a.openTab(link(d));
  await b.page.getByRole('status').getByText('Opened the shared design as a new draft').waitFor();
  // Tab A learns about B's draft without reloading.
  await a.page.waitForFunction(() => [...document.querySelectorAll('#f-draft option')].some((o) => o.textContent === 'Shared design'));
  // Both type at once.
  await Promise.all([title(a).fill('A edits again'), title(b).fill('B edits too')]);
  await Promise.all([a.page.waitForTimeout(700), b.page.waitForTimeout(700)]);
  await b.page.getByRole('button', { name: 'New draft' }).click();
  await a.page.waitForFunction(() => document.querySelectorAll('#f-draft option').length === 3);
  await title(a).fill('A after B added one');
  await a.page.waitForTimeout(700);
  const c = await a.openTab();
  assert.deepEqual(await draftNames(c), ['Draft 1', 'Shared design', 'Draft 2']);
  const draft = c.page.getByLabel('Draft', { exact: true });
  await draft.selectOption({ label: 'Draft 1' });
  assert.equal(await title(c).inputValue(), 'A after B added one');
  await draft.selectOption({ label: 'Shared design' });
  assert.equal(await title(c).inputValue(), 'B edits too');
  await c.close();
  await b.close();
  await a.close();
});

test('copying when the browser refuses: a message and the text selected to copy by hand', async () => {
  const app = await open({
    permissions: [],
    init: () => { Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }); },
  });
  await app.tab('Design JSON').click();
  await app.page.getByRole('button', { name: 'Copy JSON' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Copy by hand' });
  await dialog.waitFor();
  await dialog.getByText('could not be copied: this page has no clipboard access').waitFor();
  await app.page.getByText('Copy failed: copy it by hand').waitFor();
  await app.page.waitForFunction(() => {
    const t = document.getElementById('copy-fallback-text');
    return document.activeElement === t && t.selectionStart === 0 && t.selectionEnd === t.value.length && t.value.includes('"formatVersion"');
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await app.close();
  // A clipboard that rejects the write.
  const other = await open({
    permissions: [],
    init: () => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')); },
  });
  await other.page.getByRole('button', { name: /^Copy link/ }).click();
  await other.page.getByRole('dialog', { name: 'Copy by hand' }).getByText('the browser refused (NotAllowedError').waitFor();
  await other.close();
});

test('a YAML alias bomb pasted into import is refused with a message', async () => {
  const app = await open();
  await app.tab('Design JSON').click();
  let yaml = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) yaml += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const started = Date.now();
  await app.page.getByLabel('Paste to import').fill(yaml);
  await app.page.getByRole('alert').getByText('once its aliases (*name) are expanded').waitFor();
  assert.ok(Date.now() - started < 5000);
  await app.close();
});

test('an unreadable drafts index is kept under a key of its own while its drafts are recovered', async () => {
  const app = await open();
  await title(app).fill('Kept work');
  await app.page.waitForTimeout(700);
  await app.page.evaluate(() => localStorage.setItem('chatops-designer.drafts.v2.index', 'garbage'));
  await app.reload();
  await app.page.getByText('Some saved work could not be read. It is kept in this browser as it was').waitFor();
  // The notice holds: the old text is stored as it was, and the draft itself is back.
  assert.equal(await app.page.evaluate(() => localStorage.getItem('chatops-designer.drafts.v2.index.unreadable')), 'garbage');
  assert.equal(await title(app).inputValue(), 'Kept work');
  await app.close();
});

test('a draft name that hides or reorders text is refused with a message', async () => {
  const app = await open();
  await app.page.getByRole('button', { name: 'Rename' }).click();
  const name = app.page.getByLabel('Draft name');
  await name.fill('report\u202Etxt.exe');
  await name.press('Enter');
  await app.page.getByText('a draft name may not hold control characters').waitFor();
  assert.ok(!(await draftNames(app)).some((n) => n.includes('\u202E')));
  await app.close();
});
