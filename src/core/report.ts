// Monthly report rows and fiscal-month helpers. Pure: the report writer reads the plan, the
// monthly targets and the actuals as plain data and gets one row of numbers per KPI.
import { monthYear, t } from '../messages';
import { funnelActualRates, stageActuals, type FunnelStepActual, type WeakestStep, weakestStep } from './funnel-actual';
import { DEFAULT_THRESHOLDS, defaultStartMonth } from './locale';
import { quarterToDate } from './periods';
import type { Kpi, Lang, Plan } from './plan';
import { forecast, progress, remaining, status } from './tracking';
import { planKpis, showValue } from './validate';

type Blank = '';

export interface FiscalMonth {
  /** `YYYY-MM`. */
  key: string;
  /** Localised column header: ja `2026年4月`, en `Apr 2026`. */
  label: string;
  year: number;
  /** Calendar month 1–12. */
  month: number;
}

type FiscalPlan = Pick<Plan, 'fiscalYear' | 'locale'>;

/** The 12 months of the plan's fiscal year in order, with keys and labels in `lang` (default: the plan's). */
export function fiscalMonths(plan: FiscalPlan, lang: Lang = plan.locale ?? 'en'): FiscalMonth[] {
  const start = plan.fiscalYear.startMonth ?? defaultStartMonth(plan.locale);
  return Array.from({ length: 12 }, (_, i) => {
    const m0 = start - 1 + i;
    const year = plan.fiscalYear.startYear + Math.floor(m0 / 12);
    const month = (m0 % 12) + 1;
    const label = monthYear(lang, year, month);
    return { key: `${year}-${String(month).padStart(2, '0')}`, label, year, month };
  });
}

/**
 * Index 0–11 of a `YYYY-MM` month within the plan's fiscal year. Throws a clear Error (no
 * function prefix; in `lang`, default the plan's) for anything not `YYYY-MM` or outside the year.
 */
export function monthIndexOf(plan: FiscalPlan, month: unknown, lang: Lang = plan.locale ?? 'en'): number {
  const s = typeof month === 'string' ? month.trim() : '';
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (!m) {
    throw new Error(t(lang, 'error.monthFormat', { value: showValue(month, lang) }));
  }
  const months = fiscalMonths(plan, lang);
  const i = months.findIndex((f) => f.key === s);
  if (i < 0) {
    const span = `${months[0].key} – ${months[11].key}`;
    throw new Error(t(lang, 'error.monthOutside', { month: s, span }));
  }
  return i;
}

/**
 * The last finished month as `YYYY-MM`: the calendar month before `today` (local date), clamped
 * into the fiscal year (before it → its first month; after it → its last), so it is always a
 * month `monthIndexOf` accepts — the report dialog's default.
 */
export function lastFinishedMonth(plan: FiscalPlan, today: Date): string {
  const months = fiscalMonths(plan);
  const prev = today.getFullYear() * 12 + today.getMonth() - 1; // months since year 0, 0-based
  const first = months[0].year * 12 + months[0].month - 1;
  const k = Math.min(Math.max(prev, first), first + 11);
  return months[k - first].key;
}

/** What the rows need of a plan: a NormalizedPlan, or one read back from a built workbook. */
export interface ReportPlan {
  locale?: Lang;
  thresholds?: { warn: number; ok: number };
  ksfs: { name: string; kpis: Kpi[] }[];
}

export interface ReportInput {
  /** KPI names, KSFs, owners, units, direction, aggregate, thresholds, locale (e.g. a normalizePlan result). */
  plan: ReportPlan;
  /** The report month, 0–11 within the fiscal year (monthIndexOf). */
  monthIndex: number;
  /** KPIs × 12 monthly targets, plan order (MONTHLY_TARGETS). Non-numbers count as no target. */
  targets: (number | Blank)[][];
  /** KPIs × 12 actuals, plan order (ACTUALS); '' = not reported. Non-numbers (text, null) count as missing. */
  actuals: (number | Blank)[][];
}

export type StatusKey = 'off' | 'risk' | 'ok' | 'none';

export interface ReportRow {
  /** The KPI's place in plan order (its row of `targets` and `actuals`): names may repeat. */
  index: number;
  name: string;
  ksf: string;
  owner: string;
  /** Unit and aggregate, for the number format. */
  unit: string;
  aggregate: 'sum' | 'average';
  /** The month's target and actual; `missing` when the actual is not reported ('' , never 0). */
  target: number | Blank;
  actual: number | Blank;
  missing: boolean;
  /** progress(actual, target, lower-is-better). */
  achievement: number | Blank;
  /**
   * Change from last month: this month's achievement − last month's (0.05 = 5 points better); '' in
   * the first month or when either is missing.
   */
  change: number | Blank;
  /** Target of the months up to this one that have an actual (as Progress counts it): sum, or mean for average KPIs. */
  ytdTarget: number | Blank;
  /** Sum (mean for average KPIs) of the reported months only; '' when none is reported. */
  ytdActual: number | Blank;
  /** Actual against target over the months that have both (missing months are not counted as 0). */
  ytdAchievement: number | Blank;
  /** Months up to this one with no actual. */
  ytdMissing: number;
  /**
   * The quarter to date (this month's fiscal quarter up to it, months with an actual, quarterToDate of
   * periods.ts): its target and actual (sum, or mean for average KPIs) and achievement; '' without an actual.
   */
  qtdTarget: number | Blank;
  qtdActual: number | Blank;
  qtdAchievement: number | Blank;
  /** The year's target: sum of the 12 months, or their mean for average KPIs. */
  annualTarget: number | Blank;
  /**
   * Run-rate forecast for the year from the reported months so far: mean × 12 (sum KPIs) or mean
   * (average KPIs).
   */
  forecast: number | Blank;
  /**
   * What each month after this one needs (monthsLeft = 11 − monthIndex): sum KPIs
   * max(0, annual − ytd actual) / monthsLeft; average KPIs the level they must average for the
   * year's mean to meet the target, max(0, 12 × mean target − Σ reported) / monthsLeft (a ceiling
   * for lower-is-better KPIs). '' when none is left.
   */
  remainingPerMonth: number | Blank;
  /** Localised status of the YEAR-TO-DATE achievement with the plan's thresholds ('' without data). */
  status: string;
  statusKey: StatusKey;
}

const num = (v: unknown): number | Blank => (typeof v === 'number' && Number.isFinite(v) ? v : '');
const clean = (x: number) => Number(x.toPrecision(12));
// Sums and means as Sheets' SUM / AVERAGE compute them (left to right), so the report's year to
// date is exactly Progress's.
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;

const ORDER: Record<StatusKey, number> = { off: 0, risk: 1, ok: 2, none: 3 };
const YEAR = Array.from({ length: 12 }, (_, i) => i);

/**
 * One row per KPI for the month `monthIndex`, off-track first, then at risk, on track and no
 * data; plan order within each group. Throws (no prefix) when the blocks do not match the plan.
 */
export function reportRows(input: ReportInput): ReportRow[] {
  const { plan, monthIndex: m, targets, actuals } = input;
  if (!(Number.isInteger(m) && m >= 0 && m <= 11)) throw new Error(`monthIndex ${showValue(m)} is not 0–11`);
  const kpis = planKpis(plan);
  const fits = (block: unknown) =>
    Array.isArray(block) &&
    block.length === kpis.length &&
    block.every((row) => Array.isArray(row) && row.length === 12);
  if (!fits(targets) || !fits(actuals))
    throw new Error(`targets and actuals must be ${kpis.length} rows (one per KPI) of 12 months`);
  const lang: Lang = plan.locale ?? 'en';
  const { warn, ok } = plan.thresholds ?? DEFAULT_THRESHOLDS;

  const rows = kpis.map(({ ksf, kpi }, r): ReportRow => {
    const lower = kpi.direction === 'lower';
    const avg = kpi.aggregate === 'average';
    const agg = avg ? mean : sum;
    const t = targets[r].map(num);
    const a = actuals[r].map(num);

    const achievement = progress(a[m], t[m], lower);
    const prevAchievement = m > 0 ? progress(a[m - 1], t[m - 1], lower) : '';
    const change = achievement !== '' && prevAchievement !== '' ? clean(achievement - prevAchievement) : '';

    // The numbers of `row` in `months`; their sum (mean for average KPIs), '' when there are none.
    const of = (row: (number | Blank)[], months: number[]) =>
      months.map((i) => row[i]).filter((x): x is number => x !== '');
    const total = (xs: number[]) => (xs.length ? agg(xs) : '');
    const upTo = Array.from({ length: m + 1 }, (_, i) => i);
    const reported = upTo.filter((i) => a[i] !== '');
    // Year to date over the months that have both an actual and a target: a missing month is not a 0.
    const paired = reported.filter((i) => t[i] !== '');
    const ytdTarget = total(of(t, paired));
    const ytdActual = total(of(a, reported));
    const ytdAchievement = progress(total(of(a, paired)), ytdTarget, lower);

    const annualTarget = total(of(t, YEAR));
    const fc = forecast(a.slice(0, m + 1), avg ? 1 : 12);
    const fcst = fc === '' ? '' : clean(fc);
    const monthsLeft = 11 - m;
    let remainingPerMonth: number | Blank = '';
    if (monthsLeft > 0 && annualTarget !== '') {
      const need = remaining(avg ? annualTarget * 12 : annualTarget, sum(of(a, reported)), monthsLeft);
      remainingPerMonth = need === '' ? '' : clean(need);
    }
    const qtd = quarterToDate(
      { targets: t, actuals: a, aggregate: avg ? 'average' : 'sum', direction: kpi.direction },
      m,
    );
    const statusKey: StatusKey =
      ytdAchievement === '' ? 'none' : ytdAchievement >= ok ? 'ok' : ytdAchievement >= warn ? 'risk' : 'off';

    return {
      index: r,
      name: kpi.name,
      ksf,
      owner: kpi.owner ?? '',
      unit: kpi.unit ?? '',
      aggregate: avg ? 'average' : 'sum',
      target: t[m],
      actual: a[m],
      missing: a[m] === '',
      achievement,
      change,
      ytdTarget,
      ytdActual,
      ytdAchievement,
      ytdMissing: m + 1 - reported.length,
      qtdTarget: qtd.target,
      qtdActual: qtd.actual,
      qtdAchievement: qtd.achievement,
      annualTarget,
      forecast: fcst,
      remainingPerMonth,
      status: status(ytdAchievement, warn, ok, lang),
      statusKey,
    };
  });
  return rows.sort((x, y) => ORDER[x.statusKey] - ORDER[y.statusKey]); // stable: plan order within a group
}

/** The KGI as the report reads it: its name, unit ('¥', '$', '€' for an amount; '' for a count), 12 targets and actuals. */
export interface KgiSeries {
  name: string;
  unit: string;
  targets: (number | Blank)[];
  actuals: (number | Blank)[];
}

/**
 * The report's KGI line for month `monthIndex`: the same figures as a KPI's row (the month's target,
 * actual and achievement, quarter and year to date, forecast, status) for the KGI, a sum where higher
 * is better, with the plan's thresholds. `ksf` is `label` (e.g. "KGI").
 */
export function kgiReportRow(plan: ReportPlan, monthIndex: number, kgi: KgiSeries, label = 'KGI'): ReportRow {
  const one: ReportPlan = { ...plan, ksfs: [{ name: label, kpis: [{ name: kgi.name, unit: kgi.unit }] }] };
  return reportRows({ plan: one, monthIndex, targets: [kgi.targets], actuals: [kgi.actuals] })[0];
}

/** The funnel as the report reads it: stage names, planned rates, and each KPI's stage (plan order). */
export interface ReportFunnel {
  stages: string[];
  planned: number[];
}

/**
 * The funnel's actual rates through the report month (funnelActualRates over the actuals of the KPIs
 * linked to each stage, stageActuals) and the step that most holds the KGI back (weakestStep); null
 * for a plan without a funnel of two stages or more.
 */
export function reportFunnel(
  plan: ReportPlan,
  funnel: ReportFunnel,
  actuals: (number | Blank)[][],
  monthIndex: number,
): { steps: FunnelStepActual[]; weakest: WeakestStep | null } | null {
  if (funnel.stages.length < 2 || funnel.planned.length !== funnel.stages.length - 1) return null;
  const linked = { funnel: { stages: funnel.stages }, ksfs: plan.ksfs };
  try {
    const steps = funnelActualRates({
      stages: funnel.stages,
      planned: funnel.planned,
      actuals: stageActuals(linked, actuals),
      throughMonth: monthIndex,
    });
    return { steps, weakest: weakestStep(steps) };
  } catch {
    return null; // a rate the user typed outside (0, 1]: Plan shows it; the report leaves the funnel out
  }
}
