import { escapeHtml, fiscalRange, langFromLocale, monthName, SERVER_STRINGS, t, UI_STRINGS } from '../../src/messages/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n tables', () => {
  for (const [name, table] of [['server', SERVER_STRINGS], ['sidebar', UI_STRINGS]] as const) {
    test(`${name}: ja and en have the same keys, none blank, same placeholders`, () => {
      const en = table.en as Record<string, string>;
      const ja = table.ja as Record<string, string>;
      expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(en[key].trim()).not.toBe('');
        expect(ja[key].trim()).not.toBe('');
        expect({ key, p: placeholders(ja[key]) }).toEqual({ key, p: placeholders(en[key]) });
      }
    });
  }

  test('server and sidebar keys do not overlap', () => {
    const server = Object.keys(SERVER_STRINGS.en);
    for (const k of Object.keys(UI_STRINGS.en)) expect(server).not.toContain(k);
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
  test('server keys work through t too', () => {
    expect(t('en', 'menu.help')).toBe('Help');
    expect(t('ja', 'menu.help')).toBe('ヘルプ');
  });
});

describe('langFromLocale', () => {
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
});

describe('months and fiscal years', () => {
  test('month names', () => {
    expect(monthName('en', 4)).toBe('Apr');
    expect(monthName('ja', 4)).toBe('4月');
    expect(monthName('en', 12)).toBe('Dec');
  });
  test('fiscal range', () => {
    expect(fiscalRange('en', 2026, 1)).toBe('Jan 2026 – Dec 2026');
    expect(fiscalRange('en', 2026, 4)).toBe('Apr 2026 – Mar 2027');
    expect(fiscalRange('ja', 2026, 4)).toBe('2026年4月～2027年3月');
  });
});

test('escapeHtml', () => {
  expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
});
