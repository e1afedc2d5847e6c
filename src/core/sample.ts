// The example plan the planner starts from: the same shape in every language (the standard funnel,
// four KSFs, eight KPIs), words from the catalogue's `sample.*` keys, figures by the language's
// currency. Its words are the planner's part of the catalogue (src/messages/planner.ts): only the
// sidebar, the tests and the preview use it, so none of it reaches dist/Code.js.
import { t, type PlannerKey } from '../messages/planner';
import { DEFAULT_THRESHOLDS, defaultCurrency, defaultStartMonth } from './locale';
import type { Kpi, Lang, Plan } from './plan';
import { presetFunnel } from './presets';

interface SampleFigures {
  baseline: number;
  growthRate: number;
  unitValue: number;
  /** The Leads KPI's last three months. */
  recentLeads: number[];
  costPerLead: number;
  csat: { target: number; baseline: number };
  /** Calendar order, January first (turned to the fiscal order of the plan). */
  seasonality: number[];
}

const SAMPLE_FIGURES: Record<'JPY' | 'USD', SampleFigures> = {
  JPY: {
    baseline: 100_000_000,
    growthRate: 0.1,
    unitValue: 1_000_000,
    recentLeads: [1080, 1150, 1230],
    costPerLead: 8000,
    csat: { target: 4.2, baseline: 4 },
    // Quiet in August (お盆) and January, busy at the fiscal year end (March).
    seasonality: [0.8, 1, 1.3, 1, 1, 1.1, 1, 0.7, 1, 1.1, 1.1, 0.9],
  },
  USD: {
    baseline: 2_000_000,
    growthRate: 0.15,
    unitValue: 50_000,
    recentLeads: [430, 455, 480],
    costPerLead: 120,
    csat: { target: 4.3, baseline: 4.1 },
    // Slow summer and December, strong March and Q4 pipeline.
    seasonality: [0.9, 1, 1.2, 1, 1, 0.9, 0.8, 0.8, 1.1, 1.1, 1.2, 1],
  },
};

interface SampleKpi {
  /** Catalogue keys of its words. */
  name: PlannerKey;
  unit: PlannerKey;
  owner: PlannerKey;
  /** Index of its KSF in SAMPLE_KSFS. */
  ksf: number;
  /** Its funnel stage, or its own target (and other fields). */
  plan: (figures: SampleFigures) => Partial<Kpi>;
}

/** The sample's eight KPIs in order. */
const SAMPLE_KPIS: SampleKpi[] = [
  {
    name: 'sample.kpi.visitors',
    unit: 'sample.unit.visitors',
    owner: 'sample.owner.marketing',
    ksf: 0,
    plan: () => ({ stage: 0 }),
  },
  {
    name: 'sample.kpi.leads',
    unit: 'sample.unit.leads',
    owner: 'sample.owner.marketing',
    ksf: 0,
    plan: (f) => ({ stage: 1, recentActuals: [...f.recentLeads] }),
  },
  {
    name: 'sample.kpi.costPerLead',
    unit: 'sample.unit.costPerLead',
    owner: 'sample.owner.marketing',
    ksf: 0,
    // Lower is better, a monthly level.
    plan: (f) => ({ direction: 'lower', aggregate: 'average', target: f.costPerLead }),
  },
  {
    name: 'sample.kpi.mqls',
    unit: 'sample.unit.mqls',
    owner: 'sample.owner.marketing',
    ksf: 1,
    plan: () => ({ stage: 2 }),
  },
  {
    name: 'sample.kpi.sqls',
    unit: 'sample.unit.sqls',
    owner: 'sample.owner.salesDevelopment',
    ksf: 1,
    plan: () => ({ stage: 3 }),
  },
  {
    name: 'sample.kpi.opportunities',
    unit: 'sample.unit.opportunities',
    owner: 'sample.owner.sales',
    ksf: 2,
    plan: () => ({ stage: 4 }),
  },
  {
    name: 'sample.kpi.won',
    unit: 'sample.unit.won',
    owner: 'sample.owner.sales',
    ksf: 2,
    plan: () => ({ stage: 5 }),
  },
  {
    name: 'sample.kpi.csat',
    unit: 'sample.unit.csat',
    owner: 'sample.owner.customerSuccess',
    ksf: 3,
    // A monthly level, with last year's.
    plan: (f) => ({ aggregate: 'average', target: f.csat.target, baseline: f.csat.baseline }),
  },
];

const SAMPLE_KSFS: PlannerKey[] = [
  'sample.ksf.website',
  'sample.ksf.handover',
  'sample.ksf.conversion',
  'sample.ksf.satisfaction',
];
const SAMPLE_YEAR = 2025;

/** A complete, realistic example plan (passes the health check with no findings). */
export function samplePlan(lang: Lang = 'en'): Plan {
  const currency = defaultCurrency(lang);
  const figures = SAMPLE_FIGURES[currency === 'JPY' ? 'JPY' : 'USD'];
  const startMonth = defaultStartMonth(lang);
  const seasonality = figures.seasonality.map((_, i) => figures.seasonality[(startMonth - 1 + i) % 12]);
  const kpi = (k: SampleKpi): Kpi => ({
    name: t(lang, k.name),
    unit: t(lang, k.unit),
    owner: t(lang, k.owner),
    ...k.plan(figures),
  });
  return {
    name: t(lang, 'sample.name', { year: SAMPLE_YEAR }),
    locale: lang,
    fiscalYear: { startYear: SAMPLE_YEAR, startMonth },
    kgi: {
      name: t(lang, 'sample.kgi'),
      unit: 'currency',
      currency,
      baseline: figures.baseline,
      growthRate: figures.growthRate,
      unitValue: figures.unitValue,
    },
    funnel: presetFunnel('standard', lang),
    ksfs: SAMPLE_KSFS.map((name, i) => ({
      name: t(lang, name),
      kpis: SAMPLE_KPIS.filter((k) => k.ksf === i).map(kpi),
    })),
    seasonality,
    thresholds: { ...DEFAULT_THRESHOLDS },
  };
}
