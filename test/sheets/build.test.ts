// Integration: the built add-on (dist/Code.js) builds the planner workbook on the offline
// harness, and the workbook lives: formulas recalculate, colours follow thresholds, nothing
// the user had is lost, writes are batched and locked.
import { loadAddon } from '../../dev/harness';
import type { Plan } from '../../src/core/plan';
import { samplePlan } from '../../src/core/sample';
import { kgiRow } from '../../src/sheets/workbook';
import { basicPlan, bigPlan } from './plans';

type Addon = ReturnType<typeof loadAddon>;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const GREEN = '#b7e1cd';
const YELLOW = '#fce8b2';
const RED = '#f4c7c3';
const WHITE = '#ffffff';

function build(addon: Addon, plan: Plan): { sheets: string[]; warnings: string[] } {
  return addon.run('buildWorkbook', plan) as { sheets: string[]; warnings: string[] };
}
const named = (addon: Addon, name: string) => {
  const r = addon.spreadsheet.getRangeByName(name);
  if (!r) throw new Error(`no named range ${name}`);
  return r;
};
const values = (addon: Addon, name: string) => named(addon, name).getValues();
const sheetNames = (addon: Addon) => addon.spreadsheet.getSheets().map((s) => s.getName());
const rangeNames = (addon: Addon) =>
  addon.spreadsheet
    .getNamedRanges()
    .map((n) => n.getName())
    .sort();
/** Types into one cell of a named block (row i, col j, 0-based) as a person would. */
function type(addon: Addon, name: string, i: number, j: number, v: string | number) {
  const r = named(addon, name).getCell(i + 1, j + 1);
  addon.type(`'${r.getSheet().getName()}'!${r.getA1Notation()}`, v);
}
const sum = (xs: unknown[]) => xs.reduce((a: number, b) => a + (b as number), 0);

/** Every formula that calls a KPI_ custom function, across the spreadsheet. */
function customFormulaCells(sheets: Sheet[]): string[] {
  return sheets.flatMap((s) =>
    s
      .getDataRange()
      .getFormulas()
      .flat()
      .filter((f) => /\bKPI_[A-Z]+\(/.test(f)),
  );
}

describe('buildWorkbook on the harness (Japanese plan)', () => {
  let addon: Addon;
  let result: { sheets: string[]; warnings: string[] };
  beforeAll(() => {
    addon = loadAddon({ locale: 'ja_JP' });
    result = build(addon, basicPlan('ja'));
  });

  test('creates the four sheets in Japanese and every named range', () => {
    expect(result.sheets).toEqual(['KPIツリー', '計画', '実績', '進捗']);
    expect(sheetNames(addon)).toEqual(expect.arrayContaining(result.sheets));
    expect(rangeNames(addon)).toEqual([
      'ACTUALS',
      'FUNNEL_RATES',
      'FUNNEL_RATES_ACTUAL',
      'FUNNEL_TARGETS',
      'HALF_PROGRESS',
      'KGI_ACTUALS',
      'KGI_MONTHLY_TARGETS',
      'KGI_PROGRESS',
      'KGI_TARGET',
      'KPI_NAMES',
      'MONTHLY_TARGETS',
      'PROGRESS',
      'QUARTER_PROGRESS',
      'THRESHOLD_OK',
      'THRESHOLD_WARN',
      'UNIT_VALUE',
    ]);
    expect(named(addon, 'PROGRESS').getSheet().getName()).toBe('進捗');
    expect(named(addon, 'THRESHOLD_WARN').getSheet().getName()).toBe('進捗');
    expect(named(addon, 'ACTUALS').getSheet().getName()).toBe('実績');
    expect(values(addon, 'KPI_NAMES').flat()).toEqual(['リード数', 'リード獲得単価', '商談数', '受注件数']);
    // Fiscal months from April, in Japanese.
    const header = addon.view(`'実績'!E3:P3`).displayValues[0];
    expect(header[0]).toBe('2026年4月');
    expect(header[11]).toBe('2027年3月');
  });

  test('calculation columns are hidden; inputs, targets and progress stay visible', () => {
    const hidden = (sheet: string) => {
      const s = addon.spreadsheet.getSheetByName(sheet)!;
      return Array.from({ length: s.getLastColumn() }, (_, i) => i + 1).filter((c) => s.isColumnHiddenByUser(c));
    };
    // Plan: V:X (lower flag, total to split, monthly level), Y:AJ (the hidden months: the KPIs' split the shown
    // months reference), AK (a stage's Actuals row), then the row keys and the KSF id (identity);
    // Progress: AE:AH (lower and average flags, this month's actual and pro-rated target for the pace), AI:AJ (the
    // row's Plan and Actuals rows, by key), AK:BH (its 12 actuals and 12 targets), after the quarters, halves and
    // the trend, then the row keys; Actuals: its Plan row (by key) and the row keys.
    const keyColumn = (sheet: string) => addon.spreadsheet.getSheetByName(sheet)!.getLastColumn();
    const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    expect(hidden('計画')).toEqual(span(22, 39));
    expect(keyColumn('計画')).toBe(39);
    expect(hidden('進捗')).toEqual(span(31, keyColumn('進捗')));
    expect(keyColumn('進捗')).toBe(61);
    expect(hidden('実績')).toEqual([keyColumn('実績') - 1, keyColumn('実績')]);
  });

  test('back-calculates the funnel from the KGI (PRODUCT.md worked example)', () => {
    expect(values(addon, 'KGI_TARGET')).toEqual([[10_000_000]]);
    expect(values(addon, 'UNIT_VALUE')).toEqual([[500_000]]);
    expect(values(addon, 'FUNNEL_RATES')).toEqual([[0.4], [0.2]]);
    expect(values(addon, 'FUNNEL_TARGETS')).toEqual([[250], [100], [20]]);
    expect(addon.view('KGI_TARGET').displayValues).toEqual([['¥10,000,000']]);
  });

  test('monthly targets: sum KPIs add up to the annual target, average KPIs repeat their level', () => {
    const m = values(addon, 'MONTHLY_TARGETS');
    expect(m).toHaveLength(4);
    expect(m.map((r) => r.length)).toEqual([12, 12, 12, 12]);
    expect(sum(m[0])).toBe(250);
    expect(m[0].slice(0, 3)).toEqual([21, 21, 21]);
    expect(m[1]).toEqual(new Array(12).fill(8000));
    expect(sum(m[2])).toBe(100);
    expect(sum(m[3])).toBe(20);
  });

  test('the KPI tree is a tree linked to the plan', () => {
    const tree = addon.view(`'KPIツリー'!A4:E10`);
    expect(tree.values.map((r) => r[0])).toEqual([
      'KGI: 新規売上',
      '├─ KSF: リード獲得',
      '│   ├─ リード数',
      '│   └─ リード獲得単価',
      '└─ KSF: 商談化と受注',
      '    ├─ 商談数',
      '    └─ 受注件数',
    ]);
    expect(tree.values.map((r) => r[1])).toEqual([10_000_000, '', 250, 8000, '', 100, 20]);
    expect(tree.values[2][3]).toBe('マーケ');
    // Every KPI passes the health check.
    expect(tree.values.map((r) => r[4])).toEqual(['', '', '✓ 問題なし', '✓ 問題なし', '', '✓ 問題なし', '✓ 問題なし']);
  });

  test('actuals → progress values, YTD, forecast, status and colours', () => {
    // Leads: Apr 21 (100%), May 17 of 21 (81%); CPL (lower is better): Apr ¥6,000 of ¥8,000;
    // meetings: Apr 3 of 9; deals: nothing reported.
    type(addon, 'ACTUALS', 0, 0, 21);
    type(addon, 'ACTUALS', 0, 1, 17);
    type(addon, 'ACTUALS', 1, 0, 6000);
    type(addon, 'ACTUALS', 2, 0, 3);
    const p = values(addon, 'PROGRESS');
    expect(p[0].slice(0, 3)).toEqual([1, 17 / 21, '']);
    expect(p[1][0]).toBeCloseTo(1.25);
    expect(p[2][0]).toBeCloseTo(3 / 9);
    expect(p[3]).toEqual(new Array(12).fill(''));
    const colours = addon.view('PROGRESS').backgrounds;
    expect(colours[0].slice(0, 3)).toEqual([GREEN, YELLOW, WHITE]);
    expect(colours[1][0]).toBe(GREEN);
    expect(colours[2][0]).toBe(RED);
    expect(colours[3][0]).toBe(WHITE);

    // YTD over the months reported: leads 38 of 42; CPL mean 6000 of 8000; deals blank.
    const ytd = addon.view(`'進捗'!P7:W10`).values;
    expect(ytd[0].slice(0, 3)).toEqual([42, 38, 38 / 42]);
    expect(ytd[1][0]).toBe(8000);
    expect(ytd[1][1]).toBe(6000);
    expect(ytd[1][2]).toBeCloseTo(1.25);
    expect(ytd[3].slice(0, 3)).toEqual(['', '', '']);
    // Forecast: run rate × 12 for sums, the mean for averages.
    expect(ytd[0][4]).toBe(19 * 12);
    expect(ytd[1][4]).toBe(6000);
    expect(ytd[3][4]).toBe('');
    // Status from the YTD achievement and the thresholds, in Japanese.
    expect(ytd.map((r) => r[7])).toEqual(['注意', '順調', '遅れ', '']);
    // Months reported: 2 (May is the latest month with an actual) → 10 left.
    expect(addon.view(`'進捗'!F3:H3`).values[0]).toEqual([2, '残り月数', 10]);
    // What each remaining month needs: leads (250 − 38) / 10.
    expect(ytd[0][6]).toBeCloseTo(21.2);
    const ytdColours = addon.view(`'進捗'!R7:R10`).backgrounds.flat();
    expect(ytdColours).toEqual([YELLOW, GREEN, RED, WHITE]);
  });

  test('editing the KGI and the thresholds: everything follows without a rebuild', () => {
    addon.spreadsheet.getSheetByName('計画')!.getRange(kgiRow('typedTarget'), 2).setValue(20_000_000);
    expect(values(addon, 'KGI_TARGET')).toEqual([[20_000_000]]);
    expect(values(addon, 'FUNNEL_TARGETS')).toEqual([[500], [200], [40]]);
    expect(sum(values(addon, 'MONTHLY_TARGETS')[0])).toBe(500);
    expect(addon.view(`'KPIツリー'!B6`).values).toEqual([[500]]);
    // Leads' April target is now 42: 21 of 42 → red.
    expect(values(addon, 'PROGRESS')[0][0]).toBe(0.5);
    expect(addon.view('PROGRESS').backgrounds[0][0]).toBe(RED);

    // Thresholds are edited on the Plan; Progress's threshold cells and colours follow.
    const plan = addon.spreadsheet.getSheetByName('計画')!;
    plan.getRange(kgiRow('warn'), 2).setValue(0.4);
    expect(values(addon, 'THRESHOLD_WARN')).toEqual([[0.4]]);
    expect(addon.view('PROGRESS').backgrounds[0][0]).toBe(YELLOW);
    plan.getRange(kgiRow('ok'), 2).setValue(0.5);
    expect(addon.view('PROGRESS').backgrounds[0][0]).toBe(GREEN);
    // The threshold cells state the thresholds in force, in their colours.
    const controls = addon.view(`'進捗'!A3:D3`);
    expect(controls.displayValues[0]).toEqual(['注意ライン', '40%', '順調ライン', '50%']);
    expect([controls.backgrounds[0][1], controls.backgrounds[0][3]]).toEqual([YELLOW, GREEN]);
  });

  test('re-apply progress colours restores deleted rules and keeps the user’s own', () => {
    const progress = addon.spreadsheet.getSheetByName('進捗')!;
    const own = SpreadsheetAppOf(addon)
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('#cccccc')
      .setRanges([progress.getRange('A20')])
      .build();
    progress.setConditionalFormatRules([own]);
    expect(addon.view('PROGRESS').backgrounds[0][0]).toBe(WHITE);
    // The KGI's row too: ¥900,000 in a month of ¥833,334.
    type(addon, 'KGI_ACTUALS', 0, 0, 900_000);
    expect(addon.view('KGI_PROGRESS').backgrounds[0][0]).toBe(WHITE);
    const out = addon.run('reapplyProgressColours') as { sheets: string[] };
    expect(out.sheets).toEqual(['進捗']);
    expect(addon.ui.toasts.map((t) => t.message)).toContain('進捗 の進捗の色分けを再設定しました。');
    expect(addon.view('PROGRESS').backgrounds[0][0]).toBe(GREEN);
    expect(addon.view('KGI_PROGRESS').backgrounds[0][0]).toBe(GREEN);
    expect(addon.view('QUARTER_PROGRESS').backgrounds[0][0]).toBe(GREEN);
    expect(progress.getConditionalFormatRules()).toHaveLength(16);
    // Running it twice does not pile up copies.
    addon.run('reapplyProgressColours');
    expect(progress.getConditionalFormatRules()).toHaveLength(16);
  });
});

/** The script realm's SpreadsheetApp (rules must be built by the same fake service). */
function SpreadsheetAppOf(addon: Addon): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return (addon.global as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp }).SpreadsheetApp;
}

describe('buildWorkbook on the harness (English plan)', () => {
  test('English sheet names, months, labels and $ format', () => {
    const addon = loadAddon();
    const out = build(addon, basicPlan('en'));
    expect(out.sheets).toEqual(['KPI Tree', 'Plan', 'Actuals', 'Progress']);
    expect(addon.view(`'Progress'!D5:O5`).values[0]).toEqual([
      'Jan 2026',
      'Feb 2026',
      'Mar 2026',
      'Apr 2026',
      'May 2026',
      'Jun 2026',
      'Jul 2026',
      'Aug 2026',
      'Sep 2026',
      'Oct 2026',
      'Nov 2026',
      'Dec 2026',
    ]);
    expect(addon.view('KGI_TARGET').displayValues).toEqual([['$10,000,000']]);
    expect(addon.view(`'Plan'!A${kgiRow('kgiTarget')}`).values).toEqual([['KGI target (year)']]);
    // Deals won: 20 a year, 2 in January.
    type(addon, 'ACTUALS', 3, 0, 2);
    expect(addon.view(`'Progress'!W10`).values).toEqual([['On track']]);
    type(addon, 'ACTUALS', 3, 1, 1);
    expect(addon.view(`'Progress'!W10`).values).toEqual([['Off track']]);
    expect(addon.view(`'Progress'!R10`).displayValues).toEqual([['75%']]);
  });

  test('a KGI from last year + growth is a live formula; a count KGI needs no unit value', () => {
    const addon = loadAddon();
    const plan = basicPlan('en');
    plan.kgi = { name: 'Deals', unit: 'count', baseline: 50, growthRate: 0.2 };
    build(addon, plan);
    expect(values(addon, 'KGI_TARGET')).toEqual([[60]]);
    expect(values(addon, 'UNIT_VALUE')).toEqual([['']]);
    expect(values(addon, 'FUNNEL_TARGETS')).toEqual([[750], [300], [60]]);
    addon.spreadsheet.getSheetByName('Plan')!.getRange(kgiRow('growth'), 2).setValue(0.1);
    expect(values(addon, 'FUNNEL_TARGETS')).toEqual([[688], [275], [55]]);
  });

  test('¥100,000,000 last year + 10% is exactly 110,000,000 (no floating-point noise)', () => {
    const addon = loadAddon();
    const plan = basicPlan('en');
    plan.kgi = { ...plan.kgi, target: undefined, baseline: 100_000_000, growthRate: 0.1 };
    build(addon, plan);
    expect(100_000_000 * (1 + 0.1)).not.toBe(110_000_000);
    expect(values(addon, 'KGI_TARGET')).toEqual([[110_000_000]]);
  });
});

/** Every cell of the spreadsheet that shows an error (#REF!, #ERROR!, #NAME?, …), with its message. */
function errorCells(addon: Addon): string[] {
  return addon.spreadsheet.getSheets().flatMap((s) => {
    const v = addon.view(`'${s.getName()}'!${s.getDataRange().getA1Notation()}`);
    return v.values.flatMap((row, i) =>
      row.flatMap((x, j) =>
        typeof x === 'string' && /^#[A-Z/0!?]+/.test(x)
          ? [`${s.getName()}!R${i + 1}C${j + 1} ${x} ${v.errors[i][j]}`]
          : [],
      ),
    );
  });
}

describe('a realistic plan builds clean', () => {
  test.each(['ja', 'en'] as const)(
    'sample plan (%s): no error cell before or after actuals; data validation guards Actuals',
    (lang) => {
      const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
      const out = build(addon, samplePlan(lang));
      expect(out.sheets).toHaveLength(4);
      expect(errorCells(addon)).toEqual([]);
      const k = values(addon, 'KPI_NAMES').length;
      for (let i = 0; i < k; i++) for (let j = 0; j < 3; j++) type(addon, 'ACTUALS', i, j, 10 + i + j);
      expect(errorCells(addon)).toEqual([]);
      expect(
        values(addon, 'PROGRESS').every(
          (r) => r.slice(0, 3).every((x) => typeof x === 'number') && r.slice(3).every((x) => x === ''),
        ),
      ).toBe(true);
      // Text and negative numbers are refused with the localized message; nothing changes.
      const message = lang === 'ja' ? /0以上の数値/ : /number of 0 or more/;
      expect(() => type(addon, 'ACTUALS', 0, 5, 'many')).toThrow(message);
      expect(() => type(addon, 'ACTUALS', 0, 5, -3)).toThrow(message);
      expect(values(addon, 'ACTUALS')[0][5]).toBe('');
      // A threshold typed as 80 (meaning 80%) is refused, not taken as 8000%.
      const plan = lang === 'ja' ? '計画' : 'Plan';
      expect(() => addon.type(`'${plan}'!B${kgiRow('warn')}`, 80)).toThrow(
        lang === 'ja' ? /0%〜200%/ : /from 0% to 200%/,
      );
      addon.type(`'${plan}'!B${kgiRow('warn')}`, '70%');
      expect(values(addon, 'THRESHOLD_WARN')[0][0]).toBe(0.7);
    },
  );
});

describe('a plan without a language', () => {
  test.each([
    ['ja_JP', ['KPIツリー', '計画', '実績', '進捗'], '2026年4月'],
    ['en_US', ['KPI Tree', 'Plan', 'Actuals', 'Progress'], 'Jan 2026'],
  ] as const)('takes the spreadsheet’s (%s), with its fiscal start month', (locale, sheets, firstMonth) => {
    const plan = basicPlan('en');
    delete plan.locale;
    delete (plan.fiscalYear as Partial<Plan['fiscalYear']>).startMonth;
    const addon = loadAddon({ locale });
    expect(build(addon, plan).sheets).toEqual(sheets);
    expect(addon.view(`'${sheets[2]}'!E3`).displayValues[0][0]).toBe(firstMonth);
  });
});

describe('the KPI tree shows where the plan is weak', () => {
  test.each(['ja', 'en'] as const)('a KPI with a health-check warning is marked ⚠ with the message (%s)', (lang) => {
    const plan = basicPlan(lang);
    delete plan.ksfs[1].kpis[1].unit; // quantitative: a KPI without a unit is a warning
    const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
    const { sheets, warnings } = build(addon, plan);
    const tree = addon.view(`'${sheets[0]}'!A4:E10`);
    const marks = tree.values.map((r) => String(r[4]));
    const ok = lang === 'ja' ? '✓ 問題なし' : '✓ OK';
    expect(marks.filter((m) => m === ok)).toHaveLength(3);
    expect(marks[6]).toMatch(/^⚠ /);
    expect(marks[6]).toContain(lang === 'ja' ? '受注件数' : 'Deals won');
    expect(warnings).toContain(marks[6].slice(2));
    expect(tree.backgrounds[6][4]).toBe(YELLOW);
    expect(tree.backgrounds[5][4]).toBe(WHITE);
  });
});

describe('edge cases', () => {
  test('two funnel stages with the same name: each KPI keeps its own stage (linked by position)', () => {
    const addon = loadAddon();
    const plan = basicPlan('en');
    plan.funnel = { stages: [{ name: 'Leads' }, { name: 'Leads' }, { name: 'Won' }], rates: [0.4, 0.2] };
    plan.ksfs[1].kpis[0].name = 'Qualified leads';
    const out = build(addon, plan);
    expect(out.warnings.join('\n')).not.toMatch(/Leads/);
    expect(addon.view(`'Plan'!I25:I28`).values.flat()).toEqual([250, 8000, 100, 20]);
    // Renaming a stage renames it in the KPI table; the targets stay.
    addon.type(`'Plan'!A19`, 'MQL');
    expect(addon.view(`'Plan'!G25:G28`).values.flat()).toEqual(['Leads', '', 'MQL', 'Won']);
    expect(addon.view(`'Plan'!I25:I28`).values.flat()).toEqual([250, 8000, 100, 20]);
  });

  test('re-apply progress colours without a plan says to build one first', () => {
    const addon = loadAddon({ locale: 'ja_JP' });
    expect(() => addon.run('reapplyProgressColours')).toThrow(/KPI計画が見つかりません/);
    expect(addon.lock.held).toBe(false);
  });
});

describe('never overwrite, never half-build', () => {
  test('building twice keeps the first build, its ranges and what was typed', () => {
    const addon = loadAddon({ locale: 'ja_JP' });
    build(addon, basicPlan('ja'));
    type(addon, 'ACTUALS', 0, 0, 21);
    const second = build(addon, { ...basicPlan('ja'), kgi: { ...basicPlan('ja').kgi, target: 5_000_000 } });
    expect(second.sheets).toEqual(['KPIツリー (2)', '計画 (2)', '実績 (2)', '進捗 (2)']);
    expect(second.warnings.join('\n')).toMatch(/_2/);
    // The first build's ranges keep their names and their place; the second's are suffixed.
    expect(named(addon, 'ACTUALS').getSheet().getName()).toBe('実績');
    expect(values(addon, 'ACTUALS')[0][0]).toBe(21);
    expect(values(addon, 'FUNNEL_TARGETS')).toEqual([[250], [100], [20]]);
    expect(named(addon, 'FUNNEL_TARGETS_2').getSheet().getName()).toBe('計画 (2)');
    expect(values(addon, 'FUNNEL_TARGETS_2')).toEqual([[125], [50], [10]]);
    expect(values(addon, 'ACTUALS_2')[0][0]).toBe('');
    // The second build's formulas read the second build's ranges.
    type(addon, 'ACTUALS_2', 0, 0, 11);
    expect(values(addon, 'PROGRESS_2')[0][0]).toBe(1);
    expect(values(addon, 'PROGRESS')[0][0]).toBe(1);
  });

  test('a user sheet named Plan and a user named range KGI_TARGET are left alone', () => {
    const addon = loadAddon();
    const mine = addon.spreadsheet.insertSheet('Plan');
    mine.getRange('A1:B2').setValues([
      ['my', 'data'],
      [1, 2],
    ]);
    addon.spreadsheet.setNamedRange('KGI_TARGET', mine.getRange('B2'));
    const out = build(addon, basicPlan('en'));
    expect(out.sheets).toEqual(['KPI Tree', 'Plan (2)', 'Actuals', 'Progress']);
    expect(mine.getRange('A1:B2').getValues()).toEqual([
      ['my', 'data'],
      [1, 2],
    ]);
    expect(named(addon, 'KGI_TARGET').getSheet().getName()).toBe('Plan');
    expect(values(addon, 'KGI_TARGET')).toEqual([[2]]);
    expect(values(addon, 'KGI_TARGET_2')).toEqual([[10_000_000]]);
    expect(values(addon, 'FUNNEL_TARGETS_2')).toEqual([[250], [100], [20]]);
    expect(out.warnings.join('\n')).toMatch(/Plan \(2\)/);
    expect(out.warnings.join('\n')).toMatch(/KGI_TARGET/);
  });

  test('a bad plan throws a message naming the field and value, and writes nothing', () => {
    const addon = loadAddon();
    const before = { sheets: sheetNames(addon), ranges: rangeNames(addon) };
    addon.resetCalls();
    const bad = basicPlan('en');
    bad.funnel.rates[1] = 20;
    expect(() => build(addon, bad)).toThrow(/funnel\.rates\[1\]|20/);
    let message = '';
    try {
      build(addon, bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/20/);
    expect(message).toMatch(/nothing was written/);
    expect(sheetNames(addon)).toEqual(before.sheets);
    expect(rangeNames(addon)).toEqual(before.ranges);
    const writes = Object.keys(addon.calls).filter((k) => /\.(set|insert|delete|remove)/.test(k));
    expect(writes).toEqual([]);
    expect(() => build(addon, { ...basicPlan('en'), ksfs: [] } as Plan)).toThrow();
    expect(sheetNames(addon)).toEqual(before.sheets);
  });
});

describe('safety and budgets', () => {
  test('user text that looks like a formula lands as text', () => {
    const addon = loadAddon();
    const plan = basicPlan('en');
    plan.name = '=IMPORTXML("http://x","//a")';
    plan.ksfs[0].name = '@x';
    plan.ksfs[0].kpis[0].name = '=HYPERLINK("http://evil.example","click")';
    plan.ksfs[0].kpis[1].name = '+1';
    plan.ksfs[1].kpis[0].name = '-1';
    plan.ksfs[1].kpis[0].owner = '=1+1';
    build(addon, plan);
    expect(values(addon, 'KPI_NAMES').flat()).toEqual([
      '=HYPERLINK("http://evil.example","click")',
      '+1',
      '-1',
      'Deals won',
    ]);
    expect(named(addon, 'KPI_NAMES').getFormulas().flat()).toEqual(['', '', '', '']);
    const planSheet = addon.spreadsheet.getSheetByName('Plan')!;
    const ksfCell = planSheet.getRange(named(addon, 'KPI_NAMES').getRow(), 1);
    expect(ksfCell.getValue()).toBe('@x');
    expect(ksfCell.getFormula()).toBe('');
    // Linked copies show the same text (formulas that reference the cell, not the text).
    expect(addon.view(`'Actuals'!B4:B7`).values.flat()).toEqual([
      '=HYPERLINK("http://evil.example","click")',
      '+1',
      '-1',
      'Deals won',
    ]);
    expect(addon.view(`'Actuals'!D6`).values).toEqual([['=1+1']]);
    expect(addon.view(`'Plan'!A1`).values[0][0]).toBe('=IMPORTXML("http://x","//a") — Plan');
  });

  test('every write happens under the document lock', () => {
    const addon = loadAddon();
    build(addon, basicPlan('en'));
    expect(addon.lock.unlockedWrites).toEqual([]);
    expect(addon.lock.lockedWrites).toBeGreaterThan(10);
    expect(addon.lock.held).toBe(false);
    expect(addon.lock.history).toEqual(['acquire', 'release']);
    addon.run('reapplyProgressColours');
    expect(addon.lock.unlockedWrites).toEqual([]);
    expect(addon.lock.history).toEqual(['acquire', 'release', 'acquire', 'release']);
  });

  test('while another script holds the lock, the build waits, then gives up with a clear message and writes nothing', () => {
    const addon = loadAddon();
    const before = sheetNames(addon);
    addon.lock.busy = true;
    expect(() => build(addon, basicPlan('en'))).toThrow(/Another build or report is still writing/);
    expect(sheetNames(addon)).toEqual(before);
    expect(rangeNames(addon)).toEqual([]);
    addon.lock.busy = false;
    expect(build(addon, basicPlan('en')).sheets).toHaveLength(4);
  });

  test('thresholds the user breaks (warn above ok) show a clear message in the status, not a wrong label', () => {
    const addon = loadAddon();
    build(addon, basicPlan('en'));
    type(addon, 'ACTUALS', 0, 0, 10);
    expect(errorCells(addon)).toEqual([]);
    expect(addon.view(`'Progress'!W7`).values).toEqual([['Off track']]);
    addon.type(`'Plan'!B${kgiRow('warn')}`, 2);
    expect(errorCells(addon)).toEqual([]);
    // The KGI's row and the four KPIs'.
    const status = addon.view(`'Progress'!W6:W10`).values.flat();
    expect(status).toEqual(new Array(5).fill('Check the thresholds: “At risk from” is above “On track from”'));
    addon.type(`'Plan'!B${kgiRow('warn')}`, 0.8);
    expect(addon.view(`'Progress'!W7`).values).toEqual([['Off track']]);
  });

  test('write calls and custom-function cells do not grow with the number of KPIs (5 vs 60)', () => {
    const run = (n: number) => {
      const addon = loadAddon();
      addon.resetCalls();
      build(addon, bigPlan(n));
      const calls = { ...addon.calls };
      const sheets = addon.spreadsheet.getSheets();
      return { calls, custom: customFormulaCells(sheets).length, monthly: values(addon, 'MONTHLY_TARGETS').length };
    };
    const five = run(5);
    const sixty = run(60);
    expect(five.monthly).toBe(5);
    expect(sixty.monthly).toBe(60);
    // KPI_FUNNEL and KPI_MONTHLY (the KPIs' and the KGI's) on Plan; Progress is native formulas only.
    expect(five.custom).toBe(3);
    expect(sixty.custom).toBe(3);
    expect(sixty.calls).toEqual(five.calls);
    const writes = Object.entries(five.calls).filter(([k]) =>
      /^(Range|Sheet|Spreadsheet)\.(set|insert|merge|hide|delete)/.test(k),
    );
    const total = writes.reduce((a, [, n]) => a + n, 0);
    // 16 named ranges (one call each), the Plan and Progress rules, validations, the hidden months' formula
    // rectangles on Plan and its widening past 26 columns: about 150.
    expect(total).toBeLessThan(155);
  });
});
