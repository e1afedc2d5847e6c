// Funnel presets (stage names in ja/en, typical conversion rates and typical ranges) and a
// complete sample plan. Pure data; used by the sidebar, the health check, tests and the preview.
import type { Lang, Plan } from './plan';

export type PresetId = 'standard' | 'inquiry' | 'event' | 'custom';

export interface PresetStage {
  /** Stable id, language-independent (e.g. 'mql'). */
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

const S = (id: string, ja: string, en: string): PresetStage => ({ id, ja, en });

export const PRESETS: Record<PresetId, FunnelPreset> = {
  standard: {
    id: 'standard',
    label: { ja: '標準的なB2Bファネル', en: 'Standard B2B funnel' },
    stages: [
      S('visitors', 'ウェブサイト訪問者', 'Visitors'),
      S('leads', 'リード', 'Leads'),
      S('mql', 'MQL', 'MQL'),
      S('sql', 'SQL', 'SQL'),
      S('opportunities', '商談', 'Opportunities'),
      S('won', '受注', 'Won'),
    ],
    rates: [0.02, 0.3, 0.4, 0.5, 0.25],
    ranges: [
      { min: 0.005, max: 0.1 }, // visitors → leads
      { min: 0.1, max: 0.6 }, // leads → MQL
      { min: 0.15, max: 0.7 }, // MQL → SQL
      { min: 0.2, max: 0.8 }, // SQL → opportunities
      { min: 0.1, max: 0.5 }, // opportunities → won
    ],
  },
  inquiry: {
    id: 'inquiry',
    label: { ja: '問い合わせ型ファネル', en: 'Inquiry funnel' },
    stages: [S('leads', 'リード', 'Leads'), S('meetings', '商談', 'Meetings'), S('won', '受注', 'Won')],
    rates: [0.2, 0.25],
    ranges: [
      { min: 0.05, max: 0.5 }, // leads → meetings
      { min: 0.1, max: 0.5 }, // meetings → won
    ],
  },
  event: {
    id: 'event',
    label: { ja: '展示会・イベント型ファネル', en: 'Event funnel' },
    stages: [
      S('cards', '名刺獲得', 'Business cards'),
      S('appointments', 'アポ', 'Appointments'),
      S('meetings', '商談', 'Meetings'),
      S('won', '受注', 'Won'),
    ],
    rates: [0.1, 0.6, 0.25],
    ranges: [
      { min: 0.02, max: 0.3 }, // cards → appointments
      { min: 0.3, max: 0.9 }, // appointments → meetings
      { min: 0.1, max: 0.5 }, // meetings → won
    ],
  },
  custom: {
    id: 'custom',
    label: { ja: 'カスタム', en: 'Custom' },
    stages: [S('leads', 'リード', 'Leads'), S('won', '受注', 'Won')],
    rates: [0.05],
    ranges: [GENERIC_RANGE],
  },
};

export const PRESET_IDS: PresetId[] = ['standard', 'inquiry', 'event', 'custom'];

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
export const TYPICAL_RANGES: TypicalRange[] = PRESET_IDS.filter((id) => id !== 'custom').flatMap((id) =>
  PRESETS[id].ranges.map((r, i) => ({
    preset: id,
    from: PRESETS[id].stages[i],
    to: PRESETS[id].stages[i + 1],
    typical: PRESETS[id].rates[i],
    ...r,
  })),
);

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const matches = (stage: PresetStage, name: string) => {
  const n = norm(name);
  return n === norm(stage.ja) || n === norm(stage.en) || n === stage.id;
};

/**
 * The typical range of the rate from stage `from` to stage `to` (names as the user typed them):
 * the preset's own range when the plan says which preset it came from and it has that many
 * stages; else the first known transition whose two stage names match (ja or en, case- and
 * width-insensitive); else GENERIC_RANGE (`generic: true`).
 */
export function typicalRange(
  index: number,
  stages: { name: string }[],
  preset?: PresetId,
): RateRange & { generic: boolean } {
  const p = preset ? PRESETS[preset] : undefined;
  if (p && p.id !== 'custom' && p.stages.length === stages.length && p.ranges[index]) {
    return { ...p.ranges[index], generic: false };
  }
  const from = String(stages[index]?.name ?? ''), to = String(stages[index + 1]?.name ?? '');
  const known = TYPICAL_RANGES.find((t) => matches(t.from, from) && matches(t.to, to));
  return known ? { min: known.min, max: known.max, generic: false } : { ...GENERIC_RANGE, generic: true };
}

/** A complete, realistic example plan (passes the health check with no findings). */
export function samplePlan(lang: Lang = 'en'): Plan {
  return lang === 'ja' ? sampleJa() : sampleEn();
}

function sampleJa(): Plan {
  return {
    name: '2025年度 マーケティングKPI計画',
    locale: 'ja',
    fiscalYear: { startYear: 2025, startMonth: 4 },
    kgi: {
      name: '新規受注売上',
      unit: 'currency',
      currency: 'JPY',
      baseline: 100_000_000,
      growthRate: 0.1,
      unitValue: 1_000_000,
    },
    funnel: presetFunnel('standard', 'ja'),
    ksfs: [
      {
        name: 'Webサイトからのリード獲得の強化',
        kpis: [
          { name: 'ウェブサイト訪問者数', unit: '人', owner: 'マーケティング部', stage: 0 },
          { name: 'リード獲得数', unit: '件', owner: 'マーケティング部', stage: 1, recentActuals: [520, 560, 610] },
          { name: 'リード獲得単価 (CPL)', unit: '円', owner: 'マーケティング部', direction: 'lower', aggregate: 'average', target: 8000 },
        ],
      },
      {
        name: '営業への質の高いリード供給',
        kpis: [
          { name: 'MQL数', unit: '件', owner: 'マーケティング部', stage: 2 },
          { name: 'SQL数', unit: '件', owner: 'インサイドセールス', stage: 3 },
        ],
      },
      {
        name: '商談化率と受注率の向上',
        kpis: [
          { name: '商談数', unit: '件', owner: '営業部', stage: 4 },
          { name: '受注件数', unit: '件', owner: '営業部', stage: 5 },
        ],
      },
      {
        name: '顧客満足度の向上',
        kpis: [{ name: '顧客満足度 (CSAT)', unit: '点', owner: 'カスタマーサクセス', aggregate: 'average', target: 4.2, baseline: 4 }],
      },
    ],
    // April–March: quiet in August (お盆) and January, busy at the fiscal year end.
    seasonality: [1, 1, 1.1, 1, 0.7, 1, 1.1, 1.1, 0.9, 0.8, 1, 1.3],
    thresholds: { warn: 0.8, ok: 1 },
  };
}

function sampleEn(): Plan {
  return {
    name: 'FY2025 marketing KPI plan',
    locale: 'en',
    fiscalYear: { startYear: 2025, startMonth: 1 },
    kgi: {
      name: 'New-business revenue',
      unit: 'currency',
      currency: 'USD',
      baseline: 2_000_000,
      growthRate: 0.15,
      unitValue: 50_000,
    },
    funnel: presetFunnel('standard', 'en'),
    ksfs: [
      {
        name: 'More leads from the website',
        kpis: [
          { name: 'Website visitors', unit: 'visitors', owner: 'Marketing', stage: 0 },
          { name: 'Leads', unit: 'leads', owner: 'Marketing', stage: 1, recentActuals: [230, 245, 260] },
          { name: 'Cost per lead', unit: 'USD', owner: 'Marketing', direction: 'lower', aggregate: 'average', target: 120 },
        ],
      },
      {
        name: 'Qualified leads handed to sales',
        kpis: [
          { name: 'MQLs', unit: 'MQLs', owner: 'Marketing', stage: 2 },
          { name: 'SQLs', unit: 'SQLs', owner: 'Sales development', stage: 3 },
        ],
      },
      {
        name: 'Better meeting and close rates',
        kpis: [
          { name: 'Opportunities', unit: 'opportunities', owner: 'Sales', stage: 4 },
          { name: 'Deals won', unit: 'deals', owner: 'Sales', stage: 5 },
        ],
      },
      {
        name: 'Happier customers',
        kpis: [{ name: 'Customer satisfaction (CSAT)', unit: 'score (1–5)', owner: 'Customer success', aggregate: 'average', target: 4.3, baseline: 4.1 }],
      },
    ],
    // January–December: slow summer and December, strong March and Q4 pipeline.
    seasonality: [0.9, 1, 1.2, 1, 1, 0.9, 0.8, 0.8, 1.1, 1.1, 1.2, 1],
    thresholds: { warn: 0.8, ok: 1 },
  };
}
