/**
 * The UI entry points of the built add-on (dist/Code.js) on the offline harness: the menu in
 * AuthMode.NONE, onInstall, the sidebar and help dialog, getPlannerDefaults, showSheet and checkPlan.
 */
import { readFileSync } from 'node:fs';
import { loadAddon, type Addon } from '../../dev/harness';
import { samplePlan } from '../../src/core/sample';

// `npm test` builds dist/ first; run `npm run build` before running this file on its own.
const load = (locale = 'en_US') => loadAddon({ locale, timeZone: 'Asia/Tokyo' });

const MENU = {
  en: ['Open the planner', 'Create monthly report…', 'Re-apply progress colours', 'Help'],
  ja: ['プランナーを開く', '月次レポートを作成…', '進捗の色分けを再適用', 'ヘルプ'],
};
const MENU_FUNCTIONS = ['showPlanner', 'showReportDialog', 'reapplyProgressColours', 'showHelp'];

/**
 * What AuthMode.NONE allows: SpreadsheetApp.getUi() (to build the menu) and
 * Session.getActiveUserLocale(). Any other service access throws, as in Sheets.
 */
function authModeNone(addon: Addon): string[] {
  const denied: string[] = [];
  const g = addon.global as Record<string, unknown>;
  const allow: Record<string, string[]> = {
    SpreadsheetApp: ['getUi'],
    Session: ['getActiveUserLocale'],
    HtmlService: [],
    LockService: [],
    PropertiesService: [],
    Utilities: [],
    ScriptApp: [],
  };
  for (const [service, allowed] of Object.entries(allow)) {
    const real = g[service] as Record<string, unknown> | undefined;
    if (!real) continue;
    g[service] = new Proxy(real, {
      get(target, prop) {
        if (typeof prop === 'string' && allowed.includes(prop)) {
          const v = target[prop];
          return typeof v === 'function' ? v.bind(target) : v;
        }
        denied.push(`${service}.${String(prop)}`);
        throw new Error(`${service}.${String(prop)}: not allowed in AuthMode.NONE`);
      },
    });
  }
  return denied;
}

describe('onOpen / onInstall', () => {
  test.each([
    ['en_US', 'en'],
    ['ja_JP', 'ja'],
    ['ja', 'ja'],
    ['fr_FR', 'en'],
  ] as const)('locale %s: the add-on menu in AuthMode.NONE, %s captions, four items', (locale, lang) => {
    const addon = load(locale);
    const denied = authModeNone(addon);
    addon.run('onOpen', { authMode: 'NONE' });
    expect(denied).toEqual([]);
    expect(addon.ui.menus).toHaveLength(1);
    const items = addon.ui.menus[0].items;
    expect(items.map((i) => i.caption)).toEqual(MENU[lang]);
    expect(items.map((i) => i.functionName)).toEqual(MENU_FUNCTIONS);
    // onOpen touches nothing but the menu: no spreadsheet, no writes, no HTML.
    expect(Object.keys(addon.calls).sort()).toEqual([
      'Menu.addItem',
      'Menu.addToUi',
      'Session.getActiveUserLocale',
      'SpreadsheetApp.getUi',
      'Ui.createAddonMenu',
    ]);
    expect(addon.ui.sidebars).toEqual([]);
    expect(addon.ui.dialogs).toEqual([]);
  });

  test('the menu items run functions that exist as top-level globals in dist/Code.js', () => {
    const addon = load();
    addon.run('onOpen', { authMode: 'NONE' });
    const code = readFileSync('dist/Code.js', 'utf8');
    for (const fn of MENU_FUNCTIONS) {
      expect({ fn, type: typeof addon.global[fn] }).toEqual({ fn, type: 'function' });
      expect(code).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
    }
  });

  test('a failing locale lookup means English, not a broken menu', () => {
    const addon = load('ja_JP');
    const g = addon.global as Record<string, unknown>;
    g.Session = {
      getActiveUserLocale() {
        throw new Error('Session unavailable');
      },
    };
    addon.run('onOpen', { authMode: 'NONE' });
    expect(addon.ui.menus[0].items.map((i) => i.caption)).toEqual(MENU.en);
  });

  test('onInstall builds the same menu (it calls onOpen)', () => {
    const addon = load('ja_JP');
    const denied = authModeNone(addon);
    addon.run('onInstall', { authMode: 'NONE' });
    expect(denied).toEqual([]);
    expect(addon.ui.menus).toHaveLength(1);
    expect(addon.ui.menus[0].items.map((i) => [i.caption, i.functionName])).toEqual(
      MENU.ja.map((c, i) => [c, MENU_FUNCTIONS[i]]),
    );
  });
});

describe('showPlanner', () => {
  test.each([
    ['en_US', 'KPI Planner'],
    ['ja_JP', 'KPIプランナー'],
  ])('%s: shows dist/sidebar.html as a sidebar titled %s', (locale, title) => {
    const addon = load(locale);
    addon.run('showPlanner');
    expect(addon.ui.sidebars).toHaveLength(1);
    const { title: shown, html } = addon.ui.sidebars[0];
    expect(shown).toBe(title);
    expect(html).toBe(readFileSync('dist/sidebar.html', 'utf8'));
  });

  test('the sidebar HTML is self-contained: inline script and style, nothing loaded from elsewhere', () => {
    const addon = load();
    addon.run('showPlanner');
    const html = addon.ui.sidebars[0].html;
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).toMatch(/<script>[\s\S]{1000,}<\/script>/);
    expect(html).toMatch(/<style>[\s\S]*\.form-group[\s\S]*<\/style>/);
    expect(html).toContain('data-testid="app"');
    // the raw TypeScript tag was replaced by the bundle; no `import` left for a browser to resolve
    expect(/<script[^>]*\binline\b/.test(html)).toBe(false);
    expect(html).not.toMatch(/^\s*import\s/m);
    // user text is never assigned as HTML
    expect(html).not.toMatch(/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/);
  });
});

describe('showHelp', () => {
  test.each([
    ['en_US', 'KPI Planner — help', 'KPI Planner turns an annual goal (KGI)', 'KPIプランナーは'],
    ['ja_JP', 'KPIプランナー ヘルプ', 'KPIプランナーは、年間目標（KGI）', 'KPI Planner turns'],
  ])('%s: a small modal dialog with the help text, in that language only', (locale, title, text, other) => {
    const addon = load(locale);
    addon.run('showHelp');
    expect(addon.ui.dialogs).toHaveLength(1);
    const dialog = addon.ui.dialogs[0] as { title: string; html: string; modal?: boolean };
    expect(dialog.title).toBe(title);
    expect(dialog.modal).not.toBe(false);
    expect(dialog.html).toContain(text);
    expect(dialog.html).not.toContain(other);
    expect(dialog.html).not.toContain('<?');
    expect(dialog.html.match(/data-testid="help-close"/g)).toHaveLength(1);
    expect(dialog.html).toContain('KPI_TARGET');
    expect(dialog.html).not.toMatch(/<script[^>]*\ssrc|<link\b/i);
    // text is escaped (the help mentions =KPI_ and quotes)
    expect(dialog.html).not.toMatch(/<p>[^<]*"[^<]*<\/p>/);
    expect(addon.ui.sidebars).toEqual([]);
  });
});

describe('the add-on’s words follow the active plan’s language', () => {
  test('a Japanese plan in an en_US spreadsheet: help, the planner title and the report dialog in Japanese', () => {
    const addon = load('en_US');
    addon.run('buildWorkbook', samplePlan('ja'));
    addon.run('showHelp');
    const help = addon.ui.dialogs.at(-1) as { title: string; html: string };
    expect(help.title).toBe('KPIプランナー ヘルプ');
    expect(help.html).toContain('KPIプランナーは、年間目標（KGI）');
    expect(help.html).toContain('閉じる');
    expect(help.html).toContain('<html lang="ja">');
    addon.run('showPlanner');
    expect(addon.ui.sidebars.at(-1)?.title).toBe('KPIプランナー');
    addon.run('showReportDialog');
    expect((addon.ui.dialogs.at(-1) as { title: string }).title).toBe('月次レポートを作成');
    // the planner opens in the plan's language too (a new plan starts from April, as Japanese plans do)
    const defaults = addon.run('getPlannerDefaults') as { lang: string; locale: string; startMonth: number };
    expect(defaults).toEqual(expect.objectContaining({ lang: 'ja', locale: 'en_US', startMonth: 4 }));
  });

  test('an English plan in a ja_JP spreadsheet: English words; no plan: the spreadsheet’s locale', () => {
    const addon = load('ja_JP');
    addon.run('showHelp');
    expect((addon.ui.dialogs.at(-1) as { title: string }).title).toBe('KPIプランナー ヘルプ');
    addon.run('buildWorkbook', samplePlan('en'));
    addon.run('showHelp');
    const help = addon.ui.dialogs.at(-1) as { title: string; html: string };
    expect(help.title).toBe('KPI Planner — help');
    expect(help.html).toContain('KPI Planner turns an annual goal (KGI)');
  });

  test('the menu stays AuthMode.NONE safe: the user’s locale, even with a Japanese plan in the file', () => {
    const addon = load('en_US');
    addon.run('buildWorkbook', samplePlan('ja'));
    const denied = authModeNone(addon);
    addon.resetCalls();
    addon.run('onOpen', { authMode: 'NONE' });
    expect(denied).toEqual([]);
    expect(addon.ui.menus.at(-1)!.items.map((i) => i.caption)).toEqual(MENU.en);
  });
});

/** The fiscal year containing today in Tokyo, for a start month. */
function fiscalYearNow(startMonth: number): number {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric' })
    .formatToParts(new Date())
    .filter((p) => p.type === 'year' || p.type === 'month')
    .map((p) => Number(p.value));
  return m >= startMonth ? y : y - 1;
}

describe('getPlannerDefaults', () => {
  test('Japanese spreadsheet: ja, April start, this fiscal year; nothing the sidebar bundles itself', () => {
    const d = load('ja_JP').run('getPlannerDefaults') as Record<string, unknown>;
    expect(d.lang).toBe('ja');
    expect(d.locale).toBe('ja_JP');
    expect(d.timeZone).toBe('Asia/Tokyo');
    expect(d.startMonth).toBe(4);
    expect(d.startYear).toBe(fiscalYearNow(4));
    // Presets and the example plan are bundled into the sidebar (src/core): Code.js doesn't carry them.
    expect(Object.keys(d).sort()).toEqual(['activeSheet', 'lang', 'locale', 'startMonth', 'startYear', 'timeZone']);
  });

  test('the active sheet: the planner opens on the plan it belongs to', () => {
    const addon = load('ja_JP');
    expect(addon.run('getPlannerDefaults')).toMatchObject({ activeSheet: 'Sheet1' });
    addon.run('buildWorkbook', samplePlan('ja'));
    addon.spreadsheet.setActiveSheet(addon.spreadsheet.getSheetByName('実績')!);
    expect(addon.run('getPlannerDefaults')).toMatchObject({ activeSheet: '実績' });
  });

  test.each(['en_US', 'en_GB', 'de_DE'])('%s spreadsheet: en, January start', (locale) => {
    const d = load(locale).run('getPlannerDefaults') as { lang: string; startMonth: number; startYear: number };
    expect(d.lang).toBe('en');
    expect(d.startMonth).toBe(1);
    expect(d.startYear).toBe(fiscalYearNow(1));
  });

  test('the result survives google.script.run (plain JSON)', () => {
    const d = load('ja_JP').run('getPlannerDefaults');
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});

describe('showSheet (the planner’s “Open Progress” link)', () => {
  test('activates the sheet; a sheet that is gone is a clear error in the add-on’s language, nothing changes', () => {
    const addon = load('ja_JP');
    addon.run('buildWorkbook', samplePlan('ja'));
    expect(addon.run('showSheet', '進捗')).toEqual({ sheet: '進捗' });
    expect(addon.spreadsheet.getActiveSheet().getName()).toBe('進捗');
    expect(() => addon.run('showSheet', '進捗 (9)')).toThrow('「進捗 (9)」というシートは見つかりません。');
    expect(() => addon.run('showSheet', 42)).toThrow('「42」');
    expect(addon.spreadsheet.getActiveSheet().getName()).toBe('進捗');
  });
});

describe('checkPlan from dist', () => {
  test('the example plans have no errors', () => {
    const addon = load();
    for (const lang of ['en', 'ja'] as const) {
      const r = addon.run('checkPlan', samplePlan(lang)) as { findings: { level: string }[] };
      expect(r.findings.filter((f) => f.level === 'error')).toEqual([]);
    }
  });

  test('a broken plan gets error findings by criterion, in the plan’s language', () => {
    const addon = load();
    const plan = samplePlan('ja');
    plan.funnel.rates[1] = 1.4;
    delete plan.ksfs[0].kpis[2].target;
    const r = addon.run('checkPlan', plan) as { findings: { level: string; criterion: string; message: string }[] };
    const errors = r.findings.filter((f) => f.level === 'error');
    expect(errors.map((f) => f.criterion).sort()).toEqual(['achievable', 'quantitative']);
    for (const f of errors) expect(f.message).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  test('garbage in: findings, not a crash', () => {
    const r = load().run('checkPlan', 'not a plan') as { findings: { level: string }[] };
    expect(r.findings.some((f) => f.level === 'error')).toBe(true);
  });
});
