/**
 * The sidebar's channels step (issue 17) in Chromium against the real built add-on (offline
 * harness): split the example plan's leads by channel with presets, see the budget, the CPA and the
 * allowable CPA as you type, then build and find the same numbers in the named ranges.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { launchChromium } from '../../dev/chromium.cjs';
import { loadAddon } from '../../dev/harness';
import { fakeScriptRun } from '../helpers/script-run';

const root = resolve(__dirname, '../..');
const html = join(root, 'dist/sidebar.html');
const tid = (testid: string) => `[data-testid="${testid}"]`;

jest.setTimeout(90_000);

let browser: Browser;

beforeAll(async () => {
  const newest = Math.max(...readdirSync(join(root, 'src'), { recursive: true }).map((f) => statSync(join(root, 'src', String(f))).mtimeMs));
  if (!existsSync(html) || statSync(html).mtimeMs < newest) execFileSync('node', ['scripts/build.mjs'], { cwd: root });
  browser = await launchChromium(chromium);
});

afterAll(async () => {
  await browser?.close();
});

test('add channels in the sidebar, see the budget totals as you type, build them', async () => {
  const addon = loadAddon({ locale: 'ja_JP' });
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await fakeScriptRun(page, { server: (fn, args) => ({ value: addon.run(fn, ...args) }) });
  await page.goto(`file://${html}`);
  await page.waitForSelector(tid('nav-next'));
  const text = (testid: string) => page.locator(tid(testid)).innerText();

  // Off by default: Next from the funnel passes over the channels step.
  await page.click(tid('step-tab-funnel'));
  await page.click(tid('nav-next'));
  expect(await page.getAttribute(tid('step-title'), 'data-step')).toBe('ksf');

  // The example plan: ¥100,000,000 + 10%, ¥1,000,000 a deal → 14,667 leads (stage 2) and 110 won deals.
  await page.click(tid('step-tab-funnel'));
  await page.click(tid('open-channels'));
  await page.waitForSelector(tid('step-channels'));
  await page.check(tid('channels-on'));
  await page.selectOption(tid('channels-stage'), '1');
  await page.selectOption(tid('channel-preset'), 'ads');
  expect(await page.inputValue(tid('channel-name-0'))).toBe('Web広告');
  expect(await page.inputValue(tid('channel-cost-0'))).toBe('1,500');
  await page.fill(tid('channel-amount-0'), '60%');
  await page.selectOption(tid('channel-preset'), 'events');
  await page.selectOption(tid('channel-mode-1'), 'volume');
  await page.fill(tid('channel-amount-1'), '2,000');
  expect(await page.inputValue(tid('channel-cost-1'))).toBe('7,500');
  await page.click(tid('add-channel'));
  await page.fill(tid('channel-name-2'), '紹介');
  await page.fill(tid('channel-amount-2'), '40');
  await page.fill(tid('channel-cost-2'), '0');
  await page.fill(tid('channels-gross-margin'), '40%');
  await page.fill(tid('channels-acquisition-share'), '50%');

  // 12,667 leads left after the 2,000 fixed: 7,600 from ads, 5,067 from referrals.
  // 7,600 × ¥1,500 + 2,000 × ¥7,500 = ¥26,400,000; ÷ 110 = ¥240,000 > ¥1,000,000 × 40% × 50% = ¥200,000.
  expect(await text('channel-line-0')).toBe('7,600件 × ¥1,500 = ¥11,400,000');
  expect(await text('channel-line-2')).toBe('5,067件 × ¥0 = ¥0');
  expect(await text('channels-budget')).toBe('¥26,400,000');
  expect(await text('channels-cpa')).toBe('¥240,000');
  expect(await text('channels-allowable')).toBe('¥200,000');
  expect(await text('channels-cpa-check')).toContain('上回っています');

  // As the user types: ads at ¥1,000 → ¥22,600,000 (CPA ¥205,455, rounded up); 60% of the profit → ¥240,000.
  await page.fill(tid('channel-cost-0'), '1000');
  expect(await text('channels-budget')).toBe('¥22,600,000');
  expect(await text('channels-cpa')).toBe('¥205,455');
  await page.fill(tid('channels-acquisition-share'), '60%');
  expect(await text('channels-allowable')).toBe('¥240,000');
  expect(await text('channels-cpa-check')).toContain('以内');

  // Shares that do not add up are said in the totals box.
  await page.fill(tid('channel-amount-2'), '10%');
  expect(await text('channels-problem')).toContain('70%');
  await page.fill(tid('channel-amount-2'), '40%');

  await page.click(tid('nav-next'));
  expect(await page.getAttribute(tid('step-title'), 'data-step')).toBe('ksf');
  await page.click(tid('step-tab-review'));
  await page.click(tid('build-button'));
  await page.waitForSelector('[data-testid=result][data-status]', { timeout: 60_000 });
  expect(await page.getAttribute(tid('result'), 'data-status')).toBe('ok');
  const named = (n: string) => addon.spreadsheet.getRangeByName(n)!;
  expect(named('BUDGET_TOTAL').getValue()).toBe(22_600_000);
  expect(named('ALLOWABLE_CPA').getValue()).toBe(240_000);
  expect((named('CHANNEL_TARGETS').getValues() as number[][]).map((row) => row.reduce((a, b) => a + b, 0))).toEqual([7600, 2000, 5067]);
  expect(errors).toEqual([]);
  await page.close();
});
