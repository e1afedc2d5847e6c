// The KGI month by month, and achievement over fiscal quarters, halves, the quarter to date and
// the year to date. Pure, plain data in and out: what the monthly report uses, and what the tests
// compare the workbook's native formulas (KGI_MONTHLY_TARGETS, KGI_PROGRESS, QUARTER_PROGRESS,
// HALF_PROGRESS) against. "No value" is ''.
import { MAX_DECIMAL_UNITS, MAX_DECIMALS, splitTotal } from './monthly';
import { decimalOf, decimalUnits, finite, show } from './num';
import type { Plan } from './plan';
import { progress, type Blank } from './tracking';
import { kgiTarget, showValue } from './validate';

/** Months of a fiscal year. */
export const MONTHS = 12;

/**
 * The decimals the KGI's monthly split uses: as many as the KGI is written with (0 for a whole
 * KGI, whatever the currency: ¥, $ and € targets are split into whole units like every
 * KPI_MONTHLY on the sheet), at most 10 (MAX_DECIMALS), and fewer when |KGI| × 10^decimals would
 * pass 10^15 units (MAX_DECIMAL_UNITS, where every part is held exactly). Every KGI with at most
 * 15 significant digits and 10 decimals is therefore split to exactly its own decimals and the
 * months add up to it exactly; 13,209.15 (12,345 × 1.07) gets 2. Past that the months add up to
 * the KGI rounded to those decimals (as ROUND rounds it). The sheet passes the same number as the
 * `decimals` argument: `=KPI_MONTHLY(KGI_TARGET, <seasonality>, kgiMonthlyDecimals(kgi))`.
 */
export function kgiMonthlyDecimals(kgi: number): number {
  if (!Number.isFinite(kgi)) throw new Error(`kgiMonthlyDecimals: KGI ${show(kgi)} is not a number`);
  if (kgi === 0) return 0;
  let d = Math.min(MAX_DECIMALS, Math.max(0, -decimalOf(kgi).exponent));
  while (d > 0 && decimalUnits(kgi, d) > BigInt(MAX_DECIMAL_UNITS)) d--;
  return d;
}

/**
 * The KGI's 12 monthly targets, fiscal month order: the KGI (`target`, or baseline × (1 + growth)
 * exactly as validation computes it, see kgiTarget) split by the seasonality (flat without one)
 * with splitTotal, the same exact largest-remainder split as KPI_MONTHLY, to kgiMonthlyDecimals:
 * the 12 parts add up exactly to the KGI. Throws like kgiTarget / splitTotal for a plan without a
 * KGI target or with bad weights (validatePlan rules both out).
 */
export function kgiMonthlyTargets(plan: Pick<Plan, 'kgi' | 'seasonality'>): number[] {
  const kgi = kgiTarget(plan as Plan);
  return splitTotal(kgi, plan.seasonality ?? MONTHS, kgiMonthlyDecimals(kgi));
}

/** A row of monthly numbers: one KPI's (or the KGI's) targets and actuals, with how it is judged. */
export interface MonthlySeries {
  /** 12 monthly targets, fiscal month order. '' (or any non-number) counts as 0, as SUMIF counts it. */
  targets: readonly (number | Blank)[];
  /** 12 monthly actuals; '' (or any non-number: text, null) = not reported. */
  actuals: readonly (number | Blank)[];
  /** Sum KPIs (and the KGI) add up their months; average KPIs take the mean. Default 'sum'. */
  aggregate?: 'sum' | 'average';
  /** Lower is better (costs, lead time): achievement max(0, 2 − actual / target). Default 'higher'. */
  direction?: 'higher' | 'lower';
}

export type Period = 'quarter' | 'half' | 'year';

/** Months per period: a fiscal quarter is 3 months (Q1 = fiscal months 1–3), a half 6 (H1 / 上期 = 1–6). */
export const PERIOD_MONTHS: Record<Period, number> = { quarter: 3, half: 6, year: 12 };

/** What a period adds up to, over its months that have an actual. */
export interface PeriodTotal {
  /** Fiscal month indexes (0–11) of the period that have an actual: the months counted. */
  months: number[];
  /** Σ (average KPIs: mean) of the targets of the counted months; '' when none is counted. */
  target: number | Blank;
  /** Σ (average KPIs: mean) of the actuals of the counted months; '' when none is counted. */
  actual: number | Blank;
  /** progress(actual, target, lower-is-better): '' with no counted month or a target of 0. */
  achievement: number | Blank;
}

const numberOr = (v: unknown): number | Blank => (typeof v === 'number' && Number.isFinite(v) ? v : '');

function checkSeries(fn: string, s: MonthlySeries): void {
  for (const key of ['targets', 'actuals'] as const) {
    const row = s[key];
    if (!Array.isArray(row) || row.length !== MONTHS) {
      const got = Array.isArray(row) ? `${row.length} values` : showValue(row);
      throw new Error(`${fn}: ${key} must be ${MONTHS} monthly values (fiscal month order), got ${got}`);
    }
  }
  if (s.aggregate !== undefined && s.aggregate !== 'sum' && s.aggregate !== 'average') {
    throw new Error(`${fn}: aggregate ${showValue(s.aggregate)} is not "sum" or "average"`);
  }
  if (s.direction !== undefined && s.direction !== 'higher' && s.direction !== 'lower') {
    throw new Error(`${fn}: direction ${showValue(s.direction)} is not "higher" or "lower"`);
  }
}

/**
 * The total over `months` (fiscal indexes 0–11) of the months among them that have an actual: a
 * month without an actual drops out with its target (it is not a 0). Sum KPIs: Σ actual ÷ Σ
 * target; average KPIs: mean actual ÷ mean target — over the same months, so the achievement is
 * the same ratio Σ actual ÷ Σ target either way (on the sheet, over the period's cells:
 * SUM(actuals) ÷ SUMPRODUCT(ISNUMBER(actuals) * 1, targets), "" when COUNT(actuals) is 0 or the
 * divisor is 0); lower is better: max(0, 2 − ratio). Sums run left to right in month order, as
 * SUM does.
 */
export function totalOver(series: MonthlySeries, months: readonly number[], fn = 'totalOver'): PeriodTotal {
  checkSeries(fn, series);
  for (const m of months) checkMonth(fn, m);
  const t = series.targets.map(numberOr);
  const a = series.actuals.map(numberOr);
  const counted = months.filter((i) => a[i] !== '');
  if (!counted.length) return { months: counted, target: '', actual: '', achievement: '' };
  let targetSum = 0;
  let actualSum = 0;
  for (const i of counted) {
    targetSum += +t[i];
    actualSum += a[i] as number;
  }
  finite(targetSum, `${fn}: the target sum`);
  finite(actualSum, `${fn}: the actual sum`);
  const n = counted.length;
  const average = series.aggregate === 'average';
  let achievement: number | Blank;
  try {
    achievement = progress(actualSum, targetSum, series.direction === 'lower');
  } catch {
    throw new Error(`${fn}: achievement ${show(actualSum)} ÷ ${show(targetSum)} is too large to compute (overflow)`);
  }
  return {
    months: counted,
    target: average ? targetSum / n : targetSum,
    actual: average ? actualSum / n : actualSum,
    achievement,
  };
}

/** The fiscal month indexes of period `k` (0-based) of kind `period`: quarter 1 → [3, 4, 5]. */
export function periodMonthIndexes(period: Period, k: number): number[] {
  const size = PERIOD_MONTHS[period];
  if (!size) throw new Error(`period ${showValue(period)} is not "quarter", "half" or "year"`);
  if (!(Number.isInteger(k) && k >= 0 && k < MONTHS / size)) {
    throw new Error(`${period} ${showValue(k)} is not 0–${MONTHS / size - 1}`);
  }
  return Array.from({ length: size }, (_, i) => k * size + i);
}

/** Every period of the year of kind `period`, each over its months that have an actual (see totalOver). */
export function periodTotals(series: MonthlySeries, period: Period): PeriodTotal[] {
  const count = MONTHS / (PERIOD_MONTHS[period] ?? NaN);
  if (!Number.isInteger(count)) {
    throw new Error(`periodTotals: period ${showValue(period)} is not "quarter", "half" or "year"`);
  }
  return Array.from({ length: count }, (_, k) => totalOver(series, periodMonthIndexes(period, k), 'periodTotals'));
}

/**
 * Achievement per fiscal quarter (4 values, Q1–Q4 / 第1〜第4四半期), half (2, H1/H2 / 上期・下期) or
 * the year (1): Σ actual ÷ Σ target over the period's months that have an actual (average KPIs:
 * mean ÷ mean of those months, the same ratio), lower-is-better max(0, 2 − ratio); '' when no
 * month of the period has an actual or their targets add up to 0. A row of QUARTER_PROGRESS /
 * HALF_PROGRESS.
 */
export function periodProgress(series: MonthlySeries, period: Period): (number | Blank)[] {
  return periodTotals(series, period).map((p) => p.achievement);
}

function checkMonth(fn: string, m: number): number {
  if (Number.isInteger(m) && m >= 0 && m < MONTHS) return m;
  throw new Error(`${fn}: monthIndex ${showValue(m)} is not 0–11 (a fiscal month index)`);
}

/**
 * The quarter to date of fiscal month `monthIndex` (0–11): the months of its fiscal quarter up to
 * and including it (month 4 → months 3 and 4), each counted only when it has an actual.
 */
export function quarterToDate(series: MonthlySeries, monthIndex: number): PeriodTotal {
  const m = checkMonth('quarterToDate', monthIndex);
  const first = m - (m % PERIOD_MONTHS.quarter);
  return totalOver(series, range(first, m), 'quarterToDate');
}

/**
 * The year to date through fiscal month `monthIndex`: months 0 to it that have an actual — the
 * same figures as the report's ytdTarget / ytdActual / ytdAchievement (reportRows) and
 * Progress's YTD columns when every month has a target.
 */
export function yearToDate(series: MonthlySeries, monthIndex: number): PeriodTotal {
  return totalOver(series, range(0, checkMonth('yearToDate', monthIndex)), 'yearToDate');
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
