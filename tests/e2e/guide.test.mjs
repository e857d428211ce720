// The editor that guides: the preview stays in view while editing, on wide and narrow screens;
// share links and reloads keep the event the person saw; a broken custom event is explained and
// the simulation keeps the last valid one; the tabs follow the WAI-ARIA keyboard pattern.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
const open = (opts = {}) => App.open(server.url, opts);
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

/** True when the element's box lies inside the window. */
async function inViewport(page, locator) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width;
}

/** Focuses the Command field of the third button on the Buttons tab. */
async function focusThirdCommand(app) {
  await app.tab('Buttons').click();
  const field = app.page.getByRole('article').nth(2).getByLabel('Command', { exact: true });
  await field.focus();
  await field.scrollIntoViewIfNeeded();
  return field;
}

test('at 1280×900 the preview and its buttons stay in view while the third command is edited', async () => {
  const app = await open({ width: 1280, height: 900 });
  const field = await focusThirdCommand(app);
  assert.ok(await inViewport(app.page, field), 'the Command field is in view');
  const buttons = app.slack.getByRole('button', { name: '🧹 Terminate old task set' });
  assert.ok(await inViewport(app.page, buttons), 'the preview button is in view');
  await field.fill('codedeploy stop-deployment --deployment-id $DeploymentId');
  await buttons.click();
  await app.slack.getByText('codedeploy stop-deployment --deployment-id d-7QX2K9LMN', { exact: true }).waitFor();
  await app.close();
});

test('at 390×844 a pinned summary keeps the buttons in view, and no tab overflows sideways (nor at 320)', async () => {
  const app = await open({ width: 390, height: 844 });
  const field = await focusThirdCommand(app);
  assert.ok(await inViewport(app.page, field), 'the Command field is in view');
  const summary = app.page.getByRole('complementary', { name: 'Preview summary' });
  for (const text of ['🔁 Switch task sets', '🔙 Rollback', '🧹 Terminate old task set']) {
    assert.ok(await inViewport(app.page, summary.getByText(text, { exact: true })), `${text} is in view`);
  }
  await app.page.getByRole('article').nth(2).getByLabel('Button text').fill('🧯 Stop it');
  await summary.getByText('🧯 Stop it', { exact: true }).waitFor();
  for (const name of ['Notification', 'Buttons', 'Rule', 'Deploy', 'Design JSON', 'Export']) {
    await app.tab(name).click();
    if (name === 'Export') await app.page.getByLabel('Exported file main.tf').waitFor();
    const wide = await app.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the ${name} tab makes the page ${wide} px wide`);
  }
  // The narrowest width the layout is built for.
  await app.page.setViewportSize({ width: 320, height: 700 });
  for (const name of ['Notification', 'Buttons', 'Rule', 'Deploy', 'Design JSON', 'Export']) {
    await app.tab(name).click();
    const wide = await app.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `at 320 px the ${name} tab makes the page ${wide} px wide`);
  }
  await app.close();
});

test('a share link made with the FAILURE sample opens on FAILURE, and so does a reload', async () => {
  const app = await open();
  await app.pickSample('Deployment FAILURE');
  await app.page.getByRole('button', { name: /^Copy link/ }).click();
  await app.page.getByText('Link copied').waitFor();
  const url = await app.page.evaluate(() => navigator.clipboard.readText());
  await app.close();
  const other = await open({ hash: '#' + url.split('#')[1] });
  const sample = other.page.getByLabel('Sample event', { exact: true });
  assert.equal(await sample.locator('option:checked').textContent(), 'Deployment FAILURE');
  await other.page.waitForTimeout(700);
  await other.reload();
  assert.equal(await other.page.getByLabel('Sample event', { exact: true }).locator('option:checked').textContent(), 'Deployment FAILURE');
  await other.close();
});

test('a custom event rides in the link and survives reload', async () => {
  const app = await open();
  const event = app.page.getByLabel('Event JSON', { exact: true });
  const text = JSON.parse(await event.inputValue());
  text.detail.deploymentId = 'd-CUSTOM1234';
  await event.fill(JSON.stringify(text, null, 2));
  await app.slack.getByRole('button', { name: '🔁 Switch task sets' }).click();
  await app.slack.getByText('--deployment-id d-CUSTOM1234', { exact: false }).first().waitFor();
  await app.page.waitForTimeout(700);
  await app.reload();
  assert.match(await app.page.getByLabel('Event JSON', { exact: true }).inputValue(), /d-CUSTOM1234/);
  await app.page.getByRole('button', { name: /^Copy link/ }).click();
  await app.page.getByText('Link copied').waitFor();
  const url = await app.page.evaluate(() => navigator.clipboard.readText());
  await app.close();
  const other = await open({ hash: '#' + url.split('#')[1] });
  assert.match(await other.page.getByLabel('Event JSON', { exact: true }).inputValue(), /d-CUSTOM1234/);
  await other.close();
});

test('a custom event that is not JSON is explained, and the simulation keeps the last valid event', async () => {
  const app = await open();
  const event = app.page.getByLabel('Event JSON', { exact: true });
  const lines = (await event.inputValue()).split('\n');
  const at = lines.findIndex((l) => l.includes('"detail-type"'));
  lines[at] = lines[at].replace(/",$/, ',');
  await event.fill(lines.join('\n'));
  const error = app.page.locator('#f-event-error');
  await error.getByText(`the string that starts on line ${at + 1} is not closed`).waitFor();
  await error.getByText('keeps using the last valid event').waitFor();
  assert.equal(await event.getAttribute('aria-invalid'), 'true');
  assert.equal((await app.previewButtons()).length, 3);
  assert.equal(await app.page.getByText('is missing from the event').count(), 0);
  // What was typed survives a reload, error and all.
  await app.page.waitForTimeout(700);
  await app.reload();
  await app.page.locator('#f-event-error').getByText(`line ${at + 1}`).first().waitFor();
  await app.close();
});

test('a skip link leads to the preview, and the tabs follow the WAI-ARIA keyboard pattern', async () => {
  const app = await open();
  // The first Tab from the top of the page reaches the skip link.
  await app.page.keyboard.press('Tab');
  const skip = app.page.getByRole('link', { name: 'Skip to the preview' });
  assert.ok(await skip.evaluate((e) => e === document.activeElement), 'the skip link has focus');
  await app.page.keyboard.press('Enter');
  assert.equal(await app.page.evaluate(() => document.activeElement.id), 'preview-column');
  // The address keeps no fragment: a fragment is a share link to the app.
  assert.equal(new URL(app.page.url()).hash, '');
  // The sample event is two Tab presses from the top of the page.
  await app.page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await app.reload();
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.press('Tab');
  assert.equal(await app.page.evaluate(() => document.activeElement.textContent), 'Skip to the sample event');
  await app.page.keyboard.press('Enter');
  assert.equal(await app.page.evaluate(() => document.activeElement.id), 'f-sample');
  await app.tab('Notification').focus();
  await app.page.keyboard.press('ArrowRight');
  assert.equal(await app.tab('Buttons').getAttribute('aria-selected'), 'true');
  assert.equal(await app.page.evaluate(() => document.activeElement.textContent), 'Buttons');
  await app.page.keyboard.press('End');
  assert.equal(await app.tab('Export').getAttribute('aria-selected'), 'true');
  await app.page.keyboard.press('ArrowRight');
  assert.equal(await app.tab('Notification').getAttribute('aria-selected'), 'true');
  assert.equal(await app.tab('Buttons').getAttribute('tabindex'), '-1');
  await app.close();
});

test('deploy settings are a form: formats checked, example values marked until replaced, and the export lists what remains', async () => {
  const app = await open();
  await app.tab('Deploy').click();
  const ws = app.page.getByLabel('Slack workspace ID', { exact: true });
  assert.equal(await ws.inputValue(), 'T0123ABCDEF');
  assert.match(await ws.getAttribute('class'), /example/);
  await app.tab('Export').click();
  const summary = app.page.getByRole('status').filter({ hasText: 'example values from a preset still in place' });
  await summary.getByText('Slack workspace ID: T0123ABCDEF').waitFor();
  await app.page.getByLabel('Exported file main.tf').waitFor();
  await app.tab('Deploy').click();
  await ws.fill('t-bad id');
  await app.page.getByText('Slack workspace ID must be uppercase letters and digits').waitFor();
  assert.equal(await ws.getAttribute('aria-invalid'), 'true');
  await ws.fill('T07QWERTY12');
  assert.equal(await ws.getAttribute('aria-invalid'), 'false');
  assert.doesNotMatch(await ws.getAttribute('class') ?? '', /example/);
  for (const [label, value] of [['Slack channel ID', 'C07QWERTY12'], ['AWS account ID', '210987654321'],
    ['CodeDeploy application', 'checkout'], ['Deployment group', 'checkout-prod']]) {
    await app.page.getByLabel(label, { exact: true }).fill(value);
  }
  await app.page.getByLabel('Value 1', { exact: true }).fill('https://green.checkout.internal');
  await app.tab('Export').click();
  await app.page.getByLabel('Exported file main.tf').waitFor();
  assert.equal(await app.page.getByText('still in place').count(), 0);
  await app.close();
});

test('a $Var the button lacks is one click from a working variable; + Add variable starts from the command', async () => {
  const app = await open();
  await app.tab('Buttons').click();
  const card = app.page.getByRole('article').first();
  await card.getByLabel('Command', { exact: true }).fill('codedeploy get-deployment --deployment-id $DeploymentId --group $DeploymentGroup');
  const fix = card.getByRole('button', { name: /^Add variable DeploymentGroup reading event\.metadata\.additionalContext\.DeploymentGroup/ });
  assert.match(await fix.textContent(), /with input path deploymentGroup = \$\.detail\.deploymentGroup|additionalContext key DeploymentGroup = <deploymentGroup>/);
  await fix.click();
  await app.slack.getByRole('button', { name: '🔁 Switch task sets' }).click();
  await app.slack.getByText('codedeploy get-deployment --deployment-id d-7QX2K9LMN --group my-service-dg-bluegreen', { exact: true }).waitFor();
  assert.equal(await card.getByRole('button', { name: /^Add variable DeploymentGroup/ }).count(), 0);
  // Esc closes the command panel.
  await app.page.keyboard.press('Escape');
  assert.equal(await app.slack.getByRole('group', { name: 'Command this button runs' }).count(), 0);
  // A new variable starts with the command's next unknown name, its name focused, no error shown.
  await card.getByLabel('Command', { exact: true }).fill('codedeploy get-deployment --deployment-id $DeploymentId --zone $Zone');
  // From the keyboard: focus the button and press Enter.
  await card.getByRole('button', { name: '+ Add variable' }).focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.activeElement?.value === 'Zone', null, { timeout: 3000 });
  assert.equal(await card.getByLabel('Path (event.…) 5', { exact: true }).inputValue(), 'event.metadata.additionalContext.Zone');
  assert.equal(await card.locator('.diag.error').count(), 0);
  await app.close();
});

test('a variable that reads an empty string is pointed out in the command panel', async () => {
  const app = await open();
  const event = app.page.getByLabel('Event JSON', { exact: true });
  const e = JSON.parse(await event.inputValue());
  e.detail.deploymentId = '';
  await event.fill(JSON.stringify(e, null, 2));
  await app.slack.getByRole('button', { name: '🧹 Terminate old task set' }).click();
  const panel = app.slack.getByRole('group', { name: 'Command this button runs' });
  await panel.getByText('is empty for this event: the command would run as').waitFor();
  assert.equal(await panel.locator('code').first().textContent(), '$DeploymentId');
  await app.close();
});

test('a preset chosen over edits asks first; new drafts are numbered; Rename takes focus and Esc cancels', async () => {
  const app = await open();
  const title = app.page.getByLabel('Title', { exact: true });
  // Nothing edited: the preset replaces the design at once.
  await app.page.getByLabel('Start from preset').selectOption('status-thread');
  assert.equal(await app.page.getByRole('group', { name: 'Start from a preset' }).count(), 0);
  await title.fill('My own work');
  await app.page.getByLabel('Start from preset').selectOption('blank');
  const ask = app.page.getByRole('group', { name: 'Start from a preset' });
  await ask.getByText('"Draft 1" has changes').waitFor();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await title.inputValue(), 'My own work');
  await app.page.getByLabel('Start from preset').selectOption('blank');
  await ask.getByRole('button', { name: 'In a new draft' }).click();
  const draft = app.page.getByLabel('Draft', { exact: true });
  assert.deepEqual(await draft.locator('option').allTextContents(), ['Draft 1', 'Blank design']);
  await draft.selectOption({ label: 'Draft 1' });
  assert.equal(await title.inputValue(), 'My own work');
  await app.page.getByRole('button', { name: 'New draft' }).click();
  assert.deepEqual(await draft.locator('option').allTextContents(), ['Draft 1', 'Blank design', 'Draft 2']);
  await app.page.getByRole('button', { name: 'Rename' }).click();
  await app.page.waitForFunction(() => document.activeElement?.id === 'f-draft-name');
  await app.page.keyboard.press('Escape');
  assert.equal(await app.page.getByLabel('Draft name').count(), 0);
  assert.deepEqual(await draft.locator('option').allTextContents(), ['Draft 1', 'Blank design', 'Draft 2']);
  await app.close();
});

test('errors in the Export tab link to their field, and tabs count the errors inside them', async () => {
  const app = await open();
  await app.tab('Buttons').click();
  await app.page.getByRole('article').first().getByLabel('Button text').fill('');
  const buttonsTab = app.tab('Buttons');
  await buttonsTab.locator('.tab-count').getByText('1').waitFor();
  assert.match(await app.page.locator(`#${await buttonsTab.getAttribute('aria-describedby')}`).textContent(), /^1 error$/);
  assert.equal(await app.tab('Rule').locator('.tab-count').count(), 0);
  await app.tab('Export').click();
  const link = app.page.getByRole('alert').getByRole('button', { name: 'Button 1 › Button text' });
  await link.click();
  assert.equal(await buttonsTab.getAttribute('aria-selected'), 'true');
  await app.page.waitForFunction(() => document.activeElement?.id === 'a0-button');
  await app.close();
});

test('clicking a field in the event tree inserts its placeholder where one is typing and defines its path', async () => {
  const app = await open();
  const title = app.page.getByLabel('Title', { exact: true });
  await title.fill('Deploying to ');
  await title.focus();
  await app.page.getByText('Event fields: click one to insert it').click();
  const tree = app.page.getByRole('list', { name: 'Event fields' });
  await tree.getByRole('button', { name: 'application: my-service-app' }).click();
  assert.equal(await title.inputValue(), 'Deploying to <application>');
  await app.page.getByRole('status').getByText('input path application reads $.detail.application').waitFor();
  await app.slack.getByText('Deploying to my-service-app').waitFor();
  await app.tab('Rule').click();
  assert.equal(await app.page.getByLabel('JSON path ($.…) 6', { exact: true }).inputValue(), '$.detail.application');
  await app.close();
});

test('a new button on the blank design says, where it is edited, that the notification lacks what it reads, and fixes it in one click', async () => {
  const app = await open();
  await app.page.getByLabel('Start from preset').selectOption('blank');
  await app.tab('Buttons').click();
  await app.page.getByRole('button', { name: '+ Add button' }).click();
  const card = app.page.getByRole('article').last();
  await card.getByText('reads additionalContext DeploymentId, which the notification does not set').waitFor();
  assert.equal(await card.locator('code', { hasText: 'DeploymentId' }).count() > 0, true);
  await card.getByRole('button', { name: /^Add DeploymentId = <deploymentId> to the notification's additionalContext/ }).click();
  assert.equal(await card.getByText('which the notification does not set').count(), 0);
  // The command's unknown-variable warning appears once, with its code as code.
  await card.getByLabel('Command', { exact: true }).fill('codedeploy get-deployment --deployment-id $DeploymentId --zone $Zone');
  await card.getByText('is not a variable of this action').waitFor();
  assert.equal(await card.getByText('is not a variable of this action').count(), 1);
  assert.equal(await card.locator('li code', { hasText: '$Zone' }).count(), 1);
  await app.close();
});

test('clicking a part of the preview opens its field', async () => {
  const app = await open();
  await app.tab('Rule').click();
  await app.slack.getByText('Deployment is now ready for validation').click();
  assert.equal(await app.tab('Notification').getAttribute('aria-selected'), 'true');
  await app.page.waitForFunction(() => document.activeElement?.id === 'f-title');
  await app.slack.getByText('When it does not, choose').click();
  await app.page.waitForFunction(() => document.activeElement?.id === 'nextSteps-2');
  await app.slack.getByRole('button', { name: '🔙 Rollback' }).click();
  await app.slack.getByRole('button', { name: 'Edit this button' }).click();
  assert.equal(await app.tab('Buttons').getAttribute('aria-selected'), 'true');
  const id = await app.page.waitForFunction(() => /^a\d+-button$/.test(document.activeElement?.id ?? '') && document.activeElement.value);
  assert.equal(await id.jsonValue(), '🔙 Rollback');
  await app.close();
});

test('{{parameters}} link to their value, and an undefined one is defined in one click', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('Ready in {{env}}');
  const refs = app.page.getByRole('list', { name: 'Parameters the text uses' });
  await refs.getByText('{{env}} is not defined').waitFor();
  await refs.getByRole('button', { name: 'Define {{env}}' }).click();
  assert.equal(await app.tab('Deploy').getAttribute('aria-selected'), 'true');
  await app.page.waitForFunction(() => document.activeElement?.id === 'params-v1');
  await app.page.keyboard.type('production');
  await app.slack.getByText('Ready in production').waitFor();
  await app.tab('Notification').click();
  await refs.getByRole('button', { name: '{{greenUrl}}' }).click();
  await app.page.waitForFunction(() => document.activeElement?.id === 'params-v0');
  await app.close();
});

test('buttons and list items reorder by drag and drop and by the arrow buttons', async () => {
  // A window tall enough to hold both ends of each drag (a drag that scrolls midway does not start
  // in headless Chromium).
  const app = await open({ width: 1280, height: 2600 });
  await app.tab('Buttons').click();
  const texts = () => app.page.getByRole('article').evaluateAll((cards) => cards.map((c) => c.querySelector('input[id$="-button"]').value));
  const before = await texts();
  await app.page.getByRole('article').nth(2).locator('.drag-handle').dragTo(app.page.getByRole('article').nth(0).locator('h3'));
  assert.deepEqual(await texts(), [before[2], before[0], before[1]]);
  await app.page.getByRole('button', { name: 'Move button 1 down' }).click();
  assert.deepEqual(await texts(), [before[0], before[2], before[1]]);
  await app.tab('Notification').click();
  const steps = () => app.page.locator('input[id^="nextSteps-"]').evaluateAll((els) => els.map((e) => e.value));
  const s0 = await steps();
  await app.page.locator('#nextSteps-0').locator('xpath=..').locator('.drag-handle').dragTo(app.page.locator('#nextSteps-2').locator('xpath=..'));
  assert.deepEqual(await steps(), [s0[1], s0[2], s0[0]]);
  await app.close();
});

test('path fields suggest the event\'s fields', async () => {
  const app = await open();
  await app.tab('Rule').click();
  const value = app.page.getByLabel('JSON path ($.…) 1', { exact: true });
  const list = await value.getAttribute('list');
  const options = await app.page.locator(`datalist#${list} option`).evaluateAll((o) => o.map((e) => e.value));
  assert.ok(options.includes('$.detail.deploymentId') && options.includes('$.region'), options.join(' '));
  await app.tab('Buttons').click();
  const vlist = await app.page.getByRole('article').first().getByLabel('Path (event.…) 1', { exact: true }).getAttribute('list');
  const vars = await app.page.locator(`datalist#${vlist} option`).evaluateAll((o) => o.map((e) => e.value));
  assert.ok(vars.includes('event.metadata.additionalContext.DeploymentId'), vars.join(' '));
  await app.close();
});

test('a pattern typed as invalid JSON survives a reload, marked invalid for assistive technology', async () => {
  const app = await open();
  await app.tab('Rule').click();
  const pattern = app.page.getByLabel('Event pattern', { exact: true });
  const broken = '{\n  "source": ["aws.codedeploy"],\n  "detail": {"state": ["READY"\n}';
  await pattern.fill(broken);
  await app.page.locator('#f-pattern-error').getByText('a comma (,) or a closing ] is expected here').waitFor();
  assert.equal(await pattern.getAttribute('aria-invalid'), 'true');
  assert.match(await pattern.getAttribute('aria-describedby'), /f-pattern-error/);
  assert.equal((await app.previewButtons()).length, 3, 'the last valid pattern still runs');
  await app.page.waitForTimeout(700);
  await app.reload();
  await app.tab('Rule').click();
  assert.equal(await app.page.getByLabel('Event pattern', { exact: true }).inputValue(), broken);
  await app.page.locator('#f-pattern-error').waitFor();
  await app.page.getByLabel('Event pattern', { exact: true }).fill('{"source": ["aws.codedeploy"]}');
  assert.equal(await app.page.getByLabel('Event pattern', { exact: true }).getAttribute('aria-invalid'), 'false');
  await app.page.waitForTimeout(700);
  await app.reload();
  await app.tab('Rule').click();
  assert.match(await app.page.getByLabel('Event pattern', { exact: true }).inputValue(), /"aws.codedeploy"/);
  assert.equal(await app.page.locator('#f-pattern-error').count(), 0);
  await app.close();
});

test('the design JSON typed as invalid survives a tab switch and a reload, and never undoes later edits by itself', async () => {
  const app = await open();
  const page = app.page;
  await app.tab('Design JSON').click();
  const json = page.locator('#f-json');
  const design = await json.inputValue();
  const broken = design.replace('"formatVersion": 2,', '"formatVersion": 2');
  await json.fill(broken);
  await page.locator('#f-json-error').waitFor();
  await app.tab('Notification').click();
  await app.tab('Design JSON').click();
  assert.equal(await json.inputValue(), broken, 'a tab switch keeps it');
  assert.equal(await page.locator('.stale-json').count(), 0, 'nothing changed since');
  // Fixed in place, it applies.
  await json.fill(design.replace('Deployment is now ready', 'Deployment is ready'));
  await app.tab('Notification').click();
  assert.match(await page.locator('#f-title').inputValue(), /Deployment is ready/);

  // Broken again, then the title edited in the form: the text no longer applies by itself.
  await app.tab('Design JSON').click();
  const current = await json.inputValue();
  await json.fill(current.replace('"formatVersion": 2,', '"formatVersion": 2'));
  await app.tab('Notification').click();
  await page.locator('#f-title').fill('Edited in the form');
  await app.tab('Design JSON').click();
  const stale = page.locator('.stale-json');
  await stale.waitFor();
  assert.equal(await stale.getByRole('button', { name: 'Apply this text' }).isDisabled(), true, 'not valid yet');
  await json.fill(current);
  await app.tab('Notification').click();
  assert.equal(await page.locator('#f-title').inputValue(), 'Edited in the form', 'the valid text did not undo the form edit');
  await app.tab('Design JSON').click();
  assert.equal(await json.inputValue(), current, 'the text is kept');

  // A reload keeps it, still waiting to be applied; Apply replaces the design with it.
  await page.waitForTimeout(700);
  await app.reload();
  await app.tab('Design JSON').click();
  assert.equal(await json.inputValue(), current, 'a reload keeps it');
  await page.locator('.stale-json').getByRole('button', { name: 'Apply this text' }).click();
  await app.tab('Notification').click();
  assert.match(await page.locator('#f-title').inputValue(), /Deployment is ready/);

  // Discard shows the design as it is.
  await page.locator('#f-title').fill('Kept');
  await app.tab('Design JSON').click();
  await json.fill('{');
  await app.tab('Notification').click();
  await page.locator('#f-title').fill('Kept again');
  await app.tab('Design JSON').click();
  await page.locator('.stale-json').getByRole('button', { name: 'Discard it and show the design' }).click();
  assert.match(await json.inputValue(), /"title": "Kept again"/);
  assert.equal(await json.getAttribute('aria-invalid'), 'false');
  await app.close();
});

test('adding a criterion focuses it, and removing one focuses the one that took its place', async () => {
  const app = await open();
  await app.tab('Buttons').click();
  await app.page.locator('#a0-crit-add').click();
  await app.page.waitForFunction(() => document.activeElement?.id === 'a0-c1-var');
  await app.page.getByRole('button', { name: 'Remove criterion 1' }).first().click();
  await app.page.waitForFunction(() => document.activeElement?.id === 'a0-c0-var');
  await app.close();
});

test('a pattern typed as invalid JSON is kept when another draft opens at once', async () => {
  const app = await open();
  await app.tab('Rule').click();
  const broken = '{"source": [';
  await app.page.locator('#f-pattern').fill(broken);
  // Straight to a new draft and back, well within the autosave delay.
  await app.page.getByRole('button', { name: 'New draft' }).click();
  const draft = app.page.locator('#f-draft');
  await draft.selectOption({ index: 0 });
  await app.tab('Rule').click();
  assert.equal(await app.page.locator('#f-pattern').inputValue(), broken);
  assert.equal(await app.page.locator('#f-pattern').getAttribute('aria-invalid'), 'true');
  await app.close();
});

test('JSON editors number their lines, colour their syntax and mark where an error points', async () => {
  const app = await open();
  const page = app.page;
  /** The marked line number, the marked text, and what the textarea tells assistive technology. */
  const state = async (id) => page.locator(`#${id}`).evaluate((t) => {
    const frame = t.closest('.code-editor');
    return {
      lines: frame.querySelector('.gutter').textContent.split('\n').length,
      errLine: frame.querySelector('.err-line')?.textContent ?? null,
      mark: frame.querySelector('.tok-mark')?.textContent ?? null,
      invalid: t.getAttribute('aria-invalid'),
      describedBy: t.getAttribute('aria-describedby') ?? '',
      keys: frame.querySelectorAll('.hl .tok-key').length,
    };
  });
  await app.tab('Rule').click();
  const pattern = page.locator('#f-pattern');
  const valid = await state('f-pattern');
  assert.equal(valid.lines, (await pattern.inputValue()).split('\n').length, 'one number per line');
  assert.ok(valid.keys >= 3, 'keys are coloured');
  assert.deepEqual([valid.errLine, valid.mark, valid.invalid], [null, null, 'false']);
  // A missing comma on line 3 is marked there, where the next member starts.
  await pattern.fill('{\n  "source": ["aws.codedeploy"]\n  "detail-type": ["x"]\n}');
  await page.locator('#f-pattern-error').getByText('line 3, column 3').waitFor();
  let s = await state('f-pattern');
  assert.deepEqual([s.errLine, s.mark, s.invalid], ['3', '"', 'true']);
  assert.match(s.describedBy, /f-pattern-error/);
  // A byte-order mark pasted from a file is no error, and a mark on line 1 still points at the
  // character at fault (the invisible mark counts as the character it is in the text).
  await pattern.fill('\uFEFF{"source": ["aws.codedeploy"]}');
  s = await state('f-pattern');
  assert.deepEqual([s.errLine, s.mark, s.invalid], [null, null, 'false']);
  await pattern.fill('\uFEFF{"source": ["aws.codedeploy"] x}');
  await page.locator('#f-pattern-error').waitFor();
  s = await state('f-pattern');
  assert.deepEqual([s.errLine, s.mark, s.invalid], ['1', 'x', 'true']);
  await pattern.fill('{"source": ["aws.codedeploy"]}');
  s = await state('f-pattern');
  assert.deepEqual([s.errLine, s.mark, s.invalid], [null, null, 'false']);
  // The textarea never scrolls by itself: a long line widens the text under it, and the frame
  // scrolls both together.
  await pattern.press('End');
  await page.keyboard.type(' '.repeat(3) + 'x'.repeat(300));
  const scroll = await pattern.evaluate((t) => [t.scrollLeft, t.scrollWidth <= t.clientWidth, t.closest('.code-editor').scrollLeft > 0]);
  assert.deepEqual(scroll, [0, true, true]);

  // The raw template: its errors make it invalid and describe it.
  await page.getByLabel('Override the generated template (advanced)').check();
  const template = page.locator('#f-template');
  await template.fill('{"version": "1.0", "source": "custom", "content": {"description": <nope>}}');
  await page.waitForFunction(() => document.querySelector('#f-template')?.getAttribute('aria-invalid') === 'true');
  assert.match(await template.getAttribute('aria-describedby'), /f-template-errors/);
  s = await state('f-template');
  assert.deepEqual([s.errLine, s.mark], ['1', '<'], 'the undefined placeholder is marked');
  assert.ok((await page.locator('#f-template-errors li.error').count()) > 0);

  // The custom event: an unclosed string on line 7 is marked on line 7.
  await page.locator('#f-sample').selectOption('custom');
  const event = page.locator('#f-event');
  const text = await event.inputValue();
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i >= 6 && l.includes('": "'));
  lines[at] = lines[at].replace(/"([^"]*)",?$/, '"$1');
  await event.fill(lines.join('\n'));
  await page.locator('#f-event-error').getByText(`the string that starts on line ${at + 1}`).waitFor();
  s = await state('f-event');
  assert.deepEqual([s.errLine, s.invalid], [String(at + 1), 'true']);
  assert.match(s.describedBy, /f-event-error/);

  // The design JSON.
  await app.tab('Design JSON').click();
  const json = page.locator('#f-json');
  const design = await json.inputValue();
  await json.fill(design.replace('"formatVersion": 2,', '"formatVersion": 2'));
  await page.locator('#f-json-error').waitFor();
  s = await state('f-json');
  assert.deepEqual([s.errLine, s.invalid], ['3', 'true']);
  assert.match(s.describedBy, /f-json-error/);
  // With a byte-order mark in front, a value of the wrong type on line 1 is marked.
  await json.fill('\uFEFF{"formatVersion": 1, "name": 7}');
  await page.locator('#f-json-error').waitFor();
  s = await state('f-json');
  assert.deepEqual([s.errLine, s.mark, s.invalid], ['1', '7', 'true']);
  await json.fill(design);
  s = await state('f-json');
  assert.deepEqual([s.errLine, s.invalid], [null, 'false']);
  await app.close();
});

test('the preset list moves with the arrow keys and applies on Enter', async () => {
  const app = await open();
  const select = app.page.locator('#f-preset');
  await select.focus();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  // Browsing applied nothing: the seed's title is still there.
  assert.equal(await app.page.locator('#f-title').inputValue(), ':large_blue_circle::large_green_circle: Deployment is now ready for validation');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => !document.querySelector('#f-title').value.includes('ready for validation'));
  assert.equal(await select.inputValue(), '', 'the list shows its prompt again');
  // Moving through the list and leaving it puts it back, unapplied.
  const title = await app.page.locator('#f-title').inputValue();
  await select.focus();
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Tab');
  assert.equal(await select.inputValue(), '');
  assert.equal(await app.page.locator('#f-title').inputValue(), title);
  await app.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no violations at 390 px (${colorScheme})`, async () => {
    const app = await open({ width: 390, height: 844, colorScheme });
    for (const tab of ['Notification', 'Rule', 'Deploy', 'Design JSON']) {
      await app.tab(tab).click();
      const results = await new AxeBuilder({ page: app.page }).analyze();
      const summary = results.violations.map((v) => `${tab}: ${v.id}: ${v.nodes.length} × ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, []);
    }
    await app.close();
  });
}
