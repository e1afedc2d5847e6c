/**
 * The plan JSON of PRODUCT.md: what the sidebar sends to `buildWorkbook(plan)` and
 * `checkPlan(plan)`. Plain data, no Apps Script.
 */
import type { SourceLink } from './sources';

export type Lang = 'ja' | 'en';
export type Currency = 'JPY' | 'USD' | 'EUR';

export interface Kgi {
  name: string;
  unit: 'currency' | 'count';
  currency?: Currency;
  /** Annual target; or give baseline + growthRate. */
  target?: number;
  /** Last year's value. */
  baseline?: number;
  /** Growth over the baseline as a fraction: 10% is 0.1. */
  growthRate?: number;
  /** Average deal size (money per win) when the KGI is money. */
  unitValue?: number;
  /** Optional: the KGI's actuals taken from a sheet of records (src/core/sources.ts) instead of typed. */
  source?: SourceLink;
}

export interface Kpi {
  name: string;
  unit?: string;
  owner?: string;
  direction?: 'higher' | 'lower';
  aggregate?: 'sum' | 'average';
  /** Index into funnel.stages: the KPI's annual target is that stage's back-calculated volume. */
  stage?: number;
  /** Annual target entered by hand (sum KPIs) or the monthly level (average KPIs). */
  target?: number;
  /**
   * Optional: last year's value — the annual total (sum KPIs) or the typical level (average KPIs).
   * The health check warns when the target needs more than double it (or, lower-is-better, less than half).
   */
  baseline?: number;
  /**
   * Optional: the most recent monthly actuals, oldest first (blank months may be '' or null and are skipped).
   * The health check warns when a monthly target is more than twice their run rate (mean).
   */
  recentActuals?: (number | '')[];
  /** Optional: the KPI's actuals taken from a sheet of records (src/core/sources.ts) instead of typed. */
  source?: SourceLink;
}

export interface Ksf {
  name: string;
  kpis: Kpi[];
}

export interface Plan {
  name: string;
  locale?: Lang;
  fiscalYear: { startYear: number; startMonth: number };
  kgi: Kgi;
  /** Stages top of funnel first, wins last; rates stage-to-stage (stages − 1 of them). */
  funnel: {
    stages: { name: string }[];
    rates: number[];
    /** Optional: the preset the funnel came from (src/core/presets.ts); picks the typical rate ranges. */
    preset?: 'standard' | 'inquiry' | 'event' | 'custom';
  };
  ksfs: Ksf[];
  /**
   * Optional: KPIs not (yet) placed under a KSF. Accepted only so the health check can flag them
   * ("a KPI with no KSF", an error): a valid plan has none. A KSF with an empty name counts the same.
   */
  kpis?: Kpi[];
  /** 12 non-negative weights, fiscal month order. */
  seasonality?: number[];
  thresholds?: { warn: number; ok: number };
}
