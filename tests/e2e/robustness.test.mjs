// Hostile links and long lists: nothing a link or a list does may hang the page or change a
// draft the person did not change. Every test records long tasks from the first script on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
const open = (opts = {}) => App.open(server.url, { init: observeLongTasks, ...opts });
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

function observeLongTasks() {
  globalThis.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
}

/** A version-2 link patching the blue-green preset with `d`. */
const link = (d) => '#2.' + deflateRawSync(Buffer.from(JSON.stringify({ p: 'blue-green', d }))).toString('base64url');

async function worstTask(app) {
  const tasks = await app.page.evaluate(() => globalThis.__longTasks.splice(0));
  return Math.max(0, ...tasks);
}

/** Types into the Title field and waits for the preview to show it; the worst task meanwhile. */
async function typeInTitle(app, text) {
  // Located by id: role and label queries run Playwright's own script in the page, which a
  // long-task observer would count against the app.
  const title = app.page.locator('#f-title');
  await title.click();
  await title.press('End');
  await worstTask(app);
  await app.page.keyboard.type(text, { delay: 10 });
  await app.page.waitForFunction((t) => document.querySelector('#f-title').value.endsWith(t), text);
  // A design too large to deliver previews "Not delivered"; one that delivers shows the text.
  if (await app.slack.getByText('Not delivered').count() === 0) await app.slack.getByText(text).waitFor();
  await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return worstTask(app);
}

const many = (n, f) => Array.from({ length: n }, (_, i) => f(i));
// Opening runs the app's own start-up (module instantiation, first render), which reaches
// 150–300 ms on this machine class for the seed itself; typing is held to 200 ms. Opening a tab
// that draws a page of a long list (1,000 buttons, or one button with 5,000 variables and
// criteria) takes 130–210 ms here: these bounds catch a freeze (seconds before paging), and
// `make bench-lists` prints the numbers.
const OPENING = 500;
const TAB = 400;

test('a 207-character link of 20,000 keywords opens at once, pages its list, and the next plain visit is quick', async () => {
  const hash = link({ notification: { keywords: many(20000, () => 'a') } });
  assert.ok(hash.length < 300, `the link is ${hash.length} characters`);
  const app = await open({ hash });
  // Not delivered (the template is far over EventBridge's 8,192 characters), said at once.
  await app.slack.getByText('EventBridge allows at most 8192').waitFor();
  await app.page.getByText('Keywords 1–50 of 20,000').waitFor();
  assert.ok(await worstTask(app) < OPENING, 'opening');
  assert.equal(await app.page.locator('input[id^="keywords-"]').count(), 50);
  // The pager turns the page by keyboard; the rows are the next fifty.
  await app.page.locator('#keywords-next').focus();
  await app.page.keyboard.press('Enter');
  await app.page.getByText('Keywords 51–100 of 20,000').waitFor();
  assert.ok(await app.page.locator('#keywords-99').isVisible());
  assert.ok(await typeInTitle(app, ' typed beside 20,000 keywords') < 200, 'typing');
  // Choosing the open tab again renders nothing.
  await worstTask(app);
  await app.page.locator('#tab-Notification').click();
  await app.page.locator('#tab-Notification').click();
  assert.ok(await worstTask(app) < 200, 'clicking the open tab');
  // The link is a draft now; a plain visit opens it as quickly.
  await app.page.waitForTimeout(500);
  await app.goto('');
  await app.page.getByText('Keywords 1–50 of 20,000').waitFor();
  assert.ok(await worstTask(app) < OPENING, 'the next plain visit');
  await app.close();
});

test('the preview draws the first 100 items of a list and counts the rest', async () => {
  const app = await open({ hash: link({ notification: { keywords: many(150, (i) => `k${i}`), nextSteps: many(130, (i) => `s${i}`) } }) });
  await app.slack.getByText('… and 50 more keywords, not drawn here').waitFor();
  await app.slack.getByText('… and 30 more next steps, not drawn here').waitFor();
  assert.equal(await app.slack.locator('.kw').count(), 100);
  await app.close();
});

test('5,000 items in any list: every editor opens and types without a long task', async () => {
  const variables = Object.fromEntries(many(5000, (i) => [`V${i}`, `event.metadata.additionalContext.K${i}`]));
  const criteria = many(5000, (i) => ({ variable: `V${i}`, operator: 'HAS_VALUE' }));
  const cases = [
    ['nextSteps', { notification: { nextSteps: many(5000, (i) => `step ${i}`) } }, 'Notification', 'Next steps'],
    ['relatedResources', { notification: { relatedResources: many(5000, (i) => `arn:r${i}`) } }, 'Notification', null],
    ['additionalContext', { notification: { additionalContext: Object.fromEntries(many(5000, (i) => [`K${i}`, `v${i}`])) } }, 'Notification', 'Additional context'],
    ['inputPaths', { rule: { inputPaths: Object.fromEntries(many(5000, (i) => [`p${i}`, `$.detail.x${i}`])) } }, 'Rule', 'Input paths'],
    ['parameters', { deployment: { parameters: Object.fromEntries(many(5000, (i) => [`param${i}`, `v${i}`])) } }, 'Deploy', 'Parameters'],
    ['variables and criteria', { actions: [{ name: 'Big', buttonText: 'Big', variables, criteria, command: 'codedeploy get-deployment --deployment-id $V1' }] }, 'Buttons', 'Criteria'],
    ['buttons', { actions: many(1000, (i) => ({ name: `A${i}`, buttonText: `B${i}`, command: 'codedeploy get-deployment --deployment-id $DeploymentId', variables: { DeploymentId: 'event.metadata.additionalContext.DeploymentId' }, criteria: [] })) }, 'Buttons', 'Buttons'],
  ];
  for (const [what, d, tab, pager] of cases) {
    const app = await open({ hash: link(d) });
    assert.ok(await worstTask(app) < OPENING, `${what}: opening`);
    await app.page.locator(`#tab-${tab}`).click();
    await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const tabTask = await worstTask(app);
    assert.ok(tabTask < TAB, `${what}: the ${tab} tab took ${tabTask} ms`);
    // The preset's own items come first, so a list holds a few more than the link added.
    if (pager) await app.page.getByText(new RegExp(`^${pager} 1–\\d+ of [15],0\\d\\d$`)).waitFor();
    await worstTask(app);
    if (tab !== 'Notification') await app.page.locator('#tab-Notification').click();
    const typing = await typeInTitle(app, ` typed beside ${what}`);
    assert.ok(typing < 200, `${what}: typing took ${typing} ms`);
    await app.close();
  }
});

test('opening a field on a later page (a click on the preview) turns its list to that page', async () => {
  const app = await open({ hash: link({ notification: { nextSteps: many(150, (i) => `step ${i}`) } }) });
  await app.page.getByText('Next steps 1–50 of 150').waitFor();
  await app.slack.locator('[data-field="notification/nextSteps/80"]').click();
  await app.page.getByText('Next steps 51–100 of 150').waitFor();
  await app.page.waitForFunction(() => document.activeElement?.id === 'nextSteps-80');
  await app.close();
});

test('opening a link never changes the event another draft holds', async () => {
  const app = await open();
  // The seed's draft gets a custom event typed by hand (stored beside it).
  const editor = app.page.getByLabel('Event JSON', { exact: true });
  await editor.fill('{"source": "aws.codedeploy", "detail": {"state": "MINE"}}');
  const stored = () => app.page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k.startsWith('chatops-designer.event.')).map((k) => [k, localStorage.getItem(k)])));
  await app.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('chatops-designer.event.')
    && localStorage.getItem(k).includes('MINE')));
  const before = await stored();
  // The same design from a link that opens on another event: a new draft, the typed event kept.
  const hash = '#2.' + deflateRawSync(Buffer.from(JSON.stringify({ p: 'blue-green', d: {}, e: { s: 'codedeploy-deployment-success' } }))).toString('base64url');
  await app.visit(server.url + hash);
  await app.page.getByRole('status').getByText('Opened the shared design as a new draft').waitFor();
  const after = await stored();
  for (const [k, v] of Object.entries(before)) assert.equal(after[k], v, `${k} unchanged`);
  await app.page.getByLabel('Draft', { exact: true }).selectOption({ label: 'Draft 1' });
  await app.page.waitForFunction(() => document.querySelector('#f-event')?.value?.includes('MINE'));
  await app.close();
});

test('a link pasted into an open tab opens, as a new draft, and the edit after it keeps it', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('My own work');
  await app.page.waitForTimeout(500);
  await app.page.evaluate((h) => { location.hash = h; }, link({ notification: { title: 'Pasted link' } }));
  await app.page.getByRole('status').getByText('Opened the shared design as a new draft').waitFor();
  assert.equal(await app.page.getByLabel('Title', { exact: true }).inputValue(), 'Pasted link');
  await app.page.waitForFunction(() => location.hash === '');
  const names = await app.page.getByLabel('Draft', { exact: true }).locator('option').allTextContents();
  assert.deepEqual(names, ['Draft 1', 'Shared design']);
  // The work left behind was stored before the link opened.
  await app.page.getByLabel('Draft', { exact: true }).selectOption({ label: 'Draft 1' });
  await app.page.waitForFunction(() => document.querySelector('#f-title').value === 'My own work');
  await app.close();
});
