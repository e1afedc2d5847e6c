// Issue 14, "nothing outside the plan's own sheets changes": updateWorkbook rewrites the plan's sheets in
// place. A user's formulas elsewhere that point into them keep working, the columns a user added to them
// follow their KPIs, notes on add-on cells stay, and a failure at any write leaves the workbook as it was.
import type { Plan } from '../../src/core/plan';
import { checkAll, expectRollbackAt, keyed, setup, sheetOf, type Built } from './helpers';

type Edited = Plan & { id: string };
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const ROLES = ['tree', 'plan', 'actuals', 'progress'] as const;
const kpiIdsOf = (p: Plan) => p.ksfs.flatMap((k) => k.kpis.map((x) => x.id!));

/** The user's column on a sheet: the one right after the add-on column `after` (0-based). */
const userCol = (sheet: Sheet, after: string) => keyed(sheet).cols.get(after)! + 1;

/**
 * The user's additions: a column "Notes" after the KPI column on Plan, Actuals and Progress (and one
 * after the last add-on column on Actuals) with a text per KPI, a formula in one of them, a note on an
 * add-on cell, and a sheet "Links" whose formulas point into the plan's sheets by address and by name.
 */
function decorate(b: Built) {
  const { addon } = b;
  const ids = kpiIdsOf(b.plan);
  const columns: { role: string; after: string; text: string }[] = [];
  const addColumn = (role: string, after: string, text: string) => {
    const sheet = sheetOf(addon, role);
    const k = keyed(sheet);
    sheet.insertColumnsAfter(k.cols.get(after)! + 1, 1);
    const at = k.cols.get(after)! + 2;
    const header = k.rows.get('header');
    if (header !== undefined) sheet.getRange(header + 1, at).setValue(text);
    for (const id of ids) sheet.getRange(k.rows.get(`kpi:${id}`)! + 1, at).setValue(`${text} ${id}`);
    columns.push({ role, after, text });
  };
  addColumn('plan', 'kpi', 'Notes');
  // The user's own formatting of their column (the whole column pink).
  const planSheet = sheetOf(addon, 'plan');
  planSheet.getRange(1, keyed(planSheet).cols.get('kpi')! + 2, planSheet.getMaxRows(), 1).setBackground('#fce8e6');
  addColumn('actuals', 'kpi', 'メモ');
  addColumn('progress', 'kpi', 'Notes');
  // A column before all of the add-on's on Progress.
  const progressSheet = sheetOf(addon, 'progress');
  progressSheet.insertColumnsBefore(1, 1);
  const pk = keyed(progressSheet);
  for (const id of ids) progressSheet.getRange(pk.rows.get(`kpi:${id}`)! + 1, 1).setValue(`Left ${id}`);
  const actuals = sheetOf(addon, 'actuals');
  const lastId = String(keyed(actuals).values[keyed(actuals).values.length - 1].filter(Boolean).at(-1)).split(' ')[0];
  addColumn('actuals', lastId, 'Later');
  // A formula of the user's own in their column, and a note on an add-on cell.
  const a = keyed(actuals);
  actuals.getRange(a.rows.get(`kpi:${ids[1]}`)! + 1, a.cols.get('kpi')! + 2).setFormula('=LEN("abcd")');
  actuals.getRange(a.rows.get(`kpi:${ids[2]}`)! + 1, a.cols.get('month.1')! + 1).setNote('checked by Ann');
  const plan = keyed(sheetOf(addon, 'plan'));
  const progress = keyed(sheetOf(addon, 'progress'));
  const ref = (k: ReturnType<typeof keyed>, row: string, col: string) => `'${k.sheet.getName()}'!${k.a1(row, col)}`;
  const links = addon.spreadsheet.insertSheet('Links');
  links
    .getRange('A1:A6')
    .setFormulas([
      [`=${ref(plan, `kpi:${ids[0]}`, 'kpi')}`],
      [`=SUM(${ref(a, `kpi:${ids[0]}`, 'month.0')}:${a.a1(`kpi:${ids[0]}`, 'month.11')})`],
      [`=${ref(progress, `kpi:${ids[0]}`, 'ytdProgress')}`],
      ['=SUM(ACTUALS)'],
      ['=COUNTA(KPI_NAMES)'],
      [`=${ref(a, `kpi:${ids[1]}`, 'kpi')}`],
    ]);
  const sheets = () =>
    ROLES.map((role) => {
      const s = sheetOf(addon, role);
      return { role, id: s.getSheetId(), name: s.getName(), index: s.getIndex(), tab: s.getTabColor() };
    });
  return { columns, links, sheets: sheets(), sheetsNow: sheets, formulas: links.getRange('A1:A6').getFormulas() };
}

/** Runs updateWorkbook with `edit` applied to getPlan(), keeping `b`'s expectations in step (as update.test). */
function update(b: Built, edit: (p: Edited) => void) {
  const p = clone(b.addon.run('getPlan') as Edited);
  edit(p);
  const result = b.addon.run('updateWorkbook', p) as { sheets: string[]; warnings: string[] };
  b.plan = b.addon.run('getPlan') as Edited;
  const ids = new Set(kpiIdsOf(b.plan));
  for (const id of [...b.actuals.keys()]) if (!ids.has(id)) b.actuals.delete(id);
  for (const id of ids) if (!b.actuals.has(id)) b.actuals.set(id, Array(12).fill(''));
  for (const id of b.actuals.keys()) if (!b.actions.has(id)) b.actions.set(id, '');
  return result;
}

/** Add a KPI, remove the first, reverse the first KSF's KPIs. */
const edit = (p: Edited) => {
  p.ksfs[0].kpis.push({ name: '資料ダウンロード数', unit: 'downloads', target: 1200 });
  p.ksfs[0].kpis.splice(0, 1);
  p.ksfs[0].kpis.reverse();
};

describe('updateWorkbook in place', () => {
  test('formulas elsewhere keep working, the sheets keep their ids, user columns and notes follow', () => {
    const b = setup();
    const d = decorate(b);
    const ids = kpiIdsOf(b.plan);
    const gone = ids[0];
    const result = update(b, edit);
    const kept = ids.filter((id) => id !== gone);
    // Same sheets: ids, names, places, tab colours.
    expect(d.sheetsNow()).toEqual(d.sheets);
    // The user's formulas are the same text and none is an error; names follow the new rows.
    expect(d.links.getRange('A1:A6').getFormulas()).toEqual(d.formulas);
    const values = d.links.getRange('A1:A6').getValues().flat();
    for (const v of values) expect(String(v)).not.toMatch(/^#/);
    const a = keyed(sheetOf(b.addon, 'actuals'));
    const typed = [...b.actuals.values()].flat().reduce<number>((s, v) => s + (v === '' ? 0 : v), 0);
    expect(values[3]).toBe(typed);
    expect(values[4]).toBe(kpiIdsOf(b.plan).length);
    // Each user column is still after its add-on column, with each kept KPI's text on that KPI's row.
    for (const { role, after, text } of d.columns) {
      const k = keyed(sheetOf(b.addon, role));
      const col = userCol(k.sheet, after);
      if (k.rows.has('header')) expect(k.values[k.rows.get('header')!][col]).toBe(text);
      const expected = (id: string) => (role === 'actuals' && text === 'メモ' && id === ids[1] ? 4 : `${text} ${id}`);
      for (const id of kept)
        expect([role, id, k.values[k.rows.get(`kpi:${id}`)!][col]]).toEqual([role, id, expected(id)]);
      const added = kpiIdsOf(b.plan).find((id) => !ids.includes(id))!;
      expect(k.values[k.rows.get(`kpi:${added}`)!][col]).toBe('');
    }
    const plan = keyed(sheetOf(b.addon, 'plan'));
    const pink = plan.sheet.getRange(plan.rows.get(`kpi:${kept[0]}`)! + 1, userCol(plan.sheet, 'kpi') + 1);
    expect(pink.getBackground()).toBe('#fce8e6');
    const progress = keyed(sheetOf(b.addon, 'progress'));
    for (const id of kept) expect(progress.values[progress.rows.get(`kpi:${id}`)!][0]).toBe(`Left ${id}`);
    // The user's formula keeps its text; the removed KPI's texts are named in a warning.
    const memo = userCol(a.sheet, 'kpi');
    expect(a.sheet.getRange(a.rows.get(`kpi:${ids[1]}`)! + 1, memo + 1).getFormula()).toBe('=LEN("abcd")');
    expect(result.warnings.join('\n')).toContain(`Notes ${gone}`);
    expect(result.warnings.join('\n')).toContain(`メモ ${gone}`);
    // The note on an add-on cell is on the same KPI and month.
    expect(a.sheet.getRange(a.rows.get(`kpi:${ids[2]}`)! + 1, a.cols.get('month.1')! + 1).getNote()).toBe(
      'checked by Ann',
    );
    // No backup copy is left behind; the rest of the plan is as every update must leave it.
    expect(b.addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/^Copy of /)]),
    );
    checkAll(b);
  });

  test('a second update keeps the user columns where they are', () => {
    const b = setup();
    const d = decorate(b);
    update(b, edit);
    const once = b.addon.saveWorkbook();
    update(b, () => {});
    const twice = b.addon.saveWorkbook();
    expect(twice.sheets.map((s) => [s.name, s.gid])).toEqual(once.sheets.map((s) => [s.name, s.gid]));
    for (const s of twice.sheets.filter((x) => x.name !== 'Report 2026-01' && !/^Report/.test(x.name)))
      expect([s.name, s.cells]).toEqual([s.name, once.sheets.find((x) => x.name === s.name)!.cells]);
    expect(d.links.getRange('A1:A6').getFormulas()).toEqual(d.formulas);
  });

  test('a failure at any write leaves the workbook byte-identical', () => {
    const b = setup();
    decorate(b);
    const { addon } = b;
    const start = addon.saveWorkbook();
    const p = clone(addon.run('getPlan') as Edited);
    edit(p);
    addon.resetCallLog();
    addon.run('updateWorkbook', p);
    const sheetsAfter = addon.spreadsheet.getSheets().map((s) => s.getName());
    const writes = addon.callLog.filter((c) => c.kind === 'write');
    // The backups are removed after the update is complete: a failure there is retried.
    const cleanup = writes.filter((c) => c.method === 'deleteSheet').length;
    const last = writes.length - cleanup;
    expectRollbackAt(addon, start, p, [1, 2, 5, 13, last >> 2, last >> 1, (3 * last) >> 2, last - 1, last], last);
    // A failure while removing a backup: the update stands, no copy is left.
    addon.loadWorkbook(start);
    addon.failAtWrite(last + 1);
    addon.run('updateWorkbook', p);
    addon.failAtWrite(0);
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(sheetsAfter);
  });
});

test('a failure at the last change (the emptied archive going) leaves the workbook byte-identical', () => {
  const b = setup();
  decorate(b);
  const { addon } = b;
  const p = clone(addon.run('getPlan') as Edited);
  const gone = p.ksfs[1].kpis.pop()!;
  addon.run('updateWorkbook', p);
  p.ksfs[1].kpis.push(gone);
  const start = addon.saveWorkbook();
  addon.resetCallLog();
  addon.run('updateWorkbook', p);
  const writes = addon.callLog.filter((c) => c.kind === 'write').map((c) => `${c.object}.${c.method}`);
  const cleanup = writes.filter((w) => w === 'Spreadsheet.deleteSheet').length - 1;
  const last = writes.length - cleanup;
  expect(writes[last - 1]).toBe('Spreadsheet.deleteSheet');
  addon.loadWorkbook(start);
  const before = addon.saveWorkbook();
  addon.failAtWrite(last);
  expect(() => addon.run('updateWorkbook', p)).toThrow(/injected failure at Spreadsheet.deleteSheet/);
  expect(addon.saveWorkbook()).toEqual(before);
});

test('a column of the user far right of the add-on’s stays where it is (the gap stays a gap)', () => {
  const b = setup();
  const { addon } = b;
  const a = keyed(sheetOf(addon, 'actuals'));
  const ids = kpiIdsOf(b.plan);
  const far = a.values[0].length + 5;
  for (const id of ids) a.sheet.getRange(a.rows.get(`kpi:${id}`)! + 1, far).setValue(`Far ${id}`);
  update(b, (p) => p.ksfs[0].kpis.reverse());
  const after = keyed(sheetOf(addon, 'actuals'));
  for (const id of ids) expect(after.values[after.rows.get(`kpi:${id}`)!][far - 1]).toBe(`Far ${id}`);
  checkAll(b);
});
