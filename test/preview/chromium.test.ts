/**
 * How the browser tests find Chromium (dev/chromium.cjs): CHROMIUM_PATH, else a system
 * Chrome/Chromium, else the one @sparticuz/chromium ships, which must launch on a machine
 * with only Node and npm.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, INSTALL_HINT, systemChromium } from '../../dev/chromium.cjs';

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-chromium-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBinary(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

test('CHROMIUM_PATH wins, and a wrong one is an error that names it and says what to install', async () => {
  const chrome = fakeBinary('my-chrome');
  expect(await findChromium({ CHROMIUM_PATH: chrome, PATH: '' }, [])).toMatchObject({
    executablePath: chrome,
    source: 'CHROMIUM_PATH',
  });
  const missing = join(dir, 'nowhere', 'chrome');
  await expect(findChromium({ CHROMIUM_PATH: missing, PATH: '' }, [])).rejects.toThrow(`CHROMIUM_PATH is ${missing}`);
  await expect(findChromium({ CHROMIUM_PATH: missing, PATH: '' }, [])).rejects.toThrow(INSTALL_HINT);
  expect(INSTALL_HINT).toMatch(/npm install/);
  expect(INSTALL_HINT).toMatch(/apt-get install -y chromium/);
  expect(INSTALL_HINT).toMatch(/CHROMIUM_PATH/);
});

test('a system Chromium is found on PATH before the usual places, and a usual place without PATH', async () => {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const onPath = fakeBinary('bin/chromium');
  const usual = fakeBinary('google-chrome');
  expect(systemChromium({ PATH: `/nonexistent:${bin}` }, [usual])).toBe(onPath);
  expect(systemChromium({ PATH: '/nonexistent' }, [join(dir, 'absent'), usual])).toBe(usual);
  expect(systemChromium({ PATH: '' }, [join(dir, 'absent')])).toBeUndefined();
  expect(await findChromium({ PATH: bin }, [])).toMatchObject({ executablePath: onPath, source: 'system' });
  // CHROMIUM_SOURCE=packaged passes over both, and takes no other value
  const packaged = findChromium({ PATH: bin, CHROMIUM_PATH: onPath, CHROMIUM_SOURCE: 'packaged' }, [usual]);
  if (process.platform === 'linux' && process.arch === 'x64')
    expect((await packaged).source).toBe('@sparticuz/chromium');
  else await expect(packaged).rejects.toThrow(INSTALL_HINT);
  await expect(findChromium({ CHROMIUM_SOURCE: 'system' })).rejects.toThrow(
    'CHROMIUM_SOURCE is "system": the only value it takes is "packaged"',
  );
});

test('with no CHROMIUM_PATH and no system Chromium, the packaged one (@sparticuz/chromium) launches and draws a page', async () => {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    // It ships Linux x64 only: elsewhere the message says what to install.
    await expect(findChromium({ PATH: '' }, [])).rejects.toThrow(INSTALL_HINT);
    return;
  }
  const found = await findChromium({ PATH: '' }, []);
  expect(found.source).toBe('@sparticuz/chromium');
  expect(found.args).not.toContain('--disable-web-security');
  const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent('<p id="p">KPI</p><script>document.getElementById("p").textContent += " ok"</script>');
    expect(await page.textContent('#p')).toBe('KPI ok');
  } finally {
    await browser.close();
  }
});
