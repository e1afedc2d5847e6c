/**
 * Plan's inputs read back (one box of values and formulas, addressed through the declared
 * columns) and the monthly targets computed from them with src/core, as KPI_FUNNEL and
 * KPI_MONTHLY compute them on Plan — so a reader never depends on custom-function output,
 * which Sheets may still show as "Loading…". Pure: no Apps Script.
 */
import { FIELD_RULES } from '../core/fields';
import { DEFAULT_THRESHOLDS } from '../core/locale';
import { funnelVolumes } from '../core/funnel';
import { kgiMonthlyDecimals } from '../core/periods';
import type { Lang } from '../core/plan';
import type { KgiSeries, ReportFunnel, ReportPlan } from '../core/report';
import { splitTotal } from '../core/monthly';
import { FUNNEL_TABLE, KGI_TABLE, type KgiRow, kgiRow, LAYOUT, planRows, tables } from './workbook';

export const numberOr = <T>(v: unknown, otherwise: T): number | T =>
  typeof v === 'number' && Number.isFinite(v) ? v : otherwise;
/** Sheets' ROUND(x, 6), as the KGI formula rounds last year × (1 + growth). */
const round6 = (x: number) => Math.round(Number((x * 1e6).toPrecision(15))) / 1e6;

/** What the report needs of Plan's inputs, as read (values and formulas of one box). */
export interface PlanInputs {
  /** Values and formulas of Plan from A1 to the last KPI row and the table's last column. */
  values: unknown[][];
  formulas: string[][];
  /** First KPI row (1-based), number of KPIs, and the funnel's rates. */
  firstKpi: number;
  kpis: number;
  rates: unknown[];
  /** The plan's language. */
  lang: Lang;
}

/**
 * The monthly targets of every KPI, computed from Plan's inputs with src/core, as KPI_FUNNEL
 * and KPI_MONTHLY compute them on Plan: the funnel from the KGI target, rates and deal size;
 * each KPI's year target (typed by hand, else its stage's volume) split by the seasonality
 * (sum KPIs) or repeated (average KPIs). Reads no computed cell: the KGI is last year × (1 + growth) when
 * both are numbers, else the typed target (Plan's kgiTargetFormula).
 */
export function planTargets(
  inputs: PlanInputs,
  layout = LAYOUT,
): {
  kpis: Record<string, unknown>[];
  targets: (number | '')[][];
  /** Each KPI's funnel stage (0-based), undefined when it has none. */
  stages: (number | undefined)[];
} {
  const t = tables(layout).plan;
  const { values, formulas, firstKpi, kpis } = inputs;
  const kgi = kgiValue(inputs);
  const goal = kgiGoal(inputs);
  const unitValue = numberOr(kgi('unitValue'), undefined);
  let volumes: number[] = [];
  try {
    volumes = funnelVolumes(
      goal,
      inputs.rates.map((r) => numberOr(r, NaN)),
      unitValue,
    );
  } catch {
    // The funnel shows its error on Plan; KPIs linked to a stage have no target then.
  }
  const layoutRows = planRows(inputs.rates.length + 1);
  const weights = values[layoutRows.seasonality - 1] ?? [];
  const seasonality = Array.from({ length: 12 }, (_, j) => numberOr(weights[t.offset('month', j)], 0));
  const firstStage = layoutRows.firstStage;
  const rows = values.slice(firstKpi - 1, firstKpi - 1 + kpis).map((v) => t.read(v));
  const stages = rows.map((_, i) => {
    // The stage is linked by position: `=A19&""` is the funnel's second stage.
    const stageLink = /^=\$?([A-Z]+)\$?(\d+)&""$/.exec(formulas[firstKpi - 1 + i]?.[t.offset('stage')] ?? '');
    const linked = stageLink && stageLink[1] === FUNNEL_TABLE.col('stage');
    const stage = linked ? Number(stageLink[2]) - firstStage : -1;
    return stage >= 0 && stage < inputs.rates.length + 1 ? stage : undefined;
  });
  const targets = rows.map((row, i): (number | '')[] => {
    const stage = stages[i] ?? -1;
    const fromStage: number | '' = stage >= 0 && stage < volumes.length ? volumes[stage] : '';
    const annual = numberOr(row.handTarget, fromStage);
    // Codes, not words: the Average checkbox is TRUE for an average KPI.
    const average = row.aggregate === true;
    // As Plan's level column: a year target outside 0 … 1e15 leaves the KPI's months blank.
    if (annual === '' || annual < 0 || annual > (FIELD_RULES.amount.max ?? Infinity)) return Array(12).fill('');
    if (average) return Array(12).fill(annual);
    try {
      return splitTotal(annual, seasonality);
    } catch {
      return Array(12).fill('');
    }
  });
  return { kpis: rows, targets, stages };
}

/** One value of Plan's KGI block, as read. */
const kgiValue =
  (inputs: PlanInputs) =>
  (id: KgiRow): unknown =>
    inputs.values[kgiRow(id) - 1]?.[KGI_TABLE.offset('value')];

/**
 * The KGI target from Plan's inputs: typed, or last year × (1 + growth) rounded as the Plan's
 * formula rounds it (reads no computed cell but the KGI's when it is typed).
 */
export function kgiGoal(inputs: PlanInputs): number {
  const kgi = kgiValue(inputs);
  // The one KGI rule, as KGI_TARGET's formula: last year × (1 + growth) when both are filled, else the typed target.
  const baseline = numberOr(kgi('baseline'), undefined);
  const growth = numberOr(kgi('growth'), undefined);
  const grown = baseline !== undefined && growth !== undefined ? round6(baseline * (1 + growth)) : undefined;
  return grown ?? numberOr(kgi('typedTarget'), NaN);
}

const CURRENCY_UNITS = { JPY: '¥', USD: '$', EUR: '€' } as const;

/**
 * The KGI's name, unit and 12 monthly targets from Plan's inputs, computed as KGI_MONTHLY_TARGETS'
 * KPI_MONTHLY computes them: the KGI split by the seasonality to the decimals written in that
 * formula (kgiMonthlyDecimals of the KGI when the formula is not there). `actuals` are KGI_ACTUALS.
 */
export function planKgi(inputs: PlanInputs, actuals: unknown[], layout = LAYOUT): KgiSeries {
  const t = tables(layout).plan;
  const kgi = kgiValue(inputs);
  const goal = kgiGoal(inputs);
  const rows = planRows(inputs.rates.length + 1);
  const weights = inputs.values[rows.seasonality - 1] ?? [];
  const seasonality = Array.from({ length: 12 }, (_, j) => numberOr(weights[t.offset('month', j)], 0));
  const formula = inputs.formulas[rows.kpiSection - 1]?.[t.offset('month')] ?? '';
  const written = /,\s*(\d+)\s*\)\s*$/.exec(formula);
  let targets: (number | '')[] = Array(12).fill('');
  try {
    targets = splitTotal(goal, seasonality, written ? Number(written[1]) : kgiMonthlyDecimals(goal));
  } catch {
    // No KGI (or bad weights): Plan shows the error; the report has no KGI targets.
  }
  // The unit line reads "Amount (USD)" / "金額（JPY）": the currency code is the same in every language.
  const currency = /\b(JPY|USD|EUR)\b/.exec(String(kgi('kgiUnit') ?? ''))?.[1] as
    | keyof typeof CURRENCY_UNITS
    | undefined;
  return {
    name: String(kgi('kgi') ?? '').trim(),
    unit: currency ? CURRENCY_UNITS[currency] : '',
    targets,
    actuals: Array.from({ length: 12 }, (_, j) => numberOr(actuals[j], '')),
  };
}

/** The funnel's stage names and planned rates from Plan's inputs (for the report's actual vs planned rates). */
export function planFunnel(inputs: PlanInputs): ReportFunnel {
  const first = planRows(inputs.rates.length + 1).firstStage;
  const stages = Array.from({ length: inputs.rates.length + 1 }, (_, i) =>
    String(inputs.values[first - 1 + i]?.[FUNNEL_TABLE.offset('stage')] ?? '').trim(),
  );
  return { stages, planned: inputs.rates.map((r) => numberOr(r, NaN)) };
}

/** What the report reads of a plan: each KPI (KSF, name, unit, owner, direction, aggregate), thresholds, targets. */
export function reportPlanOf(
  inputs: PlanInputs,
  layout = LAYOUT,
): { ksfs: ReportPlan['ksfs']; thresholds: { warn: number; ok: number }; targets: (number | '')[][] } {
  const { kpis, targets, stages } = planTargets(inputs, layout);
  const { values } = inputs;
  const text = (v: unknown) => String(v ?? '').trim();
  // One KSF entry per KPI row: the report only needs each KPI's KSF name, in plan order.
  const ksfs = kpis.map((row, i): ReportPlan['ksfs'][number] => ({
    name: text(row.ksf),
    kpis: [
      {
        name: text(row.kpi),
        unit: text(row.unit),
        owner: text(row.owner),
        direction: row.direction === true ? 'lower' : 'higher',
        aggregate: row.aggregate === true ? 'average' : 'sum',
        ...(stages[i] === undefined ? {} : { stage: stages[i] }),
      },
    ],
  }));
  const threshold = (id: 'warn' | 'ok', otherwise: number) =>
    numberOr(values[kgiRow(id) - 1]?.[KGI_TABLE.offset('value')], otherwise);
  return {
    ksfs,
    thresholds: { warn: threshold('warn', DEFAULT_THRESHOLDS.warn), ok: threshold('ok', DEFAULT_THRESHOLDS.ok) },
    targets,
  };
}
