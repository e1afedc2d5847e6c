// Issue 13's acceptance: build, type actuals and report actions, then each edit a person makes in a
// year of use; after each, getPlan() is the same plan, the report's numbers are Progress's, the
// actions come back to their own KPI (duplicate names and `__proto__` included), and the user's own
// sheet is byte-for-byte unchanged.
import { checkAll, checkProgress, keyed, setup, sheetOf, type Built } from './helpers';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Role = 'plan' | 'actuals' | 'progress';

/** Rows of a sheet worth inserting at: before everything, at each keyed block, between KPIs, after. */
function rowEdits(role: Role): [string, (s: Sheet, b: Built) => void][] {
  const kpiRows = (s: Sheet) =>
    [...keyed(s).rows.entries()]
      .filter(([k]) => k.startsWith('kpi:'))
      .map(([, r]) => r + 1)
      .sort((x, y) => x - y);
  const edits: [string, (s: Sheet, b: Built) => void][] = [
    ['a row at 1', (s) => s.insertRowBefore(1)],
    ['a row between two KPI rows', (s) => s.insertRowAfter(kpiRows(s)[1])],
    ['a row before the first KPI row', (s) => s.insertRowBefore(kpiRows(s)[0])],
    ['a row after the last KPI row', (s) => s.insertRowAfter(kpiRows(s).at(-1)!)],
    ['three rows at the end', (s) => s.insertRowsAfter(s.getMaxRows(), 3)],
  ];
  if (role === 'plan') {
    edits.push(
      ['a row inside the KGI block', (s) => s.insertRowBefore(keyed(s).rows.get('kgi:kgiTarget')! + 1)],
      [
        'a row inside the KGI block, below the deal size',
        (s) => s.insertRowBefore(keyed(s).rows.get('kgi:fyStart')! + 1),
      ],
      ['a row between funnel stages', (s) => s.insertRowAfter(keyed(s).rows.get('stage:0')! + 1)],
      ['a row above the seasonality', (s) => s.insertRowBefore(keyed(s).rows.get('seasonality')! + 1)],
    );
  }
  if (role === 'progress')
    edits.push([
      'a row between the controls and the header',
      (s) => s.insertRowAfter(keyed(s).rows.get('controls')! + 1),
    ]);
  return edits;
}

/** The same column edits on every sheet: before, inside (between months too) and after the blocks. */
const COLUMN_EDITS = (): [string, (s: Sheet) => void][] => {
  const col = (s: Sheet, id: string) => keyed(s).cols.get(id)! + 1;
  const edits: [string, (s: Sheet) => void][] = [
    ['a column at A', (s) => s.insertColumnBefore(1)],
    ['a column before the first month', (s) => s.insertColumnBefore(col(s, 'month.0'))],
    ['a column after the last column', (s) => s.insertColumnAfter(s.getLastColumn())],
    ['a column between the KPI name and the next', (s) => s.insertColumnAfter(col(s, 'kpi'))],
    ['a column between two month columns', (s) => s.insertColumnAfter(col(s, 'month.1'))],
    ['two columns between the last two months', (s) => s.insertColumnsAfter(col(s, 'month.10'), 2)],
  ];
  return edits;
};

/** The KPI rows of a sheet (1-based, top to bottom), found by key. */
const kpiBlock = (s: Sheet) => {
  const rows = [...keyed(s).rows.entries()].filter(([k]) => k.startsWith('kpi:')).map(([, r]) => r + 1);
  return { first: Math.min(...rows), count: rows.length };
};

/** Sorts of the KPI rows a user makes: the whole block (every column, hidden ones too) by a column. */
function sortEdits(): [string, (s: Sheet) => void][] {
  const sortBy = (id: string, ascending: boolean) => (s: Sheet) => {
    const { first, count } = kpiBlock(s);
    s.getRange(first, 1, count, s.getMaxColumns()).sort({ column: keyed(s).cols.get(id)! + 1, ascending });
  };
  return [
    ['by KPI name, descending', sortBy('kpi', false)],
    [
      'by the owner, then reversed by the KPI name',
      (s) => {
        sortBy('kpi', true)(s);
        sortBy('owner', false)(s);
      },
    ],
  ];
}

describe.each(['plan', 'actuals', 'progress'] as Role[])('on %s', (role) => {
  test.each(rowEdits(role))('insert %s', (_, edit) => {
    const b = setup();
    edit(sheetOf(b.addon, role), b);
    checkAll(b);
    checkProgress(b);
  });
  test.each(COLUMN_EDITS())('insert %s', (_, edit) => {
    const b = setup();
    edit(sheetOf(b.addon, role));
    checkAll(b);
    checkProgress(b);
  });
});

test('sort the whole Actuals sheet below its frozen header (Sheet.sort) by the KPI name', () => {
  const b = setup();
  const sheet = sheetOf(b.addon, 'actuals');
  const before = keyed(sheet).rows;
  sheet.sort(keyed(sheet).cols.get('kpi')! + 1, false);
  // The KGI's row moved too (the sort reaches every row below the header).
  expect(keyed(sheet).rows.get('kgi:actuals')).not.toBe(before.get('kgi:actuals'));
  checkAll(b);
  checkProgress(b);
});

describe.each(['actuals', 'progress'] as Role[])('sort the KPI rows of %s', (role) => {
  test.each(sortEdits())('%s', (_, edit) => {
    const b = setup();
    const sheet = sheetOf(b.addon, role);
    const before = [...keyed(sheet).rows.entries()].filter(([k]) => k.startsWith('kpi:'));
    edit(sheet);
    // The sort did move rows (else this test proves nothing).
    const after = new Map(keyed(sheet).rows);
    expect(before.some(([k, r]) => after.get(k) !== r)).toBe(true);
    checkAll(b);
    checkProgress(b);
  });
});

test('the independent check fails when a Progress row reads another KPI', () => {
  const b = setup();
  checkProgress(b);
  const progress = keyed(sheetOf(b.addon, 'progress'));
  const [first, second] = [...progress.rows.keys()].filter((k) => k.startsWith('kpi:'));
  // The first KPI's row of Actuals, looked up with the second KPI's key instead of its own.
  const cell = progress.sheet.getRange(progress.rows.get(first)! + 1, progress.cols.get('actualsRow')! + 1);
  cell.setFormula(cell.getFormula().replace(/MATCH\([^,]+,/, `MATCH("${second}",`));
  expect(() => checkProgress(b)).toThrow();
});

describe('other edits', () => {
  test('delete rows and columns the add-on left empty', () => {
    const b = setup();
    const plan = sheetOf(b.addon, 'plan');
    plan.deleteRow(3); // empty, above the KGI block
    // The first empty row below the KGI block (between the add-on's blocks).
    const empty = (row: number) =>
      plan
        .getRange(row, 1, 1, plan.getMaxColumns())
        .getValues()[0]
        .every((v) => v === '');
    let gap = keyed(plan).rows.get('kgi:ok')! + 2;
    while (!empty(gap)) gap++;
    expect(gap).toBeLessThan(plan.getLastRow());
    plan.deleteRow(gap);
    const actuals = sheetOf(b.addon, 'actuals');
    actuals.deleteRows(actuals.getLastRow() + 1, actuals.getMaxRows() - actuals.getLastRow());
    const progress = sheetOf(b.addon, 'progress');
    progress.deleteRow(4); // between the controls and the header
    checkAll(b);
    checkProgress(b);
  });

  test('rename and reorder every sheet', () => {
    const b = setup();
    const ss = b.addon.spreadsheet;
    for (const s of ss.getSheets()) if (s.getName() !== 'My notes') s.setName(`${s.getName()} renamed`);
    ss.setActiveSheet(sheetOf(b.addon, 'progress'));
    ss.moveActiveSheet(1);
    ss.setActiveSheet(sheetOf(b.addon, 'plan'));
    ss.moveActiveSheet(ss.getSheets().length);
    checkAll(b);
    checkProgress(b);
  });

  test('a copy of the report and of the Plan sheet: the originals stay the ones read and replaced', () => {
    const b = setup();
    const ss = b.addon.spreadsheet;
    const report = sheetOf(b.addon, 'report', b.plan.id, '2026-03');
    const copy = report.copyTo(ss).setName('Report 2026-03 annotated');
    copy.getRange('A3').setValue('my annotation');
    const planCopy = sheetOf(b.addon, 'plan').copyTo(ss);
    planCopy.getRange('B5').setValue('Edited in the copy');
    const saved = () =>
      b.addon.saveWorkbook().sheets.filter((s) => s.name === copy.getName() || s.name === planCopy.getName());
    const before = saved();
    checkAll(b);
    checkProgress(b);
    expect(saved()).toEqual(before);
  });

  test('a second plan: each plan reads its own sheets, chosen by id or by the active sheet', () => {
    const b = setup();
    const second = { ...b.plan, id: undefined, name: 'Second plan' } as unknown;
    b.addon.run('buildWorkbook', second);
    const plans = b.addon.run('listPlans') as { id: string; name: string }[];
    expect(plans.map((p) => p.name)).toEqual([b.plan.name, 'Second plan']);
    checkAll(b);
    checkProgress(b);
    // From a sheet of the second plan, getPlan() is the second plan.
    b.addon.spreadsheet.setActiveSheet(sheetOf(b.addon, 'progress', plans[1].id));
    expect((b.addon.run('getPlan') as { id: string; name: string }).name).toBe('Second plan');
    // From the user's own sheet, with two plans, it asks to choose.
    b.addon.spreadsheet.setActiveSheet(b.addon.spreadsheet.getSheetByName('My notes')!);
    expect(() => b.addon.run('getPlan')).toThrow(/several plans/);
  });

  test('the spreadsheet locale switched to Japanese: codes, not words', () => {
    const b = setup();
    b.addon.spreadsheet.setSpreadsheetLocale('ja_JP');
    checkAll(b);
    checkProgress(b);
  });
});
