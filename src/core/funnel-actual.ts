// The funnel, actual vs plan: the year-to-date conversion rate of every step from the actuals of
// the KPIs linked to its two stages, next to the planned rate, and the step that most holds the
// KGI back. Pure, plain data in and out: what the monthly report uses, and what the tests compare
// FUNNEL_RATES_ACTUAL's native formulas against. "No value" is ''.
import { finite, show } from './num';
import type { Kpi } from './plan';
import type { Blank } from './tracking';
import { planKpis, showValue, stageName } from './validate';

const MONTHS = 12;

/** What the stage links need of a plan (a Plan, a NormalizedPlan, or one read back from a workbook). */
export interface FunnelPlan {
  funnel: { stages: readonly unknown[] };
  ksfs: { name: string; kpis: Kpi[] }[];
}

/**
 * For each funnel stage, the plan-order index (the row in KPI_NAMES, MONTHLY_TARGETS and ACTUALS)
 * of the KPI linked to it: the first KPI in plan order whose `stage` is that stage; -1 when none is.
 */
export function stageKpiRows(plan: FunnelPlan): number[] {
  const rows = new Array<number>(plan.funnel.stages.length).fill(-1);
  planKpis(plan).forEach(({ kpi }, row) => {
    const s = kpi.stage;
    if (s !== undefined && rows[s] === -1) rows[s] = row;
  });
  return rows;
}

type Row = readonly (number | Blank)[];

/** For each funnel stage, its linked KPI's row (stageKpiRows) of an ACTUALS block (KPIs × 12); null for none. */
export function stageActuals(plan: FunnelPlan, actuals: readonly Row[]): ((number | Blank)[] | null)[] {
  return stageKpiRows(plan).map((row) => {
    if (row < 0) return null;
    const values = actuals[row];
    if (!Array.isArray(values)) {
      throw new Error(`stageActuals: actuals has no row ${row + 1} (one row per KPI, plan order)`);
    }
    return values.slice();
  });
}

export interface FunnelActualInput {
  /** Stage names (or { name }), top of the funnel first, wins last. */
  stages: readonly (string | { name: string })[];
  /** The planned stage-to-stage rates, stages − 1 of them (FUNNEL_RATES). */
  planned: readonly number[];
  /**
   * For each stage, the 12 monthly actuals (fiscal month order) of the KPI linked to it
   * (stageActuals), or null when no KPI is linked. '' or any non-number = not reported.
   */
  actuals: readonly (Row | null | undefined)[];
  /** The last fiscal month counted, 0–11 (the report's month); default 11, every month typed so far. */
  throughMonth?: number;
}

/** One step of the funnel: from stage `step` to stage `step + 1`. */
export interface FunnelStepActual {
  step: number;
  from: string;
  to: string;
  /** The fiscal months (0–throughMonth) where both stages have an actual: the months counted. */
  months: number[];
  /** Σ actuals of the upper stage over `months`; '' when no month is counted. */
  upstream: number | Blank;
  /** Σ actuals of the lower stage over `months`; '' when no month is counted. */
  downstream: number | Blank;
  /**
   * Year-to-date actual rate downstream ÷ upstream; '' when a stage has no linked KPI, no month
   * has both actuals, or upstream is 0. Not capped at 1: more wins than opportunities in the
   * months counted (deals from earlier months) reads as it is.
   */
  actual: number | Blank;
  planned: number;
  /** actual − planned (−0.05 = five points below plan); '' when actual is ''. */
  gap: number | Blank;
  /** The actual rate is below the planned one (false when actual is ''). */
  below: boolean;
}

const numberOr = (v: unknown): number | Blank => (typeof v === 'number' && Number.isFinite(v) ? v : '');

/**
 * Actual vs planned conversion rate of every step (stages − 1 entries, top first). The actual rate
 * of step i is Σ actuals of stage i+1 ÷ Σ actuals of stage i over the months up to `throughMonth`
 * where BOTH stages have an actual: a month typed for one stage only would compare a full month
 * with an empty one, so it drops out of both sums. On the sheet, with u and l the two stages'
 * 12 actuals: SUMPRODUCT(ISNUMBER(u) * ISNUMBER(l), l) ÷ SUMPRODUCT(ISNUMBER(u) * ISNUMBER(l), u)
 * (ISNUMBER: text and "" are not reported, as here). Both stages are counted in the same month
 * (no sales-cycle lag). Throws for lists of the wrong length or a planned rate outside (0, 1].
 */
export function funnelActualRates(input: FunnelActualInput): FunnelStepActual[] {
  const { stages, planned, actuals } = input;
  const n = Array.isArray(stages) ? stages.length : 0;
  if (n < 2) throw new Error(`funnelActualRates: stages must list at least 2 stages, got ${showValue(stages)}`);
  if (!Array.isArray(planned) || planned.length !== n - 1) {
    throw new Error(`funnelActualRates: planned must be ${n - 1} rates for ${n} stages, got ${showValue(planned)}`);
  }
  if (!Array.isArray(actuals) || actuals.length !== n) {
    const got = showValue(actuals);
    throw new Error(`funnelActualRates: actuals must be ${n} rows (one per stage, null for no linked KPI), got ${got}`);
  }
  const through = input.throughMonth ?? MONTHS - 1;
  if (!(Number.isInteger(through) && through >= 0 && through < MONTHS)) {
    throw new Error(`funnelActualRates: throughMonth ${showValue(through)} is not 0–11 (a fiscal month index)`);
  }
  const rows = actuals.map((row, i) => {
    if (row == null) return null;
    if (!Array.isArray(row) || row.length !== MONTHS) {
      const what = `funnelActualRates: actuals of stage ${i + 1}`;
      throw new Error(`${what} must be ${MONTHS} monthly values or null, got ${showValue(row)}`);
    }
    return row.map(numberOr);
  });
  planned.forEach((r, i) => {
    if (!(typeof r === 'number' && r > 0 && r <= 1)) {
      throw new Error(`funnelActualRates: planned rate ${i + 1} ${showValue(r)} is not in (0, 1]`);
    }
  });

  return planned.map((plannedRate, i): FunnelStepActual => {
    const upper = rows[i];
    const lower = rows[i + 1];
    const step = { step: i, from: stageName(stages, i), to: stageName(stages, i + 1), planned: plannedRate };
    const blank = '' as Blank;
    const none = { ...step, months: [], upstream: blank, downstream: blank, actual: blank, gap: blank, below: false };
    if (!upper || !lower) return none;
    const months = Array.from({ length: through + 1 }, (_, m) => m).filter((m) => upper[m] !== '' && lower[m] !== '');
    if (!months.length) return none;
    let upstream = 0;
    let downstream = 0;
    for (const m of months) {
      upstream += upper[m] as number;
      downstream += lower[m] as number;
    }
    finite(upstream, 'funnelActualRates: an upstream sum');
    finite(downstream, 'funnelActualRates: a downstream sum');
    const what = `funnelActualRates: rate ${show(downstream)} ÷ ${show(upstream)}`;
    const actual = upstream ? finite(downstream / upstream, what) : '';
    return {
      ...step,
      months,
      upstream,
      downstream,
      actual,
      gap: actual === '' ? '' : actual - plannedRate,
      below: actual !== '' && actual < plannedRate,
    };
  });
}

/** The step that most holds the KGI back (weakestStep). */
export interface WeakestStep {
  step: number;
  from: string;
  to: string;
  actual: number;
  planned: number;
  gap: number;
  /** The first step of the run of steps with an actual rate that this step is in. */
  runStart: number;
  /** The last step of that run. */
  runEnd: number;
  /** Σ actuals entering the run: the upstream volume of its first step. */
  topVolume: number;
  /** Wins at the current volumes and rates (see weakestStep). */
  projectedWins: number;
  /** The same with this step's rate at plan. */
  winsIfClosed: number;
  /** winsIfClosed − projectedWins (> 0 unless a later step converts nothing). */
  winsGained: number;
}

/** Relative difference under which two gains count as equal (floating-point noise): the earlier step wins. */
const TIE = 1e-12;

/**
 * The step that most holds the KGI back: among the steps whose actual rate is below plan, the one
 * whose gap, if closed, adds the most wins at the current volumes; null when no step is below plan.
 *
 * Precisely: the steps with an actual rate (funnelActualRates) form runs of consecutive steps. For
 * a run from step s to step e, the projected wins are
 *   topVolume × r(s) × … × r(e) × tail,
 * topVolume = upstream of step s (the actual volume entering the run), r = the actual rates, and
 * tail = the rates of the steps after the run down to the wins (the actual rate where a step has
 * one, the planned rate where it has none; 1 when the run ends at the wins). Closing step k's gap
 * replaces r(k) by its planned rate: winsGained(k) = (the same product with planned(k) for r(k))
 * − projected wins. Within one run this is projected wins × (planned(k) ÷ r(k) − 1): the step
 * with the largest planned ÷ actual, not the largest gap in points. Ties (within 1e-12, relative)
 * go to the step higher in the funnel. The tail puts the gains of separate runs in the same unit
 * (wins); with every stage linked there is one run and tail = 1.
 *
 * Worked example: Leads → Opportunities → Won planned 10% and 50%; year to date 2,000 leads, 100
 * opportunities, 40 wins: actual 5% (gap −5 points) and 40% (gap −10 points). Projected wins
 * 2,000 × 0.05 × 0.4 = 40. Closing Leads → Opportunities: 2,000 × 0.1 × 0.4 = 80, +40 wins;
 * closing Opportunities → Won: 2,000 × 0.05 × 0.5 = 50, +10. The weakest step is Leads →
 * Opportunities (+40 wins), although its gap in points is the smaller one.
 */
export function weakestStep(steps: readonly FunnelStepActual[]): WeakestStep | null {
  const known = (j: number) => steps[j].actual !== '';
  let best: WeakestStep | null = null;
  for (let s = 0; s < steps.length; s++) {
    if (!known(s) || (s > 0 && known(s - 1))) continue;
    let e = s;
    while (e + 1 < steps.length && known(e + 1)) e++;
    // Rates from the run's first step down to the wins: actual in the run, after it actual or planned.
    const rates = steps.slice(s).map((st) => (st.actual === '' ? st.planned : st.actual));
    const topVolume = steps[s].upstream as number;
    const wins = (k: number) => {
      const v = rates.reduce((w, r, j) => w * (j === k - s ? steps[k].planned : r), topVolume);
      return finite(v, 'weakestStep: projected wins');
    };
    const projectedWins = wins(-1);
    for (let k = s; k <= e; k++) {
      const st = steps[k];
      if (!st.below) continue;
      const winsIfClosed = wins(k);
      const winsGained = winsIfClosed - projectedWins;
      if (best && !(winsGained > best.winsGained + TIE * Math.abs(best.winsGained))) continue;
      best = {
        step: k,
        from: st.from,
        to: st.to,
        actual: st.actual as number,
        planned: st.planned,
        gap: st.gap as number,
        runStart: s,
        runEnd: e,
        topVolume,
        projectedWins,
        winsIfClosed,
        winsGained,
      };
    }
  }
  return best;
}
