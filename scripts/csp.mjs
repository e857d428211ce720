// Trunk post-build hook: adds the Content-Security-Policy meta tag to index.html, allowing each
// inline script Trunk wrote (its wasm loader) by its SHA-256 hash, so no 'unsafe-inline' is needed.
// Hosts that set headers can send the same policy: `node scripts/csp.mjs --print dist/index.html`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const print = args[0] === '--print';
const file = print ? args[1] : join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = readFileSync(file, 'utf8');

/** The policy for a page whose inline scripts are `scripts`. */
export function policy(scripts) {
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const csp = policy(inline);
if (print) {
  console.log(csp);
} else {
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}" />`;
  if (!/<meta charset="utf-8" \/>/.test(html)) throw new Error(`${file}: no <meta charset="utf-8" /> to put the policy after`);
  html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
  writeFileSync(file, html);
  console.log(`csp: ${inline.length} inline script(s) hashed into ${file}`);
}
