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
  type Channel,
  type PlanWithChannels,
  type FunnelNumbers,
} from './budget';
import { asWritten, formatCount, MAX_COUNT } from './round';

type Criterion = 'quantitative' | 'achievable' | 'relevant';

/** A text in both languages. */
interface Text {
  en: string;
  ja: string;
}

export interface ChannelFinding {
  level: 'error' | 'warning';
  criterion: Criterion;
  /** The plan field it is about, e.g. `plan.funnel.channels[2].share`. */
  path: string;
  /** The channel's name when the finding is about one channel. */
  channel?: string;
  /** What is wrong and what to do, in English and Japanese (the plan's language is the caller's pick). */
  message: Record<Lang, string>;
}

/** Shares within this of 100% (float noise: 3 × 0.3333333333333333) need no remark: 10^-9. */
const TOLERANCE_PARTS = 10n ** 9n;
/**
 * Shares within one percentage point of 100% (3 × 33.3% = 99.9%) are used in proportion, and the
 * health check warns; further off (90%, 120%) is an error: the user meant something else.
 */
const WARNING_BAND_PARTS = 100n;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** null, undefined and a blank string all mean "not given" for an optional field. */
const absent = (v: unknown) => v == null || (typeof v === 'string' && !v.trim());
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A value as a message shows it (text quoted, a missing one in words, counts with thousands). */
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

/** A fraction as a percentage for a person: 0.999 → "99.9%", 0.3 → "30%" (no float noise). */
export function formatShare(x: number): string {
  return `${Number((x * 100).toPrecision(10))}%`;
}

/** The shares' sum, exactly as written: how it reads, and whether it is 100% or near it. */
function shareSum(shares: number[]): { percent: string; exact: boolean; near: boolean } {
  const written = shares.map(asWritten);
  const decimals = Math.max(0, ...written.map((w) => w.decimals));
  const sum = written.reduce((a, w) => a + w.digits * 10n ** BigInt(decimals - w.decimals), 0n);
  const one = 10n ** BigInt(decimals);
  const gap = sum > one ? sum - one : one - sum;
  const percent = Number((sum * 10n ** 12n) / one) / 1e10;
  return {
    percent: `${Number(percent.toPrecision(10))}%`,
    exact: gap * TOLERANCE_PARTS <= one,
    near: gap * WARNING_BAND_PARTS <= one,
  };
}

/** How a channel is named in a message: by its name, else by its place. */
const channelWho = (name: unknown, i: number): Text =>
  typeof name === 'string' && name.trim()
    ? { en: `Channel "${name}"`, ja: `チャネル「${name}」` }
    : { en: `Channel ${i + 1}`, ja: `チャネル${i + 1}` };

/** The channel fields as messages name them. */
const FIELD: Record<string, Text> = {
  name: { en: 'name', ja: '名前' },
  share: { en: 'share', ja: '構成比' },
  volume: { en: 'volume', ja: '件数' },
  costPerUnit: { en: 'cost per unit', ja: '獲得単価' },
};

/** Reasons a value is refused: what follows the value in "<field>: <value> <reason>". */
const REASON = {
  enterIt: { en: '— enter it', ja: '— 入力してください' },
  notText: { en: 'is not text', ja: 'は文字列ではありません' },
  notNumber: { en: 'is not a number', ja: 'は数値ではありません' },
  notList: { en: 'is not a list', ja: 'はリストではありません' },
  belowZero: { en: 'is below 0', ja: 'は0以上にしてください' },
  notAboveZero: { en: 'must be above 0', ja: 'は0より大きくしてください' },
  aboveOne: { en: 'is above 1', ja: 'は1以下にしてください' },
  notYen: { en: 'is not a whole number of yen', ja: 'は円単位の整数で入力してください' },
  notChannel: {
    en: '— give { name, share or volume, costPerUnit }',
    ja: '— { name, share または volume, costPerUnit } を入力してください',
  },
  percentage: (x: number): Text => ({
    en: `is above 1 — enter it as ${x}% or ${x / 100}`,
    ja: `は1を超えています — ${x}% なら ${x / 100} と入力してください`,
  }),
  notCents: (currency: Currency): Text => ({
    en: `has more than 2 decimals — ${currency} is counted in cents`,
    ja: `は小数が多すぎます — ${currency}はセント(小数2桁)までです`,
  }),
  aboveMax: (max: number): Text => ({
    en: `is above ${formatCount(max)}`,
    ja: `は${formatCount(max)}以下にしてください`,
  }),
  notCount: {
    en: `is not a whole number from 0 to ${formatCount(MAX_COUNT)}`,
    ja: `は0〜${formatCount(MAX_COUNT)}の整数にしてください`,
  },
  tooMany: {
    en: `channels — give at most ${MAX_CHANNELS}`,
    ja: `件 — ${MAX_CHANNELS}件までにしてください`,
  },
  sameName: (first: number): Text => ({
    en: `is already channel ${first + 1} — give each channel its own name`,
    ja: `はチャネル${first + 1}と同じです — チャネルごとに別の名前にしてください`,
  }),
  noStage: (n: number): Text => ({
    en: `does not exist — the funnel has ${n} stages (0 to ${n - 1})`,
    ja: `は存在しません — 段階は${n}個(0〜${n - 1})です`,
  }),
};

/** Whole messages (not of one field's value). */
const SAY = {
  uncheckable: (m: string): Text => ({
    en: `Channels: could not be checked (${m})`,
    ja: `チャネル: チェックできません(${m})`,
  }),
  shareAndVolume: (who: Text, share: unknown, volume: unknown): Text => ({
    en: `${who.en}: share ${shown(share, 'en')} and volume ${shown(volume, 'en')} — give a share or a volume, not both`,
    ja: `${who.ja}: 構成比 ${shown(share, 'ja')} と件数 ${shown(volume, 'ja')} — 構成比か件数のどちらか一方を入力してください`,
  }),
  neither: (who: Text): Text => ({
    en: `${who.en}: no share and no volume — give its share of the stage (40% is 0.4) or its volume`,
    ja: `${who.ja}: 構成比も件数もありません — 構成比(40%なら0.4)か件数を入力してください`,
  }),
  sharesOff: (percent: string, mixed: boolean): Text => ({
    en:
      `Channel shares${mixed ? ' (of what the fixed volumes leave)' : ''}: add up to ${percent} — ` +
      'make them add up to 100%',
    ja: `チャネルの構成比${mixed ? '(固定件数の残りに対する割合)' : ''}: 合計が${percent}です — 合計100%にしてください`,
  }),
  volumesOver: (fixed: string, stage: string, name: string): Text => ({
    en: `Channel volumes: add up to ${fixed} — more than the ${stage} of stage "${name}"; lower them`,
    ja: `チャネルの件数: 合計${fixed}件は段階「${name}」の${stage}件を超えています — 減らしてください`,
  }),
  volumesShort: (fixed: string, stage: string, name: string): Text => ({
    en:
      `Channel volumes: add up to ${fixed}, not the ${stage} of stage "${name}" — ` +
      `make them add up to ${stage}, or give a channel a share of the rest`,
    ja:
      `チャネルの件数: 合計${fixed}件で、段階「${name}」の${stage}件と一致しません — ` +
      `合計を${stage}件にするか、残りを構成比で受け持つチャネルを加えてください`,
  }),
  budgetTooLarge: (m: string): Text => ({
    en: `Channel budget: cannot be computed — ${m}; lower the costs per unit`,
    ja: `チャネルの予算: 計算できません(${m}) — 獲得単価を下げてください`,
  }),
  sharesNear: (percent: string): Text => ({
    en: `Channel shares: add up to ${percent}, not 100% — they are used in proportion; make them add up to 100%`,
    ja: `チャネルの構成比: 合計が${percent}で100%ではありません — 比率に応じて配分しています。合計100%にしてください`,
  }),
  noCost: (who: Text, volume: string, stage: string, name: string): Text => ({
    en:
      `${who.en} cost per unit: missing — it brings ${volume} of the ${stage} "${name}" but has no cost, ` +
      'so the budget leaves it out; enter its cost per unit (0 if it is free)',
    ja:
      `${who.ja}の獲得単価: 未入力 — 「${name}」${stage}件のうち${volume}件を担いますが費用がないため予算に含まれていません。` +
      '獲得単価を入力してください(無料なら0)',
  }),
  cpaAbove: (cpa: string, allowable: string, basis: Text, budget: string, wins: string): Text => ({
    en:
      `Cost per won deal (CPA): ${cpa} is above the allowable CPA of ${allowable} (${basis.en}) — ` +
      `a budget of ${budget} for ${wins} won deals; shift volume to cheaper channels, lower the costs per unit, ` +
      'or raise the conversion rates',
    ja:
      `受注1件あたりの獲得コスト(CPA): ${cpa} は許容CPA ${allowable}(${basis.ja})を上回っています — ` +
      `予算${budget}で受注${wins}件の計画です。獲得単価の低いチャネルへ配分を移すか、各チャネルの獲得単価や転換率を見直してください`,
  }),
};

class Findings {
  readonly list: ChannelFinding[] = [];

  add(level: ChannelFinding['level'], criterion: Criterion, path: string, message: Text, channel?: string): void {
    const f: ChannelFinding = { level, criterion, path, message };
    if (channel !== undefined) f.channel = channel;
    this.list.push(f);
  }

  /** An error "<subject>: <value> <reason>". */
  refuse(path: string, subject: Text, value: unknown, reason: Text, channel?: string, criterion?: Criterion): void {
    const message = {
      en: `${subject.en}: ${shown(value, 'en')} ${reason.en}`,
      ja: `${subject.ja}: ${shown(value, 'ja')} ${reason.ja}`,
    };
    this.add('error', criterion ?? 'quantitative', path, message, channel);
  }
}

/** What is wrong with a fraction that must be in (0, 1] (`positive`) or [0, 1]; undefined when nothing. */
function fractionProblem(v: unknown, positive: boolean): Text | undefined {
  if (!isNum(v)) return REASON.notNumber;
  if (positive && v <= 0) return REASON.notAboveZero;
  if (v < 0) return REASON.belowZero;
  if (v <= 1) return undefined;
  return v <= 100 ? REASON.percentage(v) : REASON.aboveOne;
}

/** What is wrong with a cost per unit in `currency`; undefined when nothing. */
function costProblem(v: unknown, currency: Currency): Text | undefined {
  if (!isNum(v)) return REASON.notNumber;
  if (v < 0) return REASON.belowZero;
  if (v > MAX_COST) return REASON.aboveMax(MAX_COST);
  if (toMinorUnits(v, currency) !== undefined) return undefined;
  return CURRENCY_DECIMALS[currency] ? REASON.notCents(currency) : REASON.notYen;
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
    out.add('error', 'quantitative', 'plan.funnel.channels', SAY.uncheckable((e as Error).message));
  }
  return out.list;
}

/**
 * A clean copy of channels validateChannels accepted, for the plan validatePlan returns: the known
 * fields only, blank and null optional fields dropped (`{ name: 'Web', share: 0.4, volume: '' }` →
 * `{ name: 'Web', share: 0.4 }`); undefined for no channels (absent, null or an empty list).
 */
export function cleanChannels(channels: unknown): Channel[] | undefined {
  if (!Array.isArray(channels) || !channels.length) return undefined;
  return channels.map((c: Obj) => {
    const out: Channel = { name: c.name as string };
    for (const key of ['share', 'volume', 'costPerUnit'] as const) if (!absent(c[key])) out[key] = c[key] as number;
    return out;
  });
}

const MARGINS: { key: 'grossMargin' | 'acquisitionShare'; subject: Text }[] = [
  { key: 'grossMargin', subject: { en: 'KGI gross margin', ja: 'KGIの粗利率' } },
  { key: 'acquisitionShare', subject: { en: 'KGI acquisition share', ja: 'KGIの獲得費に充てる割合' } },
];

function checkChannels(out: Findings, plan: unknown, numbers?: Pick<FunnelNumbers, 'volumes'>): void {
  if (!isObj(plan)) return;
  const kgi = isObj(plan.kgi) ? plan.kgi : {};
  const funnel = isObj(plan.funnel) ? plan.funnel : {};
  const stages = Array.isArray(funnel.stages) ? funnel.stages : [];

  for (const { key, subject } of MARGINS) {
    const why = absent(kgi[key]) ? undefined : fractionProblem(kgi[key], true);
    if (why) out.refuse(`plan.kgi.${key}`, subject, kgi[key], why, undefined, 'achievable');
  }

  const stage = absent(funnel.channelStage) ? 0 : funnel.channelStage;
  const stageOk = Number.isInteger(stage) && (stage as number) >= 0 && (stage as number) < Math.max(1, stages.length);
  if (!stageOk) {
    const subject = { en: 'Channel stage', ja: 'チャネルで分ける段階' };
    out.refuse('plan.funnel.channelStage', subject, stage, REASON.noStage(stages.length), undefined, 'relevant');
  }

  const channels = funnel.channels;
  const CHANNELS = { en: 'Channels', ja: 'チャネル' };
  if (absent(channels)) return;
  if (!Array.isArray(channels)) {
    out.refuse('plan.funnel.channels', CHANNELS, channels, REASON.notList);
    return;
  }
  if (channels.length > MAX_CHANNELS) {
    out.refuse('plan.funnel.channels', CHANNELS, channels.length, REASON.tooMany);
    return;
  }
  if (!channels.length) return;

  const given = Object.keys(CURRENCY_DECIMALS).includes(kgi.currency as string);
  const currency = (given ? kgi.currency : plan.locale === 'ja' ? 'JPY' : 'USD') as Currency;
  const before = out.list.length;
  const names = new Map<string, number>();
  const shares: number[] = [];
  let fixed = 0n;
  channels.forEach((c, i) => {
    const path = `plan.funnel.channels[${i}]`;
    if (!isObj(c)) return out.refuse(path, channelWho(undefined, i), c, REASON.notChannel);
    const name = typeof c.name === 'string' && c.name.trim() ? c.name : undefined;
    const who = channelWho(name, i);
    const field = (key: string): Text => ({ en: `${who.en} ${FIELD[key].en}`, ja: `${who.ja}の${FIELD[key].ja}` });

    if (name === undefined) {
      const reason = typeof c.name === 'string' || absent(c.name) ? REASON.enterIt : REASON.notText;
      out.refuse(`${path}.name`, field('name'), absent(c.name) ? undefined : c.name, reason);
    } else {
      // "Web" and " ｗｅｂ " are the same channel (rows and sources are matched by name).
      const key = name.normalize('NFKC').trim().toLowerCase();
      const first = names.get(key);
      if (first === undefined) names.set(key, i);
      else out.refuse(`${path}.name`, field('name'), name, REASON.sameName(first), name);
    }

    const hasShare = !absent(c.share);
    const hasVolume = !absent(c.volume);
    if (hasShare && hasVolume) out.add('error', 'quantitative', path, SAY.shareAndVolume(who, c.share, c.volume), name);
    else if (!hasShare && !hasVolume) out.add('error', 'quantitative', `${path}.share`, SAY.neither(who), name);
    else if (hasShare) {
      const why = fractionProblem(c.share, false);
      if (why) out.refuse(`${path}.share`, field('share'), c.share, why, name);
      else shares.push(c.share as number);
    } else if (Number.isSafeInteger(c.volume) && (c.volume as number) >= 0) fixed += BigInt(c.volume as number);
    else out.refuse(`${path}.volume`, field('volume'), c.volume, REASON.notCount, name);

    const why = absent(c.costPerUnit) ? undefined : costProblem(c.costPerUnit, currency);
    if (why) out.refuse(`${path}.costPerUnit`, field('costPerUnit'), c.costPerUnit, why, name);
  });
  if (out.list.length > before) return;

  // The sum of the shares: 100% (or within a point of it: a warning); else an error.
  const sum = shares.length ? shareSum(shares) : undefined;
  if (sum && !sum.near) {
    out.add('error', 'quantitative', 'plan.funnel.channels', SAY.sharesOff(sum.percent, fixed > 0n));
  }

  // With the funnel's numbers: the channels must make up the stage, and the budget must compute.
  const volumes = numbers?.volumes;
  const s = stage as number;
  if (!volumes || volumes[s] === undefined || out.list.length) return;
  const stageVolume = BigInt(volumes[s]);
  const stageName = String((isObj(stages[s]) ? stages[s].name : stages[s]) ?? `#${s + 1}`);
  const [f, v] = [formatCount(fixed), formatCount(stageVolume)];
  if (fixed > stageVolume) {
    out.add('error', 'relevant', 'plan.funnel.channels', SAY.volumesOver(f, v, stageName));
    return;
  }
  if (!shares.length && fixed !== stageVolume) {
    out.add('error', 'relevant', 'plan.funnel.channels', SAY.volumesShort(f, v, stageName));
    return;
  }
  try {
    const clean = cleanChannels(channels) ?? [];
    const kgiWithCurrency = { ...(kgi as PlanWithChannels['kgi']), currency };
    const p: PlanWithChannels = { kgi: kgiWithCurrency, funnel: { stages: [], channels: clean } };
    budgetTotals(p, channelVolumes(clean, volumes[s]), volumes[volumes.length - 1] ?? 0);
  } catch (e) {
    out.add('error', 'achievable', 'plan.funnel.channels', SAY.budgetTooLarge((e as Error).message));
  }
}

/**
 * The health-check warnings of a plan whose channels are valid (validateChannels finds nothing):
 * - quantitative: shares adding up to near 100% but not 100% (they are used in proportion), with the sum;
 * - quantitative: a channel with a volume but no cost per unit (the budget leaves it out), named;
 * - achievable: the plan's CPA (budget ÷ won deals) above the allowable CPA, with both amounts.
 * Empty without channels. Never throws (a plan validateChannels refuses gets no warnings).
 */
export function channelWarnings(plan: PlanWithChannels, numbers: Pick<FunnelNumbers, 'volumes'>): ChannelFinding[] {
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

    const shares = channels.filter((c) => c.share != null).map((c) => c.share as number);
    const sum = shares.length ? shareSum(shares) : undefined;
    if (sum && !sum.exact) out.add('warning', 'quantitative', 'plan.funnel.channels', SAY.sharesNear(sum.percent));

    channels.forEach((c, i) => {
      if (c.costPerUnit != null || !volumes[i]) return;
      const message = SAY.noCost(channelWho(c.name, i), formatCount(volumes[i]), formatCount(stageVolume), stageName);
      out.add('warning', 'quantitative', `plan.funnel.channels[${i}].costPerUnit`, message, c.name);
    });

    if (cpa !== undefined && allowable !== undefined && cpa > allowable) {
      const { unitValue, grossMargin, acquisitionShare } = plan.kgi;
      const deal = formatAmount(unitValue as number, currency);
      const basis = [{ en: `deal size ${deal}`, ja: `受注単価 ${deal}` }];
      if (grossMargin !== undefined) {
        const margin = formatShare(grossMargin);
        basis.push({ en: `gross margin ${margin}`, ja: `粗利率 ${margin}` });
      }
      if (acquisitionShare !== undefined) {
        const share = formatShare(acquisitionShare);
        basis.push({ en: `acquisition share ${share}`, ja: `獲得費に充てる割合 ${share}` });
      }
      const times = { en: basis.map((b) => b.en).join(' × '), ja: basis.map((b) => b.ja).join(' × ') };
      const money = (minor: bigint) => formatMoney(minor, currency);
      const message = SAY.cpaAbove(money(cpa), money(allowable), times, money(total), formatCount(wins));
      out.add('warning', 'achievable', 'plan.funnel.channels', message);
    }
  } catch {
    // A plan validateChannels refuses: its errors say what is wrong.
  }
  return out.list;
}
