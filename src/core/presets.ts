// Funnel presets (stages, typical conversion rates and typical ranges). Their words are the
// catalogue's `preset.*` keys (src/messages). Pure data; used by the sidebar, the health check,
// tests and the preview. The example plan is src/core/sample.ts (browser words, not in Code.js).
import { languages, t, type ServerKey } from '../messages';
import type { Lang, Plan } from './plan';

export type PresetId = 'standard' | 'inquiry' | 'event' | 'custom';

export interface PresetStage {
  /** Stable id, language-independent: the English name in lower case (e.g. 'mql'). */
  id: string;
  /** Its name: the catalogue key (stageNames: in every language). */
  key: ServerKey;
}

/** A typical range for one stage-to-stage conversion rate (fractions: 2% is 0.02). */
export interface RateRange {
  min: number;
  max: number;
}

export interface FunnelPreset {
  /** Its name is the planner's catalogue key `preset.<id>` (the sidebar alone shows it). */
  id: PresetId;
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

/** A stage by its id and catalogue key. */
const stage = (id: string, key: ServerKey): PresetStage => ({ id, key });
const VISITORS = stage('visitors', 'preset.stage.visitors');
const LEADS = stage('leads', 'preset.stage.leads');
const MQL = stage('mql', 'preset.stage.mql');
const SQL = stage('sql', 'preset.stage.sql');
const OPPORTUNITIES = stage('opportunities', 'preset.stage.opportunities');
const MEETINGS = stage('meetings', 'preset.stage.meetings');
const BUSINESS_CARDS = stage('business cards', 'preset.stage.businessCards');
const APPOINTMENTS = stage('appointments', 'preset.stage.appointments');
const WON = stage('won', 'preset.stage.won');
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
  stages: [VISITORS, LEADS, MQL, SQL, OPPORTUNITIES, WON],
  steps: [
    step(0.02, 0.005, 0.1), // visitors → leads: 2–3% site-wide [V], 1–5% [F]
    step(0.3, 0.1, 0.6), // leads → MQL: 20–40% [F]
    step(0.25, 0.05, 0.6), // MQL → SQL: median 13%, spread 5%–40% and more [M]; 25% fits the B2B SaaS/top range
    step(0.5, 0.2, 0.8), // SQL → opportunities: 40–80% [F]
    step(0.2, 0.1, 0.5), // opportunities → won: ~20% [W], 10–30% [F]
  ],
};
const INQUIRY = {
  stages: [LEADS, MEETINGS, WON],
  steps: [
    step(0.2, 0.05, 0.5), // inquiries → meetings: inbound MQL → SQL 13–65% [M], not every SQL meets
    step(0.25, 0.1, 0.5), // meetings → won: 20–30% mid-market [F], ~20% across B2B [W]; an inquiry is a warm lead
  ],
};
const EVENT = {
  stages: [BUSINESS_CARDS, APPOINTMENTS, MEETINGS, WON],
  steps: [
    step(0.1, 0.01, 0.4), // business cards → appointments: no benchmark [E]
    step(0.6, 0.2, 0.95), // appointments → meetings: no benchmark [E]
    step(0.25, 0.05, 0.6), // meetings → won: no event-specific benchmark [E]; ~20% for all sources [W]
  ],
};
const CUSTOM = {
  stages: [LEADS, WON],
  steps: [step(0.05, GENERIC_RANGE.min, GENERIC_RANGE.max)],
};

const preset = (id: PresetId, p: typeof STANDARD): FunnelPreset => ({
  id,
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
  return { stages: p.stages.map((s) => ({ name: t(lang, s.key) })), rates: [...p.rates], preset: id };
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

/** A stage name compared without case, width or stray spaces. */
const normalized = (name: unknown) =>
  String(name ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase();
/** The stage's name in every language that has a catalogue (en first). */
export const stageNames = (stage: PresetStage): string[] => languages().map((lang) => t(lang, stage.key));
/** Whether `name` is the stage's name in any language. */
const matches = (stage: PresetStage, name: unknown) =>
  stageNames(stage).some((n) => normalized(n) === normalized(name));

/**
 * The typical range of the rate from stage `index` to the next (names as the user typed them):
 * the preset's own range when the plan says which preset it came from and it has that many
 * stages; else the first known transition whose two stage names match (ja or en, case- and
 * width-insensitive); else GENERIC_RANGE.
 */
export function typicalRange(index: number, stages: { name: string }[], preset?: PresetId): RateRange {
  const named = preset === undefined ? undefined : PRESETS[preset];
  const own = named && named.id !== 'custom' && named.stages.length === stages.length && named.ranges[index];
  if (own) return own;
  const [from, to] = [stages[index]?.name, stages[index + 1]?.name];
  const known = TYPICAL_RANGES.find((r) => matches(r.from, from) && matches(r.to, to));
  return known ?? GENERIC_RANGE;
}
