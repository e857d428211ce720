// End-to-end: event sources beyond CodeDeploy. A CloudWatch alarm sample chosen from its source's
// group names its AWS page and offers its source's preset, which brings the alarm's buttons; a
// pasted GuardDuty event is recognised by its source and its preset offered. Release build in
// headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

const open = (opts = {}) => App.open(server.url, opts);
const sample = (id) => readFileSync(new URL(`../../src/domain/design/samples/${id}.json`, import.meta.url), 'utf8');

async function designJson(app) {
  await app.tab('Design JSON').click();
  return JSON.parse(await app.page.locator('#f-json').inputValue());
}

test('a CloudWatch alarm sample offers its preset, whose buttons show on the alarm', async () => {
  const app = await open();
  const page = app.page;
  // The samples are grouped by source.
  const groups = await page.locator('#f-sample optgroup').evaluateAll((gs) => gs.map((g) => g.label));
  for (const g of ['AWS CodeDeploy', 'Amazon ECS', 'Amazon CloudWatch alarms', 'AWS CodePipeline', 'AWS CodeBuild', 'Amazon GuardDuty', 'AWS Security Hub', 'AWS Health']) {
    assert.ok(groups.includes(g), `${g} in ${groups}`);
  }
  await app.pickSample('Alarm OK → ALARM (metric)');
  // Where the sample comes from.
  const origin = page.locator('#f-sample-origin');
  assert.equal(await origin.getByRole('link').getAttribute('href'),
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html');
  await origin.getByText('as AWS documents it').waitFor();
  // The seed routes CodeDeploy only: the alarm is not delivered, and its source's preset is offered.
  const offer = page.locator('#f-source');
  await offer.getByText("Amazon CloudWatch alarms event. The design's rules do not route its events.").waitFor();
  await page.locator('#f-source-preset').click();
  // The seed was unedited, so the preset replaces it at once.
  await app.slack.getByText('CloudWatch alarm ServerCpuTooHigh: OK → ALARM').waitFor();
  assert.deepEqual((await app.previewButtons()).sort(), ['🕘 History', '🔕 Mute actions'].sort());
  await offer.getByText('The design routes its events.').waitFor();
  assert.equal(await page.locator('#f-source-preset').count(), 0, 'no offer once the design routes the source');
  // The alarm back to OK: Unmute instead of Mute.
  await app.pickSample('Alarm ALARM → OK (metric)');
  await app.slack.getByText('CloudWatch alarm ServerCpuTooHigh: ALARM → OK').waitFor();
  assert.deepEqual((await app.previewButtons()).sort(), ['🕘 History', '🔔 Unmute'].sort());
  await page.locator('#f-sample-origin').getByText('changed: AWS').waitFor();
  // The Deploy tab shows the alarm's setting, and not CodeDeploy's.
  await app.tab('Deploy').click();
  assert.equal(await page.getByLabel('CloudWatch alarm', { exact: true }).inputValue(), 'ServerCpuTooHigh');
  assert.equal(await page.getByLabel('CodeDeploy application', { exact: true }).count(), 0);
  const d = await designJson(app);
  assert.equal(d.preset, 'cloudwatch-alarm');
  assert.equal(d.deployment.sourceSettings.alarmName, 'ServerCpuTooHigh');
  await app.close();
});

test('a pasted GuardDuty event is recognised and its preset offered', async () => {
  const app = await open();
  const page = app.page;
  await page.locator('#f-sample').selectOption('custom');
  await page.locator('#f-event').fill(sample('guardduty-finding-high'));
  const offer = page.locator('#f-source');
  await offer.getByText("Amazon GuardDuty event. The design's rules do not route its events.").waitFor();
  await offer.getByText('What its events carry').click();
  await offer.getByText('detail.service.detectorId').waitFor();
  assert.equal(await offer.getByRole('link', { name: "AWS's page" }).getAttribute('href'),
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html');
  await page.locator('#f-source-preset').getByText('GuardDuty: high-severity findings').waitFor();
  // An edited design is not replaced unasked: the choice comes first.
  await app.tab('Notification').click();
  await page.locator('#f-title').fill('Edited');
  await page.locator('#f-source-preset').click();
  await page.getByRole('group', { name: 'Start from a preset' }).getByRole('button', { name: /^Replace/ }).click();
  await app.slack.getByText('GuardDuty Recon:IAMUser/MaliciousIPCaller.Custom (severity 8)').waitFor();
  assert.deepEqual((await app.previewButtons()).sort(), ['🔍 Finding', '🗄 Archive'].sort());
  // The pasted event stays the event.
  assert.equal(await page.locator('#f-sample').inputValue(), 'custom');
  await app.close();
});
