// Shared by the identity acceptance tests: a plan with duplicate KPI names and a `__proto__` KPI,
// actuals and report actions typed, and the checks every edit must pass — all found by identity
// (the sheets' metadata, the hidden key column and column-key row), never by position.
import { loadAddon } from '../../dev/harness';
import type { Plan } from '../../src/core/plan';
import { basicPlan } from '../sheets/plans';

export type Addon = ReturnType<typeof loadAddon>;
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
