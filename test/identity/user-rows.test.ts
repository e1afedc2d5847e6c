// Rows a user inserts among the add-on's (no key in the hidden key column) are the user's: an update keeps
// their cells (values, formulas, notes) and puts them back after the same keyed row they followed.
import type { Plan } from '../../src/core/plan';
import { checkAll, expectRollbackAt, keyed, setup, sheetOf, type Built } from './helpers';

type Edited = Plan & { id: string };
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const kpiIdsOf = (p: Plan) => p.ksfs.flatMap((k) => k.kpis.map((x) => x.id!));

/** A row inserted after the keyed row `after` of `role`, with a text in column A, a formula in C and a note. */
function insertRow(b: Built, role: string, after: string, text: string) {
  const sheet = sheetOf(b.addon, role);
  const row = keyed(sheet).rows.get(after)! + 1;
  sheet.insertRowsAfter(row, 1);
  sheet.getRange(row + 1, 1).setValue(text);
  sheet.getRange(row + 1, 3).setFormula(`=LEN("${text}")`);
  sheet.getRange(row + 1, 1).setNote(`note ${text}`);
  return { role, after, text };
}

/** The user's rows: inside the KGI block on Plan, between two KPIs on Actuals and on Progress (twice). */
function decorate(b: Built) {
  const ids = kpiIdsOf(b.plan);
  return [
    insertRow(b, 'plan', 'kgi:baseline', 'Plan aside'),
    insertRow(b, 'plan', `kpi:${ids[2]}`, 'Plan KPI aside'),
    insertRow(b, 'actuals', `kpi:${ids[1]}`, 'Actuals aside'),
    insertRow(b, 'progress', `kpi:${ids[1]}`, 'Progress aside'),
    insertRow(b, 'progress', `kpi:${ids[1]}`, 'Progress first'),
    insertRow(b, 'progress', 'header', 'Above the KGI row'),
  ];
}

/** Add a KPI, remove the first, reverse the first KSF's KPIs. */
const edit = (p: Edited) => {
  p.ksfs[0].kpis.push({ name: '資料ダウンロード数', unit: 'downloads', target: 1200 });
  p.ksfs[0].kpis.splice(0, 1);
  p.ksfs[0].kpis.reverse();
};

function update(b: Built, change: (p: Edited) => void) {
  const p = clone(b.addon.run('getPlan') as Edited);
  change(p);
  b.addon.run('updateWorkbook', p);
  b.plan = b.addon.run('getPlan') as Edited;
  const ids = new Set(kpiIdsOf(b.plan));
  for (const id of [...b.actuals.keys()]) if (!ids.has(id)) b.actuals.delete(id);
  for (const id of ids) if (!b.actuals.has(id)) b.actuals.set(id, Array(12).fill(''));
  for (const id of b.actuals.keys()) if (!b.actions.has(id)) b.actions.set(id, '');
}

/** Each user row is right below its keyed row (after the user rows inserted there later), cells and all. */
function expectRows(b: Built, rows: ReturnType<typeof decorate>) {
  for (const { role, after, text } of rows) {
    const k = keyed(sheetOf(b.addon, role));
    const anchor = k.rows.get(after)!;
    const texts = k.values.map((line) => line[0]);
    const at = texts.indexOf(text);
    expect([role, text, texts.filter((t) => t === text).length]).toEqual([role, text, 1]);
    // Between the keyed row and this one: only user rows (and, on Progress below the header, the KGI row).
    const between = k.values.slice(anchor + 1, at).map((line) => String(line[0]));
    const allowed = rows.filter((r) => r.role === role).map((r) => r.text);
    expect([role, text, between.filter((t) => !allowed.includes(t) && t !== 'KGI')]).toEqual([role, text, []]);
    expect([role, text, k.sheet.getRange(at + 1, 3).getFormula()]).toEqual([role, text, `=LEN("${text}")`]);
    expect(k.values[at][2]).toBe(text.length);
    expect(k.sheet.getRange(at + 1, 1).getNote()).toBe(`note ${text}`);
  }
}

describe('rows a user inserted among the add-on’s', () => {
  test('keep their cells and follow their keyed row through an add, a removal and a reorder', () => {
    const b = setup();
    const rows = decorate(b);
    expectRows(b, rows);
    update(b, edit);
    expectRows(b, rows);
    // On Progress the row inserted below the header stays above the KGI row.
    const progress = keyed(sheetOf(b.addon, 'progress'));
    const texts = progress.values.map((line) => line[0]);
    expect(texts.indexOf('Above the KGI row')).toBe(progress.rows.get('header')! + 1);
    expect(texts[progress.rows.get('header')! + 2]).toBe('KGI');
    checkAll(b);
    // A second update changes nothing more.
    const once = b.addon.saveWorkbook();
    update(b, () => {});
    expect(b.addon.saveWorkbook().sheets.filter((s) => !/^Report/.test(s.name))).toEqual(
      once.sheets.filter((s) => !/^Report/.test(s.name)),
    );
  });

  test('a removed KPI’s row takes its user row to the keyed row before it', () => {
    const b = setup();
    const ids = kpiIdsOf(b.plan);
    insertRow(b, 'actuals', `kpi:${ids[1]}`, 'After the second');
    update(b, (p) => p.ksfs[0].kpis.splice(1, 1));
    const k = keyed(sheetOf(b.addon, 'actuals'));
    expect(k.values[k.rows.get(`kpi:${ids[0]}`)! + 1][0]).toBe('After the second');
    expect(k.values[k.rows.get(`kpi:${ids[0]}`)! + 2][k.cols.get('key')!]).toBe(`kpi:${ids[2]}`);
    checkAll(b);
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
    const writes = addon.callLog.filter((c) => c.kind === 'write');
    const last = writes.length - writes.filter((c) => c.method === 'deleteSheet').length;
    const rowWrites = writes.flatMap((c, i) => (/Rows$/.test(c.method) ? [i + 1] : []));
    const ks = [1, 2, 5, last >> 2, last >> 1, last - 1, last, ...rowWrites, ...rowWrites.map((k) => k + 1)];
    expectRollbackAt(addon, start, p, ks, last);
  });
});
