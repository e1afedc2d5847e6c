// Declared columns: a new Plan column is one declaration. A fixture layout adds a "Notes"
// column in the middle of Plan's KPI table; every formula, range, reader and width follows.
import { loadAddon } from '../../dev/harness';
import { type ColumnDecl, type Table, textWidth } from '../../src/sheets/spec';
import { reportTable } from '../../src/sheets/report';
import {
  type Head,
  type KpiRow,
  LAYOUT,
  type Layout,
  PLAN_COLUMNS,
  tables,
  workbookSpec,
} from '../../src/sheets/workbook';
import { writeSheets } from '../../src/sheets/writer';
import { planTargets } from '../../src/sheets/plan-inputs';
import { basicPlan } from './plans';

const NOTES: ColumnDecl<KpiRow, Head> = {
  id: 'notes',
  header: (lang) => (lang === 'ja' ? 'メモ' : 'Notes'),
  cell: () => 'typed later',
  style: () => ({ italic: true }),
};
const owner = PLAN_COLUMNS.findIndex((c) => c.id === 'owner');
const WITH_NOTES: Layout = {
  ...LAYOUT,
  plan: [...PLAN_COLUMNS.slice(0, owner + 1), NOTES, ...PLAN_COLUMNS.slice(owner + 1)],
};

/** Writes a plan's workbook with `layout` onto the harness (the KPI_* functions are the add-on's). */
function buildWith(layout: Layout) {
  const addon = loadAddon();
  const g = globalThis as Record<string, unknown>;
  g.SpreadsheetApp = addon.global.SpreadsheetApp;
  g.Charts = addon.global.Charts;
  const wb = workbookSpec(basicPlan('en'), undefined, [], layout);
  writeSheets(addon.spreadsheet, wb.sheets);
  // Two months of leads, one of cost per lead (lower is better), nothing for deals.
  addon.spreadsheet.getRangeByName('ACTUALS')!.getCell(1, 1).setValue(21);
  addon.spreadsheet.getRangeByName('ACTUALS')!.getCell(1, 2).setValue(17);
  addon.spreadsheet.getRangeByName('ACTUALS')!.getCell(2, 1).setValue(6000);
  return { addon, wb };
}

describe('a new Plan column is one declaration', () => {
  const plain = buildWith(LAYOUT);
  const notes = buildWith(WITH_NOTES);

  test('the column lands where declared; the columns after it move by one', () => {
    const t = tables(WITH_NOTES).plan;
    expect(t.col('notes')).toBe('E');
    expect(t.col('handTarget')).toBe('I');
    expect(tables().plan.col('handTarget')).toBe('H');
    const plan = notes.addon.spreadsheet.getSheetByName('Plan')!;
    const header = notes.wb.ranges.KPI_NAMES.range.row - 1;
    expect(plan.getRange(`E${header}`).getValue()).toBe('Notes');
    expect(plan.getRange(`E${header + 1}`).getValue()).toBe('typed later');
    expect(notes.wb.ranges.MONTHLY_TARGETS.range.col).toBe(plain.wb.ranges.MONTHLY_TARGETS.range.col + 1);
    expect(plan.isColumnHiddenByUser(t.index('lower'))).toBe(true);
    expect(plan.isColumnHiddenByUser(t.index('notes'))).toBe(false);
  });

  test('every named range, target, progress value and status is the same as without it', () => {
    for (const name of ['MONTHLY_TARGETS', 'FUNNEL_TARGETS', 'PROGRESS', 'KPI_NAMES', 'ACTUALS']) {
      const a = plain.addon.spreadsheet.getRangeByName(name)!.getValues();
      expect(notes.addon.spreadsheet.getRangeByName(name)!.getValues()).toEqual(a);
    }
    const summary = (x: typeof plain) => {
      const t = x.wb.tables.progress;
      const r = x.wb.ranges.PROGRESS.range;
      return x.addon.spreadsheet.getSheetByName('Progress')!.getRange(r.row, 1, r.rows!, t.width).getValues();
    };
    expect(summary(notes)).toEqual(summary(plain));
    expect(summary(plain)[0][notes.wb.tables.progress.offset('status')]).toBe('At risk');
    expect(summary(plain)[1][notes.wb.tables.progress.offset('ytdProgress')]).toBeCloseTo(1.25, 12);
  });

  test('the report reads the inputs through the same declarations', () => {
    const r = notes.wb.ranges.MONTHLY_TARGETS.range;
    const sheet = notes.addon.spreadsheet.getSheetByName('Plan')!;
    const box = sheet.getRange(1, 1, r.row + r.rows! - 1, tables(WITH_NOTES).plan.width);
    const read = planTargets(
      {
        values: box.getValues(),
        formulas: box.getFormulas(),
        firstKpi: r.row,
        kpis: r.rows!,
        rates: [0.4, 0.2],
        lang: 'en',
      },
      WITH_NOTES,
    );
    expect(read.targets).toEqual(notes.addon.spreadsheet.getRangeByName('MONTHLY_TARGETS')!.getValues());
    expect(read.kpis.map((k) => [k.kpi, k.notes, k.direction])).toEqual([
      // Codes, not words: the "Lower is better" checkbox.
      ['Leads', 'typed later', false],
      ['Cost per lead', 'typed later', true],
      ['Meetings', 'typed later', false],
      ['Deals won', 'typed later', false],
    ]);
  });

  test('every width fits its headers in both languages (month headers such as 2026年10月, the report, Progress controls)', () => {
    const months = { en: Array(12).fill('Oct 2026'), ja: Array(12).fill('2026年10月') };
    const all = [...Object.values(tables(WITH_NOTES, { months })), reportTable()] as unknown as Table<
      unknown,
      unknown
    >[];
    for (const t of all) {
      const widths = t.widths();
      for (const c of t.columns.filter((x) => !x.hidden)) {
        const w = widths.find((x) => x.col === t.index(c.id))!;
        for (const lang of ['en', 'ja'] as const) {
          const header = c.header(lang, 0, { months });
          expect({ id: c.id, header, fits: w.width >= textWidth(header) }).toEqual({ id: c.id, header, fits: true });
        }
      }
    }
    // "Months reported" / 入力済み月数 sit above Progress's months on the control row.
    const progressMonths = tables(LAYOUT, { months })
      .progress.widths()
      .find((w) => w.col === tables().progress.index('month'))!;
    expect(progressMonths.width).toBeGreaterThanOrEqual(
      Math.max(textWidth('Months reported'), textWidth('入力済み月数')),
    );
    // The report's long Japanese header: 残り月あたり必要数 (9 wide characters).
    const remaining = reportTable()
      .widths()
      .find((w) => w.col === reportTable().index('remaining'))!;
    expect(remaining.width).toBeGreaterThanOrEqual(9 * 13);
    expect(textWidth('2026年10月')).toBeGreaterThan(textWidth('Oct 2026'));
  });
});
