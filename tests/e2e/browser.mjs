// Launches Debian's Chromium through playwright-core with the flags this machine needs as root.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** A fresh persistent context (own profile dir) with the given viewport and color scheme. */
export async function launch({ width = 1280, height = 900, colorScheme = 'light' } = {}) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-profile-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width, height }, colorScheme, permissions: ['clipboard-read', 'clipboard-write'],
  });
}
