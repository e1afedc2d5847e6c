// The plan health check: the seed article's three criteria — 定量性 (quantitative), 達成可能性
// (achievable), 関連性 (relevant) — as findings a marketer can act on, in the plan's language.
// Errors are exactly the problems validatePlan refuses (see validate.ts); warnings are advice,
// written by the same `issue` machinery. Pure, and never throws: anything malformed becomes an error finding.
import { funnelVolumes } from './funnel';
import { show } from './num';
import type { Lang } from './plan';
import { typicalRange, type PresetId } from './presets';
import { monthLabel } from './report';
import { isNum, isObj, issue, planIssues, quote, stageName, T, type Criterion, type PlanIssue, type Text } from './validate';

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

/** 1234567.5 → "1,234,567.5", 20.83333 → "20.8333" (no locale dependence). */
export function fmtNum(x: number): string {
  const s = show(Number.isInteger(x) ? x : Math.abs(x) >= 100 ? Math.round(x * 100) / 100 : Number(x.toPrecision(6)));
  return /e/.test(s) ? s : s.replace(/^-?\d+/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));
}
/** 0.025 → "2.5%". */
export const fmtPct = (x: number): string => `${show(Number((x * 100).toPrecision(3)))}%`;
/** A ratio as messages show it: 2.5, 3.47. */
const times = (x: number) => fmtNum(Number(x.toFixed(2)));

/**
 * Checks a plan (any JSON) against the three criteria. `lang` defaults to the plan's locale, else
 * 'en'. Order: errors (in plan order), then warnings (quantitative, achievable, relevant).
 */
export function checkPlan(plan: unknown, lang?: Lang): HealthResult {
  const l: Lang = lang === 'ja' || lang === 'en' ? lang : isObj(plan) && plan.locale === 'ja' ? 'ja' : 'en';
  const rank = { quantitative: 0, achievable: 1, relevant: 2 };
  let issues: PlanIssue[];
  try {
    issues = [...planIssues(plan), ...(isObj(plan) ? warnings(plan) : []).sort((a, b) => rank[a.criterion] - rank[b.criterion])];
  } catch (e) {
    issues = [issue('plan', plan, 'quantitative', T('Plan|計画'), [`could not be checked (${(e as Error).message})`, `をチェックできませんでした(${(e as Error).message})`])];
  }
  return { findings: issues.map(({ level, criterion, path, kpi, text }) => (kpi === undefined ? { level, criterion, path, message: text[l] } : { level, criterion, kpi, path, message: text[l] })) };
}

/** The findings about one KPI (by its place in the plan), e.g. to mark it on the KPI Tree. */
export function kpiFindings(result: HealthResult, ksfIndex: number, kpiIndex: number): Finding[] {
  const p = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}]`;
  return result.findings.filter((f) => f.path !== undefined && (f.path === p || f.path.startsWith(p + '.') || f.path.startsWith(p + '[')));
}

type Obj = Record<string, unknown>;

/** The KGI's annual target from raw input, or undefined when it cannot be worked out. */
function rawKgiTarget(kgi: Obj): number | undefined {
  if (isNum(kgi.target)) return kgi.target;
  if (isNum(kgi.baseline) && isNum(kgi.growthRate)) return Number((kgi.baseline * (1 + kgi.growthRate)).toPrecision(12));
}

/** The warnings of a plan (plan order), whatever shape it is in. */
function warnings(plan: Obj): PlanIssue[] {
  const out: PlanIssue[] = [];
  const warn = (criterion: Criterion, path: string, subject: Text, shown: string, reason: Text, kpi?: string) =>
    out.push(issue(path, undefined, criterion, subject, reason, kpi, 'warning', shown));

  // The KPIs (named ones, in plan order) and the KSFs nothing measures (relevant).
  const kpis: { kpi: Obj; name: string; path: string }[] = [];
  const collect = (list: unknown, path: string) =>
    Array.isArray(list) && list.forEach((k, j) => isObj(k) && typeof k.name === 'string' && k.name.trim() && kpis.push({ kpi: k, name: k.name, path: `${path}[${j}]` }));
  (Array.isArray(plan.ksfs) ? plan.ksfs : []).forEach((s, i) => {
    if (!isObj(s)) return;
    collect(s.kpis, `plan.ksfs[${i}].kpis`);
    if (typeof s.name === 'string' && s.name.trim() && (s.kpis == null || (Array.isArray(s.kpis) && !s.kpis.length))) {
      const [en, ja] = quote(s.name);
      warn('relevant', `plan.ksfs[${i}].kpis`, [`KSF ${en} KPIs`, `KSF${ja}のKPI`], '[]', T('— add a KPI that measures it each month, or remove the KSF|— 毎月数字で測れるKPIを追加するか、KSFを削除してください'));
    }
  });
  collect(plan.kpis, 'plan.kpis');

  const who = (name: string, field: string): Text => {
    const [en, ja] = quote(name), [fe, fj] = T(field);
    return [`KPI ${en} ${fe}`, `KPI${ja}の${fj}`];
  };
  const TARGET = 'target|目標';
  const HINT = T(' — lower the target or step it up over time| — 目標を見直すか、段階的な目標にしてください');

  // Quantitative: a KPI without a unit.
  for (const { kpi, name, path } of kpis) {
    if (kpi.unit == null || (typeof kpi.unit === 'string' && !kpi.unit.trim())) {
      out.push(issue(`${path}.unit`, kpi.unit ?? undefined, 'quantitative', who(name, 'unit|単位'),
        T('— add one (e.g. leads, USD, %) so everyone reads the number the same way|— 「件」「円」「%」など単位を入力してください'), name, 'warning'));
    }
  }

  // Achievable: KGI growth over last year.
  const kgi = isObj(plan.kgi) ? plan.kgi : {};
  const kgiTarget = rawKgiTarget(kgi);
  if (isNum(kgi.baseline) && kgi.baseline > 0 && kgiTarget !== undefined && kgiTarget / kgi.baseline > 2) {
    const g = kgi.growthRate;
    const given = kgi.target !== undefined;
    const hint = !given && isNum(g) && g >= 1 && g <= 100 ? [` If you meant ${show(g)}% growth, enter ${show(g / 100)}.`, `成長率を${show(g)}%のつもりで入力したなら ${show(g / 100)} と入力してください。`] : ['', ''];
    const base = fmtNum(kgi.baseline), x = times(kgiTarget / kgi.baseline);
    warn('achievable', given ? 'plan.kgi.target' : 'plan.kgi.growthRate', T('KGI target|KGIの目標'), fmtNum(kgiTarget), [
      `is ${x}× last year's ${base} — more than doubling in a year is rarely achievable; lower the growth rate or spread it over years.${hint[0]}`,
      `は前年実績 ${base} の${x}倍です — 1年で2倍を超える成長は達成可能と思われにくいため、成長率を見直すか複数年に分けてください。${hint[1]}`,
    ]);
  }

  // Achievable: conversion rates far from typical B2B ranges (rates outside (0, 1] are errors already).
  const funnel = isObj(plan.funnel) ? plan.funnel : {};
  const stages = Array.isArray(funnel.stages) ? funnel.stages.map((_, i, all) => ({ name: stageName(all, i) })) : [];
  if (Array.isArray(funnel.rates)) {
    funnel.rates.forEach((r: unknown, i) => {
      if (!isNum(r) || r <= 0 || r > 1 || i + 1 >= stages.length) return;
      const { min, max, generic } = typicalRange(i, stages, funnel.preset as PresetId);
      if (r >= min && r <= max) return;
      const names = `${stages[i].name} → ${stages[i + 1].name}`, span = `${fmtPct(min)}–${fmtPct(max)}`, low = r < min;
      warn('achievable', `plan.funnel.rates[${i}]`, [`Conversion rate ${names}`, `転換率(${names})`], fmtPct(r), [
        `is ${low ? 'below' : 'above'} the typical B2B range of ${span}${generic ? ' (a generic range: the step is not one the presets know)' : ''} — ${low ? 'it inflates every target above it' : 'it makes the targets below it optimistic'}; check it against your own history`,
        `は一般的なB2Bの範囲 ${span}${generic ? '(段階を特定できないため汎用の範囲)' : ''}より${low ? '低すぎます — 上流で必要な数が膨らみます' : '高すぎます — 下流の目標が楽観的になります'}。自社の実績と照らして確認してください`,
      ]);
    });
  }

  // KPI-level checks that need each KPI's target: from the funnel back-calculation when it computes.
  let volumes: number[] | undefined;
  const rates = Array.isArray(funnel.rates) ? funnel.rates : [];
  const uv = kgi.unit === 'currency' ? kgi.unitValue : undefined;
  try {
    if (kgiTarget !== undefined && (uv === undefined || isNum(uv)) && rates.length === stages.length - 1 && rates.every(isNum)) volumes = funnelVolumes(kgiTarget, rates, uv);
  } catch {
    // the funnel does not compute (an error already): no stage-based checks
  }
  const season = plan.seasonality;
  const weights = Array.isArray(season) && season.length === 12 && season.every((w) => isNum(w) && w >= 0) && season.some((w) => w > 0) ? (season as number[]) : new Array<number>(12).fill(1);
  const wsum = weights.reduce((a, b) => a + b, 0);
  for (const { kpi, name, path } of kpis) {
    const average = kpi.aggregate === 'average';
    const lower = kpi.direction === 'lower';
    const stage = kpi.stage as number;
    const fromStage = !average && Number.isInteger(stage) ? volumes?.[stage] : undefined;
    const hand = isNum(kpi.target) && kpi.target > 0 ? kpi.target : undefined;
    const target = hand ?? fromStage;

    // Relevant: a hand-entered target that disagrees with the funnel by more than 10%.
    const diff = hand !== undefined && fromStage ? (hand - fromStage) / fromStage : 0;
    if (Math.abs(diff) > 0.1) {
      const d = `${diff > 0 ? '+' : ''}${fmtPct(diff)}`, v = fmtNum(fromStage!), [se, sj] = quote(stageName(funnel.stages as unknown[], stage));
      warn('relevant', `${path}.target`, who(name, TARGET), fmtNum(hand!), [
        `is ${d} off the ${v} the funnel back-calculates for stage ${se} from the KGI (tolerance ±10%) — use ${v}, or change the KGI or the rates so the KPI leads to the KGI`,
        `が、KGIからファネル段階${sj}に逆算した ${v} と${d}ずれています(許容 ±10%) — 逆算値を使うか、KGI・転換率を見直してください`,
      ], name);
    }

    // Achievable: growth over the KPI's own baseline.
    const base = kpi.baseline;
    if (target !== undefined && isNum(base) && base > 0 && (lower ? base / target : target / base) > 2) {
      const b = fmtNum(base), x = times(target / base);
      warn('achievable', `${path}.target`, who(name, TARGET), fmtNum(target), [
        `${lower ? `is less than half of last year's ${b}` : `is ${x}× last year's ${b}`}${HINT[0]}`,
        `は前年実績 ${b} ${lower ? 'の半分未満です' : `の${x}倍です`}${HINT[1]}`,
      ], name);
    }

    // Achievable: a monthly target that jumps far above (lower is better: below) the recent run rate.
    const recent = Array.isArray(kpi.recentActuals) ? kpi.recentActuals.filter((v): v is number => isNum(v) && v >= 0) : [];
    if (target === undefined || !recent.length) continue;
    const n = recent.length;
    const run = recent.reduce((a, b) => a + b, 0) / n;
    const monthly = weights.map((w) => (average ? target : (target * w) / wsum));
    const peak = lower ? Math.min(...monthly) : Math.max(...monthly);
    const jump = lower ? run / peak : peak / run;
    if (!(jump > 2)) continue;
    const month = monthly.indexOf(peak);
    const fy = isObj(plan.fiscalYear) ? plan.fiscalYear : {};
    const start = Number.isInteger(fy.startMonth) && (fy.startMonth as number) >= 1 && (fy.startMonth as number) <= 12 ? (fy.startMonth as number) : plan.locale === 'ja' ? 4 : 1;
    const when = (l: Lang) => (average ? '' : l === 'ja' ? `(${monthLabel(((start - 1 + month) % 12) + 1, l)}、最も${lower ? '低い' : '高い'}月)` : `(${monthLabel(((start - 1 + month) % 12) + 1, l)}, the ${lower ? 'lowest' : 'highest'} month) `);
    const rr = fmtNum(Number(run.toPrecision(6))), x = times(jump);
    warn('achievable', `${path}.recentActuals`, who(name, 'monthly target|月間目標'), fmtNum(Number(peak.toPrecision(6))), [
      `${when('en')}${lower ? 'is below half' : run ? `is ${x}×` : 'jumps far above'} the recent run rate of ${rr} a month (last ${n} months) — ${lower ? 'start nearer the recent level and step it down' : 'ramp it up over the months as your actions take effect, or lower the target'}`,
      `${when('ja')}が、直近${n}か月の実績ペース 月${rr} ${lower ? 'の半分を下回っています — 直近の水準に近い目標から段階的に下げてください' : `${run ? `の${x}倍です` : 'から大きく跳ね上がっています'} — 段階的に引き上げるか、目標を見直してください`}`,
    ], name);
  }
  return out;
}
