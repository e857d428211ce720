// Launches Debian's Chromium through playwright-core with the flags this machine needs as root,
// and the page object every e2e test drives the app through.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const OPEN = new Set();

/** A fresh persistent context (own profile dir) with the given viewport and color scheme. */
export async function launch({ width = 1280, height = 900, colorScheme = 'light', permissions = ['clipboard-read', 'clipboard-write'], serviceWorkers = 'allow' } = {}) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-profile-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width, height }, colorScheme, permissions, serviceWorkers,
  });
  OPEN.add(ctx);
  ctx.on('close', () => OPEN.delete(ctx));
  return ctx;
}

/** Closes every browser a failed test left open, so a failure never keeps the run waiting. */
export async function closeAll() {
  await Promise.all([...OPEN].map((ctx) => ctx.close().catch(() => {})));
}

/**
 * Page object over the app: opens it in a fresh context and collects every error, including every
 * Content-Security-Policy violation (reported from the page as it happens, so none is lost to a
 * reload); `close` asserts there were none.
 */
export class App {
  /** Opens `base + opts.hash`; `opts.init` is a script run before the app in every page. */
  static async open(base, opts = {}) {
    const ctx = await launch(opts);
    const violations = [];
    await ctx.exposeBinding('__cspViolation', (_, v) => violations.push(v));
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        globalThis.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    if (opts.init) await ctx.addInitScript(opts.init);
    const page = ctx.pages()[0] ?? await ctx.newPage();
    const app = new App(ctx, page, violations, base);
    await app.goto(opts.hash ?? '');
    return app;
  }
  constructor(ctx, page, violations, base) {
    this.ctx = ctx; this.page = page; this.errors = []; this.violations = violations; this.base = base;
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e}`));
    page.on('console', (m) => { if (m.type() === 'error') this.errors.push(`console: ${m.text()}`); });
    page.on('response', (r) => { if (r.status() >= 400) this.errors.push(`${r.status()} ${r.url()}`); });
  }
  async goto(hash = '') {
    await this.visit(this.base + hash);
  }
  /** Navigates to `url` and waits for the app itself (not only the skeleton and the first view). */
  async visit(url) {
    await this.page.goto(url);
    await this.started();
  }
  /** Reloads, then waits for the app. */
  async reload() {
    await this.page.reload();
    await this.started();
  }
  /** The static skeleton (and the first view's preview in it) goes once the app has rendered. */
  async started() {
    await this.page.getByRole('heading', { name: 'ChatOps Designer' }).waitFor({ timeout: 20000 });
    await this.page.locator('#boot').waitFor({ state: 'detached', timeout: 20000 });
  }
  /** A second tab of the same browser (same storage), opened at `hash`. */
  async openTab(hash = '') {
    const page = await this.ctx.newPage();
    const tab = new App(this.ctx, page, this.violations, this.base);
    tab.shared = true;
    await tab.goto(hash);
    return tab;
  }
  get slack() { return this.page.getByRole('region', { name: 'Slack preview' }); }
  tab(name) { return this.page.getByRole('tab', { name, exact: true }); }
  async pickSample(label) { await this.page.getByLabel('Sample event', { exact: true }).selectOption({ label }); }
  async previewButtons() { return this.slack.getByRole('button').filter({ hasNotText: 'Shuffle order' }).allTextContents(); }
  async close() {
    if (this.shared) { await this.page.close(); } else { await this.ctx.close(); }
    assert.deepEqual(this.errors, [], 'no page errors, console errors or failed requests');
    assert.deepEqual(this.violations, [], 'no Content-Security-Policy violations');
  }
}
