// End-to-end tests of the release build in headless Chromium, by role and accessible name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

// Screenshots go to target/screenshots/, so a test run leaves the tree as it found it;
// UPDATE_SCREENSHOTS=1 writes them into docs/ instead, to refresh the README's pictures.
const DOCS = process.env.UPDATE_SCREENSHOTS === '1'
  ? new URL('../../docs/', import.meta.url).pathname
  : new URL('../../target/screenshots/', import.meta.url).pathname;
mkdirSync(DOCS, { recursive: true });
let server;

/** Opens the app served by this suite. */
const open = (opts = {}) => App.open(server.url, opts);

before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

test('the app shell loads, is styled and logs no errors', async () => {
  const app = await open();
  await app.slack.waitFor();
  const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(244, 245, 247)');
  await app.page.screenshot({ path: DOCS + 'screenshot.png' });
  await app.close();
});

test('typing in Title updates the preview', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('Hello from e2e :rocket:');
  await app.slack.getByText('Hello from e2e 🚀').waitFor({ timeout: 5000 });
  await app.close();
});

test('the seed shows three buttons for READY and nothing for SUCCESS', async () => {
  const app = await open();
  assert.deepEqual((await app.previewButtons()).sort(), ['🔁 Switch task sets', '🔙 Rollback', '🧹 Terminate old task set'].sort());
  await app.slack.getByText('one possible order').waitFor();
  await app.pickSample('Deployment SUCCESS');
  await app.slack.getByText('Not delivered').waitFor();
  await app.slack.getByText('detail.state').waitFor();
  assert.deepEqual(await app.previewButtons(), []);
  await app.close();
});

test('clicking a preview button shows the exact command', async () => {
  const app = await open();
  await app.slack.getByRole('button', { name: '🔁 Switch task sets' }).click();
  const cmd = 'codedeploy continue-deployment --deployment-id d-7QX2K9LMN --region us-east-1 --deployment-wait-type READY_WAIT';
  await app.slack.getByText(cmd, { exact: true }).waitFor();
  await app.slack.getByRole('cell', { name: 'd-7QX2K9LMN' }).waitFor();
  await app.close();
});

test('button text and command edits reach the preview', async () => {
  const app = await open();
  await app.tab('Buttons').click();
  const first = app.page.getByRole('article').first();
  await first.getByLabel('Button text').fill('✅ Ship it');
  await first.getByLabel('Command', { exact: true }).fill('codedeploy get-deployment --deployment-id $DeploymentId');
  await app.slack.getByRole('button', { name: '✅ Ship it' }).click();
  await app.slack.getByText('codedeploy get-deployment --deployment-id d-7QX2K9LMN', { exact: true }).waitFor();
  await first.getByLabel('Button text').fill('x'.repeat(51));
  await first.getByText('51/50').waitFor();
  await first.getByText('it needs 1 to 50').waitFor();
  await app.close();
});

test('a broken pattern shows its error and the app keeps working', async () => {
  const app = await open();
  await app.tab('Rule').click();
  const pattern = app.page.getByLabel('Event pattern');
  await pattern.fill('{"source": ["aws.codedeploy"], "detail": {"state": "READY"}}');
  await app.page.getByText('a match value must be an array, e.g. ["READY"]').first().waitFor();
  await app.slack.getByText('Not delivered').waitFor();
  await pattern.fill('{"source": ["aws.codedeploy"],');
  await app.page.getByText(/not valid JSON at line 1, column \d+/).waitFor();
  assert.equal(await pattern.inputValue(), '{"source": ["aws.codedeploy"],', 'typed text is kept');
  await pattern.fill('{"source": ["aws.codedeploy"]}');
  await app.tab('Notification').click();
  await app.page.getByLabel('Title', { exact: true }).fill('Still working');
  await app.slack.getByText('Still working').waitFor();
  await app.close();
});

test('hostile text is shown as text, never as HTML', async () => {
  const app = await open();
  await app.page.getByLabel('Description', { exact: true }).fill('<img src=x onerror="window.pwned=1"> <javascript:alert(1)|click> *ok*');
  await app.slack.getByText('<img src=x onerror="window.pwned=1">', { exact: false }).waitFor();
  assert.equal(await app.slack.locator('img[src="x"]').count(), 0);
  assert.equal(await app.slack.locator('a[href^="javascript"]').count(), 0);
  assert.equal(await app.page.evaluate(() => window.pwned), undefined);
  await app.close();
});

test('undefined placeholders are flagged at once', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('Deployment <nope>');
  await app.page.getByText('<nope> is not an input path or reserved variable').first().waitFor();
  await app.close();
});

test('undo and redo, with buttons and keyboard', async () => {
  const app = await open();
  const title = app.page.getByLabel('Title', { exact: true });
  const before = await title.inputValue();
  await title.fill('Changed once');
  await app.page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await title.inputValue(), before);
  await app.page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await title.inputValue(), 'Changed once');
  await app.page.keyboard.press('Control+z');
  assert.equal(await title.inputValue(), before);
  await app.page.keyboard.press('Control+Shift+z');
  assert.equal(await title.inputValue(), 'Changed once');
  await app.close();
});

test('Teams approximation, mobile width and dark theme screenshots', async () => {
  const app = await open({ colorScheme: 'dark' });
  const bg = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(21, 23, 26)', 'dark theme follows the system setting');
  await app.page.screenshot({ path: DOCS + 'screenshot-dark.png' });
  await app.page.getByRole('tab', { name: 'Microsoft Teams' }).click();
  await app.page.getByRole('region', { name: 'Microsoft Teams preview' }).getByText('its own markdown').waitFor();
  await app.close();
  const mobile = await open({ width: 390, height: 844 });
  await mobile.page.getByRole('button', { name: 'Mobile' }).click();
  await mobile.slack.scrollIntoViewIfNeeded();
  await mobile.page.screenshot({ path: DOCS + 'screenshot-mobile.png', fullPage: false });
  await mobile.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no accessibility violations (${colorScheme})`, async () => {
    const app = await open({ colorScheme });
    const check = async (where) => {
      const results = await new AxeBuilder({ page: app.page }).analyze();
      const summary = results.violations.map((v) => `${where} ${v.id}: ${v.nodes.length} × ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, []);
    };
    await check('designer');
    // The JSON editors, one of them with an error marked.
    await app.tab('Rule').click();
    await app.page.locator('#f-pattern').fill('{\n  "source": ["aws.codedeploy"]\n  "detail-type": ["x"]\n}');
    await app.page.locator('#f-pattern-error').waitFor();
    await check('rule, pattern in error');
    await app.tab('Design JSON').click();
    await check('design JSON');
    await app.tab('Export').click();
    await app.page.getByLabel('Exported file main.tf').waitFor();
    await check('export');
    await app.close();
  });
}

test('the batch table runs every sample event through the design', async () => {
  const app = await open();
  await app.page.getByText('Every sample event through this design').click();
  const ready = app.page.getByRole('row').filter({ hasText: 'Deployment READY (blue/green)' });
  await ready.getByText('🔁 Switch task sets').waitFor();
  const success = app.page.getByRole('row').filter({ hasText: 'Deployment SUCCESS' }).first();
  await success.getByText('no (no match)').waitFor();
  await app.close();
});

test('copy link opens the same design and preview in a fresh browser', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('Shared :rocket: title');
  await app.page.getByRole('button', { name: /^Copy link/ }).click();
  await app.page.getByText('Link copied').waitFor();
  const url = await app.page.evaluate(() => navigator.clipboard.readText());
  assert.match(url, /#3\.[A-Za-z0-9_-]+$/);
  assert.ok(url.length < 600, `link is ${url.length} characters`);
  await app.close();
  const other = await open({ hash: '#' + url.split('#')[1] });
  assert.equal(await other.page.getByLabel('Title', { exact: true }).inputValue(), 'Shared :rocket: title');
  await other.slack.getByText('Shared 🚀 title').waitFor();
  assert.equal((await other.previewButtons()).length, 3);
  await other.close();
});

test('reload keeps work, and a corrupted link shows a message and keeps the saved design', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('My unsaved work');
  await app.page.waitForTimeout(700);
  await app.reload();
  await app.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor();
  assert.equal(await app.page.getByLabel('Title', { exact: true }).inputValue(), 'My unsaved work');
  await app.visit(server.url + '#1.q1YqULJSSsopTdVNL0pNzVPSUUpRsqqurQ');
  await app.reload();
  await app.page.getByRole('alert').getByText('This link could not be opened: the link is damaged').waitFor();
  const said = await app.page.getByRole('alert').getByText('This link could not be opened').textContent();
  assert.match(said, /copied\? Your design is unchanged\./, said);
  assert.equal(await app.page.getByLabel('Title', { exact: true }).inputValue(), 'My unsaved work');
  await app.visit(server.url + '#9.abc');
  await app.reload();
  await app.page.getByRole('alert').getByText('version "9"').waitFor();
  await app.close();
});

test('import: paste a notification, choose a design file; nothing changes before Replace', async () => {
  const app = await open();
  await app.tab('Design JSON').click();
  const n = { version: '1.0', source: 'custom', content: { title: 'Imported :tada:', description: 'from a paste' }, metadata: { enableCustomActions: true } };
  await app.page.getByLabel('Paste to import').fill(JSON.stringify(n));
  await app.page.getByText('Recognised pasted text as a custom notification').waitFor();
  await app.slack.getByText('Deployment is now ready for validation').waitFor();
  await app.page.getByRole('button', { name: 'Replace the design with this import' }).click();
  await app.slack.getByText('Imported 🎉').waitFor();
  await app.page.getByLabel('Paste to import').fill('{"hello": 1}');
  await app.page.getByRole('alert').getByText('not recognised').waitFor();
  const design = JSON.parse(await app.page.getByRole('textbox', { name: 'Design JSON' }).inputValue());
  design.rules[0].notification.title = 'From a file';
  await app.page.getByLabel('Choose files').setInputFiles({ name: 'team.chatops.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(design)) });
  await app.page.getByText('Recognised team.chatops.json as a design file').waitFor();
  await app.page.getByRole('button', { name: 'Replace the design with this import' }).click();
  await app.slack.getByText('From a file').waitFor();
  await app.page.getByRole('button', { name: 'Undo' }).click();
  await app.slack.getByText('Imported 🎉').waitFor();
  await app.close();
});

test('drafts: a differing shared link opens as a new draft; create, rename, switch, delete', async () => {
  const app = await open();
  const title = app.page.getByLabel('Title', { exact: true });
  await title.fill('Local work');
  await app.page.waitForTimeout(700);
  const other = await open();
  await other.page.getByLabel('Title', { exact: true }).fill('Teammate design');
  await other.page.getByRole('button', { name: /^Copy link/ }).click();
  const url = await other.page.evaluate(() => navigator.clipboard.readText());
  await other.close();
  // Pasted into the open tab: it opens there (a hashchange), as a new draft.
  await app.visit(url);
  await app.page.getByRole('status').getByText('Opened the shared design as a new draft, "Shared design"').waitFor();
  assert.equal(await title.inputValue(), 'Teammate design');
  const draft = app.page.getByLabel('Draft', { exact: true });
  await draft.selectOption({ label: 'Draft 1' });
  assert.equal(await title.inputValue(), 'Local work');
  await app.page.getByRole('button', { name: 'Rename' }).click();
  await app.page.getByLabel('Draft name').fill('Payments');
  await app.page.getByLabel('Draft name').press('Enter');
  assert.deepEqual(await draft.locator('option').allTextContents(), ['Payments', 'Shared design']);
  await app.page.getByRole('button', { name: 'New draft' }).click();
  assert.equal(await title.inputValue(), ':large_blue_circle::large_green_circle: Deployment is now ready for validation');
  await app.page.getByRole('button', { name: 'Delete' }).click();
  await app.page.getByRole('button', { name: 'Confirm delete' }).click();
  assert.deepEqual(await draft.locator('option').allTextContents(), ['Payments', 'Shared design']);
  await app.page.waitForTimeout(500);
  await app.visit(server.url);
  await app.reload();
  assert.deepEqual(await draft.locator('option').allTextContents(), ['Payments', 'Shared design'], 'drafts survive a reload');
  await app.close();
});

test('a review link opens with the editors folded; one click switches to editing', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('For review');
  await app.page.getByRole('button', { name: 'Copy review link' }).click();
  const url = await app.page.evaluate(() => navigator.clipboard.readText());
  assert.match(url, /#review:3\./);
  await app.close();
  const reviewer = await open({ hash: '#' + url.split('#')[1] });
  await reviewer.page.getByText('Review mode').waitFor();
  await reviewer.slack.getByText('For review').waitFor();
  assert.equal(await reviewer.page.getByLabel('Title', { exact: true }).isVisible(), false);
  // One banner, and nothing stored until the reviewer chooses to edit.
  assert.equal(await reviewer.page.locator('.notice').count(), 1);
  const drafts = () => reviewer.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('chatops-designer.drafts.v2.draft.')).length);
  await reviewer.page.waitForTimeout(700);
  assert.equal(await drafts(), 1, 'only the reviewer\'s own first draft');
  assert.match(new URL(reviewer.page.url()).hash, /^#review:/);
  await reviewer.page.getByRole('button', { name: 'Edit this design' }).click();
  assert.equal(await reviewer.page.getByLabel('Title', { exact: true }).inputValue(), 'For review');
  assert.equal(new URL(reviewer.page.url()).hash, '');
  assert.equal(await drafts(), 2);
  assert.deepEqual(await reviewer.page.getByLabel('Draft', { exact: true }).locator('option:checked').allTextContents(), ['Shared design']);
  await reviewer.reload();
  assert.equal(await reviewer.page.getByLabel('Title', { exact: true }).inputValue(), 'For review');
  await reviewer.close();
});

test('import recognises custom action JSON and CloudFormation YAML', async () => {
  const app = await open();
  await app.tab('Design JSON').click();
  const paste = app.page.getByLabel('Paste to import');
  const get = { CustomAction: { CustomActionArn: 'arn:aws:chatbot::123456789012:custom-action/Approve', Definition: { CommandText: 'codedeploy get-deployment --deployment-id $DeploymentId' },
    Attachments: [{ NotificationType: 'Custom', ButtonText: '✅ Approve', Variables: { DeploymentId: 'event.metadata.additionalContext.DeploymentId' } }] } };
  await paste.fill(JSON.stringify(get));
  await app.page.getByText('as a custom action JSON: 4 button(s)').waitFor();
  await app.page.getByRole('button', { name: 'Add 1 button to this design' }).click();
  await app.slack.getByRole('button', { name: '✅ Approve' }).waitFor();
  const yaml = [
    'Resources:',
    '  Rule:',
    '    Type: AWS::Events::Rule',
    '    Properties:',
    '      Name: yaml-rule',
    '      EventPattern: {source: [aws.codedeploy], detail: {state: [READY]}}',
    '      Targets:',
    '        - Id: sns',
    '          Arn: !Ref Topic',
  ].join('\n');
  await paste.fill(yaml);
  await app.page.getByText('as a CloudFormation template: 4 button(s), rule yaml-rule').waitFor();
  await app.close();
});

test('export: the formats of the design, highlighted, copied and downloaded as shown', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('Export <img src=x onerror=alert(1)> ${x}');
  await app.tab('Export').click();
  const code = app.page.getByLabel('Exported file main.tf');
  await code.getByText('action_name = "SwitchTasks"').waitFor();
  const tf = await code.textContent();
  assert.ok(tf.includes('"DeploymentId": "<deploymentId>"'), 'placeholders stay literal');
  assert.ok(tf.includes('Export <img src=x onerror=alert(1)> $${x}'), 'hostile title is HCL-escaped text');
  assert.equal(await app.page.locator('pre.code img').count(), 0, 'nothing was injected as HTML');
  assert.ok(await code.locator('.tok-key').count() > 10, 'highlighted');
  // Copy puts exactly the shown file on the clipboard.
  await app.page.getByRole('button', { name: 'Copy', exact: true }).click();
  await app.page.getByText('main.tf copied').waitFor();
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), tf);
  // The module downloads as a ZIP.
  const [zip] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download all (.zip)' }).click()]);
  assert.equal(zip.suggestedFilename(), 'chatops-terraform.zip');
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(await zip.path()).subarray(0, 2).toString(), 'PK');
  // Other formats and files.
  await app.page.getByRole('tab', { name: 'CloudFormation YAML' }).click();
  await app.page.getByLabel('Exported file template.yaml').getByText('Type: AWS::Chatbot::CustomAction').first().waitFor();
  await app.page.getByRole('tab', { name: 'CloudFormation JSON' }).click();
  const json = await app.page.getByLabel('Exported file template.json').textContent();
  assert.ok(JSON.parse(json).Resources.SwitchTasksAction, 'the JSON template parses and has the action');
  await app.page.getByRole('tab', { name: 'AWS CLI' }).click();
  await app.page.getByLabel('Exported file deploy.sh').getByText('set -euo pipefail').waitFor();
  await app.page.getByRole('button', { name: 'send-test-notification.sh' }).click();
  const send = app.page.getByLabel('Exported file send-test-notification.sh');
  await send.getByText('aws sns publish').waitFor();
  const [dl] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download file' }).click()]);
  assert.equal(dl.suggestedFilename(), 'send-test-notification.sh');
  assert.equal(readFileSync(await dl.path(), 'utf8'), await send.textContent());
  await app.close();
});

test('export: CDK apps in TypeScript and Python, their files in folders, downloaded as one ZIP', async () => {
  const app = await open();
  await app.page.getByLabel('Title', { exact: true }).fill('CDK `tick` ${x} "q"');
  await app.tab('Export').click();
  await app.page.getByRole('tab', { name: 'CDK TypeScript' }).click();
  for (const name of ['README.md', 'package.json', 'tsconfig.json', 'cdk.json', 'bin/app.ts']) {
    await app.page.getByRole('button', { name, exact: true }).waitFor();
  }
  const stackName = 'lib/blue-green-deployment-ready-for-validation-stack.ts';
  await app.page.getByRole('button', { name: stackName }).click();
  const stack = app.page.getByLabel(`Exported file ${stackName}`);
  await stack.getByText('new events.CfnRule(this, "DeploymentRule"').waitFor();
  const ts = await stack.textContent();
  assert.ok(ts.includes('CDK `tick` ${!x} \\\\\\"q\\\\\\"'), 'the title is in a double-quoted literal, Fn::Sub-escaped');
  assert.ok(await stack.locator('.tok-string').count() > 10, 'highlighted');
  const [zip] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download all (.zip)' }).click()]);
  assert.equal(zip.suggestedFilename(), 'chatops-cdk-typescript.zip');
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(await zip.path());
  assert.ok(bytes.includes('bin/app.ts') && bytes.includes(stackName), 'the ZIP keeps the folders');
  const [one] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Download file' }).click()]);
  assert.equal(one.suggestedFilename(), 'blue-green-deployment-ready-for-validation-stack.ts');
  await app.page.getByRole('tab', { name: 'CDK Python' }).click();
  await app.page.getByRole('button', { name: 'app.py', exact: true }).click();
  await app.page.getByLabel('Exported file app.py').getByText('app.synth()').waitFor();
  await app.close();
});

test('export options and errors: scope narrows the code, an invalid design is flagged', async () => {
  const app = await open();
  await app.tab('Export').click();
  await app.page.getByLabel('Scope').selectOption({ label: 'Custom actions only' });
  const code = app.page.getByLabel('Exported file main.tf');
  await code.getByText('awscc_chatbot_custom_action').first().waitFor();
  assert.ok(!(await code.textContent()).includes('aws_sns_topic'), 'no topic in the actions-only scope');
  // Options that change nothing in this scope are disabled.
  assert.ok(await app.page.getByLabel('Guardrail policy').isDisabled(), 'no guardrail without a channel');
  assert.ok(await app.page.getByLabel('Topic encryption').isDisabled(), 'no topic key without a topic');
  assert.ok(await app.page.getByLabel('Attach buttons').isEnabled());
  await app.page.getByLabel('Attach buttons').selectOption({ label: 'To an existing channel configuration' });
  await code.getByText('associate-to-configuration').first().waitFor();
  await app.page.getByRole('list', { name: 'Notes on this export' }).getByText('terraform_data provisioner').waitFor();
  const results = await new AxeBuilder({ page: app.page }).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
  await app.tab('Buttons').click();
  await app.page.getByRole('article').first().getByLabel('Action name').fill('Bad name!');
  await app.tab('Export').click();
  await app.page.getByRole('alert').getByText(/This design has 1 error/).waitFor();
  await app.close();
});

// ---------------------------------------------------------------------------------------------
// A preview people can trust: what Amazon Q shows, what it only receives, and what backs each part.

test('next steps are a bulleted list and message details stay out of the message', async () => {
  const app = await open();
  await app.page.getByLabel('Start from preset').selectOption('status-thread');
  await app.pickSample('Deployment START');
  const steps = app.slack.getByRole('list', { name: 'Next steps' });
  if (await steps.count()) {
    assert.equal(await steps.evaluate((el) => el.tagName), 'UL');
  }
  assert.equal(await app.slack.locator('ol').count(), 0, 'no numbered list in the message');
  // Thread, summary and event type are not lines of the message.
  const text = await app.slack.textContent();
  for (const word of ['Thread', 'Summary', 'Event type', 'codedeploy-d-7QX2K9LMN']) {
    assert.ok(!text.includes(word), `${word} is not in the Slack preview`);
  }
  const details = app.page.getByRole('region', { name: 'Message details' });
  await details.getByText('Thread ID').waitFor();
  await details.getByText('codedeploy-d-7QX2K9LMN').waitFor();
  await details.getByText('Summary').waitFor();
  await details.getByText('shown on the top-level message of a thread').waitFor();
  await details.getByText('what button variables read', { exact: false }).waitFor();
  await app.close();
});

test('the blue/green seed shows next steps as bullet items', async () => {
  const app = await open();
  const steps = app.slack.getByRole('list', { name: 'Next steps' });
  await steps.waitFor();
  assert.equal(await steps.evaluate((el) => el.tagName), 'UL');
  assert.equal(await steps.getByRole('listitem').count(), 3);
  await app.close();
});

test('the Evidence toggle names the evidence of every element of the message', async () => {
  const app = await open();
  const toggle = app.page.getByRole('button', { name: 'Evidence' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  const marked = app.slack.locator('[data-evidence]');
  assert.equal(await marked.first().getAttribute('aria-description'), null, 'clean by default');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const n = await marked.count();
  assert.ok(n >= 6, `${n} elements marked`);
  for (let i = 0; i < n; i++) {
    const d = await marked.nth(i).getAttribute('aria-description');
    assert.match(d ?? '', /^(Documented by AWS|Seen in public sources|Assumed by this app): /, `element ${i}: ${d}`);
  }
  const header = await app.slack.locator('[data-evidence="header"]').getAttribute('aria-description');
  assert.match(header, /^Assumed by this app/);
  const steps = await app.slack.locator('[data-evidence="next-steps"]').getAttribute('aria-description');
  assert.match(steps, /^Seen in public sources: next steps are rendered as a bulleted list/);
  // The click flow is marked too.
  await app.slack.getByRole('button', { name: '🔁 Switch task sets' }).click();
  assert.match(await app.slack.locator('[data-evidence="click-flow"]').getAttribute('aria-description'), /^Assumed by this app/);
  // Remembered across reloads.
  await app.reload();
  await app.slack.waitFor();
  assert.equal(await app.page.getByRole('button', { name: 'Evidence' }).getAttribute('aria-pressed'), 'true');
  const results = await new AxeBuilder({ page: app.page }).analyze();
  assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help}`), []);
  await app.close();
});

test('Teams reads its own markdown and flags Slack-only syntax', async () => {
  const app = await open();
  await app.page.getByLabel('Description', { exact: true }).fill('**bold** see <https://example.com|label>');
  await app.page.getByRole('tab', { name: 'Microsoft Teams' }).click();
  const teams = app.page.getByRole('region', { name: 'Microsoft Teams preview' });
  await teams.locator('b', { hasText: 'bold' }).waitFor();
  await teams.getByText('see <https://example.com|label>').waitFor();
  const diff = teams.getByRole('list', { name: 'Renders differently in Slack and Teams' });
  await diff.getByText('is a Slack link').waitFor();
  assert.equal(await teams.locator('a[href^="https://example.com"]').count(), 0, 'the Slack link is not a link in Teams');
  await app.close();
});

test('an absent enableCustomActions is a stated assumption that can be flipped', async () => {
  const app = await open();
  await app.page.getByLabel('Custom action buttons (enableCustomActions)').selectOption('absent');
  const note = app.page.getByRole('note').filter({ hasText: 'does not send enableCustomActions' });
  await note.waitFor();
  assert.equal((await app.previewButtons()).length, 3, 'assumed true: the buttons appear');
  await note.getByRole('button', { name: 'Show as if absent meant false' }).click();
  await app.page.getByRole('note').filter({ hasText: 'these buttons would appear' }).waitFor();
  assert.deepEqual(await app.previewButtons(), []);
  await app.page.getByLabel('Custom action buttons (enableCustomActions)').selectOption('false');
  assert.deepEqual(await app.previewButtons(), []);
  await app.close();
});

test('the Channel view plays a blue/green deployment as one thread', async () => {
  const app = await open();
  await app.tab('Rule').click();
  const pattern = { source: ['aws.codedeploy'], 'detail-type': ['CodeDeploy Deployment State-change Notification'],
    detail: { state: ['START', 'READY', 'SUCCESS'], deploymentGroup: ['my-service-dg-bluegreen'] } };
  await app.page.getByLabel('Event pattern').fill(JSON.stringify(pattern, null, 2));
  await app.tab('Notification').click();
  await app.page.getByText('Metadata: thread, summary').click();
  await app.page.getByLabel('Thread ID').fill('codedeploy-<deploymentId>');
  await app.page.getByRole('tab', { name: 'Channel', exact: true }).click();
  const channel = app.page.getByRole('region', { name: 'Channel' });
  await channel.getByText('3 events, 3 messages posted.').waitFor();
  // The Events list shows the sequence it plays, and only the labels of its options.
  const events = channel.getByLabel('Events');
  assert.equal(await events.inputValue(), '0');
  const options = await events.locator('option').allTextContents();
  assert.ok(options.every((o) => !/[=<>]|SEQUENCES/.test(o)), JSON.stringify(options));
  assert.equal(options.at(-1), 'Your own order…');
  const feed = channel.getByRole('list', { name: 'Channel messages' });
  assert.equal(await feed.locator(':scope > li').count(), 1, 'one thread');
  const replies = channel.getByRole('list', { name: 'Thread replies' });
  assert.equal(await replies.getByRole('article').count(), 2, 'two replies beneath the first message');
  // Without threaded updates, three messages of their own.
  await channel.getByLabel(/Threaded updates/).uncheck();
  assert.equal(await feed.locator(':scope > li').count(), 3);
  // A failed deployment: events the rule does not match are muted lines.
  await channel.getByLabel('Events').selectOption({ index: 1 });
  await channel.getByText('nothing posted').first().waitFor();
  await app.close();
});

test('a heavy design within the limits keeps the page responsive, opened from a link and while typing', async () => {
  const first = await open();
  // 450 placeholders in the description: the most work a design within the documented limits asks.
  const heavy = Array.from({ length: 450 }, (_, i) => `<deploymentId>${i % 10}`).join(' ');
  await first.page.getByLabel('Description', { exact: true }).fill(heavy);
  await first.slack.getByText('d-7QX2K9LMN0').first().waitFor();
  await first.page.getByRole('button', { name: /^Copy link/ }).click();
  await first.page.getByText('Link copied').waitFor();
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  await first.close();
  // Long tasks are recorded from the first script on.
  const app = await open({
    hash: link.slice(link.indexOf('#')),
    init: () => {
      globalThis.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    },
  });
  await app.slack.getByText('d-7QX2K9LMN0').first().waitFor();
  // Opening includes the app's own start-up (150–300 ms on this machine class for the seed alone),
  // held to the robustness suite's bound; typing is held to 200 ms.
  const opening = await app.page.evaluate(() => globalThis.__longTasks.splice(0));
  assert.ok(Math.max(0, ...opening) < 500, `opening: longest task ${Math.max(0, ...opening)} ms`);
  const title = app.page.getByLabel('Title', { exact: true });
  await title.click();
  await title.press('End');
  await app.page.keyboard.type(' typed while heavy', { delay: 20 });
  await app.slack.getByText('typed while heavy').waitFor();
  const tasks = await app.page.evaluate(() => globalThis.__longTasks);
  const worst = Math.max(0, ...tasks);
  assert.ok(worst < 200, `typing: longest task ${worst} ms (${tasks.length} long tasks)`);
  await app.close();
});

test('text far over a field\'s limit from a link is not laid out: the field says so and offers to cut it', async () => {
  const big = 'A'.repeat(400000);
  const hash = '#2.' + deflateRawSync(Buffer.from(JSON.stringify({ p: 'blue-green', d: { notification: { description: big } } }))).toString('base64url');
  const app = await open({
    hash,
    init: () => {
      globalThis.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    },
  });
  const cut = app.page.getByRole('button', { name: 'Keep the first 8000 characters' });
  await cut.waitFor();
  await app.page.getByText('This text has 400000 characters, too many to edit here').waitFor();
  const worst = Math.max(0, ...(await app.page.evaluate(() => globalThis.__longTasks)));
  assert.ok(worst < 1000, `longest task ${worst} ms`);
  // Nothing is cut until asked; then the field is back, holding the first 8,000 characters.
  await cut.click();
  const field = app.page.getByLabel('Description', { exact: true });
  await field.waitFor();
  assert.equal((await field.inputValue()).length, 8000);
  await app.close();
});

test('Undo and Redo keep the focus when they run out of steps', async () => {
  const app = await open();
  const title = app.page.getByLabel('Title', { exact: true });
  await title.fill('One edit');
  const undo = app.page.getByRole('button', { name: 'Undo', exact: true });
  await undo.focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.querySelector('#f-title').value !== 'One edit');
  assert.equal(await undo.getAttribute('aria-disabled'), 'true');
  assert.equal(await app.page.evaluate(() => document.activeElement?.textContent), 'Undo');
  // Pressed again with nothing left to undo, it does nothing.
  const before = await title.inputValue();
  await app.page.keyboard.press('Enter');
  assert.equal(await title.inputValue(), before);
  const redo = app.page.getByRole('button', { name: 'Redo', exact: true });
  await redo.focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.querySelector('#f-title').value === 'One edit');
  assert.equal(await app.page.evaluate(() => document.activeElement?.textContent), 'Redo');
  await app.close();
});
