/**
 * The rule of every number field of a plan, in one table: the sidebar's inputs read with it
 * (src/client/input.ts) and validatePlan checks with it (src/core/validate.ts), so the two cannot drift
 * (the threshold field once took 300% while the review said "3 is above 2").
 * Values are as stored in the plan: percentages as fractions (80% is 0.8).
 */

import { MAX_WEIGHT } from './monthly';
import { MAX_AMOUNT } from './num';

/** The kinds of number fields. */
export type FieldKind = 'amount' | 'nonneg' | 'weight' | 'rate' | 'growth' | 'threshold' | 'year' | 'month';

export interface FieldRule {
  /** Lowest value allowed (itself excluded when `minExclusive`). */
  min: number;
  minExclusive?: boolean;
  /** Highest value allowed (itself included). */
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Typed and shown as a percentage: 25% is stored 0.25. */
  percent?: boolean;
}

export const FIELD_RULES: Readonly<Record<FieldKind, FieldRule>> = {
  /** Money or counts that must be above 0: the KGI's target, baseline, deal size; a KPI's target. At most 1e15,
   * the largest amount the workbook's formulas compute exactly. */
  amount: { min: 0, minExclusive: true, max: MAX_AMOUNT },
  /** 0 or more: a KPI's last-year value and recent actuals. */
  nonneg: { min: 0, max: MAX_AMOUNT },
  /** A month's seasonality weight: 0 or more, at most 1,000,000 (weights are relative). */
  weight: { min: 0, max: MAX_WEIGHT },
  /** A conversion rate: above 0%, at most 100%. */
  rate: { min: 0, minExclusive: true, max: 1, percent: true },
  /** Growth over last year: above −100%, at most +1,000% (elevenfold). Beyond it is a typo, such as 15 typed on
   * the Plan sheet for 15% (a bare number there is not a percentage: 15 is 1,500%). */
  growth: { min: -1, minExclusive: true, max: 10, percent: true },
  /** A progress threshold: 0% to 200%. */
  threshold: { min: 0, max: 2, percent: true },
  /** A fiscal year's start year. */
  year: { min: 1900, max: 2999, integer: true },
  /** A fiscal year's start month. */
  month: { min: 1, max: 12, integer: true },
};

/**
 * Which rule each number field of the plan JSON follows (`[]` stands for every index).
 * validatePlan's rules for these paths are read from here.
 */
export const PLAN_FIELD_KINDS = {
  'fiscalYear.startYear': 'year',
  'fiscalYear.startMonth': 'month',
  'kgi.target': 'amount',
  'kgi.baseline': 'amount',
  'kgi.growthRate': 'growth',
  'kgi.unitValue': 'amount',
  'funnel.rates[]': 'rate',
  'ksfs[].kpis[].target': 'amount',
  'ksfs[].kpis[].baseline': 'nonneg',
  'ksfs[].kpis[].recentActuals[]': 'nonneg',
  'seasonality[]': 'weight',
  'thresholds.warn': 'threshold',
  'thresholds.ok': 'threshold',
} as const satisfies Readonly<Record<string, FieldKind>>;

/** A number field of the plan JSON, by its path in PLAN_FIELD_KINDS. */
export type PlanNumberField = keyof typeof PLAN_FIELD_KINDS;

/** What breaks a rule: the bound it crosses. */
export type RuleProblem =
  | { problem: 'notNumber' }
  | { problem: 'notInteger' }
  | { problem: 'belowMin'; bound: number; exclusive: boolean }
  | { problem: 'aboveMax'; bound: number };

/** Why `value` breaks the rule of `kind`, or undefined when it follows it. */
export function ruleProblem(kind: FieldKind, value: number): RuleProblem | undefined {
  const rule = FIELD_RULES[kind];
  if (!Number.isFinite(value)) return { problem: 'notNumber' };
  if (rule.integer && !Number.isInteger(value)) return { problem: 'notInteger' };
  const low = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (low) return { problem: 'belowMin', bound: rule.min, exclusive: Boolean(rule.minExclusive) };
  if (rule.max !== undefined && value > rule.max) return { problem: 'aboveMax', bound: rule.max };
  return undefined;
}
