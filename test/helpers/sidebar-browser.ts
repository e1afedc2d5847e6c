/**
 * The built sidebar (dist/sidebar.html) for the browser tests that load it alone: built again when
 * any file of src/client is newer, and a Chromium to open it in.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { launchChromium } from '../../dev/chromium.cjs';

const root = resolve(__dirname, '../..');
export const SIDEBAR_HTML = join(root, 'dist/sidebar.html');

/** Builds dist/ if the sidebar is missing or older than its sources, then launches Chromium. */
export async function sidebarBrowser(): Promise<Browser> {
  const newest = Math.max(
    ...readdirSync(join(root, 'src/client'), { recursive: true }).map(
      (f) => statSync(join(root, 'src/client', String(f))).mtimeMs,
    ),
  );
  if (!existsSync(SIDEBAR_HTML) || statSync(SIDEBAR_HTML).mtimeMs < newest)
    execFileSync('node', ['scripts/build.mjs'], { cwd: root });
  return launchChromium(chromium);
}
