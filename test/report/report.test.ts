// Integration: the built add-on (dist/Code.js) creates the monthly report on the offline harness:
// a snapshot of values read back from the plan the sidebar built, off-track KPIs first, missing
// actuals flagged, a chart; a rerun replaces only that report; nothing else changes.
import { loadAddon, type WorkbookJSON } from '../../dev/harness';
import { funnelActualRates, weakestStep } from '../../src/core/funnel-actual';
import { kgiMonthlyTargets } from '../../src/core/periods';
import type { Plan } from '../../src/core/plan';
import { kgiRow } from '../../src/sheets/workbook';
import { basicPlan, bigPlan } from '../sheets/plans';

type Addon = ReturnType<typeof loadAddon>;
interface Result {
  sheet: string;
  month: string;
  kpis: number;
  replaced: boolean;
}

const GREEN = '#b7e1cd';
const YELLOW = '#fce8b2';
const RED = '#f4c7c3';
const B = '';

/** A built plan with actuals typed for the first three fiscal months (Leads' third month left blank). */
function setup(lang: 'en' | 'ja' = 'en', options: { timeZone?: string; plan?: Plan } = {}): Addon {
  const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US', timeZone: options.timeZone });
  addon.run('buildWorkbook', options.plan ?? basicPlan(lang));
  const actuals = addon.spreadsheet.getRangeByName('ACTUALS')!;
  // Leads, cost per lead (lower is better, average), meetings (second month missing), deals (0 is reported).
  addon.type(`'${actuals.getSheet().getName()}'!E4:G7`, [
    [20, 25, B],
    [9000, 8500, 7000],
    [9, B, 4],
    [1, 1, 0],
  ]);
  // The KGI: its first three months.
  const kgi = addon.spreadsheet.getRangeByName('KGI_ACTUALS')!;
  addon.type(`'${kgi.getSheet().getName()}'!${kgi.offset(0, 0, 1, 3).getA1Notation()}`, [
    [900_000, 700_000, 1_000_000],
  ]);
  return addon;
}
const report = (addon: Addon, month: unknown) => addon.run('createMonthlyReport', month) as Result;
/** The workbook dump without the sheets named (and the active sheet, which a report switches to). */
function dump(addon: Addon, without: string[] = []): Omit<WorkbookJSON, 'activeSheet'> {
  const { activeSheet, ...wb } = addon.saveWorkbook();
  void activeSheet;
  // The left-out sheets' own developer metadata goes with them.
  const mine = (m: { location: { sheet?: string } }) =>
    m.location.sheet !== undefined && without.includes(m.location.sheet);
  const rest = { ...wb, sheets: wb.sheets.filter((s) => !without.includes(s.name)) } as typeof wb & {
    developerMetadata?: { location: { sheet?: string } }[];
  };
  if (rest.developerMetadata) rest.developerMetadata = rest.developerMetadata.filter((m) => !mine(m));
  return rest;
}
const sheetJson = (addon: Addon, name: string) => addon.saveWorkbook().sheets.find((s) => s.name === name)!;
const names = (addon: Addon) => addon.spreadsheet.getSheets().map((s) => s.getName());
/** Table rows of a report (row 11 on), as values. */
const table = (addon: Addon, sheet: string, n: number) => addon.view(`'${sheet}'!A11:P${10 + n}`);

describe('createMonthlyReport (English plan, January start)', () => {
  let addon: Addon;
  let before: ReturnType<typeof dump>;
  let result: Result;
  beforeAll(() => {
    addon = setup('en');
    before = dump(addon);
    addon.resetCalls();
    result = report(addon, '2026-03');
  });

  test('creates "Report 2026-03" and says so', () => {
    expect(result).toEqual({ sheet: 'Report 2026-03', month: '2026-03', kpis: 4, replaced: false });
    expect(names(addon)).toEqual(['Sheet1', 'KPI Tree', 'Plan', 'Actuals', 'Progress', 'Report 2026-03']);
    expect(addon.spreadsheet.getActiveSheet().getName()).toBe('Report 2026-03');
  });

  test('header: plan, month and when it was made, in the spreadsheet’s time zone', () => {
    const v = addon.view(`'Report 2026-03'!A1:B4`).values;
    expect(v[0][0]).toBe('FY2026 plan — monthly report Mar 2026');
    expect(v.slice(1)).toEqual([
      ['Plan', 'FY2026 plan'],
      ['Month', 'Mar 2026 (2026-03)'],
      ['Made', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Tokyo\)$/)],
    ]);
    const made = String(v[3][1]).slice(0, 10);
    const tokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    expect(made).toBe(tokyo);
  });

  test('one row per KPI, off track first, with the numbers computed from targets and actuals', () => {
    const v = table(addon, 'Report 2026-03', 4).values;
    expect(v.map((r) => r[0])).toEqual(['Meetings', 'Deals won', 'Cost per lead', 'Leads']);
    expect(v.map((r) => r[13])).toEqual(['Off track', 'Off track', 'At risk', 'On track']);
    const [meetings, deals, cpl, leads] = v;
    // Meetings: 100 a year → 9, 9, 9 …; actuals 9, (missing), 4.
    // Year to date over the reported months (Jan, Mar), as Progress counts it: target 18, actual 13.
    expect(meetings.slice(0, 8)).toEqual([
      'Meetings',
      'Meetings and deals',
      'Sales',
      9,
      4,
      expect.closeTo(4 / 9, 9),
      B,
      18,
    ]);
    expect(meetings[8]).toBe(13);
    expect(meetings[9]).toBeCloseTo(13 / 18, 9); // missing month not counted as 0
    expect(meetings.slice(10, 12)).toEqual([100, 78]);
    expect(meetings[12]).toBeCloseTo(87 / 9, 9); // (100 − 13) over the 9 months after March
    // Deals: 0 is reported (not missing): achievement 0, change 0 − 50%.
    expect(deals.slice(3, 7)).toEqual([2, 0, 0, -50]); // −50 percentage points
    expect(table(addon, 'Report 2026-03', 4).displayValues[1][6]).toBe('-50 pt');
    expect(deals.slice(7, 13)).toEqual([6, 2, expect.closeTo(1 / 3, 9), 20, 8, 2]);
    // Cost per lead: lower is better, average KPI — YTD is the mean.
    expect(cpl.slice(3, 5)).toEqual([8000, 7000]);
    expect(cpl[5]).toBeCloseTo(1.125, 9);
    expect(cpl[6]).toBe(Math.round((1.125 - 0.9375) * 100)); // +19 pt
    expect(cpl[7]).toBe(8000);
    expect(cpl[8]).toBeCloseTo(24500 / 3, 6);
    expect(cpl[9]).toBeCloseTo(2 - 24500 / 3 / 8000, 9);
    expect(cpl[11]).toBeCloseTo(24500 / 3, 6);
    expect(cpl[12]).toBeCloseTo((8000 * 12 - 24500) / 9, 6);
    // Leads: 250 a year → 21 a month; March missing.
    expect(leads.slice(3, 8)).toEqual([21, '— missing', B, B, 42]);
    expect(leads[8]).toBe(45);
    expect(leads[9]).toBeCloseTo(45 / 42, 9);
    expect(leads.slice(10, 12)).toEqual([250, 270]);
    expect(leads[12]).toBeCloseTo((250 - 45) / 9, 9);
  });

  test('missing actuals are flagged (text, red italic, a note on YTD), never a 0', () => {
    const sheet = addon.spreadsheet.getSheetByName('Report 2026-03')!;
    const leads = sheet.getRange('A14:P14');
    expect(leads.getValues()[0][4]).toBe('— missing');
    expect(leads.getFontColors()[0][4]).toBe('#c5221f');
    expect(sheetJson(addon, 'Report 2026-03').cells.E14.fontStyle).toBe('italic');
    expect(leads.getNotes()[0][8]).toMatch(/^1 month missing/);
    expect(sheet.getRange('E12').getValue()).toBe(0); // Deals: reported as 0
    expect(sheet.getRange('I12').getNote()).toBe('');
  });

  test('colours as on Progress: achievement and status by the plan’s thresholds, fixed on the sheet', () => {
    const bg = table(addon, 'Report 2026-03', 4).backgrounds;
    expect(bg.map((r) => r[5])).toEqual([RED, RED, GREEN, '#ffffff']); // month achievement; Leads is missing
    expect(bg.map((r) => r[9])).toEqual([RED, RED, YELLOW, GREEN]); // YTD achievement
    expect(bg.map((r) => r[13])).toEqual([RED, RED, YELLOW, GREEN]); // status
    expect(addon.view(`'Report 2026-03'!A8:D8`).values[0]).toEqual([
      'Off track: 2',
      'At risk: 1',
      'On track: 1',
      'No data: 0',
    ]);
  });

  test('an empty improvement-action column', () => {
    const v = addon.view(`'Report 2026-03'!P10:P14`).values.flat();
    expect(v).toEqual(['Improvement action', B, B, B, B]);
  });

  test('a snapshot: no formula anywhere, and later edits do not change it', () => {
    const sheet = addon.spreadsheet.getSheetByName('Report 2026-03')!;
    expect(sheet.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);
    const snap = sheetJson(addon, 'Report 2026-03');
    addon.type(`'Actuals'!G4`, 500);
    expect(sheetJson(addon, 'Report 2026-03')).toEqual(snap);
    addon.type(`'Actuals'!G4`, B);
  });

  test('opens with the KGI line: month target, actual and achievement, quarter and year to date, forecast, status', () => {
    const targets = kgiMonthlyTargets(basicPlan('en'));
    const header = addon.view(`'Report 2026-03'!A5:P5`).values[0];
    expect(header.slice(0, 6)).toEqual(['KGI', 'KSF', 'Owner', 'Target (month)', 'Actual (month)', 'Achievement']);
    expect(header[14]).toBe('QTD achievement');
    const line = addon.view(`'Report 2026-03'!A6:P6`);
    const [kgi] = line.values;
    expect(kgi.slice(0, 5)).toEqual(['New revenue', 'KGI', B, targets[2], 1_000_000]);
    expect(kgi[5]).toBeCloseTo(1_000_000 / targets[2], 12);
    const ytdTarget = targets[0] + targets[1] + targets[2];
    expect(kgi.slice(7, 9)).toEqual([ytdTarget, 2_600_000]);
    expect(kgi[9]).toBeCloseTo(2_600_000 / ytdTarget, 12);
    expect(kgi.slice(10, 12)).toEqual([10_000_000, 10_400_000]); // run rate: 2.6M over 3 months × 12
    expect(kgi[13]).toBe('On track');
    expect(kgi[14]).toBeCloseTo(2_600_000 / ytdTarget, 12); // March closes Q1: the quarter is the year so far
    expect(line.displayValues[0][3]).toMatch(/^\$833,33\d$/);
    expect(line.backgrounds[0][9]).toBe(GREEN);
  });

  test('the quarter to date of every KPI: its fiscal quarter up to the month, months with an actual', () => {
    const v = table(addon, 'Report 2026-03', 4).values;
    const qtd = Object.fromEntries(v.map((r) => [r[0], r[14]]));
    // Q1 is January–March: the same months as the year to date in March.
    expect(qtd.Meetings).toBeCloseTo(13 / 18, 9);
    expect(qtd.Leads).toBeCloseTo(45 / 42, 9);
    expect(qtd['Cost per lead']).toBeCloseTo(2 - 24500 / 3 / 8000, 9);
    // In April the quarter starts again: Q2 has no actual yet.
    const other = setup('en');
    report(other, '2026-04');
    expect(table(other, 'Report 2026-04', 4).values.map((r) => r[14])).toEqual([B, B, B, B]);
  });

  test('the weakest funnel step through the month: the one whose gap, closed, adds the most wins', () => {
    // Leads → meetings: January only (February has no meetings, March no leads): 9 of 20 = 45%, above 40%.
    // Meetings → won: January and March: 1 of 13 = 7.7%, below 20%: closing it adds 20 × 0.45 × (0.2 − 1/13) wins.
    const text = addon.view(`'Report 2026-03'!A7`).values[0][0];
    expect(text).toBe(
      'Weakest funnel step (year to date): Meetings → Won, 7.7% actual vs 20.0% planned (−12.3 pt); ' +
        'at plan it would add about 1.1 wins.',
    );
    const steps = funnelActualRates({
      stages: ['Leads', 'Meetings', 'Won'],
      planned: [0.4, 0.2],
      throughMonth: 2,
      actuals: [
        [20, 25, B],
        [9, B, 4],
        [1, 1, 0],
      ].map((row) => [...row, ...Array(9).fill(B)]),
    });
    expect(weakestStep(steps)!.winsGained).toBeCloseTo(20 * 0.45 * (0.2 - 1 / 13), 12);
  });

  test("charts that say something: the KGI by month, target vs actual; the KPIs' month achievement vs the thresholds", () => {
    const charts = addon.spreadsheet.getSheetByName('Report 2026-03')!.getCharts();
    expect(charts).toHaveLength(2);
    const [kgiChart, kpiChart] = sheetJson(addon, 'Report 2026-03').charts;
    expect(kgiChart).toMatchObject({ type: 'COLUMN', options: { title: 'KGI by month: target vs actual' } });
    const targets = kgiMonthlyTargets(basicPlan('en'));
    const kgiData = charts[0].getRanges()[0].getValues();
    expect(kgiData[0]).toEqual(['Month', 'KGI target', 'KGI actual']);
    expect(kgiData.slice(1).map((r) => r[0])).toEqual([
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
    expect(kgiData.slice(1).map((r) => r[1])).toEqual(targets);
    expect(kgiData.slice(1, 5).map((r) => r[2])).toEqual([900_000, 700_000, 1_000_000, B]);
    expect(kpiChart).toMatchObject({
      type: 'COMBO',
      options: {
        title: 'KPIs this month: achievement vs thresholds',
        seriesType: 'bars',
        series: { 1: { type: 'line' }, 2: { type: 'line' } },
      },
    });
    const kpiData = charts[1].getRanges()[0].getValues();
    expect(kpiData).toEqual([
      ['KPI', 'Achievement', 'At risk from', 'On track from'],
      ['Meetings', expect.closeTo(4 / 9, 9), 0.8, 1],
      ['Deals won', 0, 0.8, 1],
      ['Cost per lead', expect.closeTo(2 - 7000 / 8000, 9), 0.8, 1],
      ['Leads', B, 0.8, 1],
    ]);
    // Over the report's own cells, below the table.
    for (const c of charts) expect(c.getRanges()[0].getSheet().getName()).toBe('Report 2026-03');
    expect(charts[0].getRanges()[0].getRow()).toBeGreaterThan(14);
  });

  test('everything else is byte-for-byte unchanged; all writes under the document lock', () => {
    expect(dump(addon, ['Report 2026-03'])).toEqual(before);
    expect(addon.lock.unlockedWrites).toEqual([]);
    expect(addon.lock.history).toEqual(['acquire', 'release']);
  });
});

describe('the plan as it is now', () => {
  test('targets and thresholds edited on the Plan sheet are what the report uses', () => {
    const addon = setup('en');
    const row = addon.spreadsheet.getRangeByName('MONTHLY_TARGETS')!.getRow() + 1; // cost per lead
    addon.type(`'Plan'!H${row}`, 10000);
    addon.type(`'Plan'!B${kgiRow('warn')}`, 0.5); // warn threshold 80% → 50%
    report(addon, '2026-03');
    const v = table(addon, 'Report 2026-03', 4);
    expect(v.values.map((r) => [r[0], r[13]])).toEqual([
      ['Deals won', 'Off track'],
      ['Meetings', 'At risk'],
      ['Leads', 'On track'],
      ['Cost per lead', 'On track'],
    ]); // plan order within a status
    const cpl = v.values[3];
    expect(cpl.slice(3, 5)).toEqual([10000, 7000]);
    expect(cpl[5]).toBeCloseTo(2 - 0.7, 9);
    expect(v.backgrounds[1][13]).toBe(YELLOW);
    expect(addon.view(`'Report 2026-03'!A9`).values[0][0]).toMatch(/50% \/ 100%/);
  });
});

describe('rerun and other reports', () => {
  test('a rerun replaces only that report, in place, keeping the typed actions', () => {
    const addon = setup('en');
    report(addon, '2026-02');
    report(addon, '2026-03');
    addon.spreadsheet.insertSheet('Notes');
    addon.spreadsheet.getSheetByName('Report 2026-02')!.activate();
    addon.run('showHelp'); // unrelated
    // The team types an action for Meetings (row 11) and reports Leads' March.
    addon.type(`'Report 2026-03'!P11`, 'Call back the webinar leads');
    addon.type(`'Actuals'!G4`, 30);
    const order = names(addon);
    const feb = sheetJson(addon, 'Report 2026-02');
    const before = dump(addon, ['Report 2026-03']);
    addon.resetCalls();
    const r = report(addon, '2026-03');
    expect(r).toEqual({ sheet: 'Report 2026-03', month: '2026-03', kpis: 4, replaced: true });
    expect(names(addon)).toEqual(order);
    expect(dump(addon, ['Report 2026-03'])).toEqual(before);
    expect(sheetJson(addon, 'Report 2026-02')).toEqual(feb);
    const v = table(addon, 'Report 2026-03', 4).values;
    expect(v.find((row) => row[0] === 'Leads')!.slice(3, 5)).toEqual([21, 30]);
    expect(v.find((row) => row[0] === 'Meetings')![15]).toBe('Call back the webinar leads');
    expect(addon.spreadsheet.getSheetByName('Report 2026-03')!.getCharts()).toHaveLength(2);
    expect(addon.lock.unlockedWrites).toEqual([]);
  });

  test('a sheet of the user’s named like a report is never replaced', () => {
    const addon = setup('en');
    const mine = addon.spreadsheet.insertSheet('Report 2026-03');
    mine.getRange('A1').setValue('my own notes');
    expect(report(addon, '2026-03').sheet).toBe('Report 2026-03 (2)');
    expect(report(addon, '2026-03')).toEqual({
      sheet: 'Report 2026-03 (2)',
      month: '2026-03',
      kpis: 4,
      replaced: true,
    });
    expect(addon.view(`'Report 2026-03'!A1`).values).toEqual([['my own notes']]);
    expect(names(addon).filter((n) => n.startsWith('Report'))).toEqual(['Report 2026-03', 'Report 2026-03 (2)']);
  });

  test('with two plans, the report reads the plan whose sheet is active', () => {
    const addon = setup('en');
    const second = basicPlan('en');
    second.name = 'Second plan';
    second.ksfs[0].kpis[0].owner = 'Field team';
    addon.run('buildWorkbook', second);
    addon.spreadsheet.getSheetByName('Plan')!.activate();
    expect(report(addon, '2026-01').sheet).toBe('Report 2026-01');
    addon.spreadsheet.getSheetByName('Plan (2)')!.activate();
    expect(report(addon, '2026-01').sheet).toBe('Report 2026-01 (2)');
    expect(addon.view(`'Report 2026-01 (2)'!B2`).values[0][0]).toBe('Second plan');
    expect(addon.view(`'Report 2026-01'!B2`).values[0][0]).toBe('FY2026 plan');
    expect(report(addon, '2026-01').replaced).toBe(true); // (2) is active now: its own report
    expect(names(addon).filter((n) => n.startsWith('Report'))).toEqual(['Report 2026-01', 'Report 2026-01 (2)']);
  });
});

describe('bad months and no plan', () => {
  test.each([
    ['2026-13', /month "2026-13" is not a month written as YYYY-MM/],
    ['2026/03', /"2026\/03" is not a month written as YYYY-MM/],
    ['', /month "" is not/],
    [202603, /month 202603 is not/],
    [undefined, /month missing is not/],
    ['2025-12', /month "2025-12" is outside the plan's fiscal year \(2026-01 – 2026-12\)/],
    ['2027-01', /"2027-01" is outside/],
  ])('%p is a clear error and creates nothing', (month, message) => {
    const addon = setup('en');
    const before = addon.saveWorkbook();
    expect(() => report(addon, month)).toThrow(message);
    expect(addon.saveWorkbook()).toEqual(before);
  });

  test('a spreadsheet without a plan: "build one first", in the spreadsheet’s language', () => {
    const en = loadAddon();
    expect(() => report(en, '2026-03')).toThrow(/No KPI plan found.*Build one first/);
    expect(names(en)).toEqual(['Sheet1']);
    en.run('showReportDialog');
    expect(en.ui.dialogs).toEqual([]);
    expect(en.ui.alerts.map((a) => a.prompt)).toEqual([expect.stringMatching(/Build one first/)]);
    const ja = loadAddon({ locale: 'ja_JP' });
    expect(() => report(ja, '2026-03')).toThrow(/KPI計画が見つかりません.*先に/);
    expect(() => ja.run('getReportDefaults')).toThrow(/KPI計画が見つかりません/);
    const gone = setup('en');
    gone.spreadsheet.deleteSheet(gone.spreadsheet.getSheetByName('Plan')!);
    expect(() => report(gone, '2026-03')).toThrow(/Plan sheet of .* was deleted/);
  });

  test('another build or report holding the lock: a clear message, nothing written', () => {
    const addon = setup('en');
    const before = addon.saveWorkbook();
    addon.lock.busy = true;
    expect(() => report(addon, '2026-03')).toThrow(/Another build or report/);
    addon.lock.busy = false;
    expect(addon.saveWorkbook()).toEqual(before);
  });
});

describe('Japanese plan (April start)', () => {
  let addon: Addon;
  beforeAll(() => {
    addon = setup('ja');
    report(addon, '2026-06');
  });

  test('月次レポート YYYY-MM in Japanese, missing flagged 未入力', () => {
    expect(names(addon)).toContain('月次レポート 2026-06');
    const v = addon.view(`'月次レポート 2026-06'!A1:P14`).values;
    expect(v[0][0]).toBe('2026年度 計画 — 月次レポート 2026年6月');
    expect(v[2]).toEqual(expect.arrayContaining(['対象月', '2026年6月 (2026-06)']));
    expect(v[9]).toEqual([
      'KPI',
      'KSF',
      '担当',
      '当月目標',
      '当月実績',
      '達成率',
      '前月差',
      '累計目標',
      '累計実績',
      '累計達成率',
      '年間目標',
      '着地見込み',
      '残り月あたり必要数',
      'ステータス',
      '四半期累計達成率',
      '改善アクション',
    ]);
    // The KGI's line first, with the same columns.
    expect(v[4].slice(0, 4)).toEqual(['KGI', 'KSF', '担当', '当月目標']);
    expect(v[5].slice(0, 2)).toEqual(['新規売上', 'KGI']);
    expect(v.slice(10).map((r) => [r[0], r[4], r[13]])).toEqual([
      ['商談数', 4, '遅れ'],
      ['受注件数', 0, '遅れ'],
      ['リード獲得単価', 7000, '注意'],
      ['リード数', '未入力', '順調'],
    ]);
  });

  test('a month outside April 2026 – March 2027 is an error in Japanese', () => {
    expect(() => report(addon, '2026-03')).toThrow(
      /月 "2026-03" はこの計画の会計年度\(2026-04 – 2027-03\)に含まれません/,
    );
  });

  test('the dialog: Japanese title, months of the fiscal year, last finished month by default', () => {
    addon.run('showReportDialog');
    const dialog = addon.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('月次レポートを作成');
    expect(dialog.html).toContain('google.script.run');
    expect(dialog.html).toMatch(/["']createMonthlyReport["']/); // the typed RPC names the server function
    const d = addon.run('getReportDefaults') as {
      lang: string;
      plan: string;
      months: { key: string; label: string }[];
      defaultMonth: string;
    };
    expect(d.lang).toBe('ja');
    expect(d.plan).toBe('2026年度 計画');
    expect(d.months[0]).toEqual({ key: '2026-04', label: '2026年4月' });
    expect(d.months[11]).toEqual({ key: '2027-03', label: '2027年3月' });
    // The calendar month before today (Tokyo), clamped into the fiscal year.
    const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' })
      .format(new Date())
      .split('-')
      .map(Number);
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const expected = prev < '2026-04' ? '2026-04' : prev > '2027-03' ? '2027-03' : prev;
    expect(d.defaultMonth).toBe(expected);
  });
});

describe('safety and budgets', () => {
  test('names typed as formulas or markup land as text', () => {
    const plan = basicPlan('en');
    plan.name = '=HYPERLINK("http://x")';
    plan.ksfs[0].kpis[0].name = '+1 <img src=x onerror=alert(1)>';
    plan.ksfs[0].kpis[0].owner = '@owner';
    const addon = setup('en', { plan });
    report(addon, '2026-02');
    const sheet = addon.spreadsheet.getSheetByName('Report 2026-02')!;
    expect(sheet.getDataRange().getFormulas().flat().filter(Boolean)).toEqual([]);
    expect(sheet.getRange('B2').getValue()).toBe('=HYPERLINK("http://x")');
    const leads = table(addon, 'Report 2026-02', 4).values.find((r) => String(r[0]).startsWith('+1'))!;
    expect(leads.slice(0, 3)).toEqual(['+1 <img src=x onerror=alert(1)>', 'More leads', '@owner']);
  });

  test('the dialog inserts server text as text only', () => {
    const addon = setup('en');
    addon.run('showReportDialog');
    const html = addon.ui.dialogs[0].html;
    expect(html).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    expect(html).toMatch(/\(["']plan["']\)\.textContent\s*=/); // src/client/report.ts: the plan's name as text
  });

  test('the write calls do not grow with the number of KPIs (5 vs 60)', () => {
    const run = (n: number) => {
      const addon = loadAddon();
      addon.run('buildWorkbook', bigPlan(n));
      addon.resetCalls();
      expect(report(addon, '2026-04').kpis).toBe(n);
      expect(addon.lock.unlockedWrites).toEqual([]);
      return { ...addon.calls };
    };
    const five = run(5);
    const sixty = run(60);
    const writes = (c: Record<string, number>) =>
      Object.entries(c).filter(([k]) => /^(Range|Sheet|Spreadsheet)\.(set|insert|merge|delete|move)/.test(k));
    expect(writes(sixty)).toEqual(writes(five));
    expect(sixty['Range.getValues']).toBe(five['Range.getValues']);
    // The KGI line, the funnel line and two charts included.
    expect(writes(five).reduce((a, [, k]) => a + k, 0)).toBeLessThan(40);
  });
});
