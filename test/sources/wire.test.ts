// Data links wired into the workbook (issue 16), in the harness on the built add-on: KPIs linked
// to each fixture export, the Actuals rows against the pure aggregation, appended rows, unreadable
// rows, validation, the source sheets never written, unlinking.
import { loadAddon } from '../../dev/harness';
import { aggregateSource, type SourceLink } from '../../src/core/sources';
import type { Plan } from '../../src/core/plan';
import { linkedActualsCells, readSourceLink, tables } from '../../src/sheets/workbook';
import { readExport } from '../core/sources.helpers';
import { basicPlan } from '../sheets/plans';

type Addon = ReturnType<typeof loadAddon>;
const T = tables().actuals;

/** Loads a fixture export as a sheet, as pasted (Sheets converts numbers and dates). */
function loadExport(addon: Addon, file: string, sheetName: string): void {
  const rows = readExport(file);
  const width = rows[0].length;
  const sheet = addon.spreadsheet.insertSheet(sheetName);
  sheet
    .getRange(1, 1, rows.length, width)
    .setValues(rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')));
}

const SOURCES: [string, string][] = [
  ['hubspot-deals', 'Deals'],
  ['hubspot-contacts', 'Contacts'],
  ['salesforce-opportunities', 'Opps'],
  ['ga4-sessions', 'GA4'],
  ['ja-crm', '案件'],
];

function workbook(timeZone = 'Asia/Tokyo') {
  const addon = loadAddon({ timeZone });
  for (const [file, name] of SOURCES) loadExport(addon, file, name);
  return addon;
}

const LINKS: Record<string, SourceLink> = {
  wonAmount: {
    sheet: 'Deals',
    date: 'Close Date',
    where: [{ column: 'Deal Stage', equals: ['Closed Won'] }],
    sum: 'Amount',
  },
  leads: { sheet: 'Contacts', date: 'Create Date', where: [{ column: 'Lifecycle Stage', equals: ['Lead'] }] },
  opps: { sheet: 'Opps', date: 'Close Date', where: [{ column: 'Stage', equals: ['Closed Won'] }], sum: 'Amount' },
  sessions: { sheet: 'GA4', date: 'Date', sum: 'Sessions' },
  jaWon: { sheet: '案件', date: '受注日', where: [{ column: 'ステータス', equals: ['受注'] }], sum: '金額' },
};

/** basicPlan with its four KPIs linked to `links` (undefined: typed). */
function linkedPlan(lang: 'en' | 'ja', links: (SourceLink | undefined)[], startMonth?: number): Plan {
  const p = basicPlan(lang);
  if (startMonth) p.fiscalYear.startMonth = startMonth;
  p.ksfs
    .flatMap((k) => k.kpis)
    .forEach((kpi, i) => {
      if (links[i]) kpi.source = links[i];
    });
  return p;
}

/** The Actuals rows of the first build: values and formulas of the whole table. */
function actualsRows(addon: Addon) {
  const range = addon.spreadsheet.getRangeByName('ACTUALS')!;
  const sheet = range.getSheet();
  const box = sheet.getRange(range.getRow(), 1, range.getNumRows(), T.width);
  return { sheet, first: range.getRow(), values: box.getValues(), formulas: box.getFormulas() };
}

const months = <V>(row: V[]): V[] => Array.from({ length: 12 }, (_, j) => row[T.offset('month', j)]);

/** What the linked row shows: the pure aggregation up to the last month with any row, blank after. */
function expected(addon: Addon, link: SourceLink, fiscalYear: { startYear: number; startMonth: number }) {
  const values = addon.spreadsheet.getSheetByName(link.sheet)!.getDataRange().getValues();
  const pure = aggregateSource(link, values, { fiscalYear, timeZone: addon.spreadsheet.getSpreadsheetTimeZone() });
  let last = -1;
  pure.months.forEach((x, i) => x !== 0 && (last = i));
  return { pure, shown: pure.months.map((x, i) => (i <= last ? x : '')) };
}

const snapshot = (addon: Addon) =>
  JSON.stringify(
    SOURCES.map(([, name]) => {
      const sheet = addon.spreadsheet.getSheetByName(name)!;
      const r = sheet.getDataRange();
      return {
        name,
        values: r.getValues(),
        formulas: r.getFormulas(),
        notes: r.getNotes(),
        formats: r.getNumberFormats(),
        rows: sheet.getMaxRows(),
      };
    }),
  );

describe('linked KPIs on Actuals', () => {
  test.each([
    ['en', 1],
    ['ja', 4],
    ['en', 4],
  ] as const)('%s, fiscal year from month %i: each row equals the aggregation', (lang, start) => {
    const addon = workbook();
    const links = [LINKS.leads, LINKS.sessions, LINKS.opps, LINKS.wonAmount];
    const plan = linkedPlan(lang, links, start);
    const before = snapshot(addon);
    addon.run('buildWorkbook', plan);
    const { values, formulas } = actualsRows(addon);
    links.forEach((link, i) => {
      const { shown } = expected(addon, link, plan.fiscalYear);
      const got = months(values[i]).map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
      expect([i, got]).toEqual([i, shown]);
      expect(months(formulas[i]).every((f) => f.startsWith('='))).toBe(true);
      expect(String(values[i][T.offset('link')])).toContain(link.sheet);
    });
    expect(snapshot(addon)).toBe(before);
    // The report reads the linked actuals; the sources stay untouched.
    addon.run(
      'createMonthlyReport',
      `${plan.fiscalYear.startYear}-${String(((plan.fiscalYear.startMonth + 1) % 12) + 1).padStart(2, '0')}`,
    );
    expect(snapshot(addon)).toBe(before);
  });

  test('hand-computed: HubSpot won deals from April 2026 (Asia/Tokyo) and 2 unreadable rows', () => {
    const addon = workbook();
    const plan = linkedPlan('ja', [undefined, undefined, undefined, LINKS.wonAmount], 4);
    addon.run('buildWorkbook', plan);
    const { values } = actualsRows(addon);
    expect(months(values[3])).toEqual([1650000, 98000, 3600000, 330000, 0, 0, 0, 520000, 75000, 0, 0, 2400000]);
    expect(values[3][T.offset('linkUnreadable')]).toBe(2);
    const { sheet, first } = actualsRows(addon);
    const note = sheet.getRange(first + 3, T.index('linkUnreadable')).getNote();
    expect(note).toMatch(/2行を読めませんでした/);
    expect(note).toContain('Deals');
  });

  test('rows appended to a source flow into the row with no button', () => {
    const addon = workbook();
    const plan = linkedPlan('ja', [undefined, undefined, undefined, LINKS.jaWon], 4);
    addon.run('buildWorkbook', plan);
    const before = months(actualsRows(addon).values[3]);
    const sheet = addon.spreadsheet.getSheetByName('案件')!;
    sheet.getRange(sheet.getLastRow() + 5, 1, 1, 7).setValues([['A-9', 'x', 'y', '受注', '2026/6/2', '¥1,000', 'z']]);
    const after = months(actualsRows(addon).values[3]);
    expect(after[2]).toBe(Number(before[2] || 0) + 1000);
    expect(after.filter((_, j) => j !== 2)).toEqual(before.filter((_, j) => j !== 2));
    expect(after).toEqual(expected(addon, LINKS.jaWon, plan.fiscalYear).shown);
  });

  test('typed rows keep their validation; linked rows hold formulas and no rule', () => {
    const addon = workbook();
    addon.run('buildWorkbook', linkedPlan('en', [LINKS.leads, undefined, LINKS.opps, undefined]));
    const { sheet, first } = actualsRows(addon);
    const rules = sheet.getRange(first, T.index('month'), 4, 12).getDataValidations();
    expect(rules.map((r) => r.every((x) => x === null))).toEqual([true, false, true, false]);
    expect(rules[1].every((x) => x !== null)).toBe(true);
    expect(() => addon.type(`'Actuals'!${T.col('month')}${first + 1}`, 'abc')).toThrow();
    addon.type(`'Actuals'!${T.col('month')}${first + 1}`, 12);
  });

  test('unlink: the current values stay as typed values and the validation is back', () => {
    const addon = workbook();
    const plan = linkedPlan('en', [undefined, undefined, undefined, LINKS.wonAmount]);
    addon.run('buildWorkbook', plan);
    const shown = months(actualsRows(addon).values[3]);
    const before = snapshot(addon);
    const result = addon.run('unlinkActuals', 'Deals won') as { values: unknown[] };
    expect(result.values).toEqual(shown);
    const { sheet, first, values, formulas } = actualsRows(addon);
    expect(months(values[3])).toEqual(shown);
    expect(months(formulas[3]).every((f) => f === '')).toBe(true);
    expect(values[3][T.offset('link')]).toBe('');
    expect(
      sheet
        .getRange(first + 3, T.index('month'), 1, 12)
        .getDataValidations()[0]
        .every((x) => x !== null),
    ).toBe(true);
    expect(snapshot(addon)).toBe(before);
    expect(() => addon.run('unlinkActuals', 'Deals won')).toThrow(/unlinkActuals/);
  });
});

describe('the health check with the workbook', () => {
  test('a missing sheet or column warns relevant; a link with no row in the year warns quantitative', () => {
    const addon = workbook();
    const plan = linkedPlan('en', [
      { sheet: 'Nope', date: 'Date' },
      { ...LINKS.sessions, sum: 'Visitors' },
      undefined,
      { ...LINKS.wonAmount },
    ]);
    plan.fiscalYear.startYear = 2020;
    const { findings } = addon.run('checkPlan', plan) as {
      findings: { criterion: string; path: string; level: string }[];
    };
    const about = (p: string) => findings.filter((f) => f.path.startsWith(p)).map((f) => [f.level, f.criterion]);
    expect(about('plan.ksfs[0].kpis[0].source')).toEqual([['warning', 'relevant']]);
    expect(about('plan.ksfs[0].kpis[1].source')).toEqual([['warning', 'relevant']]);
    expect(about('plan.ksfs[1].kpis[1].source')).toEqual([['warning', 'quantitative']]);
    // The build goes ahead: the row with the missing sheet stays typed, marked ⚠.
    addon.run('buildWorkbook', plan);
    const { values, formulas } = actualsRows(addon);
    expect(String(values[0][T.offset('link')])).toMatch(/^⚠/);
    expect(months(formulas[0]).every((f) => f === '')).toBe(true);
  });

  test('a malformed link is an error naming its path', () => {
    const addon = workbook();
    const plan = linkedPlan('en', [{ sheet: 'Deals', date: '' } as SourceLink]);
    const { findings } = addon.run('checkPlan', plan) as { findings: { level: string; path: string }[] };
    expect(findings.filter((f) => f.level === 'error').map((f) => f.path)).toEqual([
      'plan.ksfs[0].kpis[0].source.date',
    ]);
    expect(() => addon.run('buildWorkbook', plan)).toThrow(/source\.date/);
  });
});

describe('server functions for the planner', () => {
  test("listSourceSheets leaves out the add-on's own sheets", () => {
    const addon = workbook();
    addon.run('buildWorkbook', basicPlan('en'));
    addon.run('createMonthlyReport', '2026-03');
    expect(addon.run('listSourceSheets')).toEqual(['Sheet1', ...SOURCES.map(([, n]) => n)]);
  });

  test('describeSource and previewSource', () => {
    const addon = workbook();
    const d = addon.run('describeSource', 'Deals') as {
      headers: string[];
      dateColumns: string[];
      distinct: Record<string, string[]>;
      rows: number;
    };
    expect(d.dateColumns[0]).toBe('Close Date');
    expect(d.distinct['Deal Stage']).toContain('Closed Won');
    expect(d.rows).toBe(
      readExport('hubspot-deals')
        .slice(1)
        .filter((r) => r.some((c) => c !== '')).length,
    );
    const p = addon.run('previewSource', LINKS.wonAmount, undefined, { startYear: 2026, startMonth: 4 }, 'en') as {
      months: number[];
      unreadable: { count: number };
      text: string;
    };
    expect(p.months).toEqual([1650000, 98000, 3600000, 330000, 0, 0, 0, 520000, 75000, 0, 0, 2400000]);
    expect(p.unreadable.count).toBe(2);
    expect(p.text).toMatch(/^2 rows could not be read/);
    expect(() => addon.run('describeSource', 'Nope')).toThrow(/describeSource: no sheet "Nope"/);
    expect(() => addon.run('previewSource', { sheet: 'Deals', date: 'Nope' })).toThrow(/previewSource: .*"Nope"/);
  });
});

describe('the KGI link and the row function the KGI row uses', () => {
  test('a plan with kgi.source builds; the health check judges the KGI link with the workbook', () => {
    const addon = workbook();
    const plan = linkedPlan('en', []);
    plan.kgi.source = { ...LINKS.wonAmount, sum: 'Revenue' };
    const { findings } = addon.run('checkPlan', plan) as { findings: { criterion: string; path: string }[] };
    expect(findings.filter((f) => f.path.startsWith('plan.kgi.source')).map((f) => f.criterion)).toEqual(['relevant']);
    plan.kgi.source = LINKS.wonAmount;
    const ok = addon.run('checkPlan', plan) as { findings: { path: string }[] };
    expect(ok.findings.filter((f) => f.path.startsWith('plan.kgi.source'))).toEqual([]);
    addon.run('buildWorkbook', plan);
    expect(addon.spreadsheet.getRangeByName('ACTUALS')).not.toBeNull();
  });

  test('linkedActualsCells gives any Actuals row its formulas, label, unreadable count and link JSON', () => {
    // The export as text (a plain-text import): the pure readers read its dates and amounts alike.
    const ctx = { timeZone: 'Asia/Tokyo', sheets: { Deals: { name: 'Deals', values: readExport('hubspot-deals') } } };
    const raw = (j: number) => `$${String.fromCharCode(65 + j)}9`;
    const cells = linkedActualsCells(LINKS.wonAmount, ctx, { startYear: 2026, startMonth: 4 }, 'ja', raw);
    expect(cells.live).toBe(true);
    expect(cells.months.map((c) => (c as { f: string }).f)[0]).toBe('=IF(SUM($A9:$L9)=0, "", $A9)');
    expect((cells.raw[0] as { f: string }).f).toMatch(/^=ARRAYFORMULA\(SUMPRODUCT\(.*'Deals'!D:D/);
    expect(cells.label).toBe('🔗 Deals・Close Date・Deal Stage = Closed Won・Amount の合計');
    expect(readSourceLink(cells.data)).toEqual(LINKS.wonAmount);
    expect(cells.note).toMatch(/読めない行/);
    const missing = linkedActualsCells(
      LINKS.wonAmount,
      { timeZone: 'UTC', sheets: {} },
      { startYear: 2026, startMonth: 4 },
      'en',
      raw,
    );
    expect(missing.live).toBe(false);
    expect(missing.months.every((c) => c === null)).toBe(true);
    expect(missing.label).toMatch(/^⚠ .*"Deals"/);
    expect(readSourceLink(missing.data)).toEqual(LINKS.wonAmount);
    expect(readSourceLink('not json')).toBeUndefined();
    expect(readSourceLink('')).toBeUndefined();
  });
});
