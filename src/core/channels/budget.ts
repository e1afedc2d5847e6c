// Channels and budget: where the volume of one funnel stage comes from, what it costs, and what a
// won deal may cost. Pure; money is counted in whole minor units (yen, cents) in BigInt, so every
// total adds up exactly.
//
// Plan JSON additions (all optional; a plan without channels is unchanged):
//   funnel.channels:     [{ name, share?, volume?, costPerUnit? }]   (see Channel)
//   funnel.channelStage: index into funnel.stages of the stage the channels split; default 0, the
//                        top of the funnel (Leads in the inquiry and event presets; with the
//                        standard preset pick 1 for Leads). Any stage may be split, wins included.
//   kgi.grossMargin:     gross margin per deal as a fraction (30% is 0.3), in (0, 1].
//   kgi.acquisitionShare: the most of each deal's gross profit (of the deal size when there is no
//                        gross margin) the plan may spend to win it, as a fraction, in (0, 1].
import type { Currency, Lang } from '../plan';
import { asWritten, controlledRounding, countOf, MAX_COUNT, splitByShares } from './round';

/** At most this many channels (a sidebar list and a block of rows, not a data set). */
export const MAX_CHANNELS = 100;
/** The largest cost per unit accepted (money up to 10^15, like every amount of the plan). */
export const MAX_COST = 1e15;

/**
 * One channel of the split stage. Give exactly one of `share` and `volume`:
 * - `volume`: a fixed whole number of units a year (e.g. 200 leads from two trade shows);
 * - `share`: a fraction (40% is 0.4) of what the fixed volumes leave of the stage — of the whole
 *   stage when no channel has a fixed volume. The shares add up to 100%.
 * `costPerUnit` is money per unit of the stage (cost per lead), in the plan's currency, with no more
 * decimals than the currency has (JPY whole yen, USD/EUR cents). Absent: not known (the health
 * check warns); 0: free.
 */
export interface Channel {
  name: string;
  share?: number;
  volume?: number;
  costPerUnit?: number;
}

/** The parts of a plan channels read (structurally a Plan with the additions above). */
export interface PlanWithChannels {
  locale?: Lang;
  kgi: {
    unit: 'currency' | 'count';
    currency?: Currency;
    /** Average deal size (money per win): the basis of the allowable CPA. */
    unitValue?: number;
    grossMargin?: number;
    acquisitionShare?: number;
  };
  funnel: { stages: { name: string }[]; channels?: Channel[]; channelStage?: number };
}

/** Numbers the plan's own math gives (validate.ts / monthly.ts): channels never redo the funnel. */
export interface FunnelNumbers {
  /** Every stage's annual volume, top first, wins last (funnelTargets(plan)). */
  volumes: number[];
  /** The KGI's annual target (kgiTarget(plan)): the return on the budget when it is money. */
  kgiTarget?: number;
  /** The channel stage's monthly targets (whole, summing to its volume): for the monthly table. */
  stageMonthly?: number[];
}

/** Decimals of each currency's smallest unit: JPY whole yen, USD and EUR cents. */
export const CURRENCY_DECIMALS: Record<Currency, number> = { JPY: 0, USD: 2, EUR: 2 };
const SYMBOL: Record<Currency, string> = { JPY: '¥', USD: '$', EUR: '€' };

/** The plan's currency: the KGI's, else JPY for a Japanese plan and USD otherwise (as normalizePlan). */
export const planCurrency = (plan: PlanWithChannels): Currency =>
  plan.kgi.currency ?? (plan.locale === 'ja' ? 'JPY' : 'USD');

/** The index of the stage the channels split (default 0, the top of the funnel). */
export const channelStage = (plan: PlanWithChannels): number => plan.funnel.channelStage ?? 0;

/**
 * `amount` in whole minor units of `currency` (¥1 → 1, $12.5 → 1250), exactly as written; undefined
 * when it has more decimals than the currency (¥0.5, $0.125) or is not a number from 0 up.
 */
export function toMinorUnits(amount: number, currency: Currency): bigint | undefined {
  if (!(Number.isFinite(amount) && amount >= 0)) return undefined;
  const { digits, decimals } = asWritten(amount);
  const places = CURRENCY_DECIMALS[currency];
  return decimals > places ? undefined : digits * 10n ** BigInt(places - decimals);
}

/** Minor units as a number of the currency (1250 cents → 12.5). */
const fromMinor = (minor: bigint, currency: Currency): number => Number(minor) / 10 ** CURRENCY_DECIMALS[currency];

/** Minor units as a person reads them: ¥1,234,567 · $1,234.50 · €0.05 (no locale dependence). */
export function formatMoney(minor: bigint, currency: Currency): string {
  const places = CURRENCY_DECIMALS[currency];
  const sign = minor < 0n ? '-' : '';
  const digits = String(minor < 0n ? -minor : minor).padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${SYMBOL[currency]}${whole}${places ? `.${digits.slice(-places)}` : ''}`;
}

/**
 * An amount ≥ 0 of the currency as a person reads it, rounded to the currency's unit when it has
 * more decimals: formatAmount(150000, 'JPY') → "¥150,000", formatAmount(12.5, 'USD') → "$12.50".
 */
export function formatAmount(amount: number, currency: Currency): string {
  const minor = toMinorUnits(amount, currency) ?? BigInt(Math.round(amount * 10 ** CURRENCY_DECIMALS[currency]));
  return formatMoney(minor, currency);
}

/**
 * The annual volume of every channel: each fixed `volume` as given, and what they leave of
 * `stageVolume` split over the `share` channels by the largest remainder (ties to the earlier
 * channel; shares used in proportion). The volumes sum exactly to `stageVolume`. Throws for a channel
 * with both or neither, fixed volumes above the stage, or fixed volumes alone not making the stage.
 */
export function channelVolumes(channels: Channel[], stageVolume: number): number[] {
  const stage = countOf('stage volume', stageVolume);
  let fixed = 0n;
  const shareChannels: number[] = [];
  channels.forEach((c, i) => {
    const hasShare = c.share != null;
    if (hasShare === (c.volume != null)) {
      throw new Error(`channel "${c.name}": give a share or a volume, not ${hasShare ? 'both' : 'neither'}`);
    }
    if (hasShare) shareChannels.push(i);
    else fixed += countOf(`channel "${c.name}" volume`, c.volume);
  });
  if (fixed > stage || (!shareChannels.length && fixed !== stage)) {
    throw new Error(`channel volumes add up to ${fixed}, but the stage has ${stage}`);
  }
  const rest = splitByShares(
    Number(stage - fixed),
    shareChannels.map((i) => channels[i].share as number),
  );
  const out = channels.map((c) => c.volume ?? 0);
  shareChannels.forEach((i, k) => (out[i] = rest[k]));
  return out;
}

/** What one channel brings and costs. */
export interface ChannelLine {
  name: string;
  /** Annual volume at the channel stage. */
  volume: number;
  /** The stage's units from this channel each month (sum = volume): a row of CHANNEL_TARGETS. */
  monthly: number[];
  costPerUnit?: number;
  /** volume × costPerUnit (0 when the cost is not given). */
  budget: number;
  /** monthly × costPerUnit: a row of CHANNEL_BUDGET (sums exactly to budget). */
  monthlyBudget: number[];
}

/** The plan's channels and budget. Money in the plan's currency. */
export interface ChannelBudget {
  currency: Currency;
  /** The index of the split stage. */
  stage: number;
  channels: ChannelLine[];
  /** The total marketing budget each month. */
  monthlyBudget: number[];
  /** The total marketing budget of the year: BUDGET_TOTAL. */
  budget: number;
  /** Won deals a year (the last stage's volume). */
  wins: number;
  /** Cost per won deal: budget ÷ wins, rounded up to the currency's unit; absent with no wins. */
  cpa?: number;
  /** The most a won deal may cost: ALLOWABLE_CPA; absent without a deal size. */
  allowableCpa?: number;
  /** KGI ÷ budget when the KGI is money and the budget is above 0 (10 means ¥10 of KGI per ¥1 spent). */
  returnOnBudget?: number;
}

/**
 * The allowable CPA in minor units: deal size × gross margin (if given) × acquisition share (if
 * given), computed exactly from the numbers as written and rounded down to the currency's unit (the
 * most that may be spent). Undefined without a deal size above 0.
 */
export function allowableCpaMinor(kgi: PlanWithChannels['kgi'], currency: Currency): bigint | undefined {
  if (!(typeof kgi.unitValue === 'number' && kgi.unitValue > 0 && Number.isFinite(kgi.unitValue))) return undefined;
  let num = 10n ** BigInt(CURRENCY_DECIMALS[currency]);
  let den = 1n;
  for (const factor of [kgi.unitValue, kgi.grossMargin, kgi.acquisitionShare]) {
    if (factor === undefined) continue;
    const { digits, decimals } = asWritten(factor);
    num *= digits;
    den *= 10n ** BigInt(decimals);
  }
  return num / den;
}

/** The allowable CPA in the plan's currency (see allowableCpaMinor), or undefined. */
export function allowableCpa(plan: PlanWithChannels): number | undefined {
  const currency = planCurrency(plan);
  const minor = allowableCpaMinor(plan.kgi, currency);
  return minor === undefined ? undefined : fromMinor(minor, currency);
}

const safe = (minor: bigint, what: string): bigint => {
  if (minor <= BigInt(MAX_COUNT)) return minor;
  throw new Error(`${what} is too large to compute exactly (above ${MAX_COUNT} in the currency's smallest unit)`);
};

/** A plan's budget for the year in the currency's smallest unit (yen, cents). */
export interface BudgetTotals {
  currency: Currency;
  /** Each channel's cost per unit (0 when not given). */
  costs: bigint[];
  /** Each channel's budget for the year. */
  budgets: bigint[];
  total: bigint;
  /** total ÷ wins rounded up; undefined with no wins. */
  cpa?: bigint;
  allowable?: bigint;
}

/**
 * The annual budget in minor units and the CPA / allowable CPA of a plan, without the monthly table
 * (what the health check needs). `volumes` are the channels' annual volumes (channelVolumes).
 * Throws when a cost is not an amount of the currency or a budget exceeds 2^53 − 1 minor units.
 */
export function budgetTotals(plan: PlanWithChannels, volumes: number[], wins: number): BudgetTotals {
  const currency = planCurrency(plan);
  const channels = plan.funnel.channels ?? [];
  const costs = channels.map((c) => (c.costPerUnit == null ? 0n : toMinorUnits(c.costPerUnit, currency)));
  costs.forEach((cost, i) => {
    const { name, costPerUnit } = channels[i];
    if (cost === undefined) {
      throw new Error(`channel "${name}" cost per unit ${costPerUnit} is not an amount of ${currency}`);
    }
  });
  const budgets = volumes.map((v, i) => {
    return safe(BigInt(v) * (costs[i] as bigint), `the budget of channel "${channels[i].name}"`);
  });
  const total = safe(
    budgets.reduce((a, b) => a + b, 0n),
    'the total budget',
  );
  const w = countOf('wins', wins);
  // Rounded up to the unit, so the CPA shown is above the allowable CPA exactly when the true one is.
  const cpa = w > 0n ? (total + w - 1n) / w : undefined;
  return { currency, costs: costs as bigint[], budgets, total, cpa, allowable: allowableCpaMinor(plan.kgi, currency) };
}

/**
 * Channels × months volumes and budgets, the totals, CPA, allowable CPA and return on the budget of
 * a valid plan (validateChannels finds nothing); undefined when it has no channels. Throws on a plan
 * validateChannels refuses, or `numbers` without the stage's monthly targets.
 */
export function planChannels(plan: PlanWithChannels, numbers: FunnelNumbers): ChannelBudget | undefined {
  const channels = plan.funnel.channels ?? [];
  if (!channels.length) return undefined;
  const stage = channelStage(plan);
  const stageVolume = numbers.volumes[stage];
  const wins = numbers.volumes[numbers.volumes.length - 1];
  const monthlyTargets = numbers.stageMonthly;
  if (!monthlyTargets) throw new Error("planChannels: the channel stage's monthly targets (stageMonthly) are missing");
  const volumes = channelVolumes(channels, stageVolume);
  const table = controlledRounding(volumes, monthlyTargets);
  const { currency, costs, budgets, total, cpa, allowable } = budgetTotals(plan, volumes, wins);
  const money = (minor: bigint) => fromMinor(minor, currency);
  const monthlyMinor = monthlyTargets.map((_, m) => table.reduce((a, row, i) => a + BigInt(row[m]) * costs[i], 0n));
  const kgiIsMoney = plan.kgi.unit === 'currency' && numbers.kgiTarget !== undefined;
  return {
    currency,
    stage,
    channels: channels.map((c, i) => {
      const line: ChannelLine = {
        name: c.name,
        volume: volumes[i],
        monthly: table[i],
        budget: money(budgets[i]),
        monthlyBudget: table[i].map((v) => money(BigInt(v) * costs[i])),
      };
      if (c.costPerUnit != null) line.costPerUnit = c.costPerUnit;
      return line;
    }),
    monthlyBudget: monthlyMinor.map(money),
    budget: money(total),
    wins,
    ...(cpa === undefined ? {} : { cpa: money(cpa) }),
    ...(allowable === undefined ? {} : { allowableCpa: money(allowable) }),
    ...(kgiIsMoney && total > 0n ? { returnOnBudget: (numbers.kgiTarget as number) / money(total) } : {}),
  };
}

/** The values of the channel named ranges (PRODUCT.md) for a plan's channels; "" is no value. */
export interface ChannelRanges {
  /** Channels × months: each channel's share of the stage's monthly target. */
  CHANNEL_TARGETS: number[][];
  /** Channels × months: each channel's budget. */
  CHANNEL_BUDGET: number[][];
  /** The year's total marketing budget. */
  BUDGET_TOTAL: number;
  /** The most a won deal may cost; "" without a deal size. */
  ALLOWABLE_CPA: number | '';
}

/** planChannels' result as the blocks the workbook writes (one setValues per range). */
export function channelRanges(result: ChannelBudget): ChannelRanges {
  return {
    CHANNEL_TARGETS: result.channels.map((c) => c.monthly),
    CHANNEL_BUDGET: result.channels.map((c) => c.monthlyBudget),
    BUDGET_TOTAL: result.budget,
    ALLOWABLE_CPA: result.allowableCpa ?? '',
  };
}
