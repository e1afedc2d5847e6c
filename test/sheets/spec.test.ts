// Pure tests of the layout-as-data: the spec helpers, the writer's cell encoding and name
// picking, and the planner workbook spec (no spreadsheet needed).
import { samplePlan } from '../../src/core/sample';
import {
  a1,
  colLetter,
  type Formula,
  formulas,
  isFormula,
  quoteSheet,
  type SheetSpec,
  toGrid,
} from '../../src/sheets/spec';
import { cellInput, freeRangeSuffix, freeSheetName } from '../../src/sheets/writer';
import {
  PROGRESS_LAYOUT,
  RANGE_NAMES,
  kpiFormat,
  planRows,
  progressRules,
  workbookSpec,
} from '../../src/sheets/workbook';
import { basicPlan, bigPlan } from './plans';

const customCells = (specs: SheetSpec[]) => specs.flatMap((s) => formulas(s)).filter((x) => /\bKPI_[A-Z]+\(/.test(x));
const sheet = (specs: SheetSpec[], name: string) => specs.find((s) => s.name === name)!;

describe('spec helpers', () => {
  test('column letters and A1 notation', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(colLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(() => colLetter(0)).toThrow('colLetter: column 0');
    expect(a1({ row: 3, col: 2 })).toBe('B3');
    expect(a1({ row: 3, col: 2, rows: 5, cols: 12 })).toBe('B3:M7');
    expect(a1({ row: 3, col: 4 }, true)).toBe('$D$3');
    expect(quoteSheet("Bob's plan")).toBe("'Bob''s plan'");
  });

  test('blocks lay onto one grid; later blocks and cell styles win', () => {
    const g = toGrid({
      name: 'x',
      blocks: [
        {
          row: 1,
          col: 1,
          cells: [
            ['a', 'b'],
            [1, { f: '=A2*2' }],
          ],
          style: { bold: true },
          colStyles: [undefined, { numberFormat: '0%' }],
        },
        { row: 2, col: 3, rows: 2, cols: 1, style: { background: '#ff0000' } },
        { row: 1, col: 2, cells: [['B']], cellStyles: [[{ bold: false }]] },
      ],
    });
    expect([g.rows, g.cols]).toEqual([3, 3]);
    expect(g.cells).toEqual([
      ['a', 'B', null],
      [1, { f: '=A2*2' }, null],
      [null, null, null],
    ]);
    expect(g.styles[0][1]).toEqual({ bold: false, numberFormat: '0%' });
    expect(g.styles[1][1]).toEqual({ bold: true, numberFormat: '0%' });
    expect(g.styles[2][2]).toEqual({ background: '#ff0000' });
  });
});

describe('writer cell encoding and names', () => {
  test('text always lands as text: a leading apostrophe, never a formula, number or date', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1', '-1', '@x', "'quoted", '0012', 'Apr 2026', 'TRUE', 'Leads']) {
      expect(cellInput(s)).toBe(`'${s}`);
    }
    expect(cellInput('')).toBe('');
    expect(cellInput(null)).toBe('');
    expect(cellInput(12.5)).toBe(12.5);
    expect(cellInput(false)).toBe(false);
    expect(cellInput({ f: '=SUM(A1:A3)' })).toBe('=SUM(A1:A3)');
    expect(() => cellInput(NaN)).toThrow('writer: cell value NaN is not a finite number');
  });

  test('free sheet names and named-range suffixes', () => {
    expect(freeSheetName(['Sheet1'], 'Plan')).toBe('Plan');
    expect(freeSheetName(['plan', 'Plan (2)'], 'Plan')).toBe('Plan (3)');
    expect(freeRangeSuffix(['MY_RANGE'], ['KGI_TARGET', 'PROGRESS'])).toBe('');
    expect(freeRangeSuffix(['progress'], ['KGI_TARGET', 'PROGRESS'])).toBe('_2');
    expect(freeRangeSuffix(['KGI_TARGET', 'PROGRESS', 'PROGRESS_2'], ['KGI_TARGET', 'PROGRESS'])).toBe('_3');
  });
});

describe('workbookSpec', () => {
  test('Japanese plan: sheet names, April-start month headers, labels', () => {
    const wb = workbookSpec(basicPlan('ja'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['KPIツリー', '計画', '実績', '進捗']);
    const actuals = toGrid(sheet(wb.sheets, '実績'));
    expect(actuals.cells[2].slice(4, 16)).toEqual([
      '2026年4月',
      '2026年5月',
      '2026年6月',
      '2026年7月',
      '2026年8月',
      '2026年9月',
      '2026年10月',
      '2026年11月',
      '2026年12月',
      '2027年1月',
      '2027年2月',
      '2027年3月',
    ]);
    expect(actuals.cells[2].slice(0, 4)).toEqual(['KSF', 'KPI', '単位', '担当']);
    const plan = toGrid(sheet(wb.sheets, '計画'));
    expect(plan.cells.flat()).toContain('KGI目標（年間）');
    expect(plan.cells.flat()).toContain('低いほど良い');
    // The status labels come out in the plan's language, chosen by number (never by comparing words).
    const status = toGrid(sheet(wb.sheets, '進捗')).cells[PROGRESS_LAYOUT.firstKpi - 1][
      wb.tables.progress.offset('status')
    ];
    expect(isFormula(status) && status.f).toMatch(
      /CHOOSE\(IF\(R7>=\$D\$3, 1, IF\(R7>=\$B\$3, 2, 3\)\), "順調", "注意", "遅れ"\)/,
    );
  });

  test('English plan: January start (as given), English months and names', () => {
    const wb = workbookSpec(basicPlan('en'));
    expect(wb.sheets.map((s) => s.name)).toEqual(['KPI Tree', 'Plan', 'Actuals', 'Progress']);
    const progress = toGrid(sheet(wb.sheets, 'Progress'));
    const header = progress.cells[PROGRESS_LAYOUT.header - 1];
    expect(header.slice(3, 15)).toEqual([
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
    const en = workbookSpec({ ...basicPlan('en'), fiscalYear: { startYear: 2026, startMonth: 10 } });
    expect(toGrid(sheet(en.sheets, 'Progress')).cells[PROGRESS_LAYOUT.header - 1].slice(3, 6)).toEqual([
      'Oct 2026',
      'Nov 2026',
      'Dec 2026',
    ]);
    expect(toGrid(sheet(en.sheets, 'Progress')).cells[PROGRESS_LAYOUT.header - 1][14]).toBe('Sep 2027');
  });

  test('every named range of PRODUCT.md, sized by the plan', () => {
    const wb = workbookSpec(samplePlan('en'));
    const k = 8;
    const all = wb.sheets.flatMap((s) => (s.namedRanges ?? []).map((n) => ({ sheet: s.name, ...n })));
    expect(all.map((n) => n.name).sort()).toEqual([...RANGE_NAMES].sort());
    const get = (n: string) => all.find((x) => x.name === n)!;
    expect(get('MONTHLY_TARGETS')).toMatchObject({ sheet: 'Plan', range: { rows: k, cols: 12 } });
    expect(get('ACTUALS')).toMatchObject({ sheet: 'Actuals', range: { rows: k, cols: 12 } });
    expect(get('PROGRESS')).toMatchObject({ sheet: 'Progress', range: { rows: k, cols: 12 } });
    expect(get('KPI_NAMES')).toMatchObject({ sheet: 'Plan', range: { rows: k } });
    expect(get('FUNNEL_RATES').range.rows).toBe(5);
    expect(get('FUNNEL_TARGETS').range.rows).toBe(6);
    expect(get('THRESHOLD_WARN').sheet).toBe('Progress');
    expect(get('THRESHOLD_OK').sheet).toBe('Progress');
    // The conditional formats read the thresholds on their own sheet, by absolute reference.
    const rules = sheet(wb.sheets, 'Progress').conditionalFormats!;
    // Months, YTD, status, quarters and halves: three colours each.
    expect(rules).toHaveLength(15);
    for (const r of rules) expect(r.formula).toMatch(/\$B\$3|\$D\$3/);
    expect(rules.map((r) => r.background)).toEqual(expect.arrayContaining(['#b7e1cd', '#fce8b2', '#f4c7c3']));
  });

  test('custom-function cells and sheet-level write items do not grow with the number of KPIs', () => {
    const shape = (n: number) => {
      const wb = workbookSpec(bigPlan(n));
      return {
        custom: customCells(wb.sheets).length,
        items: wb.sheets.map((s) => [
          s.blocks.length,
          s.columnWidths?.length,
          s.hiddenColumns?.length,
          s.validations?.length,
          s.conditionalFormats?.length,
          s.namedRanges?.length,
          s.charts?.length,
          s.frozenRows,
          s.frozenColumns,
        ]),
      };
    };
    const five = shape(5);
    const sixty = shape(60);
    // Only the back-calculation and the monthly splits (KPIs and KGI): nothing on the daily path.
    expect(five.custom).toBe(3);
    expect(sixty).toEqual(five);
    // One formula per block: the monthly targets.
    const wb = workbookSpec(bigPlan(60));
    const monthly = customCells(wb.sheets).filter((x) => x.includes('KPI_MONTHLY'));
    expect(monthly).toHaveLength(2);
    const rows = planRows(3);
    // It reads the seasonality's hidden copy (Y:AJ) and spills into the hidden months the shown ones reference.
    expect(monthly.find((x) => x.startsWith('=ARRAYFORMULA'))).toBe(
      `=ARRAYFORMULA(IFNA(KPI_MONTHLY(W${rows.firstKpi}:W${rows.firstKpi + 59}, Y$${rows.seasonality}:AJ$${rows.seasonality}) + X${rows.firstKpi}:X${rows.firstKpi + 59} * {1,1,1,1,1,1,1,1,1,1,1,1}, ""))`,
    );
    expect(customCells(wb.sheets)).toContain('=KPI_FUNNEL(KGI_TARGET, FUNNEL_RATES, UNIT_VALUE)');
    // Progress reads no custom function: its lower-is-better flag comes from the Plan's calc column.
    const progress = toGrid(sheet(wb.sheets, 'Progress'));
    expect(customCells([sheet(wb.sheets, 'Progress')])).toEqual([]);
    // Its lower-is-better flag from the Plan's calc column, at the row its planRow cell finds (by position here: a
    // plan without ids); each month from the row's own hidden copies of its actual and target.
    const pt = wb.tables.progress;
    const own = (id: string) => `${pt.col(id)}${PROGRESS_LAYOUT.firstKpi}`;
    const kpiRow = progress.cells[PROGRESS_LAYOUT.firstKpi - 1];
    expect(kpiRow[pt.offset('lower')]).toEqual({ f: `=INDEX('Plan'!$V:$V, ${own('planRow')})` });
    expect(kpiRow[pt.offset('planRow')]).toEqual({ f: `=${rows.firstKpi}` });
    expect(kpiRow[pt.offset('actual')]).toEqual({ f: `=INDEX('Actuals'!$E:$E, ${own('actualsRow')})` });
    expect(kpiRow[pt.offset('target')]).toEqual({ f: `=INDEX('Plan'!$J:$J, ${own('planRow')})` });
    const [a, t] = [own('actual'), own('target')];
    expect(kpiRow[pt.offset('month')]).toEqual({
      f: `=IF(OR(NOT(ISNUMBER(${a})), NOT(ISNUMBER(${t})), ${t}=0), "", IF(${own('lower')}, MAX(0, 2-${a}/${t}), ${a}/${t}))`,
    });
  });

  test('user text stays data: names that look like formulas are text cells, not formulas', () => {
    const p = basicPlan('en');
    p.name = '=IMPORTXML("http://evil","//a")';
    p.kgi.name = '+1';
    p.ksfs[0].name = '@x';
    p.ksfs[0].kpis[0].name = '=HYPERLINK("http://evil","click")';
    p.ksfs[0].kpis[0].owner = '-1';
    p.funnel.stages[0].name = '=1+1';
    const wb = workbookSpec(p);
    const cells = wb.sheets.flatMap((s) => toGrid(s).cells.flat());
    for (const s of ['+1', '@x', '=HYPERLINK("http://evil","click")', '-1', '=1+1']) expect(cells).toContain(s);
    // No formula carries the user's text; they reference the cells instead.
    const fs = cells.filter(isFormula).map((c: Formula) => c.f);
    expect(fs.some((x) => x.includes('evil'))).toBe(false);
    expect(fs.some((x) => x.includes('@x'))).toBe(false);
  });

  test('a second build: suffixed named ranges and free sheet names are used everywhere', () => {
    const wb = workbookSpec(basicPlan('en'), {
      sheets: { tree: 'KPI Tree (2)', plan: 'Plan (2)', actuals: 'Actuals (2)', progress: 'Progress (2)' },
      suffix: '_2',
    });
    const all = wb.sheets.flatMap((s) => s.namedRanges ?? []).map((n) => n.name);
    expect(all.sort()).toEqual(RANGE_NAMES.map((n) => `${n}_2`).sort());
    const fs = wb.sheets.flatMap((s) => formulas(s));
    expect(fs).toContain('=KPI_FUNNEL(KGI_TARGET_2, FUNNEL_RATES_2, UNIT_VALUE_2)');
    // Every named range used in a formula is this build's.
    for (const n of RANGE_NAMES) {
      for (const x of fs)
        if (new RegExp(`\\b${n}\\b(?!_2)`).test(x)) throw new Error(`${x} uses ${n} without the suffix`);
    }
    expect(fs.some((x) => x.includes("'Plan (2)'!"))).toBe(true);
    expect(fs.some((x) => /(^|[^(])'Plan'!/.test(x))).toBe(false);
  });

  test('KGI from baseline and growth is a formula; a count KGI has a blank unit value', () => {
    const p = basicPlan('en');
    p.kgi = { name: 'Deals', unit: 'count', baseline: 100, growthRate: 0.2 };
    const wb = workbookSpec(p);
    const grid = toGrid(sheet(wb.sheets, 'Plan'));
    const at = (n: 'KGI_TARGET' | 'UNIT_VALUE') => grid.cells[wb.ranges[n].range.row - 1][wb.ranges[n].range.col - 1];
    expect(at('KGI_TARGET')).toEqual({ f: '=IF(AND(ISNUMBER(B7), ISNUMBER(B8)), ROUND(B7*(1+B8), 6), B9)' });
    expect(at('UNIT_VALUE')).toBeNull();
  });

  test('number formats follow the currency and the KPI unit', () => {
    expect(kpiFormat({ unit: '円', aggregate: 'average' })).toBe('"¥"#,##0');
    expect(kpiFormat({ unit: 'USD' })).toBe('"$"#,##0');
    expect(kpiFormat({ unit: '%', aggregate: 'average' })).toBe('0.0%');
    expect(kpiFormat({ unit: 'leads' })).toBe('#,##0');
    expect(kpiFormat({ unit: 'score', aggregate: 'average' })).toBe('#,##0.0#');
    const wb = workbookSpec({ ...basicPlan('en'), kgi: { ...basicPlan('en').kgi, currency: 'EUR' } });
    const g = toGrid(sheet(wb.sheets, 'Plan'));
    expect(g.styles[wb.ranges.KGI_TARGET.range.row - 1][1].numberFormat).toBe('"€"#,##0');
  });

  test('an invalid plan is refused before any spec is made', () => {
    const p = basicPlan('en');
    p.funnel.rates[1] = 20;
    expect(() => workbookSpec(p)).toThrow(/plan\.funnel\.rates\[1\]/);
  });

  test('progress rules: green ≥ ok, yellow between, red below warn, only for numbers', () => {
    const rules = progressRules({ row: 6, col: 4, rows: 3, cols: 12 }, { row: 3, col: 2 }, { row: 3, col: 4 });
    expect(rules.slice(0, 3)).toEqual([
      { range: { row: 6, col: 4, rows: 3, cols: 12 }, formula: '=AND(ISNUMBER(D6), D6>=$D$3)', background: '#b7e1cd' },
      {
        range: { row: 6, col: 4, rows: 3, cols: 12 },
        formula: '=AND(ISNUMBER(D6), D6>=$B$3, D6<$D$3)',
        background: '#fce8b2',
      },
      { range: { row: 6, col: 4, rows: 3, cols: 12 }, formula: '=AND(ISNUMBER(D6), D6<$B$3)', background: '#f4c7c3' },
    ]);
    expect(rules[3].range).toEqual({ row: 6, col: 18, rows: 3 });
    expect(rules[3].formula).toBe('=AND(ISNUMBER(R6), R6>=$D$3)');
    expect(rules[6].formula).toBe('=AND(ISNUMBER($R6), $R6>=$D$3)');
  });

  test('the KPI tree draws KGI → KSF → KPI with tree glyphs, linked to the plan', () => {
    const wb = workbookSpec(basicPlan('en'));
    const tree = toGrid(sheet(wb.sheets, 'KPI Tree'));
    const col = tree.cells.slice(3).map((r) => r[0]);
    expect(col.map((c) => (isFormula(c) ? c.f : c))).toEqual([
      `="KGI: "&'Plan'!B5`,
      `="├─ KSF: "&'Plan'!A25`,
      `="│   ├─ "&'Plan'!B25`,
      `="│   └─ "&'Plan'!B26`,
      `="└─ KSF: "&'Plan'!A27`,
      `="    ├─ "&'Plan'!B27`,
      `="    └─ "&'Plan'!B28`,
    ]);
    const linked = tree.cells.slice(3).map((r) => r.slice(1).map((c) => (isFormula(c) ? c.f : c)));
    expect(linked[0]).toEqual(['=KGI_TARGET', `='Plan'!B6&""`, null, null, `='Progress'!R6`]);
    expect(linked[1]).toEqual([null, null, null, null, null]);
    // Then the KPI's health-check mark (none passed here) and its YTD achievement on Progress.
    expect(linked[2]).toEqual([`='Plan'!I25`, `='Plan'!C25&""`, `='Plan'!D25&""`, '', `='Progress'!R7`]);
  });
});
