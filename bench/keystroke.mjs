// Keystroke → preview latency on the seed design: in-page performance.now() from the input event to
// the Slack preview's DOM update, over 200 keystrokes in the Title field. Prints p50/p95 in ms.
// Usage: node bench/keystroke.mjs [dist-dir] [keystrokes]   (run from the repository root)
import { launch } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/serve.mjs';

const dist = process.argv[2] ?? 'dist';
const n = Number(process.argv[3] ?? 200);
const server = await serve(dist);
const ctx = await launch();
const page = ctx.pages()[0] ?? await ctx.newPage();
await page.goto(server.url);
await page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor({ timeout: 20000 });
await page.evaluate(() => {
  window.__lat = [];
  const region = document.querySelector('[aria-label="Slack preview"]');
  let t0 = null;
  document.addEventListener('input', () => { t0 = performance.now(); }, true);
  new MutationObserver(() => {
    if (t0 !== null) { window.__lat.push(performance.now() - t0); t0 = null; }
  }).observe(region, { subtree: true, childList: true, characterData: true });
});
const title = page.getByLabel('Title', { exact: true });
await title.click();
await page.keyboard.press('End');
const text = 'abcdefghijklmnopqrstuvwxyz ';
for (let i = 0; i < n; i++) {
  await page.keyboard.type(text[i % text.length]);
  await page.waitForFunction((k) => window.__lat.length >= k, i + 1, { timeout: 5000 }).catch(() => {});
}
const lat = (await page.evaluate(() => window.__lat)).sort((a, b) => a - b);
const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
console.log(JSON.stringify({ keystrokes: n, measured: lat.length, p50_ms: +q(0.5).toFixed(2), p95_ms: +q(0.95).toFixed(2), max_ms: +lat[lat.length - 1].toFixed(2) }));
await ctx.close();
await server.close();
