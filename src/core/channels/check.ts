// Channel checks: the errors that stop a plan with channels from being built (validateChannels) and
// the health-check warnings of a valid one (channelWarnings), each in English and Japanese. Pure;
// neither throws: anything malformed becomes an error finding.
import type { Currency, Lang } from '../plan';
import {
  budgetTotals,
  channelStage,
  channelVolumes,
  CURRENCY_DECIMALS,
  formatAmount,
  formatMoney,
  MAX_CHANNELS,
  MAX_COST,
  planCurrency,
  toMinorUnits,
  type ChannelPlan,
  type FunnelNumbers,
} from './budget';
import { asWritten, formatCount, MAX_COUNT } from './round';

export type Criterion = 'quantitative' | 'achievable' | 'relevant';

export interface ChannelFinding {
  level: 'error' | 'warning';
  criterion: Criterion;
  /** The plan field it is about, e.g. `plan.funnel.channels[2].share`. */
  path: string;
  /** The channel's name when the finding is about one channel. */
  channel?: string;
  message: Record<Lang, string>;
}

/** Shares adding up to 100% within this (float noise: 3 × 0.3333333333333333) need no remark. */
export const SHARE_SUM_TOLERANCE = 1e-9;
/**
 * Shares adding up to within this of 100% (3 × 33.3% = 99.9%) are used in proportion with a
 * warning; further off (90%, 120%) is an error: the user meant something else.
 */
export const SHARE_SUM_WARNING_BAND = 0.01;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v == null || (typeof v === 'string' && !v.trim());
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A value as a message shows it (text quoted, a missing one in words). */
function shown(v: unknown, lang: Lang): string {
  if (v === undefined) return lang === 'ja' ? '未入力' : 'missing';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? formatCount(v) : String(v);
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** 0.999 → "99.9%" (as written, no float noise). */
export function formatShare(x: number): string {
  return `${Number((x * 100).toPrecision(10))}%`;
}

/** The exact sum of shares as written, as a fraction digits / 10^decimals. */
function shareSum(shares: number[]): { digits: bigint; decimals: number } {
  const written = shares.map(asWritten);
  const decimals = Math.max(0, ...written.map((w) => w.decimals));
  const digits = written.reduce((a, w) => a + w.digits * 10n ** BigInt(decimals - w.decimals), 0n);
  return { digits, decimals };
}

/** How far the shares' sum is from 100%, as a number (float noise only in the last digits). */
function shareGap(shares: number[]): { sum: number; gap: number } {
  const { digits, decimals } = shareSum(shares);
  const one = 10n ** BigInt(decimals);
  const diff = digits - one;
  return { sum: Number(digits) / Number(one), gap: Math.abs(Number(diff) / Number(one)) };
}

const channelWho = (name: unknown, i: number): [string, string] =>
  typeof name === 'string' && name.trim() ? [`Channel "${name}"`, `チャネル「${name}」`] : [`Channel ${i + 1}`, `チャネル${i + 1}`];

const FIELD: Record<string, [string, string]> = {
  name: ['name', '名前'],
  share: ['share', '構成比'],
  volume: ['volume', '件数'],
  costPerUnit: ['cost per unit', '単価'],
};

class Findings {
  readonly list: ChannelFinding[] = [];

  add(level: ChannelFinding['level'], criterion: Criterion, path: string, en: string, ja: string, channel?: string): void {
    const f: ChannelFinding = { level, criterion, path, message: { en, ja } };
    if (channel !== undefined) f.channel = channel;
    this.list.push(f);
  }

  /** An error "<subject>: <value> <reason>". */
  error(path: string, subject: [string, string], value: unknown, reason: [string, string], channel?: string, criterion: Criterion = 'quantitative'): void {
    this.add('error', criterion, path, `${subject[0]}: ${shown(value, 'en')} ${reason[0]}`, `${subject[1]}: ${shown(value, 'ja')} ${reason[1]}`, channel);
  }
}

/** What is wrong with a fraction that must be in (0, 1] (`positive`) or [0, 1]; undefined when nothing. */
function fractionProblem(v: unknown, positive: boolean): [string, string] | undefined {
  if (!isNum(v)) return ['is not a number', 'は数値ではありません'];
  if (positive ? v <= 0 : v < 0) return positive ? ['must be above 0', 'は0より大きくしてください'] : ['is below 0', 'は0以上にしてください'];
  if (v <= 1) return undefined;
  const [s, p] = [String(v), String(v / 100)];
  return v <= 100
    ? [`is above 1 — enter it as ${s}% or ${p}`, `は1を超えています — ${s}% なら ${p} と入力してください`]
    : ['is above 1', 'は1以下にしてください'];
}

function costProblem(v: unknown, currency: Currency): [string, string] | undefined {
  if (!isNum(v)) return ['is not a number', 'は数値ではありません'];
  if (v < 0) return ['is below 0', 'は0以上にしてください'];
  if (v > MAX_COST) return [`is above ${formatCount(MAX_COST)}`, `は${formatCount(MAX_COST)}以下にしてください`];
  if (toMinorUnits(v, currency) !== undefined) return undefined;
  return CURRENCY_DECIMALS[currency]
    ? [`has more than 2 decimals — ${currency} is counted in cents`, `は小数が多すぎます — ${currency}はセント(小数2桁)までです`]
    : ['is not a whole number of yen', 'は円単位の整数で入力してください'];
}

/**
 * Every problem of the plan's channel fields that stops it from being built (empty when they are
 * valid or there are none): `funnel.channels`, `funnel.channelStage`, `kgi.grossMargin`,
 * `kgi.acquisitionShare`. With `numbers` (the funnel's stage volumes), also whether the channels
 * make up the stage and the budget is computable. `plan` may be any JSON. Never throws.
 */
export function validateChannels(plan: unknown, numbers?: Pick<FunnelNumbers, 'volumes'>): ChannelFinding[] {
  const out = new Findings();
  try {
    checkChannels(out, plan, numbers);
  } catch (e) {
    const m = (e as Error).message;
    out.add('error', 'quantitative', 'plan.funnel.channels', `Channels: could not be checked (${m})`, `チャネル: チェックできません(${m})`);
  }
  return out.list;
}

function checkChannels(out: Findings, plan: unknown, numbers?: Pick<FunnelNumbers, 'volumes'>): void {
  if (!isObj(plan)) return;
  const kgi = isObj(plan.kgi) ? plan.kgi : {};
  const funnel = isObj(plan.funnel) ? plan.funnel : {};
  const stages = Array.isArray(funnel.stages) ? funnel.stages : [];

  for (const [key, en, ja] of [['grossMargin', 'gross margin', '粗利率'], ['acquisitionShare', 'acquisition share', '獲得費に充てる割合']]) {
    const why = absent(kgi[key]) ? undefined : fractionProblem(kgi[key], true);
    if (why) out.error(`plan.kgi.${key}`, [`KGI ${en}`, `KGIの${ja}`], kgi[key], why, undefined, 'achievable');
  }

  const stage = funnel.channelStage;
  const STAGE: [string, string] = ['Channel stage', 'チャネルで分ける段階'];
  let stageOk = true;
  if (!absent(stage) && !(Number.isInteger(stage) && (stage as number) >= 0 && (stage as number) < Math.max(1, stages.length))) {
    stageOk = false;
    const n = stages.length;
    out.error('plan.funnel.channelStage', STAGE, stage, [`does not exist — the funnel has ${n} stages (0 to ${n - 1})`, `は存在しません — 段階は${n}個(0〜${n - 1})です`], undefined, 'relevant');
  }

  const channels = funnel.channels;
  if (absent(channels)) return;
  const CHANNELS: [string, string] = ['Channels', 'チャネル'];
  if (!Array.isArray(channels)) return out.error('plan.funnel.channels', CHANNELS, channels, ['is not a list', 'はリストではありません']);
  if (channels.length > MAX_CHANNELS) {
    return out.error('plan.funnel.channels', CHANNELS, channels.length, [`channels — give at most ${MAX_CHANNELS}`, `件 — ${MAX_CHANNELS}件までにしてください`]);
  }
  if (!channels.length) return;

  const currency: Currency = kgi.currency === 'JPY' || kgi.currency === 'USD' || kgi.currency === 'EUR' ? kgi.currency : plan.locale === 'ja' ? 'JPY' : 'USD';
  const before = out.list.length;
  const seen = new Map<string, number>();
  const shares: number[] = [];
  let fixed = 0n;
  channels.forEach((c, i) => {
    const path = `plan.funnel.channels[${i}]`;
    if (!isObj(c)) return out.error(path, channelWho(undefined, i), c, ['— give { name, share or volume, costPerUnit }', '— { name, share または volume, costPerUnit } を入力してください']);
    const name = typeof c.name === 'string' && c.name.trim() ? c.name : undefined;
    const who = channelWho(name, i);
    const field = (key: string): [string, string] => [`${who[0]} ${FIELD[key][0]}`, `${who[1]}の${FIELD[key][1]}`];
    if (name === undefined) {
      const reason: [string, string] = typeof c.name === 'string' || absent(c.name) ? ['— enter it', '— 入力してください'] : ['is not text', 'は文字列ではありません'];
      out.error(`${path}.name`, field('name'), absent(c.name) ? undefined : c.name, reason);
    } else {
      const key = name.normalize('NFKC').trim().toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else out.error(`${path}.name`, field('name'), name, [`is already channel ${first + 1} — give each channel its own name`, `はチャネル${first + 1}と同じです — チャネルごとに別の名前にしてください`], name);
    }

    const hasShare = !absent(c.share);
    const hasVolume = !absent(c.volume);
    if (hasShare && hasVolume) {
      out.add('error', 'quantitative', path, `${who[0]}: share ${shown(c.share, 'en')} and volume ${shown(c.volume, 'en')} — give a share or a volume, not both`,
        `${who[1]}: 構成比 ${shown(c.share, 'ja')} と件数 ${shown(c.volume, 'ja')} — 構成比か件数のどちらか一方を入力してください`, name);
    } else if (!hasShare && !hasVolume) {
      out.add('error', 'quantitative', `${path}.share`, `${who[0]}: no share and no volume — give its share of the stage (40% is 0.4) or its volume`,
        `${who[1]}: 構成比も件数もありません — 構成比(40%なら0.4)か件数を入力してください`, name);
    } else if (hasShare) {
      const why = fractionProblem(c.share, false);
      if (why) out.error(`${path}.share`, field('share'), c.share, why, name);
      else shares.push(c.share as number);
    } else if (!(Number.isSafeInteger(c.volume) && (c.volume as number) >= 0)) {
      out.error(`${path}.volume`, field('volume'), c.volume, [`is not a whole number from 0 to ${formatCount(MAX_COUNT)}`, `は0〜${formatCount(MAX_COUNT)}の整数にしてください`], name);
    } else fixed += BigInt(c.volume as number);

    if (!absent(c.costPerUnit)) {
      const why = costProblem(c.costPerUnit, currency);
      if (why) out.error(`${path}.costPerUnit`, field('costPerUnit'), c.costPerUnit, why, name);
    }
  });
  if (out.list.length > before) return;

  // The sum of the shares: 100% (tiny tolerance), or within the warning band; else an error.
  const mixed = fixed > 0n;
  if (shares.length) {
    const { sum, gap } = shareGap(shares);
    if (gap > SHARE_SUM_WARNING_BAND) {
      const rest: [string, string] = mixed ? [' (of what the fixed volumes leave)', '(固定件数の残りに対する割合)'] : ['', ''];
      out.add('error', 'quantitative', 'plan.funnel.channels', `Channel shares${rest[0]}: add up to ${formatShare(sum)} — make them add up to 100%`,
        `チャネルの構成比${rest[1]}: 合計が${formatShare(sum)}です — 合計100%にしてください`);
    }
  }

  // With the funnel's numbers: the channels must make up the stage, and the budget must compute.
  const volumes = numbers?.volumes;
  const s = absent(stage) ? 0 : (stage as number);
  if (!volumes || !stageOk || volumes[s] === undefined) return;
  const stageVolume = BigInt(volumes[s]);
  const stageName = String((isObj(stages[s]) ? stages[s].name : stages[s]) ?? `#${s + 1}`);
  const [f, v] = [formatCount(fixed), formatCount(stageVolume)];
  if (fixed > stageVolume) {
    return out.add('error', 'relevant', 'plan.funnel.channels', `Channel volumes: add up to ${f} — more than the ${v} of stage "${stageName}"; lower them`,
      `チャネルの件数: 合計${f}件は段階「${stageName}」の${v}件を超えています — 減らしてください`);
  }
  if (!shares.length && fixed !== stageVolume) {
    return out.add('error', 'relevant', 'plan.funnel.channels',
      `Channel volumes: add up to ${f}, not the ${v} of stage "${stageName}" — make them add up to ${v}, or give a channel a share of the rest`,
      `チャネルの件数: 合計${f}件で、段階「${stageName}」の${v}件と一致しません — 合計を${v}件にするか、残りを構成比で受け持つチャネルを加えてください`);
  }
  try {
    const p = plan as unknown as ChannelPlan;
    budgetTotals(p, channelVolumes(p.funnel.channels ?? [], volumes[s]), volumes[volumes.length - 1] ?? 0);
  } catch (e) {
    const m = (e as Error).message;
    out.add('error', 'achievable', 'plan.funnel.channels', `Channel budget: cannot be computed — ${m}; lower the costs per unit`,
      `チャネルの予算: 計算できません(${m}) — 単価を下げてください`);
  }
}

/**
 * The health-check warnings of a plan whose channels are valid (validateChannels finds nothing):
 * - achievable: the plan's CPA (budget ÷ won deals) is above the allowable CPA;
 * - quantitative: a channel with a volume but no cost per unit (the budget leaves it out);
 * - quantitative: shares adding up to near 100% but not 100% (used in proportion).
 * Empty without channels. Never throws (a plan validateChannels refuses gets no warnings).
 */
export function channelWarnings(plan: ChannelPlan, numbers: Pick<FunnelNumbers, 'volumes'>): ChannelFinding[] {
  const out = new Findings();
  const channels = plan.funnel.channels ?? [];
  if (!channels.length) return out.list;
  try {
    const stage = channelStage(plan);
    const stageName = plan.funnel.stages[stage]?.name ?? `#${stage + 1}`;
    const stageVolume = numbers.volumes[stage];
    const wins = numbers.volumes[numbers.volumes.length - 1];
    const volumes = channelVolumes(channels, stageVolume);
    const currency = planCurrency(plan);
    const { total, cpa, allowable } = budgetTotals(plan, volumes, wins);

    const shares = channels.filter((c) => c.share !== undefined).map((c) => c.share as number);
    if (shares.length) {
      const { sum, gap } = shareGap(shares);
      if (gap > SHARE_SUM_TOLERANCE) {
        const p = formatShare(sum);
        out.add('warning', 'quantitative', 'plan.funnel.channels', `Channel shares: add up to ${p}, not 100% — they are used in proportion; make them add up to 100%`,
          `チャネルの構成比: 合計が${p}で100%ではありません — 比率に応じて配分しています。合計100%にしてください`);
      }
    }

    channels.forEach((c, i) => {
      if (c.costPerUnit !== undefined || !volumes[i]) return;
      const [who, v, n] = [channelWho(c.name, i), formatCount(volumes[i]), formatCount(stageVolume)];
      out.add('warning', 'quantitative', `plan.funnel.channels[${i}].costPerUnit`,
        `${who[0]} cost per unit: missing — it brings ${v} of the ${n} "${stageName}" but has no cost, so the budget leaves it out; enter its cost per unit (0 if it is free)`,
        `${who[1]}の単価: 未入力 — 「${stageName}」${n}件のうち${v}件を担いますが費用がないため予算に含まれていません。単価を入力してください(無料なら0)`, c.name);
    });

    if (cpa !== undefined && allowable !== undefined && cpa > allowable) {
      const { unitValue, grossMargin, acquisitionShare } = plan.kgi;
      const money = (m: bigint) => formatMoney(m, currency);
      const basis: [string, string][] = [[`deal size ${formatAmount(unitValue as number, currency)}`, `受注単価 ${formatAmount(unitValue as number, currency)}`]];
      if (grossMargin !== undefined) basis.push([`gross margin ${formatShare(grossMargin)}`, `粗利率 ${formatShare(grossMargin)}`]);
      if (acquisitionShare !== undefined) basis.push([`acquisition share ${formatShare(acquisitionShare)}`, `獲得費の割合 ${formatShare(acquisitionShare)}`]);
      const [en, ja] = [basis.map((b) => b[0]).join(' × '), basis.map((b) => b[1]).join(' × ')];
      const [c, a, b, w] = [money(cpa), money(allowable), money(total), formatCount(wins)];
      out.add('warning', 'achievable', 'plan.funnel.channels',
        `Cost per won deal (CPA): ${c} is above the allowable CPA of ${a} (${en}) — a budget of ${b} for ${w} won deals; ` +
          'shift volume to cheaper channels, lower the costs per unit, or raise the conversion rates',
        `受注1件あたりの獲得コスト(CPA): ${c} は許容CPA ${a}(${ja})を上回っています — 予算${b}で受注${w}件の計画です。` +
          '単価の低いチャネルへ配分を移すか、獲得単価や転換率を見直してください');
    }
  } catch {
    // A plan validateChannels refuses: its errors say what is wrong.
  }
  return out.list;
}
