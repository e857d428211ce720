// Long lists in the browser: for a design opened from a link with thousands of items in one
// list, the longest task while it opens and the keystroke latency in Title (input event to the
// next frame), beside the seed in the same run. Prints a table; asserts nothing (`make bench-lists`).
import { App, closeAll } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/serve.mjs';
import { deflateRawSync } from 'node:zlib';

const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
const server = await serve(dist);
const many = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const variables = Object.fromEntries(many(5000, (i) => [`V${i}`, `event.metadata.additionalContext.K${i}`]));
const CASES = {
  'seed': {},
  '20,000 keywords': { notification: { keywords: many(20000, () => 'a') } },
  '5,000 next steps': { notification: { nextSteps: many(5000, (i) => `step ${i}`) } },
  '5,000 related resources': { notification: { relatedResources: many(5000, (i) => `arn:r${i}`) } },
  '5,000 context keys': { notification: { additionalContext: Object.fromEntries(many(5000, (i) => [`K${i}`, `v${i}`])) } },
  '5,000 input paths': { rule: { inputPaths: Object.fromEntries(many(5000, (i) => [`p${i}`, `$.detail.x${i}`])) } },
  '5,000 parameters': { deployment: { parameters: Object.fromEntries(many(5000, (i) => [`param${i}`, `v${i}`])) } },
  '5,000 variables and criteria': { actions: [{ name: 'Big', buttonText: 'Big', variables, criteria: many(5000, (i) => ({ variable: `V${i}`, operator: 'HAS_VALUE' })), command: 'codedeploy get-deployment --deployment-id $V1' }] },
  '1,000 buttons': { actions: many(1000, (i) => ({ name: `A${i}`, buttonText: `B${i}`, command: 'codedeploy get-deployment --deployment-id $DeploymentId', variables: { DeploymentId: 'event.metadata.additionalContext.DeploymentId' }, criteria: [] })) },
};
const observe = () => {
  globalThis.__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__lt.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
};
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| design (from a link) | longest task opening, ms | keystroke median, ms | keystroke max, ms |');
console.log('|---|---:|---:|---:|');
for (const [name, d] of Object.entries(CASES)) {
  const hash = '#2.' + deflateRawSync(Buffer.from(JSON.stringify({ p: 'blue-green', d }))).toString('base64url');
  const app = await App.open(server.url, { hash, init: observe });
  const opening = Math.max(0, ...(await app.page.evaluate(() => globalThis.__lt.splice(0))));
  const title = app.page.locator('#f-title');
  await title.click();
  await title.press('End');
  await app.page.evaluate(() => {
    globalThis.__lat = [];
    document.addEventListener('input', () => {
      const t = performance.now();
      requestAnimationFrame(() => setTimeout(() => globalThis.__lat.push(performance.now() - t)));
    }, true);
  });
  await app.page.keyboard.type('abcdefghijk', { delay: 80 });
  await app.page.waitForTimeout(800);
  const lat = await app.page.evaluate(() => globalThis.__lat);
  console.log(`| ${name} | ${opening} | ${median(lat).toFixed(1)} | ${Math.max(...lat).toFixed(1)} |`);
  await app.ctx.close();
}
await closeAll();
await server.close();
