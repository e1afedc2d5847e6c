// `npm run screenshots`: the README's screenshots of the offline preview (docs/preview-*.png), in
// English and in Japanese. For each language it starts the preview on a free port with a
// throwaway workbook in that locale, builds the planner's example plan from the sidebar, types
// three months of actuals, makes the third month's report from the menu, then captures the planner
// sidebar and every sheet. It writes the README's gallery between <!-- screenshots:start --> and
// <!-- screenshots:end -->, so the README always shows exactly the files it made.
// Needs dist/ (the npm script builds it) and a Chromium (dev/chromium.cjs finds one); Japanese
// text needs a Japanese font on the system (Debian/Ubuntu: apt-get install -y fonts-noto-cjk).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chromiumFinder from './chromium.cjs';

const { launchChromium } = chromiumFinder;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const README = join(root, 'README.md');
const START = '<!-- screenshots:start -->';
const END = '<!-- screenshots:end -->';
const LANGUAGES = [
  { lang: 'en', locale: 'en_US', browserLocale: 'en-US', title: 'English' },
  { lang: 'ja', locale: 'ja_JP', browserLocale: 'ja-JP', title: '日本語' },
];

function hasJapaneseFont() {
  try {
    return execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}
if (!hasJapaneseFont()) {
  console.warn(
    'No Japanese font found (fc-list :lang=ja): Japanese text will be boxes. Debian/Ubuntu: apt-get install -y fonts-noto-cjk',
  );
}

function startPreview(locale, data) {
  const proc = spawn(
    process.execPath,
    ['dev/start.mjs', '--port', '0', '--fresh', '--locale', locale, '--data', data],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout.on('data', (c) => {
      out += c;
      const m = /preview on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) ok({ url: m[1], proc });
    });
    proc.on('exit', (code) => fail(new Error(`the preview exited (${code}):\n${out}`)));
  });
}

const sheetOf = (ref) => ref.slice(0, ref.lastIndexOf('!')).replace(/^'|'$/g, '').replace(/''/g, "'");

/** Capture one language: returns [{ key, name, file }] for the sidebar and every sheet, in tab order. */
async function capture(browser, { lang, locale, browserLocale }) {
  const tmp = mkdtempSync(join(tmpdir(), 'kpi-shots-'));
  const { url, proc } = await startPreview(locale, join(tmp, 'workbook.json'));
  const api = async (path, body) => {
    const res = await fetch(
      new URL(path, url),
      body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {},
    );
    const json = await res.json();
    if (!res.ok) throw new Error(`${path}: ${json.error}`);
    return json;
  };
  const shots = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 820 },
      deviceScaleFactor: 1,
      locale: browserLocale,
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
    const menu = async (fn) => {
      await page.click('#menu-extensions');
      await page.click('#menu-addon');
      await page.click(`#menu-addon-items [data-fn="${fn}"]`);
    };
    const tab = async (name) => {
      await page.click(`#tabs .tab[data-sheet="${name}"]`);
      await page.waitForSelector(`#tabs .tab[data-sheet="${name}"][aria-selected="true"]`);
    };
    const settle = async () => {
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.fonts.ready);
    };

    // Build the example plan from the sidebar, as a newcomer would.
    await menu('showPlanner');
    const sidebar = page.frameLocator('#sidebar-frame');
    await sidebar.locator('[data-testid="step-tab-review"]').click();
    await sidebar.locator('[data-testid="build-button"]').click();
    await sidebar.locator('[data-testid="result"][data-status="ok"]').waitFor({ timeout: 60_000 });

    // Three months of actuals around the targets: some ahead, some at risk, some behind.
    const targets = await api('/api/range?ref=MONTHLY_TARGETS');
    const ranges = (await api('/api/workbook')).namedRanges;
    const actualsRef = ranges.find((n) => n.name === 'ACTUALS').ref;
    const factors = [1.12, 0.86, 1.03, 0.64, 0.95, 1.2, 0.71, 0.9, 1.05, 0.8];
    const block = targets.values.map((row, i) =>
      row.slice(0, 3).map((t, m) => (typeof t === 'number' ? Math.round(t * factors[(i + m) % factors.length]) : '')),
    );
    const first = /^(.*!)\$?([A-Z]+)\$?(\d+)/.exec(actualsRef);
    await api('/api/range', { ref: `${first[1]}${first[2]}${first[3]}`, values: block });
    // The KGI's own actuals, typed like the KPIs'.
    const kgiTargets = await api('/api/range?ref=KGI_MONTHLY_TARGETS');
    const kgiRef = ranges.find((n) => n.name === 'KGI_ACTUALS').ref;
    const kgiFirst = /^(.*!)\$?([A-Z]+)\$?(\d+)/.exec(kgiRef);
    const kgiBlock = [
      kgiTargets.values[0]
        .slice(0, 3)
        .map((t, m) => (typeof t === 'number' ? Math.round(t * [0.92, 1.08, 0.85][m]) : '')),
    ];
    await api('/api/range', { ref: `${kgiFirst[1]}${kgiFirst[2]}${kgiFirst[3]}`, values: kgiBlock });

    // The sidebar, open on the funnel step, next to the sheet the build opened (the KPI Tree).
    const opened = (await api('/api/workbook')).activeSheet;
    await page.click('#sidebar-close');
    await tab(opened);
    await menu('showPlanner');
    await sidebar.locator('[data-testid="step-tab-funnel"]').click();
    await sidebar.locator('[data-testid="stage-volume-0"]').waitFor();
    await settle();
    const sidebarFile = `preview-sidebar-${lang}.png`;
    await page.screenshot({ path: join(docs, sidebarFile) });
    shots.push({
      key: 'sidebar',
      name: lang === 'ja' ? 'プランナー（サイドバー）' : 'The planner (sidebar)',
      file: sidebarFile,
    });
    await page.click('#sidebar-close');

    // The monthly report, from the menu, for the month the dialog proposes.
    await tab(sheetOf(actualsRef));
    await menu('showReportDialog');
    await page.waitForSelector('#dialog:not([hidden])');
    const dialog = page.frameLocator('#dialog-frame');
    const months = dialog.locator('[data-testid="report-month"] option');
    await months.first().waitFor({ state: 'attached' });
    // the third fiscal month: the last one with actuals above
    await dialog
      .locator('[data-testid="report-month"]')
      .selectOption((await months.nth(2).getAttribute('value')) ?? '');
    await dialog.locator('[data-testid="report-create"]').click();
    await page.waitForSelector('#dialog', { state: 'hidden', timeout: 60_000 });

    // Every sheet the add-on made, in tab order (the empty starting sheet is left out).
    const sheets = (await api('/api/workbook')).sheets.filter((s) => !s.hidden && s.rows > 1).map((s) => s.name);
    for (const [i, name] of sheets.entries()) {
      await tab(name);
      await settle();
      const file = `preview-sheet-${i + 1}-${lang}.png`;
      await page.screenshot({ path: join(docs, file) });
      shots.push({ key: `sheet-${i + 1}`, name, file });
    }
    await page.close();
    return shots;
  } finally {
    proc.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
}

mkdirSync(docs, { recursive: true });
for (const old of readdirSync(docs).filter((f) => /^preview-.*\.png$/.test(f))) rmSync(join(docs, old));
const browser = await launchChromium(chromium, ['--hide-scrollbars']);
const byLanguage = [];
try {
  for (const language of LANGUAGES) byLanguage.push({ ...language, shots: await capture(browser, language) });
} finally {
  await browser.close();
}

// The README's gallery: one row per screen, English and Japanese side by side.
const keys = [...new Set(byLanguage.flatMap((l) => l.shots.map((s) => s.key)))];
const cell = (l, key) => {
  const shot = l.shots.find((s) => s.key === key);
  return shot ? `![${shot.name}](docs/${shot.file})<br>${shot.name}` : '';
};
const gallery = [
  `| ${byLanguage.map((l) => l.title).join(' | ')} |`,
  `|${byLanguage.map(() => '---').join('|')}|`,
  ...keys.map((key) => `| ${byLanguage.map((l) => cell(l, key)).join(' | ')} |`),
].join('\n');
const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section for the screenshots`);
writeFileSync(
  README,
  `${readme.slice(0, start + START.length)}\n_Made by \`npm run screenshots\`._\n\n${gallery}\n${readme.slice(end)}`,
);
const files = byLanguage.flatMap((l) => l.shots.map((s) => `docs/${s.file}`));
console.log(`Saved ${files.length} screenshots (${files.join(', ')}) and the README's gallery`);
