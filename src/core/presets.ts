// Funnel presets (stage names in ja/en, typical conversion rates and typical ranges) and a
// complete sample plan per language. Pure data; used by the sidebar, the health check, tests and the preview.
import type { Kpi, Lang, Plan } from './plan';

export type PresetId = 'standard' | 'inquiry' | 'event' | 'custom';

export interface PresetStage {
  /** Stable id, language-independent: the English name in lower case (e.g. 'mql'). */
  id: string;
  ja: string;
  en: string;
}

/** A typical range for one stage-to-stage conversion rate (fractions: 2% is 0.02). */
export interface RateRange {
  min: number;
  max: number;
}

export interface FunnelPreset {
  id: PresetId;
  label: Record<Lang, string>;
  /** Top of the funnel first, wins last. */
  stages: PresetStage[];
  /** Typical stage-to-stage rates (stages − 1), the sidebar's starting values. */
  rates: number[];
  /** Typical range of each rate (same order as `rates`); outside it the health check warns. */
  ranges: RateRange[];
}

/** Used for a transition no preset knows (a custom funnel): 0.5%–60%. */
export const GENERIC_RANGE: RateRange = { min: 0.005, max: 0.6 };

export const PRESET_IDS: PresetId[] = ['standard', 'inquiry', 'event', 'custom'];

/** A stage: its id is the English name in lower case. */
const stage = (en: string, ja: string): PresetStage => ({ id: en.toLowerCase(), en, ja });
/** One stage-to-stage rate: its typical value and typical range (fractions). */
const step = (typical: number, min: number, max: number) => ({ typical, range: { min, max } });

// Sources of the typical rates and ranges (published B2B benchmarks; a plan is checked against
// them only as advice — the health check warns outside a range, it never refuses):
// [V] Klipfolio, "Lead Conversion Rate" metric benchmark (2019): the global average web page
//     converts 2.4% of visitors; WordStream, "What's a Good Conversion Rate?" (2014): median 2.35%.
// [F] b2blead.io, "B2B Conversion Rate: What It Is, How to Calculate It, and Benchmarks" (2026):
//     visitor → lead 1–5%, lead → MQL 20–40%, SQL → opportunity 40–80%, opportunity → won
//     20–30% mid-market and 10–20% enterprise.
// [M] Prooflytics, "MQL to SQL Conversion Rate Benchmarks" (2026): cross-industry median 13%,
//     B2B SaaS 18–22%, top performers 35–40%; Cactus Marketing, "MQL to SQL Conversion Rate
//     Benchmarks" (2026): 13–30% typical, paid lead-gen MQLs from 5%, inbound demo requests up to 65%.
// [W] HubSpot's survey of over 1,000 sales professionals ("How Close Rates are Shifting in 2023",
//     HubSpot Blog, 2023), quoted for an average close rate of 21%: opportunity → won about 20%.
// [E] The event funnel (business cards → appointments → meetings → won, 名刺 → アポ → 商談 → 受注):
//     no published benchmark was found; the typical values are a starting point to replace with
//     your own history, and the ranges are kept wide on purpose.
const STANDARD = {
  label: { en: 'Standard B2B funnel', ja: '標準的なB2Bファネル' },
  stages: [stage('Visitors', 'ウェブサイト訪問者'), stage('Leads', 'リード'), stage('MQL', 'MQL'), stage('SQL', 'SQL'),
    stage('Opportunities', '商談'), stage('Won', '受注')],
  steps: [
    step(0.02, 0.005, 0.1), // visitors → leads: 2–3% site-wide [V], 1–5% [F]
    step(0.3, 0.1, 0.6), // leads → MQL: 20–40% [F]
    step(0.25, 0.05, 0.6), // MQL → SQL: median 13%, spread 5%–40% and more [M]; 25% fits the B2B SaaS/top range
    step(0.5, 0.2, 0.8), // SQL → opportunities: 40–80% [F]
    step(0.2, 0.1, 0.5), // opportunities → won: ~20% [W], 10–30% [F]
  ],
};
const INQUIRY = {
  label: { en: 'Inquiry funnel', ja: '問い合わせ型ファネル' },
  stages: [stage('Leads', 'リード'), stage('Meetings', '商談'), stage('Won', '受注')],
  steps: [
    step(0.2, 0.05, 0.5), // inquiries → meetings: inbound MQL → SQL 13–65% [M], not every SQL meets
    step(0.25, 0.1, 0.5), // meetings → won: 20–30% mid-market [F], ~20% across B2B [W]; an inquiry is a warm lead
  ],
};
const EVENT = {
  label: { en: 'Event funnel', ja: '展示会・イベント型ファネル' },
  stages: [stage('Business cards', '名刺獲得'), stage('Appointments', 'アポ'), stage('Meetings', '商談'), stage('Won', '受注')],
  steps: [
    step(0.1, 0.01, 0.4), // business cards → appointments: no benchmark [E]
    step(0.6, 0.2, 0.95), // appointments → meetings: no benchmark [E]
    step(0.25, 0.05, 0.6), // meetings → won: no event-specific benchmark [E]; ~20% for all sources [W]
  ],
};
const CUSTOM = {
  label: { en: 'Custom', ja: 'カスタム' },
  stages: [stage('Leads', 'リード'), stage('Won', '受注')],
  steps: [step(0.05, GENERIC_RANGE.min, GENERIC_RANGE.max)],
};

const preset = (id: PresetId, p: typeof STANDARD): FunnelPreset => ({
  id,
  label: p.label,
  stages: p.stages,
  rates: p.steps.map((s) => s.typical),
  ranges: p.steps.map((s) => s.range),
});

export const PRESETS: Record<PresetId, FunnelPreset> = {
  standard: preset('standard', STANDARD),
  inquiry: preset('inquiry', INQUIRY),
  event: preset('event', EVENT),
  custom: preset('custom', CUSTOM),
};

/** The preset as plan JSON (`funnel` of the plan) with stage names in `lang`. */
export function presetFunnel(id: PresetId, lang: Lang): Plan['funnel'] {
  const p = PRESETS[id];
  if (!p) throw new Error(`preset ${JSON.stringify(id)} is not one of ${PRESET_IDS.join(', ')}`);
  return { stages: p.stages.map((s) => ({ name: s[lang] })), rates: [...p.rates], preset: id };
}

/** One row of the typical-range table: a known stage-to-stage transition. */
export interface TypicalRange extends RateRange {
  preset: PresetId;
  from: PresetStage;
  to: PresetStage;
  typical: number;
}

/** Every preset transition with its typical rate and range (the table the health check cites). */
export const TYPICAL_RANGES: TypicalRange[] = PRESET_IDS.slice(0, 3).flatMap((preset) => {
  const { stages, rates, ranges } = PRESETS[preset];
  return ranges.map((r, i) => ({ preset, from: stages[i], to: stages[i + 1], typical: rates[i], ...r }));
});

const norm = (s: unknown) => String(s ?? '').normalize('NFKC').trim().toLowerCase();
const matches = (stage: PresetStage, name: unknown) => [stage.ja, stage.en].map(norm).includes(norm(name));

/**
 * The typical range of the rate from stage `index` to the next (names as the user typed them):
 * the preset's own range when the plan says which preset it came from and it has that many
 * stages; else the first known transition whose two stage names match (ja or en, case- and
 * width-insensitive); else GENERIC_RANGE.
 */
export function typicalRange(index: number, stages: { name: string }[], preset?: PresetId): RateRange {
  const p = PRESETS[preset!];
  const own = p && p.id !== 'custom' && p.stages.length === stages.length && p.ranges[index];
  return own || TYPICAL_RANGES.find((t) => matches(t.from, stages[index]?.name) && matches(t.to, stages[index + 1]?.name)) || GENERIC_RANGE;
}

// The sample plans: the same shape in both languages (the standard funnel, four KSFs, eight KPIs).
interface Sample {
  name: string;
  kgiName: string;
  currency: 'JPY' | 'USD';
  baseline: number;
  growthRate: number;
  unitValue: number;
  startMonth: number;
  ksfs: string[];
  /** The eight KPIs in order: visitors, leads, cost per lead, MQL, SQL, opportunities, won, CSAT. */
  kpis: { name: string; unit: string; owner: string }[];
  /** The Leads KPI's last three months. */
  recentLeads: number[];
  costPerLead: number;
  csat: { target: number; baseline: number };
  /** Fiscal month order. */
  seasonality: number[];
}

const SAMPLE: Record<Lang, Sample> = {
  ja: {
    name: '2025年度 マーケティングKPI計画', kgiName: '新規受注売上', currency: 'JPY', baseline: 100_000_000, growthRate: 0.1,
    unitValue: 1_000_000, startMonth: 4,
    ksfs: ['Webサイトからのリード獲得の強化', '営業への質の高いリード供給', '商談化率と受注率の向上', '顧客満足度の向上'],
    kpis: [
      { name: 'ウェブサイト訪問者数', unit: '人', owner: 'マーケティング部' },
      { name: 'リード獲得数', unit: '件', owner: 'マーケティング部' },
      { name: 'リード獲得単価 (CPL)', unit: '円', owner: 'マーケティング部' },
      { name: 'MQL数', unit: '件', owner: 'マーケティング部' },
      { name: 'SQL数', unit: '件', owner: 'インサイドセールス' },
      { name: '商談数', unit: '件', owner: '営業部' },
      { name: '受注件数', unit: '件', owner: '営業部' },
      { name: '顧客満足度 (CSAT)', unit: '点', owner: 'カスタマーサクセス' },
    ],
    recentLeads: [1080, 1150, 1230], costPerLead: 8000, csat: { target: 4.2, baseline: 4 },
    // April–March: quiet in August (お盆) and January, busy at the fiscal year end.
    seasonality: [1, 1, 1.1, 1, 0.7, 1, 1.1, 1.1, 0.9, 0.8, 1, 1.3],
  },
  en: {
    name: 'FY2025 marketing KPI plan', kgiName: 'New-business revenue', currency: 'USD', baseline: 2_000_000, growthRate: 0.15,
    unitValue: 50_000, startMonth: 1,
    ksfs: ['More leads from the website', 'Qualified leads handed to sales', 'Better meeting and close rates', 'Happier customers'],
    kpis: [
      { name: 'Website visitors', unit: 'visitors', owner: 'Marketing' },
      { name: 'Leads', unit: 'leads', owner: 'Marketing' },
      { name: 'Cost per lead', unit: 'USD', owner: 'Marketing' },
      { name: 'MQLs', unit: 'MQLs', owner: 'Marketing' },
      { name: 'SQLs', unit: 'SQLs', owner: 'Sales development' },
      { name: 'Opportunities', unit: 'opportunities', owner: 'Sales' },
      { name: 'Deals won', unit: 'deals', owner: 'Sales' },
      { name: 'Customer satisfaction (CSAT)', unit: 'score (1–5)', owner: 'Customer success' },
    ],
    recentLeads: [430, 455, 480], costPerLead: 120, csat: { target: 4.3, baseline: 4.1 },
    // January–December: slow summer and December, strong March and Q4 pipeline.
    seasonality: [0.9, 1, 1.2, 1, 1, 0.9, 0.8, 0.8, 1.1, 1.1, 1.2, 1],
  },
};

/** A complete, realistic example plan (passes the health check with no findings). */
export function samplePlan(lang: Lang = 'en'): Plan {
  const x = SAMPLE[lang];
  // KPI i: its funnel stage, or its own target (cost per lead: lower is better; CSAT: with last year's level).
  const more: Partial<Kpi>[] = [
    { stage: 0 },
    { stage: 1, recentActuals: [...x.recentLeads] },
    { direction: 'lower', aggregate: 'average', target: x.costPerLead },
    { stage: 2 },
    { stage: 3 },
    { stage: 4 },
    { stage: 5 },
    { aggregate: 'average', target: x.csat.target, baseline: x.csat.baseline },
  ];
  const kpi = (i: number): Kpi => ({ ...x.kpis[i], ...more[i] });
  return {
    name: x.name,
    locale: lang,
    fiscalYear: { startYear: 2025, startMonth: x.startMonth },
    kgi: { name: x.kgiName, unit: 'currency', currency: x.currency, baseline: x.baseline, growthRate: x.growthRate, unitValue: x.unitValue },
    funnel: presetFunnel('standard', lang),
    ksfs: [
      { name: x.ksfs[0], kpis: [kpi(0), kpi(1), kpi(2)] },
      { name: x.ksfs[1], kpis: [kpi(3), kpi(4)] },
      { name: x.ksfs[2], kpis: [kpi(5), kpi(6)] },
      { name: x.ksfs[3], kpis: [kpi(7)] },
    ],
    seasonality: [...x.seasonality],
    thresholds: { warn: 0.8, ok: 1 },
  };
}
