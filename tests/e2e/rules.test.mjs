// End-to-end: a design with several rules and a Microsoft Teams channel. A two-rule design built
// from blank with the keyboard alone; the lifecycle preset's deployment as one thread in the
// Channel view; a Teams design previewed as Teams and exported with a Teams channel configuration.
// Release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

const open = (opts = {}) => App.open(server.url, opts);

async function designJson(app) {
  await app.tab('Design JSON').click();
  return JSON.parse(await app.page.locator('#f-json').inputValue());
}

/** Presses Tab until the element with `id` has focus (at most `max` presses). */
async function tabTo(page, id, max = 400) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((id) => document.activeElement?.id === id, id)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

test('a two-rule design is built from blank with the keyboard alone', async () => {
  const app = await open();
  const page = app.page;
  // Blank, chosen with the keyboard.
  await page.getByLabel('Start from preset').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.getByLabel('Start from preset').selectOption('blank');
  assert.equal((await designJson(app)).rules.length, 1);
  await app.tab('Notification').focus();
  await page.keyboard.press('Enter');
  // Add a rule from its button, reached by Tab.
  await tabTo(page, 'rule-add');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Added a rule').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rule-1', 'focus moves to the new rule');
  // The new rule is selected: its title is typed into the Notification tab.
  await tabTo(page, 'f-title');
  await page.keyboard.type('Second rule says hello');
  await app.slack.getByText('Second rule says hello').waitFor();
  // Arrow keys move between rules; the first rule's title is its own.
  await tabTo(page, 'rule-1');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rule-0');
  assert.equal(await page.locator('#rule-0').getAttribute('aria-current'), 'true');
  assert.notEqual(await page.locator('#f-title').inputValue(), 'Second rule says hello');
  // Rename the second rule in the Rule tab, with the keyboard.
  await page.keyboard.press('ArrowDown');
  await app.tab('Rule').focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'f-ruleName');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('second-rule');
  const d = await designJson(app);
  assert.deepEqual(d.rules.map((r) => r.name).slice(1), ['second-rule']);
  assert.equal(d.rules[1].notification.title, 'Second rule says hello');
  assert.equal(d.formatVersion, 2);
  // Removing a rule is undone from its message.
  await app.tab('Rule').click();
  await page.locator('#rule-1-remove').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Removed rule second-rule.').waitFor();
  assert.equal(await page.locator('.rule-row').count(), 1);
  await page.locator('#rule-undo').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('The rule is back.').waitFor();
  assert.equal((await designJson(app)).rules.length, 2);
  await app.close();
});

test('the lifecycle preset plays one thread of three messages, buttons on READY only', async () => {
  const app = await open();
  await app.page.getByLabel('Start from preset').selectOption('blue-green-lifecycle');
  await app.page.getByRole('tab', { name: 'Channel', exact: true }).click();
  const channel = app.page.getByRole('region', { name: 'Channel' });
  await channel.getByText('3 events, 3 messages posted.').waitFor();
  const feed = channel.getByRole('list', { name: 'Channel messages' });
  assert.equal(await feed.locator(':scope > li').count(), 1, 'one thread');
  const replies = channel.getByRole('list', { name: 'Thread replies' });
  assert.equal(await replies.getByRole('article').count(), 2);
  const articles = channel.getByRole('article');
  const texts = await articles.allTextContents();
  const withButtons = [];
  for (let i = 0; i < texts.length; i++) {
    if (await articles.nth(i).locator(':scope > .slack-buttons .slack-btn').count()) withButtons.push(texts[i]);
  }
  assert.equal(withButtons.length, 1, JSON.stringify(texts));
  assert.match(withButtons[0], /codedeploy-bluegreen-ready/);
  // The preview says which other rules post for the chosen event.
  await app.page.getByRole('tab', { name: 'Slack', exact: true }).click();
  await app.page.getByText(/^Rule codedeploy-bluegreen-start\. No other rule posts for this event\.|posts nothing for this event/).waitFor();
  await app.close();
});

test('a Teams design previews as Teams and exports a Teams channel configuration', async () => {
  const app = await open();
  const page = app.page;
  await app.tab('Deploy').click();
  await page.getByLabel('Microsoft Teams', { exact: true }).check();
  // The preview follows the chat application.
  await page.getByRole('region', { name: 'Microsoft Teams preview' }).waitFor();
  await page.getByLabel('Microsoft Teams team ID').fill('8f5a2c1e-1234-4c3b-9a6d-0123456789ab');
  await page.getByLabel('Microsoft Teams channel ID').fill('19:b6ef@thread.tacv2');
  await page.getByText('the channel ID as Teams copies it').first().waitFor();
  await page.getByLabel('Microsoft Teams channel ID').fill('19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2');
  await page.getByLabel('Microsoft Teams tenant ID').fill('0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
  assert.equal(await page.getByLabel('Slack workspace ID').count(), 0, 'Slack settings are hidden');
  await app.tab('Export').click();
  const main = page.getByLabel('Exported file main.tf');
  await main.getByText('awscc_chatbot_microsoft_teams_channel_configuration').first().waitFor();
  await page.getByRole('tab', { name: 'CloudFormation YAML' }).click();
  await page.getByLabel('Exported file template.yaml').getByText('AWS::Chatbot::MicrosoftTeamsChannelConfiguration').first().waitFor();
  await page.getByRole('tab', { name: 'AWS CLI' }).click();
  await page.getByLabel('Exported file deploy.sh').getByText('create-microsoft-teams-channel-configuration').first().waitFor();
  const d = await designJson(app);
  assert.equal(d.deployment.platform, 'teams');
  // A reload opens it on Teams again.
  await app.reload();
  await page.getByRole('region', { name: 'Microsoft Teams preview' }).waitFor();
  await app.close();
});
