// End-to-end: importing Terraform as teams write it. Two files of one module, one variable with no
// default in the rule's pattern: the import shows the variable in a form, the value typed there
// goes into the pattern (as the setting it stands for), and the rule, its notification and its
// button arrive in the preview; files whose values are all unknown are refused with the reason,
// never a blank design offered as an import. Release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { App, closeAll } from './browser.mjs';
import { serve } from './serve.mjs';

let server;
before(async () => { server = await serve(new URL('../../dist', import.meta.url).pathname); });
after(async () => { await closeAll(); await server?.close(); });

const open = (opts = {}) => App.open(server.url, opts);

const variablesTf = `variable "deployment_group_name" {
  type        = string
  description = "The blue/green deployment group"
}
variable "enabled" {
  type    = bool
  default = true
}
`;

const mainTf = `locals {
  ready = jsonencode({
    version = "1.0"
    source  = "custom"
    content = {
      textType    = "client-markdown"
      title       = "Deployment <id> is ready"
      description = "Validate it, then continue."
    }
    metadata = { enableCustomActions = true }
  })
}
resource "aws_cloudwatch_event_rule" "ready" {
  count = var.enabled ? 1 : 0
  name  = "team-bg-ready"
  event_pattern = jsonencode({
    source      = ["aws.codedeploy"]
    detail-type = ["CodeDeploy Deployment State-change Notification"]
    detail = {
      state           = ["READY"]
      deploymentGroup = [var.deployment_group_name]
    }
  })
}
resource "aws_cloudwatch_event_target" "ready" {
  count = length(aws_cloudwatch_event_rule.ready)
  rule  = aws_cloudwatch_event_rule.ready[count.index].name
  arn   = "arn:aws:sns:us-east-1:123456789012:chatops"
  input_transformer {
    input_paths    = { id = "$.detail.deploymentId" }
    input_template = replace(replace(local.ready, "\\\\u003c", "<"), "\\\\u003e", ">")
  }
}
resource "awscc_chatbot_custom_action" "approve" {
  action_name = "ApproveGreen"
  definition  = { command_text = "codedeploy get-deployment --deployment-id d-1" }
  attachments = [{ button_text = "Looks good", notification_type = "Custom" }]
}
`;

test('a two-file module with an unset variable: fill it in the form, see the pattern and the button', async () => {
  const app = await open();
  const page = app.page;
  await app.tab('Design JSON').click();
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'variables.tf', mimeType: 'text/plain', buffer: Buffer.from(variablesTf) },
    { name: 'main.tf', mimeType: 'text/plain', buffer: Buffer.from(mainTf) },
  ]);
  await page.getByText('Recognised variables.tf, main.tf as Terraform').waitFor();
  // The variable is asked for where the import is, and said where it is needed.
  const form = page.getByRole('form', { name: 'Terraform variables' });
  await form.getByText('1 variable has no default and no value').waitFor();
  const field = form.getByLabel(/^deployment_group_name \(required\)/);
  assert.equal(await field.inputValue(), '');
  assert.equal(await form.getByLabel(/^enabled/).inputValue(), 'true', 'prefilled from its default');
  await page.getByText(/written \{\{deploymentGroup\}\} until it is set/).waitFor();
  // Typed and submitted with Enter: the same files are read again with the value.
  await field.fill('my-service-dg-bluegreen');
  await field.press('Enter');
  await form.getByText('The files\' variables, with the values this import used').waitFor();
  await page.getByText(/From the files: rule team-bg-ready \(name, pattern, input paths, notification\); 1 button\(s\): ApproveGreen/).waitFor();
  await page.getByRole('button', { name: 'Replace the design with this import' }).click();
  const d = JSON.parse(await page.locator('#f-json').inputValue());
  assert.deepEqual(d.rules.map((r) => r.name), ['team-bg-ready']);
  assert.deepEqual(d.rules[0].eventPattern.detail.deploymentGroup, ['my-service-dg-bluegreen']);
  assert.equal(d.deployment.deploymentGroup, 'my-service-dg-bluegreen', 'the variable is the setting the exports write');
  assert.deepEqual(d.actions.map((a) => a.name), ['ApproveGreen']);
  // The READY sample matches: the notification and its button are in the preview.
  await app.slack.getByText(/Deployment .* is ready/).waitFor();
  await app.slack.getByRole('button', { name: 'Looks good' }).waitFor();
  await app.close();
});

test('files whose every value is unknown are refused with the reason and the variables to set', async () => {
  const app = await open();
  const page = app.page;
  await app.tab('Design JSON').click();
  await page.getByLabel('Paste to import').fill('variable "topic" {}\nresource "aws_sns_topic" "t" {\n  name = var.topic\n}\n');
  const alert = page.getByRole('alert');
  await alert.getByText('nothing from these files reached the design').waitFor();
  await alert.getByText(/`var.topic` has no default/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Replace the design with this import' }).count(), 0);
  const form = page.getByRole('form', { name: 'Terraform variables' });
  await form.getByLabel(/^topic \(required\)/).fill('alerts');
  await form.getByRole('button', { name: 'Import with these values' }).click();
  await page.getByText(/settings: SNS topic/).waitFor();
  await app.close();
});

test('a folder chosen whole brings the local module it calls; its variable is asked for', async () => {
  const app = await open();
  const page = app.page;
  await app.tab('Design JSON').click();
  const folder = new URL('../it/fixtures/import/module', import.meta.url).pathname;
  await page.getByLabel('choose a folder').setInputFiles(folder);
  await page.getByText(/Recognised module\/main\.tf, module\/modules\/chatops\/main\.tf as Terraform/).waitFor();
  // The registry module is named, with what it is given.
  await page.getByText(/module `notify` comes from "terraform-aws-modules\/notify-slack\/aws"/).waitFor();
  const form = page.getByRole('form', { name: 'Terraform variables' });
  await form.getByLabel(/^env \(required\)/).fill('prod');
  await form.getByRole('button', { name: 'Import with these values' }).click();
  await page.getByText(/From the files: rule svc-prod-api-failed .*rule svc-prod-web-failed/).waitFor();
  await page.getByRole('button', { name: 'Replace the design with this import' }).click();
  const d = JSON.parse(await page.locator('#f-json').inputValue());
  assert.deepEqual(d.rules.map((r) => r.name), ['svc-prod-api-failed', 'svc-prod-web-failed']);
  assert.deepEqual(d.rules[1].eventPattern.detail.pipeline, ['web-pipeline']);
  assert.equal(d.deployment.channelConfigurationName, 'svc-prod-chat');
  await app.close();
});
