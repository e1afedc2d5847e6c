// Issue 14's server side: updateWorkbook(plan) applies an edited plan in place. After each edit:
// kept actuals identical to the cell, removed ones in the archive, targets and Progress recomputed
// (the report equals Progress), reports untouched, the user's sheet byte-identical.
import type { Plan } from '../../src/core/plan';
import { bigPlan } from '../sheets/plans';
import { checkAll, keyed, setup, sheetOf, type Built } from './helpers';
import { loadAddon } from '../../dev/harness';

type Edited = Plan & { id: string };
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const kpiIds = (p: Plan) => p.ksfs.flatMap((k) => k.kpis.map((x) => x.id!));

/** Runs updateWorkbook with `edit` applied to getPlan(); the report sheet must not change. */
function update(b: Built, edit: (p: Edited) => void) {
  const p = clone(b.addon.run('getPlan') as Edited);
  edit(p);
  const report = () => b.addon.saveWorkbook().sheets.find((s) => s.name === 'Report 2026-03');
  const before = report();
  const result = b.addon.run('updateWorkbook', p) as {
    sheets: string[];
    warnings: string[];
    changes: Record<string, unknown[]>;
  };
  expect(report()).toEqual(before);
  const got = b.addon.run('getPlan') as Edited;
  b.plan = got;
  // Removed KPIs leave the expected actuals; new ones start blank.
  const ids = new Set(kpiIds(got));
  for (const id of [...b.actuals.keys()]) if (!ids.has(id)) b.actuals.delete(id);
  for (const id of ids) if (!b.actuals.has(id)) b.actuals.set(id, Array(12).fill(''));
  return { p, got, result };
}

/** checkAll minus the March report's actions for KPIs the report did not have. */
function check(b: Built) {
  // A KPI new to the March report has no action typed yet.
  for (const id of b.actuals.keys()) if (!b.actions.has(id)) b.actions.set(id, '');
  checkAll(b);
}

describe('updateWorkbook', () => {
  test('add a KPI (資料ダウンロード数): it appears in every sheet, the old actuals stay', () => {
    const b = setup();
    const { got, result } = update(b, (p) =>
      p.ksfs[0].kpis.push({ name: '資料ダウンロード数', unit: 'downloads', target: 1200 }),
    );
    expect(result.changes.kpisAdded).toEqual([{ id: expect.any(String), name: '資料ダウンロード数' }]);
    expect(got.ksfs[0].kpis.at(-1)!.name).toBe('資料ダウンロード数');
    check(b);
  });

  test('remove a KPI: its actuals go to the archive; added back with its id, they return', () => {
    const b = setup();
    const gone = b.plan.ksfs[0].kpis[0];
    const typed = b.actuals.get(gone.id!)!;
    const { result } = update(b, (p) => p.ksfs[0].kpis.splice(0, 1));
    expect(result.changes.kpisRemoved).toEqual([{ id: gone.id, name: gone.name }]);
    const archive = keyed(sheetOf(b.addon, 'archive'));
    expect(Array.from({ length: 12 }, (_, j) => archive.at(`kpi:${gone.id}`, `month.${j}`))).toEqual(typed);
    expect(archive.at(`kpi:${gone.id}`, 'removed')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    check(b);
    update(b, (p) => p.ksfs[0].kpis.unshift(gone));
    b.actuals.set(gone.id!, typed);
    // The March report was rerun while the KPI was gone: its action went with that rerun.
    b.actions.set(gone.id!, '');
    check(b);
    // Nothing left to archive: the archive sheet goes.
    expect(() => sheetOf(b.addon, 'archive')).toThrow(/0 sheets with role archive/);
  });

  test('rename a KPI, move one to another KSF, reorder the KSFs', () => {
    const b = setup();
    const { result } = update(b, (p) => {
      p.ksfs[0].kpis[1].name = 'CPL (renamed)';
      p.ksfs[1].kpis.push(p.ksfs[0].kpis.splice(0, 1)[0]);
      p.ksfs.reverse();
    });
    expect(result.changes.kpisRenamed.length).toBe(1);
    expect(result.changes.kpisMoved.length).toBe(1);
    check(b);
  });

  test('add and remove a funnel stage; a KPI linked to a removed stage becomes a hand target, with a warning', () => {
    const b = setup();
    const { result } = update(b, (p) => {
      p.funnel.stages.splice(1, 0, { name: 'Qualified' });
      p.funnel.rates = [0.5, 0.8, 0.2];
      for (const k of p.ksfs.flatMap((s) => s.kpis)) if (k.stage !== undefined && k.stage >= 1) k.stage += 1;
    });
    expect(result.changes.stagesAdded).toEqual(['Qualified']);
    check(b);
    const won = b.plan.ksfs.flatMap((k) => k.kpis).find((k) => k.stage === 3)!;
    const { got, result: r2 } = update(b, (p) => {
      p.funnel.stages.pop();
      p.funnel.rates.pop();
    });
    expect(r2.changes.stagesRemoved).toEqual(['Won']);
    expect(r2.warnings.join('\n')).toContain(won.name);
    const after = got.ksfs.flatMap((k) => k.kpis).find((k) => k.id === won.id)!;
    expect(after.stage).toBeUndefined();
    expect(after.target).toBeGreaterThan(0);
    check(b);
  });

  test('change rates, seasonality, thresholds and the KGI', () => {
    const b = setup();
    update(b, (p) => {
      p.funnel.rates = [0.3, 0.25];
      p.seasonality = [1, 1, 2, 2, 1, 1, 1, 1, 3, 1, 1, 1];
      p.thresholds = { warn: 0.7, ok: 0.95 };
      p.kgi = { ...p.kgi, target: 15_000_000 };
    });
    expect(b.plan.kgi.target).toBe(15_000_000);
    check(b);
  });

  test('the fiscal year start is refused, and nothing changes', () => {
    const b = setup();
    const before = b.addon.saveWorkbook();
    const p = clone(b.plan);
    p.fiscalYear = { startYear: 2026, startMonth: 4 };
    expect(() => b.addon.run('updateWorkbook', p)).toThrow(/fiscal year's start cannot change \(2026-01 → 2026-04\)/);
    expect(b.addon.saveWorkbook()).toEqual(before);
  });

  test('an invalid plan or one without an id changes nothing', () => {
    const b = setup();
    const before = b.addon.saveWorkbook();
    const p = clone(b.plan);
    p.funnel.rates = [2, 0.2];
    expect(() => b.addon.run('updateWorkbook', p)).toThrow();
    expect(() => b.addon.run('updateWorkbook', { ...p, id: undefined })).toThrow(/no id/);
    expect(() => b.addon.run('updateWorkbook', { ...p, id: 'nope' })).toThrow(/no plan with id "nope"/);
    expect(b.addon.saveWorkbook()).toEqual(before);
  });

  test('a failure while writing leaves the workbook byte-identical', () => {
    const b = setup();
    const before = b.addon.saveWorkbook();
    const p = clone(b.plan);
    p.ksfs[0].kpis[0].name = 'x'.repeat(60_000); // longer than a cell holds: refused while preparing
    expect(() => b.addon.run('updateWorkbook', p)).toThrow(/50,000/);
    expect(b.addon.saveWorkbook()).toEqual(before);
  });

  test('write calls are the same for 5 and 60 KPIs, with a column of the user on each plan sheet', () => {
    const calls = (n: number) => {
      const addon = loadAddon();
      addon.run('buildWorkbook', bigPlan(n));
      // The user's own column after the KPI column, a text on every KPI row and a formula on one.
      for (const role of ['plan', 'actuals', 'progress']) {
        const k = keyed(sheetOf(addon, role));
        const col = k.cols.get('kpi')! + 2;
        k.sheet.insertColumnsAfter(col - 1, 1);
        for (const [key, row] of k.rows)
          if (key.startsWith('kpi:')) k.sheet.getRange(row + 1, col).setValue(`note ${key}`);
        k.sheet
          .getRange(k.rows.get([...k.rows.keys()].find((x) => x.startsWith('kpi:'))!)! + 1, col)
          .setFormula('=1+1');
      }
      const p = addon.run('getPlan') as Edited;
      p.ksfs[0].kpis[0].name = 'Renamed';
      p.ksfs[0].kpis.splice(1, 1);
      addon.resetCallLog();
      addon.run('updateWorkbook', p);
      const counts: Record<string, number> = {};
      for (const c of addon.callLog)
        if (c.kind === 'write') counts[`${c.object}.${c.method}`] = (counts[`${c.object}.${c.method}`] ?? 0) + 1;
      // The user's texts followed their KPIs.
      const k = keyed(sheetOf(addon, 'progress'));
      const key = `kpi:${p.ksfs[0].kpis[1].id}`;
      expect(k.values[k.rows.get(key)!][k.cols.get('kpi')! + 1]).toBe(`note ${key}`);
      return counts;
    };
    expect(calls(60)).toEqual(calls(5));
  });
});
