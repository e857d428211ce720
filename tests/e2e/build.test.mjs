// The write-up's design plus one new button, built from the blank design without the Design JSON:
// once with the mouse (clicks and typing into fields) and once with the keyboard alone (Tab,
// Shift+Tab, arrows, Enter and typing; focus is never set by the test). Both must end at the same
// design, show its four buttons, and export with no example value left unflagged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

const WRITE_UP = {
  title: ':large_blue_circle::large_green_circle: Deployment is now ready for validation',
  description: '*Account:* <account>\n*Region:* <region>\n*Deployment group:* <deploymentGroup>\n*Deployment ID:* <deploymentId>\n*Time:* <time>',
  nextSteps: [
    'Validate the green environment at {{greenUrl}}',
    'When it works, choose *Switch task sets* to shift production traffic, then *Terminate old task set*',
    'When it does not, choose *Rollback*',
  ],
  keywords: ['CodeDeploy', 'blue/green'],
  context: [['ActionGroup', 'blue-green-deployment'], ['DeploymentId', '<deploymentId>'], ['Region', '<region>']],
  ruleName: 'codedeploy-bluegreen-ready',
  ruleDescription: 'A blue/green deployment is ready for validation',
  pattern: '{\n  "source": ["aws.codedeploy"],\n  "detail-type": ["CodeDeploy Deployment State-change Notification"],\n  "detail": {\n    "state": ["READY"],\n    "deploymentGroup": ["my-service-dg-bluegreen"]\n  }\n}',
  paths: [['account', '$.account'], ['deploymentGroup', '$.detail.deploymentGroup'], ['region', '$.region'], ['time', '$.time']],
  buttons: [
    ['SwitchTasks', '🔁 Switch task sets', 'codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type READY_WAIT'],
    ['RollbackDeployment', '🔙 Rollback', 'codedeploy stop-deployment --deployment-id $DeploymentId --region $Region --auto-rollback-enabled'],
    ['TerminateOldTask', '🧹 Terminate old task set', 'codedeploy continue-deployment --deployment-id $DeploymentId --region $Region --deployment-wait-type TERMINATION_WAIT'],
  ],
  // The person's own button: any deployment, so it keeps the new button's HAS_VALUE criterion.
  own: ['DeploymentStatus', '📋 Deployment status', 'deploy get-deployment --deployment-id $DeploymentId --region $Region'],
  settings: [
    ['designName', 'Blue/green deployment ready for validation'],
    ['dep-accountId', '111122223333'],
    ['dep-snsTopicName', 'chatops-codedeploy'],
    ['dep-slackWorkspaceId', 'T07ORDERS12'],
    ['dep-slackChannelId', 'C07ORDERS34'],
    ['dep-channelConfigurationName', 'chatops-deployments'],
    ['dep-application', 'orders-app'],
    ['dep-deploymentGroup', 'my-service-dg-bluegreen'],
  ],
  greenUrl: 'https://green.orders.acme.io',
};

/** Drives the page with the mouse: clicks, and typing into the field clicked. */
class Mouse {
  constructor(page) { this.page = page; }
  async tab(name) { await this.page.getByRole('tab', { name, exact: true }).click(); }
  async fill(selector, text) { await this.page.locator(selector).click(); await this.page.locator(selector).fill(text); }
  /** Types into the field that has focus (one the app just focused). */
  async type(text) { await this.page.keyboard.press('Control+A'); await this.page.keyboard.type(text); }
  async press(selector) { await this.page.locator(selector).click(); }
  async choose(selector, value) { await this.page.locator(selector).selectOption(value); }
}

/**
 * Drives the page with the keyboard alone. `reach` presses Tab (or Shift+Tab, towards the
 * element) until the element has focus, as a person tabs to a field; it fails when the element is
 * not in the tab order.
 */
class Keyboard {
  constructor(page) { this.page = page; this.presses = 0; }
  async focused(selector) { return this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector); }
  async reach(selector) {
    for (let i = 0; i < 300; i++) {
      if (await this.focused(selector)) return;
      const forward = await this.page.evaluate((s) => {
        const target = document.querySelector(s);
        const from = document.activeElement ?? document.body;
        if (!target) return true;
        return from === document.body || Boolean(from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
      }, selector);
      await this.page.keyboard.press(forward ? 'Tab' : 'Shift+Tab');
      this.presses++;
    }
    throw new Error(`${selector} is not reachable with Tab`);
  }
  async tab(name) {
    await this.reach('[role=tab][aria-selected=true]');
    const index = async () => this.page.evaluate((n) => {
      const tabs = [...document.querySelectorAll('[role=tab]')];
      return [tabs.findIndex((t) => t.textContent.trim().startsWith(n) && t.id === `tab-${n.replace(/ /g, '-')}`), tabs.indexOf(document.activeElement)];
    }, name);
    for (let i = 0; i < 10; i++) {
      const [want, at] = await index();
      if (want === at) break;
      await this.page.keyboard.press(want > at ? 'ArrowRight' : 'ArrowLeft');
    }
    if ((await this.page.locator(`#tab-${name.replace(/ /g, '-')}`).getAttribute('aria-selected')) !== 'true') await this.page.keyboard.press('Enter');
  }
  async fill(selector, text) { await this.reach(selector); await this.type(text); }
  async type(text) { await this.page.keyboard.press('Control+A'); await this.page.keyboard.type(text); }
  async press(selector) { await this.reach(selector); await this.page.keyboard.press('Enter'); }
  /** Moves a select to `value` with the arrow keys, then Enter. */
  async choose(selector, value) {
    await this.reach(selector);
    for (let i = 0; i < 20; i++) {
      const [want, at] = await this.page.evaluate(([s, v]) => {
        const el = document.querySelector(s);
        return [[...el.options].findIndex((o) => o.value === v), el.selectedIndex];
      }, [selector, value]);
      if (want === at) break;
      await this.page.keyboard.press(want > at ? 'ArrowDown' : 'ArrowUp');
    }
    await this.page.keyboard.press('Enter');
  }
}

async function build(app, ui) {
  const page = app.page;
  /** Waits until the app has moved focus to an element whose id matches `re`; returns the id. */
  const focusMoves = async (re) => (await page.waitForFunction((src) => {
    const id = document.activeElement?.id ?? '';
    return new RegExp(src).test(id) && id;
  }, re.source)).jsonValue();
  const W = WRITE_UP;
  await ui.choose('#f-preset', 'blank');
  await app.slack.getByText('Deployment d-7QX2K9LMN is READY').waitFor();

  // The notification.
  await ui.tab('Notification');
  await ui.fill('#f-title', W.title);
  await ui.fill('#f-description', W.description);
  for (const [list, items] of [['nextSteps', W.nextSteps], ['keywords', W.keywords]]) {
    for (const item of items) {
      // "+ Add" puts the caret in the new item.
      await ui.press(`#${list}-add`);
      await focusMoves(new RegExp(`^${list}-\\d+$`));
      await ui.type(item);
    }
  }
  /** "+ Add" on a key/value list (focus lands on the new key), then the key and its value. */
  const addRow = async (list, key, value) => {
    await ui.press(`#${list}-add`);
    const row = (await focusMoves(new RegExp(`^${list}-k\\d+$`))).replace('-k', '-v');
    await ui.type(key);
    await ui.fill(`#${row}`, value);
  };
  for (const [key, value] of W.context) await addRow('ctx', key, value);

  // The rule.
  await ui.tab('Rule');
  await ui.fill('#f-ruleName', W.ruleName);
  await ui.fill('#f-ruleDescription', W.ruleDescription);
  await ui.fill('#f-pattern', W.pattern);
  // The blank design reads the state, which this notification does not show.
  await ui.press('button[aria-label="Remove Name 2"]');
  await page.waitForFunction(() => !document.querySelector('#paths-k1'));
  assert.equal(await page.locator('#paths-k0').inputValue(), 'deploymentId', 'only the state was removed');
  for (const [name, path] of W.paths) await addRow('paths', name, path);

  // The buttons: each command first; "+ Add variable" then offers what it reads.
  await ui.tab('Buttons');
  for (const [i, [name, text, command]] of [...W.buttons, W.own].entries()) {
    await ui.press('#add-button');
    assert.equal(await focusMoves(/^a\d+-name$/), `a${i}-name`, 'a new button focuses its name');
    await ui.type(name);
    await ui.fill(`#a${i}-button`, text);
    await ui.fill(`#a${i}-command`, command);
    await ui.press(`#a${i}-vars-add`);
    await focusMoves(new RegExp(`^a${i}-vars-k1$`));
    assert.equal(await page.locator(`#a${i}-vars-k1`).inputValue(), 'Region', 'the command’s unknown $Region is offered first');
    assert.equal(await page.locator(`#a${i}-vars-v1`).inputValue(), 'event.metadata.additionalContext.Region');
    if (i < W.buttons.length) {
      await ui.press(`#a${i}-vars-add`);
      await focusMoves(new RegExp(`^a${i}-vars-k2$`));
      assert.equal(await page.locator(`#a${i}-vars-k2`).inputValue(), 'ActionGroup', 'then the context key no variable reads');
      await ui.choose(`#a${i}-c0-var`, 'ActionGroup');
      await ui.choose(`#a${i}-c0-op`, 'EQUALS');
      await ui.fill(`#a${i}-c0-val`, 'blue-green-deployment');
    }
  }

  // The deploy settings: the {{greenUrl}} the next step names is defined from the notification.
  await ui.tab('Notification');
  await ui.press('button[data-define="greenUrl"]');
  assert.equal(await focusMoves(/^params-/), 'params-v0');
  await ui.type(W.greenUrl);
  for (const [id, value] of W.settings) await ui.fill(`#f-${id}`, value);
  const marked = await page.locator('#h-deploy').locator('..').locator('input.example').evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(marked, ['f-dep-deploymentGroup'], 'the example value left is marked where it is typed');
}

/** The design as the Design JSON tab shows it once the build is done. */
async function designOf(app) {
  await app.tab('Design JSON').click();
  return JSON.parse(await app.page.locator('#f-json').inputValue());
}

async function buildAndCheck(ui, app, reference) {
  let jsonOpened = false;
  const watch = setInterval(async () => {
    try { if ((await app.tab('Design JSON').getAttribute('aria-selected')) === 'true') jsonOpened = true; } catch { /* page closing */ }
  }, 100);
  try { await build(app, ui); } finally { clearInterval(watch); }
  assert.equal(jsonOpened, false, 'the Design JSON was never opened');

  // The preview shows the four buttons, and the simulation resolves the new one's command.
  for (const text of [...WRITE_UP.buttons.map((b) => b[1]), WRITE_UP.own[1]]) {
    await app.slack.getByRole('button', { name: text }).waitFor();
  }
  await app.slack.getByText('Validate the green environment at https://green.orders.acme.io').waitFor();

  const got = await designOf(app);
  assert.deepEqual(got.rules, reference.rules);
  assert.deepEqual(got.actions.slice(0, 3), reference.actions);
  assert.deepEqual(got.actions[3], {
    name: 'DeploymentStatus', buttonText: '📋 Deployment status', notificationType: 'Custom',
    criteria: [{ operator: 'HAS_VALUE', variable: 'DeploymentId' }],
    variables: { DeploymentId: 'event.metadata.additionalContext.DeploymentId', Region: 'event.metadata.additionalContext.Region' },
    command: WRITE_UP.own[2],
  });
  assert.equal(got.name, reference.name);
  assert.deepEqual(got.deployment, {
    region: 'us-east-1', accountId: '111122223333', snsTopicName: 'chatops-codedeploy',
    slackWorkspaceId: 'T07ORDERS12', slackChannelId: 'C07ORDERS34', channelConfigurationName: 'chatops-deployments',
    application: 'orders-app', deploymentGroup: 'my-service-dg-bluegreen', parameters: { greenUrl: WRITE_UP.greenUrl },
  });

  // The export: no error, no example value left, and the Terraform carries the person's values.
  await app.tab('Export').click();
  const code = app.page.locator('pre.code');
  await app.page.getByRole('group', { name: 'Files' }).getByRole('button', { name: 'variables.tf' }).click();
  await code.getByText('T07ORDERS12').first().waitFor();
  // The write-up's deployment group is the preset's example name: the export lists it, as the
  // Deploy tab marked it while it was typed; nothing else is left.
  assert.deepEqual(await app.page.locator('.placeholders li').allTextContents(), ['Deployment group: my-service-dg-bluegreen']);
  assert.equal(await app.page.locator('.export-errors').count(), 0, 'no export error');
  const text = await code.textContent();
  for (const value of ['C07ORDERS34', WRITE_UP.greenUrl]) assert.ok(text.includes(value), value);
  // The write-up's pattern names the deployment group only, so a button may act on a group of that
  // name in any application: the export says its permissions cover every application.
  const notes = await app.page.getByRole('list', { name: 'Notes on this export' }).textContent();
  assert.match(notes, /permissions cover every application .* other applications than 'orders-app'/);
  assert.ok(!text.includes('T0123ABCDEF') && !text.includes('example.com'), 'no example value in the export');
}

/** The write-up's design (the blue/green preset), read from the app's own Design JSON. */
async function writeUp() {
  const app = await App.open(server.url);
  const d = await designOf(app);
  await app.close();
  return d;
}

test('the write-up’s design plus one button is built from blank with the mouse', async () => {
  const reference = await writeUp();
  const app = await App.open(server.url, { width: 1280, height: 900 });
  await buildAndCheck(new Mouse(app.page), app, reference);
  await app.close();
});

test('the write-up’s design plus one button is built from blank with the keyboard alone', async () => {
  const reference = await writeUp();
  const app = await App.open(server.url, { width: 1280, height: 900 });
  const keys = new Keyboard(app.page);
  await buildAndCheck(keys, app, reference);
  console.log(`# keyboard build: ${keys.presses} Tab presses to move between fields`);
  await app.close();
});
