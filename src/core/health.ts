// The plan health check: the seed article's three criteria — 定量性 (quantitative), 達成可能性
// (achievable), 関連性 (relevant) — as findings a marketer can act on, in the plan's language.
// Errors are exactly the problems validatePlan refuses (see validate.ts); warnings are advice.
// Pure, and never throws: anything malformed becomes an error finding.
import { funnelVolumes } from './funnel';
import { show } from './num';
import type { Lang } from './plan';
import { typicalRange, type PresetId } from './presets';
import { monthLabel } from './report';
import { planIssues, type Criterion } from './validate';

export type { Criterion };

export interface Finding {
  level: 'error' | 'warning';
  criterion: Criterion;
  /** The KPI's name when the finding is about one KPI. */
  kpi?: string;
  /** The plan field it is about, e.g. `plan.ksfs[0].kpis[2].target` (to highlight it or mark the KPI Tree). */
  path?: string;
  message: string;
}

export interface HealthResult {
  findings: Finding[];
}

/** Growth beyond this multiple of the baseline in one year is flagged (more than doubling). */
export const MAX_GROWTH = 2;
/** A monthly target above this multiple of the recent run rate is flagged. */
export const MAX_RUN_RATE_JUMP = 2;
/** A hand-entered target this far (relative) from the funnel back-calculation is flagged. */
export const BACKCALC_TOLERANCE = 0.1;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** 1234567.5 → "1,234,567.5", 20.83333 → "20.8333" (no locale dependence). */
export function fmtNum(x: number): string {
  const s = show(Number.isInteger(x) ? x : Math.abs(x) >= 100 ? Math.round(x * 100) / 100 : Number(x.toPrecision(6)));
  if (/e/i.test(s)) return s;
  const [int, dec] = s.split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dec ? '.' + dec : '');
}
/** 0.025 → "2.5%". */
export const fmtPct = (x: number): string => `${show(Number((x * 100).toPrecision(3)))}%`;

/** The name of fiscal month `index` (0–11) of a raw plan: ja `6月`, en `Jun`; else "month N". */
function monthName(plan: Obj, index: number, lang: Lang): string {
  const fy = isObj(plan.fiscalYear) ? plan.fiscalYear : {};
  const start = isNum(fy.startMonth) && Number.isInteger(fy.startMonth) && fy.startMonth >= 1 && fy.startMonth <= 12
    ? fy.startMonth : plan.locale === 'ja' ? 4 : 1;
  return monthLabel(((start - 1 + index) % 12) + 1, lang);
}

const q = (s: string, lang: Lang) => (lang === 'ja' ? `「${s}」` : `"${s}"`);

/**
 * Checks a plan (any JSON) against the three criteria. `lang` defaults to the plan's locale, else
 * 'en'. Order: errors (in plan order), then warnings (quantitative, achievable, relevant).
 */
export function checkPlan(plan: unknown, lang?: Lang): HealthResult {
  const l: Lang = lang === 'ja' || lang === 'en' ? lang : isObj(plan) && (plan.locale === 'ja' || plan.locale === 'en') ? plan.locale : 'en';
  const findings: Finding[] = [];
  try {
    for (const i of planIssues(plan)) {
      const f: Finding = { level: 'error', criterion: i.criterion, path: i.path, message: i.text[l] };
      if (i.kpi !== undefined) f.kpi = i.kpi;
      findings.push(f);
    }
    const warnings: Finding[] = [];
    if (isObj(plan)) warn(plan, l, warnings);
    const rank: Record<Criterion, number> = { quantitative: 0, achievable: 1, relevant: 2 };
    warnings.sort((a, b) => rank[a.criterion] - rank[b.criterion]); // stable: plan order within a criterion
    findings.push(...warnings);
  } catch (e) {
    findings.push({
      level: 'error',
      criterion: 'quantitative',
      path: 'plan',
      message: l === 'ja' ? `計画をチェックできませんでした: ${(e as Error).message}` : `The plan could not be checked: ${(e as Error).message}`,
    });
  }
  return { findings };
}

/** The findings about one KPI (by its place in the plan), e.g. to mark it on the KPI Tree. */
export function kpiFindings(result: HealthResult, ksfIndex: number, kpiIndex: number): Finding[] {
  const p = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}]`;
  return result.findings.filter((f) => f.path !== undefined && (f.path === p || f.path.startsWith(p + '.') || f.path.startsWith(p + '[')));
}

interface KpiRef {
  kpi: Obj;
  name: string;
  path: string;
}

/** The KGI's annual target from raw input, or undefined when it cannot be worked out. */
function rawKgiTarget(kgi: Obj): number | undefined {
  if (isNum(kgi.target)) return kgi.target;
  if (isNum(kgi.baseline) && isNum(kgi.growthRate)) return Number((kgi.baseline * (1 + kgi.growthRate)).toPrecision(12));
  return undefined;
}

/** Funnel stage volumes from raw input, or undefined when the KGI or funnel is not usable. */
function rawFunnel(plan: Obj): number[] | undefined {
  const kgi = plan.kgi, funnel = plan.funnel;
  if (!isObj(kgi) || !isObj(funnel) || !Array.isArray(funnel.rates) || !Array.isArray(funnel.stages)) return undefined;
  if (funnel.rates.length !== funnel.stages.length - 1 || !funnel.rates.every(isNum)) return undefined;
  const goal = rawKgiTarget(kgi);
  const unitValue = kgi.unit === 'currency' ? kgi.unitValue : undefined;
  if (goal === undefined || (kgi.unit === 'currency' && !isNum(unitValue))) return undefined;
  try {
    return funnelVolumes(goal, funnel.rates as number[], unitValue as number | undefined, true);
  } catch {
    return undefined;
  }
}

function warn(plan: Obj, l: Lang, out: Finding[]): void {
  const add = (criterion: Criterion, path: string, message: string, kpi?: string) =>
    out.push(kpi === undefined ? { level: 'warning', criterion, path, message } : { level: 'warning', criterion, path, kpi, message });

  const kpis: KpiRef[] = [];
  const ksfs = Array.isArray(plan.ksfs) ? plan.ksfs : [];
  ksfs.forEach((s, i) => {
    if (!isObj(s)) return;
    const list = Array.isArray(s.kpis) ? s.kpis : [];
    list.forEach((k, j) => {
      if (isObj(k) && isText(k.name)) kpis.push({ kpi: k, name: k.name, path: `plan.ksfs[${i}].kpis[${j}]` });
    });
    // Relevant: a KSF nothing measures.
    if (isText(s.name) && list.length === 0 && (s.kpis === undefined || s.kpis === null || Array.isArray(s.kpis))) {
      add('relevant', `plan.ksfs[${i}].kpis`, l === 'ja'
        ? `KSF${q(s.name, l)}にKPIがありません — このKSFの進み具合を毎月数字で測れるKPIを1つ以上追加するか、KSFを削除してください`
        : `KSF ${q(s.name, l)} has no KPI — add at least one KPI that measures it as a number you can track each month, or remove the KSF`);
    }
  });
  if (Array.isArray(plan.kpis)) {
    plan.kpis.forEach((k, j) => {
      if (isObj(k) && isText(k.name)) kpis.push({ kpi: k, name: k.name, path: `plan.kpis[${j}]` });
    });
  }

  // Quantitative: a KPI without a unit.
  for (const { kpi, name, path } of kpis) {
    if (kpi.unit === undefined || kpi.unit === null || (typeof kpi.unit === 'string' && kpi.unit.trim() === '')) {
      add('quantitative', `${path}.unit`, l === 'ja'
        ? `KPI${q(name, l)}に単位がありません — 「件」「人」「円」「%」など単位を入力して、誰が見ても同じ数字として読めるようにしてください`
        : `KPI ${q(name, l)} has no unit — add one (e.g. leads, visitors, USD, %) so everyone reads the number the same way`, name);
    }
  }

  // Achievable: KGI growth over last year.
  const kgi = isObj(plan.kgi) ? plan.kgi : undefined;
  if (kgi && isNum(kgi.baseline) && kgi.baseline > 0) {
    const target = rawKgiTarget(kgi);
    if (target !== undefined && target / kgi.baseline > MAX_GROWTH) {
      const ratio = target / kgi.baseline;
      const g = isNum(kgi.growthRate) && kgi.target === undefined ? kgi.growthRate : undefined;
      const hint = g !== undefined && g >= 1 && g <= 100
        ? (l === 'ja' ? `成長率を${show(g)}%のつもりで入力したなら ${show(g / 100)} と入力してください。` : ` If you meant ${show(g)}% growth, enter ${show(g / 100)}.`)
        : '';
      add('achievable', kgi.target !== undefined ? 'plan.kgi.target' : 'plan.kgi.growthRate', l === 'ja'
        ? `KGIの目標 ${fmtNum(target)} は前年実績 ${fmtNum(kgi.baseline)} の${fmtNum(Number(ratio.toFixed(2)))}倍です — 1年で2倍を超える成長は関係者が達成可能と思える目標になりにくいため、成長率を見直すか複数年に分けてください。${hint}`
        : `The KGI target ${fmtNum(target)} is ${fmtNum(Number(ratio.toFixed(2)))}× last year's ${fmtNum(kgi.baseline)} — more than doubling in a year is rarely seen as achievable; lower the growth rate or spread it over several years.${hint}`);
    }
  }

  // Achievable: conversion rates far from typical B2B ranges (rates outside (0, 1] are errors already).
  const funnel = isObj(plan.funnel) ? plan.funnel : undefined;
  if (funnel && Array.isArray(funnel.rates) && Array.isArray(funnel.stages)) {
    const stages = funnel.stages.map((s, i) => ({ name: String((isObj(s) ? s.name : s) ?? `#${i + 1}`) }));
    const preset = typeof funnel.preset === 'string' ? (funnel.preset as PresetId) : undefined;
    funnel.rates.forEach((r, i) => {
      if (!isNum(r) || r <= 0 || r > 1 || i + 1 >= stages.length) return;
      const range = typicalRange(i, stages, preset);
      if (r >= range.min && r <= range.max) return;
      const from = stages[i].name, to = stages[i + 1].name;
      const span = `${fmtPct(range.min)}–${fmtPct(range.max)}`;
      const side = r < range.min;
      add('achievable', `plan.funnel.rates[${i}]`, l === 'ja'
        ? `転換率(${from} → ${to})${fmtPct(r)}は一般的なB2Bの範囲 ${span}${range.generic ? '(段階を特定できないため汎用の範囲)' : ''}より${side ? '低すぎます — 上流で必要な数が大きく膨らみます' : '高すぎます — 下流の目標が楽観的になります'}。自社の過去実績と照らして確認してください`
        : `Conversion rate ${from} → ${to} of ${fmtPct(r)} is ${side ? 'below' : 'above'} the typical B2B range of ${span}${range.generic ? ' (a generic range: the step is not one the presets know)' : ''} — ${side ? 'it inflates every target above it' : 'it makes the targets below it optimistic'}; check it against your own history`);
    });
  }

  // KPI-level checks that need each KPI's target.
  const volumes = rawFunnel(plan);
  const weights = Array.isArray(plan.seasonality) && plan.seasonality.length === 12 && plan.seasonality.every((w) => isNum(w) && w >= 0)
    && (plan.seasonality as number[]).reduce((a, b) => a + b, 0) > 0 ? (plan.seasonality as number[]) : new Array<number>(12).fill(1);
  const wsum = weights.reduce((a, b) => a + b, 0);
  for (const { kpi, name, path } of kpis) {
    const average = kpi.aggregate === 'average';
    const lower = kpi.direction === 'lower';
    const stageTarget = !average && volumes && isNum(kpi.stage) && Number.isInteger(kpi.stage) ? volumes[kpi.stage] : undefined;
    const hand = isNum(kpi.target) && kpi.target > 0 ? kpi.target : undefined;
    const target = hand ?? stageTarget;

    // Relevant: a hand-entered target that disagrees with the funnel.
    if (hand !== undefined && stageTarget !== undefined && stageTarget > 0 && Math.abs(hand - stageTarget) / stageTarget > BACKCALC_TOLERANCE) {
      const diff = (hand - stageTarget) / stageTarget;
      const stageName = isObj(funnel) && Array.isArray(funnel.stages) ? String((isObj(funnel.stages[kpi.stage as number]) ? (funnel.stages[kpi.stage as number] as Obj).name : funnel.stages[kpi.stage as number]) ?? '') : '';
      const sign = diff > 0 ? '+' : '';
      add('relevant', `${path}.target`, l === 'ja'
        ? `KPI${q(name, l)}の目標 ${fmtNum(hand)} が、KGIからファネル段階${q(stageName, l)}に逆算した ${fmtNum(stageTarget)} と${sign}${fmtPct(diff)}ずれています(許容 ±${fmtPct(BACKCALC_TOLERANCE)}) — 逆算値を使うか、KGI・転換率を見直してKGIとつながる数字にしてください`
        : `KPI ${q(name, l)}: the target ${fmtNum(hand)} is ${sign}${fmtPct(diff)} off the ${fmtNum(stageTarget)} the funnel back-calculates for stage ${q(stageName, l)} from the KGI (tolerance ±${fmtPct(BACKCALC_TOLERANCE)}) — use the back-calculated number, or change the KGI or the rates so the KPI leads to the KGI`, name);
    }

    // Achievable: growth over the KPI's own baseline.
    if (target !== undefined && isNum(kpi.baseline) && kpi.baseline > 0) {
      const ratio = lower ? kpi.baseline / target : target / kpi.baseline;
      if (ratio > MAX_GROWTH) {
        add('achievable', `${path}.target`, l === 'ja'
          ? `KPI${q(name, l)}の目標 ${fmtNum(target)} は前年実績 ${fmtNum(kpi.baseline)} ${lower ? `の半分未満です(${fmtNum(Number(ratio.toFixed(2)))}分の1)` : `の${fmtNum(Number(ratio.toFixed(2)))}倍です`} — 1年でこれほどの改善は達成可能と思われにくいため、目標を見直すか段階的な目標にしてください`
          : `KPI ${q(name, l)}: the target ${fmtNum(target)} ${lower ? `is less than half of last year's ${fmtNum(kpi.baseline)}` : `is ${fmtNum(Number(ratio.toFixed(2)))}× last year's ${fmtNum(kpi.baseline)}`} — a change that large in one year is rarely seen as achievable; lower the target or step it up over time`, name);
      }
    }

    // Achievable: a monthly target that jumps far above the recent run rate.
    if (target !== undefined && Array.isArray(kpi.recentActuals)) {
      const recent = kpi.recentActuals.filter((v): v is number => isNum(v) && v >= 0);
      if (recent.length === 0) continue;
      const runRate = recent.reduce((a, b) => a + b, 0) / recent.length;
      const monthly = weights.map((w) => (average ? target : (target * w) / wsum));
      const peak = lower ? Math.min(...monthly) : Math.max(...monthly);
      const month = monthly.indexOf(peak);
      const jump = lower ? (peak > 0 ? runRate / peak : Infinity) : runRate > 0 ? peak / runRate : Infinity;
      if (!(jump > MAX_RUN_RATE_JUMP)) continue;
      const n = recent.length;
      const rr = fmtNum(Number(runRate.toPrecision(6)));
      const pk = fmtNum(Number(peak.toPrecision(6)));
      const times = fmtNum(Number(jump.toFixed(2)));
      const when = average ? null : monthName(plan, month, l);
      const msg = l === 'ja'
        ? `KPI${q(name, l)}の月間目標 ${pk}${when ? `(${when}、最も${lower ? '低い' : '高い'}月)` : ''}が、直近${n}か月の実績ペース 月${rr} ${
            lower ? 'の半分を下回っています — 一度にここまで下げるのは達成可能と思われにくいため、直近の水準に近い目標から段階的に下げてください'
            : `${runRate > 0 ? `の${times}倍です` : 'から大きく跳ね上がっています'} — ${average ? 'いきなりこの水準は達成可能と思われにくいため、届く水準に目標を見直してください' : 'いきなりこの水準は達成可能と思われにくいため、施策の立ち上がりに合わせて季節変動で段階的に引き上げるか、目標を見直してください'}`}`
        : `KPI ${q(name, l)}: the monthly target ${pk}${when ? ` (${when}, the ${lower ? 'lowest' : 'highest'} month)` : ''} ${
            lower ? `is below half the recent run rate of ${rr} a month (last ${n} months) — cutting that far at once is rarely achievable; start from a target nearer the recent level and step it down`
            : `${runRate > 0 ? `is ${times}× the recent run rate of ${rr} a month` : 'jumps far above recent actuals of 0 a month'} (last ${n} months) — ${average ? 'a jump like that is rarely achievable at once; set a level you can reach' : 'ramp it up with the seasonality weights as your actions take effect, or lower the target'}`}`;
      add('achievable', `${path}.recentActuals`, msg, name);
    }
  }
}
