// Channel presets: common B2B lead sources for the sidebar's channels step, named in English and
// Japanese, with the typical cost per lead where a published benchmark gives one. The ranges are
// starting points to replace with the team's own numbers, never converted between currencies: a
// range is given only in the currency its source reports. Pure data.
import type { Channel } from './channels/budget';
import type { Currency, Lang } from './plan';

/** A typical cost per lead: from `low` to `high` (equal when the source gives one average). */
export interface CostRange {
  low: number;
  high: number;
}

export interface ChannelPreset {
  /** Stable code (stored, never shown). */
  id: string;
  name: { en: string; ja: string };
  /** Typical cost per lead by currency, where a published benchmark exists (see `source`). */
  costPerLead: Partial<Record<Currency, CostRange>>;
  /** The benchmark the ranges come from (title, publisher, year), or why there is none. */
  source: string;
}

// Sources:
// - JPY: まるなげセミナー「【担当者必見】リード獲得手段別単価一覧と算出数式と"質"の見極め方」(2023年12月),
//   table of average cost per lead by method (Web広告 ¥1,500; 自社サイト最適化 ¥500–¥1,000; 展示会・イベント
//   ¥5,000–¥10,000; セミナー/ウェビナー ¥8,000; テレマーケティング ¥5,000–¥10,000; Eメールマーケティング
//   ¥100–¥500), https://malnage.jp/blog/20231220-01/
// - USD: b2blead.io, "What Is Cost Per Lead? CPL Meaning, Formula, and Benchmarks by Channel" (2026):
//   Google search ads $20–$100+, LinkedIn ads $40–$200+ per B2B lead, https://www.b2blead.io/blog/cost-per-lead
// - No published per-channel figure was found for referrals or partners, nor a USD one for SEO,
//   events, webinars, outbound or email: those ranges are left out rather than guessed.
const MARUNAGE = 'まるなげセミナー「リード獲得手段別単価一覧」(2023)';
const B2BLEAD = 'b2blead.io, "Cost Per Lead … Benchmarks by Channel" (2026)';

export const CHANNEL_PRESETS: readonly ChannelPreset[] = [
  {
    id: 'web',
    name: { en: 'Website / SEO', ja: 'Web・SEO(自然検索)' },
    costPerLead: { JPY: { low: 500, high: 1_000 } },
    source: `${MARUNAGE}: 自社サイト最適化`,
  },
  {
    id: 'ads',
    name: { en: 'Paid ads (search, LinkedIn)', ja: 'Web広告' },
    costPerLead: { JPY: { low: 1_500, high: 1_500 }, USD: { low: 20, high: 200 } },
    source: `${MARUNAGE}: Web広告(Google/Facebook); ${B2BLEAD}: Google search ads, LinkedIn ads`,
  },
  {
    id: 'events',
    name: { en: 'Trade shows and events', ja: '展示会・イベント' },
    costPerLead: { JPY: { low: 5_000, high: 10_000 } },
    source: `${MARUNAGE}: 展示会・イベント`,
  },
  {
    id: 'webinars',
    name: { en: 'Webinars and seminars', ja: 'ウェビナー・セミナー' },
    costPerLead: { JPY: { low: 8_000, high: 8_000 } },
    source: `${MARUNAGE}: セミナー/ウェビナー`,
  },
  {
    id: 'outbound',
    name: { en: 'Outbound (calls, sales development)', ja: 'アウトバウンド(テレアポ)' },
    costPerLead: { JPY: { low: 5_000, high: 10_000 } },
    source: `${MARUNAGE}: テレマーケティング`,
  },
  {
    id: 'email',
    name: { en: 'Email marketing', ja: 'メールマーケティング' },
    costPerLead: { JPY: { low: 100, high: 500 } },
    source: `${MARUNAGE}: Eメールマーケティング`,
  },
  {
    id: 'referrals',
    name: { en: 'Referrals', ja: '紹介' },
    costPerLead: {},
    source: 'No published benchmark found: enter your referral fee or reward per lead',
  },
  {
    id: 'partners',
    name: { en: 'Partners and resellers', ja: 'パートナー・代理店' },
    costPerLead: {},
    source: 'No published benchmark found: enter the partner commission per lead',
  },
];

/** A preset by its id, or undefined. */
export const channelPreset = (id: string): ChannelPreset | undefined => CHANNEL_PRESETS.find((p) => p.id === id);

/**
 * A preset as a new channel of the plan in `lang`: its name, and as its cost per unit the middle of
 * the typical range in `currency` (rounded to the currency's unit) when there is one. The share or
 * volume is the user's to enter.
 */
export function presetChannel(preset: ChannelPreset, lang: Lang, currency: Currency): Channel {
  const range = preset.costPerLead[currency];
  if (!range) return { name: preset.name[lang] };
  const unit = currency === 'JPY' ? 1 : 100;
  return { name: preset.name[lang], costPerUnit: Math.round(((range.low + range.high) / 2) * unit) / unit };
}
