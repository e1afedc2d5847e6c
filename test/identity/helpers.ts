// Shared by the identity acceptance tests: a plan with duplicate KPI names and a `__proto__` KPI,
// actuals and report actions typed, and the checks every edit must pass — all found by identity
// (the sheets' metadata, the hidden key column and column-key row), never by position.
import { loadAddon } from '../../dev/harness';
import { funnelVolumes } from '../../src/core/funnel';
import { funnelActualRates, stageActuals } from '../../src/core/funnel-actual';
import { splitTotal } from '../../src/core/monthly';
import type { Plan } from '../../src/core/plan';
import { progress as achievement } from '../../src/core/tracking';
import { normalizePlan, planKpis } from '../../src/core/validate';
import { TREE_TABLE } from '../../src/sheets/workbook';
import { basicPlan } from '../sheets/plans';

export type Addon = ReturnType<typeof loadAddon>;
type Workbook = ReturnType<Addon['saveWorkbook']>;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** PRODUCT.md's example plus two KPIs named "Leads" (one per KSF) and one named `__proto__`. */
export function tricky(lang: 'en' | 'ja' = 'en'): Plan {
  const p = basicPlan(lang);
  p.ksfs[1].kpis.push({ name: 'Leads', unit: 'leads', owner: 'Sales', target: 600 });
  p.ksfs[0].kpis.push({ name: '__proto__', unit: 'items', owner: 'Ops', direction: 'lower', target: 120 });
  return p;
}

export const MONTHS = ['2026-01', '2026-02', '2026-03'];

/** Finds an add-on sheet by its metadata role (and plan id). */
export function sheetOf(addon: Addon, role: string, planId?: string, month?: string): Sheet {
  const found = addon.spreadsheet.getSheets().filter((s) =>
    s.getDeveloperMetadata().some((m) => {
      if (m.getKey() !== 'kpiPlanner.sheet') return false;
      const v = JSON.parse(m.getValue() ?? '{}');
      return (
        v.role === role &&
        v.sheetId === s.getSheetId() &&
        (!planId || v.planId === planId) &&
        (!month || v.month === month)
      );
    }),
  );
  if (found.length !== 1) throw new Error(`sheetOf: ${found.length} sheets with role ${role}`);
  return found[0];
}

/** A sheet read by identity: rows by key (`kpi:<id>`), columns by declared id (`month.3`). */
export function keyed(sheet: Sheet) {
  const values = sheet.getDataRange().getValues();
  const keyRow =
    sheet.createDeveloperMetadataFinder().withKey('kpiPlanner.cols').find()[0].getLocation().getRow()!.getRow() - 1;
  const cols = new Map<string, number>();
  values[keyRow].forEach((cell, c) =>
    String(cell)
      .split(' ')
      .filter(Boolean)
      .forEach((id) => cols.set(id, c)),
  );
  const key = cols.get('key')!;
  const rows = new Map<string, number>();
  values.forEach((row, r) => typeof row[key] === 'string' && row[key] && rows.set(row[key] as string, r));
  return {
    sheet,
    values,
    cols,
    rows,
    at: (rowKey: string, col: string) => values[rows.get(rowKey)!][cols.get(col)!],
    /** A1 of a keyed cell (1-based). */
    a1: (rowKey: string, col: string) => sheet.getRange(rows.get(rowKey)! + 1, cols.get(col)! + 1).getA1Notation(),
  };
}

export interface Built {
  addon: Addon;
  plan: Plan & { id: string };
  /** The typed actuals by KPI id (12 months, '' blank). */
  actuals: Map<string, (number | '')[]>;
  /** The typed action of each KPI id in the March report. */
  actions: Map<string, string>;
  /** The user's own sheet as saved, to compare byte for byte. */
  notes: () => unknown;
}

/** Builds `tricky()`, types three months of actuals and an action per KPI in the March report. */
export function setup(lang: 'en' | 'ja' = 'en'): Built {
  const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
  const own = addon.spreadsheet.getSheets()[0];
  own.setName('My notes');
  own.getRange('A1:C2').setValues([
    ['note', 42, '=1+1'],
    ['PROGRESS', 'Plan', 'x'],
  ]);
  addon.run('buildWorkbook', tricky(lang));
  const plan = addon.run('getPlan') as Plan & { id: string };
  const a = keyed(sheetOf(addon, 'actuals'));
  const actuals = new Map<string, (number | '')[]>();
  plan.ksfs
    .flatMap((k) => k.kpis)
    .forEach((kpi, i) => {
      const row = Array.from({ length: 12 }, (_, j): number | '' =>
        j < 3 && (i + j) % 4 !== 3 ? 10 + 7 * i + 3 * j : '',
      );
      actuals.set(kpi.id!, row);
      row.forEach((v, j) => v !== '' && addon.type(`'${a.sheet.getName()}'!${a.a1(`kpi:${kpi.id}`, `month.${j}`)}`, v));
    });
  addon.run('createMonthlyReport', '2026-03');
  const r = keyed(sheetOf(addon, 'report', plan.id, '2026-03'));
  const actions = new Map<string, string>();
  for (const kpi of plan.ksfs.flatMap((k) => k.kpis)) {
    const text = `Action for ${kpi.name} (${kpi.id})`;
    actions.set(kpi.id!, text);
    addon.type(`'${r.sheet.getName()}'!${r.a1(`kpi:${kpi.id}`, 'action')}`, text);
  }
  const snapshot = () => addon.saveWorkbook().sheets.find((s) => s.name === 'My notes');
  const before = snapshot();
  expect(before).toBeDefined();
  return { addon, plan, actuals, actions, notes: () => expect(snapshot()).toEqual(before) };
}

/**
 * After an edit: getPlan() is the same plan; each report's numbers are Progress's for every KPI and
 * month; the typed actions come back to their own KPI; the actuals are where they were; the user's
 * sheet is unchanged.
 */
export function checkAll(b: Built, planId?: string): void {
  const { addon } = b;
  expect(addon.run('getPlan', planId ?? b.plan.id)).toEqual(b.plan);
  const a = keyed(sheetOf(addon, 'actuals', b.plan.id));
  for (const [id, row] of b.actuals)
    expect(Array.from({ length: 12 }, (_, j) => a.at(`kpi:${id}`, `month.${j}`))).toEqual(row);
  const progress = keyed(sheetOf(addon, 'progress', b.plan.id));
  for (const [m, month] of ['2026-01', '2026-02', '2026-03', '2026-05'].entries()) {
    const j = m === 3 ? 4 : m;
    addon.run('createMonthlyReport', month, b.plan.id);
    const report = keyed(sheetOf(addon, 'report', b.plan.id, month));
    for (const id of b.actuals.keys()) {
      const key = `kpi:${id}`;
      expect([id, month, report.at(key, 'achievement')]).toEqual([id, month, progress.at(key, `month.${j}`)]);
      if (month === '2026-03') {
        expect([id, report.at(key, 'ytdProgress')]).toEqual([id, progress.at(key, 'ytdProgress')]);
        expect([id, report.at(key, 'action')]).toEqual([id, b.actions.get(id)]);
      }
    }
  }
  b.notes();
}

/** `expect.closeTo(x)` for a number, the blank itself for a blank. */
const near = (x: number | '') => (x === '' ? '' : expect.closeTo(x, 9));

/**
 * Progress's own formulas, checked against src/core from the plan JSON and the typed actuals alone (not against
 * the report, which could be wrong the same way): each KPI's month and year-to-date achievement on Progress (found
 * by key), the KPI Tree's year to date, and the funnel's actual rates on Plan. Fails when a formula reads another
 * KPI's row or another month's column.
 */
export function checkProgress(b: Built): void {
  const plan = normalizePlan(b.plan);
  const kpis = planKpis(plan).map(({ kpi }) => kpi);
  const volumes = funnelVolumes(plan.kgi.target, plan.funnel.rates, plan.kgi.unitValue);
  const progress = keyed(sheetOf(b.addon, 'progress', b.plan.id));
  const ytds = kpis.map((kpi) => {
    const annual = kpi.target ?? volumes[kpi.stage!];
    const average = kpi.aggregate === 'average';
    const targets = average ? Array<number>(12).fill(annual) : splitTotal(annual, plan.seasonality);
    const actuals = b.actuals.get(kpi.id!)!;
    const lower = kpi.direction === 'lower';
    const key = `kpi:${kpi.id}`;
    const months = Array.from({ length: 12 }, (_, j) => progress.at(key, `month.${j}`));
    expect([key, months]).toEqual([key, actuals.map((a, j) => near(achievement(a, targets[j], lower)))]);
    const counted = actuals.flatMap((a, j) => (a === '' ? [] : [j]));
    const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (average ? xs.length : 1);
    const ytd = achievement(
      total(counted.map((j) => actuals[j] as number)),
      total(counted.map((j) => targets[j])),
      lower,
    );
    expect([key, progress.at(key, 'ytdProgress')]).toEqual([key, near(ytd)]);
    return ytd;
  });
  // The KPI Tree has no key column: its KPI lines are the ones with a year-to-date formula, after the KGI's.
  const tree = sheetOf(b.addon, 'tree', b.plan.id);
  const range = tree.getRange(1, TREE_TABLE.index('ytd'), tree.getLastRow(), 1);
  const values = range.getValues().map((r) => r[0]);
  const treeYtd = range
    .getFormulas()
    .flatMap((r, i) => (r[0] ? [values[i]] : []))
    .slice(1);
  expect(treeYtd).toEqual(ytds.map(near));
  const steps = funnelActualRates({
    stages: plan.funnel.stages,
    planned: plan.funnel.rates,
    actuals: stageActuals(
      plan,
      kpis.map((kpi) => b.actuals.get(kpi.id!)!),
    ),
  });
  // The funnel's rates (a row inserted between two stages widens the named range: its cells have no formula).
  const funnel = b.addon.spreadsheet.getRangeByName('FUNNEL_RATES_ACTUAL')!;
  const actual = funnel.getValues().map((r) => r[0]);
  const rates = funnel.getFormulas().flatMap((r, i) => (r[0] ? [actual[i]] : []));
  expect(rates).toEqual(steps.map((s) => near(s.actual)));
}

/**
 * updateWorkbook(plan) from the saved workbook `start` with its k-th write failing, for every k in
 * 1 … last: each time it throws and the workbook comes back byte-identical.
 */
export function expectRollbackAt(addon: Addon, start: Workbook, plan: unknown, ks: number[], last: number): void {
  for (const k of [...new Set(ks)].filter((x) => x >= 1 && x <= last)) {
    addon.loadWorkbook(start);
    const before = addon.saveWorkbook();
    addon.failAtWrite(k);
    expect(() => addon.run('updateWorkbook', plan)).toThrow(/injected failure/);
    addon.failAtWrite(0);
    expect([k, addon.saveWorkbook()]).toEqual([k, before]);
  }
}
