/**
 * The plans of a spreadsheet read back by identity (identity.ts): `listPlans()`, `getPlan(planId?)`
 * and what the report, the colours and updateWorkbook read — the plan as it is now on its sheets,
 * the user's edits to its inputs included, found through metadata and row keys only.
 */
import { funnelVolumes } from '../core/funnel';
import { langFromLocale } from '../core/locale';
import { splitTotal } from '../core/monthly';
import type { Kpi, Ksf, Lang, Plan } from '../core/plan';
import { planKpis } from '../core/validate';
import {
  type IdentifiedSheet,
  identifiedSheets,
  identityOf,
  KeyedSheet,
  type PlanRecord,
  planRecords,
  rowKeys,
  type SheetRole,
} from './identity';
import { label } from './labels';
import { type KgiRow, NOTE_PREFIX, type RangeName } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type KpiWithId = Kpi & { id: string };
export type KsfWithId = Omit<Ksf, 'kpis'> & { id: string; kpis: KpiWithId[] };
/** The plan JSON of PRODUCT.md with the ids getPlan returns (and updateWorkbook needs). */
export type PlanWithIds = Omit<Plan, 'ksfs'> & { id: string; ksfs: KsfWithId[] };

export interface PlanSummary {
  id: string;
  name: string;
  lang: Lang;
  /** The names of the plan's sheets (reports included), in tab order. */
  sheets: string[];
}

/** One plan: its record and the sheets it made (copies excluded). */
export interface PlanSheets {
  record: PlanRecord;
  sheets: Partial<Record<Exclude<SheetRole, 'report'>, Sheet>>;
  reports: IdentifiedSheet[];
  all: IdentifiedSheet[];
}

/** Every plan of the spreadsheet, in build order, with its sheets. */
export function plansOf(ss: Spreadsheet): PlanSheets[] {
  const sheets = identifiedSheets(ss);
  return planRecords(ss).map((record) => {
    const all = sheets.filter((s) => s.identity.planId === record.id);
    const own: PlanSheets['sheets'] = {};
    for (const s of all) if (s.identity.role !== 'report') own[s.identity.role] ??= s.sheet;
    return { record, sheets: own, reports: all.filter((s) => s.identity.role === 'report'), all };
  });
}

/** A workbook built by the previous version: its Plan note or named ranges, and no plan metadata. */
function isLegacy(ss: Spreadsheet): boolean {
  const names = new Set(ss.getNamedRanges().map((n) => n.getName().replace(/_\d+$/, '')));
  if (names.has('MONTHLY_TARGETS' satisfies RangeName)) {
    return ss.getSheets().some((s) => s.getRange(1, 1).getNote().startsWith(NOTE_PREFIX));
  }
  return false;
}

const spreadsheetLang = (ss: Spreadsheet): Lang => langFromLocale(ss.getSpreadsheetLocale());

/**
 * The plan a call is about: `planId` when given (an error when there is no such plan); else the
 * plan the active sheet belongs to, else the only plan, else an error asking to choose. Null when
 * the spreadsheet has no plan; a workbook of the previous version is refused with what to do.
 */
export function choosePlan(ss: Spreadsheet, planId: unknown, fn: string): PlanSheets | null {
  const plans = plansOf(ss);
  const lang = spreadsheetLang(ss);
  if (planId !== undefined && planId !== null && planId !== '') {
    const found = plans.find((p) => p.record.id === planId);
    if (!found) throw new Error(label(lang, 'noSuchPlan', { fn, id: String(planId) }));
    return found;
  }
  if (!plans.length) {
    if (isLegacy(ss)) throw new Error(label(lang, 'legacyPlan'));
    return null;
  }
  const active = ss.getActiveSheet();
  const mine = active && identityOf(active);
  const ofActive = mine && plans.find((p) => p.record.id === mine.planId);
  if (ofActive) return ofActive;
  if (plans.length === 1) return plans[0];
  throw new Error(
    label(lang, 'choosePlan', { fn, plans: plans.map((p) => `${p.record.name} (${p.record.id})`).join(', ') }),
  );
}

/** `listPlans()`: every plan of the spreadsheet, in build order. */
export function listPlans(): PlanSummary[] {
  return planSummaries(SpreadsheetApp.getActiveSpreadsheet());
}

/** Every plan of `ss` in build order, its sheets in tab order (listPlans, the report dialog's choice). */
export function planSummaries(ss: Spreadsheet): PlanSummary[] {
  const order = new Map(ss.getSheets().map((s, i) => [s.getSheetId(), i]));
  return plansOf(ss).map((p) => ({
    id: p.record.id,
    name: p.record.name,
    lang: p.record.lang,
    sheets: [...p.all]
      .sort((a, b) => order.get(a.sheet.getSheetId())! - order.get(b.sheet.getSheetId())!)
      .map((s) => s.sheet.getName()),
  }));
}

/** `getPlan(planId?)`: the plan as it is now in the workbook, with ids; null when there is none. */
export function getPlan(planId?: string): PlanWithIds | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const found = choosePlan(ss, planId, 'getPlan');
  return found && readPlan(found).plan;
}

// Text exactly as the cell holds it (a name with spaces round-trips).
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
/** A number as read; blank is undefined; anything else is kept as it is (validation names it). */
const numberIn = (v: unknown): number | undefined =>
  v === '' || v === null || v === undefined ? undefined : (v as number);

/** The KGI's number fields of the plan JSON and the Plan row each is typed in. */
const KGI_INPUTS = {
  target: 'typedTarget',
  baseline: 'baseline',
  growthRate: 'growth',
  unitValue: 'unitValue',
} as const;

export interface ReadPlan {
  plan: PlanWithIds;
  /** The Plan sheet as read. */
  planSheet: KeyedSheet;
}

/** Reads a plan back from its Plan sheet (one read of values and formulas) and its record. */
export function readPlan(found: PlanSheets): ReadPlan {
  const { record } = found;
  const sheet = found.sheets.plan;
  if (!sheet) throw new Error(label(record.lang, 'planSheetGone', { name: record.name }));
  const p = new KeyedSheet(sheet);
  const kgi = (id: string) => p.value(rowKeys.kgi(id), 'kgi.value');
  const money = record.kgiUnit === 'currency';
  const fy = /^=DATE\((\d+),\s*(\d+),\s*1\)$/i.exec(p.formula(rowKeys.kgi('fyStart'), 'kgi.value'));

  const stages = p
    .keys('stage:')
    .map((s) => ({ i: Number(s.id), row: s.row }))
    .sort((a, b) => a.i - b.i);
  const stageAtRow = new Map(stages.map((s) => [s.row, s.i]));
  const n = stages.length;

  const kpis = p.keys('kpi:').map(({ id, row }) => {
    const at = (col: string) => p.value(rowKeys.kpi(id), col);
    const stageCol = p.col('stage');
    const link = /^=\$?[A-Z]+\$?(\d+)&""$/.exec(stageCol === undefined ? '' : (p.formulas[row]?.[stageCol] ?? ''));
    const stage = link ? stageAtRow.get(Number(link[1]) - 1) : undefined;
    const aggregate: Kpi['aggregate'] = at('aggregate') === true ? 'average' : 'sum';
    const kpi: KpiWithId = {
      id,
      name: text(at('kpi')),
      unit: text(at('unit')),
      owner: text(at('owner')),
      direction: at('direction') === true ? 'lower' : 'higher',
      aggregate,
      ...(stage === undefined ? {} : { stage }),
    };
    const target = numberIn(at('handTarget'));
    if (target !== undefined) kpi.target = target;
    Object.assign(kpi, record.extras[id] ?? {});
    return { kpi, ksfId: text(at('ksfId')), ksf: text(at('ksf')) };
  });

  const ksfs: KsfWithId[] = record.ksfs.map((k) => ({ id: k.id, name: k.name, kpis: [] }));
  for (const { kpi, ksfId, ksf } of kpis) {
    let home = ksfs.find((k) => k.id === ksfId);
    if (!home) {
      home = { id: ksfId || `ksf-${ksfs.length + 1}`, name: ksf, kpis: [] };
      ksfs.push(home);
    }
    // The KSF's name as its first KPI row shows it now (the user may have renamed it there).
    if (!home.kpis.length && ksf) home.name = ksf;
    home.kpis.push(kpi);
  }

  const kgiOut: Plan['kgi'] = { name: text(kgi('kgi')), unit: record.kgiUnit };
  if (money && record.currency) kgiOut.currency = record.currency as Plan['kgi']['currency'];
  // KGI_TARGET is always a formula (last year × (1 + growth) when both are filled, else the typed target):
  // the inputs are what the plan holds.
  for (const [field, row] of Object.entries(KGI_INPUTS) as [keyof typeof KGI_INPUTS, KgiRow][]) {
    const value = numberIn(kgi(row));
    if (value !== undefined && (money || field !== 'unitValue')) kgiOut[field] = value;
  }

  const funnel: Plan['funnel'] = {
    stages: stages.map((s) => ({ name: text(p.values[s.row]?.[p.col('funnel.stage') ?? -1]) })),
    rates: stages.slice(0, n - 1).map((s) => numberIn(p.values[s.row]?.[p.col('funnel.rate') ?? -1]) as number),
  };
  if (record.preset) funnel.preset = record.preset as Plan['funnel']['preset'];

  const plan: PlanWithIds = {
    id: record.id,
    name: record.name,
    locale: record.lang,
    fiscalYear: fy
      ? { startYear: Number(fy[1]), startMonth: Number(fy[2]) }
      : { startYear: record.startYear, startMonth: record.startMonth },
    kgi: kgiOut,
    funnel,
    ksfs,
    seasonality: p.span(rowKeys.seasonality, 'month', 12).map((v) => numberIn(v) as number),
    thresholds: { warn: numberIn(kgi('warn')) as number, ok: numberIn(kgi('ok')) as number },
  };
  return { plan, planSheet: p };
}

/**
 * Every KPI's 12 actuals on the plan's Actuals sheet, by KPI id ('' for a blank month), and the KGI's (by its
 * row key, month columns by id: a column inserted between two months is not read).
 */
export function readActuals(found: PlanSheets): { kpis: Map<string, unknown[]>; kgi?: unknown[] } {
  const out = new Map<string, unknown[]>();
  const sheet = found.sheets.actuals;
  if (!sheet) return { kpis: out };
  const a = new KeyedSheet(sheet);
  for (const { id } of a.keys('kpi:')) out.set(id, a.span(rowKeys.kpi(id), 'month', 12));
  const kgi = rowKeys.kgi('actuals');
  return { kpis: out, kgi: a.row(kgi) === undefined ? undefined : a.span(kgi, 'month', 12) };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Sheets' ROUND(x, 6), as the KGI formula rounds last year × (1 + growth). */
const round6 = (x: number) => Math.round(Number((x * 1e6).toPrecision(15))) / 1e6;

/**
 * The monthly targets of every KPI (plan order), computed from the plan's inputs as KPI_FUNNEL and
 * KPI_MONTHLY compute them on Plan ('' where an input is missing or not a number).
 */
export function monthlyTargets(plan: Plan): (number | '')[][] {
  const { target, baseline, growthRate, unit, unitValue } = plan.kgi;
  const goal =
    target !== undefined
      ? target
      : round6((finite(baseline) ? baseline : 0) * (1 + (finite(growthRate) ? growthRate : 0)));
  let volumes: number[] = [];
  try {
    volumes = funnelVolumes(
      finite(goal) ? goal : NaN,
      plan.funnel.rates.map((r) => (finite(r) ? r : NaN)),
      unit === 'currency' && finite(unitValue) ? unitValue : undefined,
    );
  } catch {
    // The funnel shows its error on Plan; KPIs linked to a stage have no target then.
  }
  const weights = (plan.seasonality ?? Array(12).fill(1)).map((w) => (finite(w) ? w : 0));
  return planKpis(plan).map(({ kpi }): (number | '')[] => {
    const fromStage = kpi.stage !== undefined && kpi.stage < volumes.length ? volumes[kpi.stage] : '';
    const annual = finite(kpi.target) ? kpi.target : fromStage;
    if (annual === '') return Array(12).fill('');
    if (kpi.aggregate === 'average') return Array(12).fill(annual);
    try {
      return splitTotal(annual, weights);
    } catch {
      return Array(12).fill('');
    }
  });
}
