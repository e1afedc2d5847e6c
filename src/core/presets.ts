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

/** "en|ja" → { en, ja }. */
const pair = (s: string) => {
  const [en, ja] = s.split('|');
  return { en, ja };
};

// Per preset: label, stages (top first), typical rates, and each rate's typical range as min, max.
const DATA: [string, string, number[], number[]][] = [
  ['Standard B2B funnel|標準的なB2Bファネル', 'Visitors|ウェブサイト訪問者,Leads|リード,MQL|MQL,SQL|SQL,Opportunities|商談,Won|受注',
    [0.02, 0.3, 0.4, 0.5, 0.25], [0.005, 0.1, 0.1, 0.6, 0.15, 0.7, 0.2, 0.8, 0.1, 0.5]],
  ['Inquiry funnel|問い合わせ型ファネル', 'Leads|リード,Meetings|商談,Won|受注', [0.2, 0.25], [0.05, 0.5, 0.1, 0.5]],
  ['Event funnel|展示会・イベント型ファネル', 'Business cards|名刺獲得,Appointments|アポ,Meetings|商談,Won|受注', [0.1, 0.6, 0.25], [0.02, 0.3, 0.3, 0.9, 0.1, 0.5]],
  ['Custom|カスタム', 'Leads|リード,Won|受注', [0.05], [0.005, 0.6]],
];

export const PRESETS = Object.fromEntries(DATA.map(([label, stages, rates, ranges], i) => [PRESET_IDS[i], {
  id: PRESET_IDS[i],
  label: pair(label),
  stages: stages.split(',').map((s) => ({ id: s.split('|')[0].toLowerCase(), ...pair(s) })),
  rates,
  ranges: rates.map((_, j) => ({ min: ranges[2 * j], max: ranges[2 * j + 1] })),
}])) as Record<PresetId, FunnelPreset>;

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
// Per language: plan name, KGI name, currency, baseline, growth, deal size, fiscal start month,
// KSF names, KPIs as name/unit/owner, the Leads KPI's recent actuals, cost per lead, CSAT target
// and baseline, seasonality (fiscal month order).
const SAMPLE = {
  ja: ['2025年度 マーケティングKPI計画', '新規受注売上', 'JPY', 100_000_000, 0.1, 1_000_000, 4,
    'Webサイトからのリード獲得の強化|営業への質の高いリード供給|商談化率と受注率の向上|顧客満足度の向上',
    'ウェブサイト訪問者数/人/マーケティング部|リード獲得数/件/マーケティング部|リード獲得単価 (CPL)/円/マーケティング部|MQL数/件/マーケティング部|SQL数/件/インサイドセールス|商談数/件/営業部|受注件数/件/営業部|顧客満足度 (CSAT)/点/カスタマーサクセス',
    // April–March: quiet in August (お盆) and January, busy at the fiscal year end.
    [520, 560, 610], 8000, 4.2, 4, [1, 1, 1.1, 1, 0.7, 1, 1.1, 1.1, 0.9, 0.8, 1, 1.3]],
  en: ['FY2025 marketing KPI plan', 'New-business revenue', 'USD', 2_000_000, 0.15, 50_000, 1,
    'More leads from the website|Qualified leads handed to sales|Better meeting and close rates|Happier customers',
    'Website visitors/visitors/Marketing|Leads/leads/Marketing|Cost per lead/USD/Marketing|MQLs/MQLs/Marketing|SQLs/SQLs/Sales development|Opportunities/opportunities/Sales|Deals won/deals/Sales|Customer satisfaction (CSAT)/score (1–5)/Customer success',
    // January–December: slow summer and December, strong March and Q4 pipeline.
    [230, 245, 260], 120, 4.3, 4.1, [0.9, 1, 1.2, 1, 1, 0.9, 0.8, 0.8, 1.1, 1.1, 1.2, 1]],
} as const;

/** A complete, realistic example plan (passes the health check with no findings). */
export function samplePlan(lang: Lang = 'en'): Plan {
  const [name, kgiName, currency, baseline, growthRate, unitValue, startMonth, ksfs, kpis, recent, cpl, csat, csatBase, seasonality] = SAMPLE[lang];
  const k = kpis.split('|').map((s) => {
    const [n, unit, owner] = s.split('/');
    return { name: n, unit, owner };
  });
  // KPI i: stage, or its own target (cost per lead: lower is better; CSAT: with last year's level).
  const more = [{ stage: 0 }, { stage: 1, recentActuals: [...recent] }, { direction: 'lower', aggregate: 'average', target: cpl },
    { stage: 2 }, { stage: 3 }, { stage: 4 }, { stage: 5 }, { aggregate: 'average', target: csat, baseline: csatBase }] as const;
  const kpi = (i: number) => ({ ...k[i], ...more[i] }) as Kpi;
  const [a, b, c, d] = ksfs.split('|');
  return {
    name,
    locale: lang,
    fiscalYear: { startYear: 2025, startMonth },
    kgi: { name: kgiName, unit: 'currency', currency, baseline, growthRate, unitValue },
    funnel: presetFunnel('standard', lang),
    ksfs: [
      { name: a, kpis: [kpi(0), kpi(1), kpi(2)] },
      { name: b, kpis: [kpi(3), kpi(4)] },
      { name: c, kpis: [kpi(5), kpi(6)] },
      { name: d, kpis: [kpi(7)] },
    ],
    seasonality: [...seasonality],
    thresholds: { warn: 0.8, ok: 1 },
  };
}
