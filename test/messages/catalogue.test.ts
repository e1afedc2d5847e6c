import { DEFAULT_THRESHOLDS, defaultCurrency, defaultStartMonth, langFromLocale } from '../../src/core/locale';
import { en, enPlanner } from '../../src/messages/en';
import { ja, jaPlanner } from '../../src/messages/ja';
import { fiscalRange, messagesFor, monthName, monthYear, t } from '../../src/messages/planner';

/** Whole catalogues: the server's part and the planner's. */
const EN = { ...en, ...enPlanner };
const JA = { ...ja, ...jaPlanner };

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const SAMPLE = { n: 1, count: 2, ksfs: 1, errors: 1, warnings: 2, month: 4, year: 2026 };

describe('the catalogues', () => {
  test('ja has exactly the keys of en, none blank, the same placeholders, functions where en has them', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(jaPlanner).sort()).toEqual(Object.keys(enPlanner).sort());
    for (const key of Object.keys(EN) as (keyof typeof EN)[]) {
      const e = EN[key];
      const j = JA[key];
      expect({ key, type: typeof j }).toEqual({ key, type: typeof e });
      const es = typeof e === 'function' ? e(SAMPLE) : e;
      const js = typeof j === 'function' ? (j as (p: typeof SAMPLE) => string)(SAMPLE) : j;
      expect(es.trim()).not.toBe('');
      expect(js.trim()).not.toBe('');
      if (typeof e === 'string') expect({ key, p: placeholders(js) }).toEqual({ key, p: placeholders(es) });
    }
  });

  test('no packed "en|ja" pair is left in a word', () => {
    for (const catalogue of [EN, JA]) {
      for (const [key, value] of Object.entries(catalogue)) {
        if (typeof value === 'string') expect({ key, packed: /\S\|\S/.test(value) }).toEqual({ key, packed: false });
      }
    }
  });

  test('English and Japanese are registered; an unknown language falls back to English', () => {
    // The browser's view: the server's part and the planner's (src/messages/planner.ts).
    expect(messagesFor('en')).toEqual({ ...en, ...enPlanner });
    expect(messagesFor('ja')).toEqual({ ...ja, ...jaPlanner });
    expect(messagesFor('xx')).toBe(messagesFor('en'));
    expect(t('xx', 'menu.help')).toBe('Help');
  });

  test('Japanese strings are Japanese (a marketer’s words)', () => {
    expect(t('ja', 'menu.open')).toBe('プランナーを開く');
    expect(t('ja', 'menu.report')).toBe('月次レポートを作成…');
    expect(t('ja', 'kpi.owner')).toBe('担当');
    expect(t('ja', 'season.title')).toBe('季節性');
    expect(t('ja', 'thresholds.title')).toContain('閾値');
    expect(t('ja', 'review.crit.quantitative')).toBe('定量性');
    expect(t('ja', 'review.crit.achievable')).toBe('達成可能性');
    expect(t('ja', 'review.crit.relevant')).toBe('関連性');
  });
});

describe('t', () => {
  test('fills placeholders and leaves unknown ones', () => {
    expect(t('en', 'nav.step', { n: 2, total: 6 })).toBe('Step 2 of 6');
    expect(t('ja', 'nav.step', { n: 2, total: 6 })).toBe('ステップ 2 / 6');
    expect(t('en', 'nav.step', { n: 2 })).toBe('Step 2 of {total}');
  });
  test('menu and sheet words come from the same catalogue', () => {
    expect(t('en', 'menu.help')).toBe('Help');
    expect(t('ja', 'menu.help')).toBe('ヘルプ');
    expect(t('ja', 'sheet.sheetPlan')).toBe('計画');
  });
  test('plurals: one error, two errors', () => {
    expect(t('en', 'review.summary', { errors: 1, warnings: 0 })).toBe('1 error, 0 warnings');
    expect(t('en', 'review.summary', { errors: 2, warnings: 1 })).toBe('2 errors, 1 warning');
    expect(t('en', 'review.kpis', { count: 1, ksfs: 1 })).toBe('1 KPI in 1 KSF');
    expect(t('en', 'err.fieldCount', { n: 1 })).toBe('1 field needs attention before the plan can be checked.');
    expect(t('en', 'sheet.rGap', { n: 2 })).toBe('2 months missing, not counted');
    expect(t('ja', 'review.summary', { errors: 1, warnings: 0 })).toBe('エラー 1 件、注意 0 件');
  });
});

describe('locale rules', () => {
  test.each([
    ['ja', 'ja'],
    ['ja_JP', 'ja'],
    ['ja-JP', 'ja'],
    ['JA_jp', 'ja'],
    ['en_US', 'en'],
    ['en', 'en'],
    ['de_DE', 'en'],
    ['jv_ID', 'en'],
    ['', 'en'],
  ] as const)('%s → %s', (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
  });
  test('nothing → en', () => {
    expect(langFromLocale(undefined)).toBe('en');
    expect(langFromLocale(null)).toBe('en');
  });
  test('Japanese starts in April with yen, English in January with dollars; thresholds 80% / 100%', () => {
    expect([defaultStartMonth('ja'), defaultCurrency('ja')]).toEqual([4, 'JPY']);
    expect([defaultStartMonth('en'), defaultCurrency('en')]).toEqual([1, 'USD']);
    expect(DEFAULT_THRESHOLDS).toEqual({ warn: 0.8, ok: 1 });
  });
});

describe('months and fiscal years', () => {
  test('month names', () => {
    expect(monthName('en', 4)).toBe('Apr');
    expect(monthName('ja', 4)).toBe('4月');
    expect(monthName('en', 12)).toBe('Dec');
    expect(monthYear('en', 2026, 5)).toBe('May 2026');
    expect(monthYear('ja', 2026, 5)).toBe('2026年5月');
  });
  test('fiscal range', () => {
    expect(fiscalRange('en', 2026, 1)).toBe('Jan 2026 – Dec 2026');
    expect(fiscalRange('en', 2026, 4)).toBe('Apr 2026 – Mar 2027');
    expect(fiscalRange('ja', 2026, 4)).toBe('2026年4月～2027年3月');
  });
});

test("dist/Code.js carries the server's words only: the planner's stay in the browser code", () => {
  const code = require('node:fs').readFileSync('dist/Code.js', 'utf8') as string;
  const sidebar = require('node:fs').readFileSync('dist/sidebar.html', 'utf8') as string;
  expect(code).toContain(en['menu.open']);
  for (const [key, value] of Object.entries(enPlanner)) {
    if (typeof value !== 'string') continue;
    expect({ key, inCode: code.includes(`${JSON.stringify(key)}:${JSON.stringify(value)}`) }).toEqual({
      key,
      inCode: false,
    });
  }
  expect(code).not.toContain(JSON.stringify(enPlanner['basics.intro']));
  expect(sidebar).toContain(`"basics.intro":`);
});
