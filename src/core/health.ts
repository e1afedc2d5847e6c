// The plan health check: the seed article's three criteria — 定量性 (quantitative), 達成可能性
// (achievable), 関連性 (relevant) — as findings a marketer can act on, in the plan's language.
// Errors are exactly the problems validatePlan refuses (see validate.ts); warnings are advice on a
// plan without errors, written by the same `issue` machinery. Pure, and never throws: anything
// malformed becomes an error finding.
import { show } from './num';
import type { Lang, Plan } from './plan';
import { typicalRange } from './presets';
import { fiscalMonths } from './report';
import { type SourceFacts, sourceWarnings } from './source-health';
import { checked, funnelTargets, isObj, issue, kgiTarget, named, planKpis, T, type Criterion, type PlanIssue, type Text } from './validate';

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
 * 'en'. A plan with errors gets its errors (plan order); a plan without, its warnings (quantitative,
 * achievable, relevant). `sources`: what the workbook says about the plan's data links (the server's
 * linkFacts in src/server/sources.ts); without it, links are not judged.
 */
export function checkPlan(plan: unknown, lang?: Lang, sources?: SourceFacts): HealthResult {
  let l: Lang = 'en';
  let issues: PlanIssue[];
  try {
    l = lang === 'ja' || lang === 'en' ? lang : isObj(plan) && plan.locale === 'ja' ? 'ja' : 'en';
    const rank = { quantitative: 0, achievable: 1, relevant: 2 };
    const { issues: errors, copy } = checked(plan);
    issues = copy ? [...warnings(copy), ...sourceWarnings(copy, sources)].sort((a, b) => rank[a.criterion] - rank[b.criterion]) : errors;
  } catch (e) {
    const m = (e as Error).message;
    issues = [issue('plan', plan, 'quantitative', T('Plan|計画'), [`could not be checked (${m})`, `をチェックできません(${m})`])];
  }
  return { findings: issues.map(({ level, criterion, path, kpi, text }) => ({ level, criterion, ...(kpi === undefined ? {} : { kpi }), path, message: text[l] })) };
}

/** The findings about one KPI (by its place in the plan), e.g. to mark it on the KPI Tree. */
export function kpiFindings(result: HealthResult, ksfIndex: number, kpiIndex: number): Finding[] {
  const p = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}]`;
  return result.findings.filter((f) => f.path !== undefined && (f.path === p || f.path.startsWith(p + '.') || f.path.startsWith(p + '[')));
}

/** The warnings of a valid plan, in plan order. */
function warnings(plan: Plan): PlanIssue[] {
  const out: PlanIssue[] = [];
  const warn = (criterion: Criterion, path: string, subject: Text, shown: string | undefined, reason: Text, kpi?: string) =>
    out.push(issue(path, undefined, criterion, subject, reason, kpi, 'warning', shown));
  /** Achievable: a target more than twice (lower is better: under half) last year's value. */
  const growth = (path: string, subject: Text, target: number, base: number | undefined, lower: boolean, kpi?: string) => {
    if (!base || !((lower ? base / target : target / base) > 2)) return;
    const b = fmtNum(base), x = times(target / base);
    warn('achievable', path, subject, fmtNum(target), [
      `is ${x}× last year's ${b} — over 2× in a year is rarely achievable; revise or phase it`,
      `は前年実績 ${b} の${x}倍です — 1年で2倍超の変化は困難です。見直すか段階的にしてください`,
    ], kpi);
  };

  const { kgi, funnel: { stages, rates, preset }, seasonality } = plan;
  const KGI = T('KGI|KGI');
  growth(kgi.target === undefined ? 'plan.kgi.growthRate' : 'plan.kgi.target', named(KGI, 'target'), kgiTarget(plan), kgi.baseline, false);

  // Achievable: conversion rates outside typical B2B ranges.
  rates.forEach((r, i) => {
    const { min, max } = typicalRange(i, stages, preset);
    if (r >= min && r <= max) return;
    const step = `${stages[i].name} → ${stages[i + 1].name}`, span = `${fmtPct(min)}–${fmtPct(max)}`;
    const [en, ja] = r < min ? ['below', '低'] : ['above', '高'];
    warn('achievable', `plan.funnel.rates[${i}]`, [`Conversion rate ${step}`, `転換率(${step})`], fmtPct(r), [
      `is ${en} the typical B2B range of ${span} — check it against your own history`,
      `は一般的なB2Bの範囲 ${span}より${ja}すぎます — 自社の実績で確認してください`,
    ]);
  });

  const volumes = funnelTargets(plan);
  const weights = seasonality ?? new Array<number>(12).fill(1);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const months = fiscalMonths(plan);
  plan.ksfs.forEach((s, i) => {
    // Relevant: a KSF nothing measures.
    if (!s.kpis.length) warn('relevant', `plan.ksfs[${i}].kpis`, [`KSF "${s.name}" KPIs`, `KSF「${s.name}」のKPI`], '[]', T('— add a KPI that measures it, or remove the KSF|— 測るKPIを追加するか、KSFを削除してください'));
  });
  for (const { kpi: k, ksfIndex, kpiIndex } of planKpis(plan)) {
    const path = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}]`, name = k.name;
    const who: Text = [`KPI "${name}"`, `KPI「${name}」`];
    // Quantitative: a KPI without a unit.
    if (!k.unit?.trim()) warn('quantitative', `${path}.unit`, named(who, 'unit'), undefined, T('— add one (e.g. leads, USD, %)|— 件・円・% など単位を入力してください'), name);

    const average = k.aggregate === 'average', lower = k.direction === 'lower';
    const fromStage = k.stage === undefined ? undefined : volumes[k.stage];
    const target = k.target ?? fromStage;
    if (target === undefined) continue;

    // Relevant: a hand-entered target more than 10% off the funnel's back-calculation.
    const diff = k.target !== undefined && fromStage ? (k.target - fromStage) / fromStage : 0;
    if (Math.abs(diff) > 0.1) {
      const d = `${diff > 0 ? '+' : ''}${fmtPct(diff)}`, f = fmtNum(fromStage!), st = stages[k.stage!].name;
      warn('relevant', `${path}.target`, named(who, 'target'), fmtNum(target), [
        `is ${d} off the funnel's ${f} for stage "${st}" — use ${f}, or revise the KGI or the rates`,
        `はファネル段階「${st}」の逆算値 ${f} と${d}ずれています — 逆算値を使うか、KGI・転換率を見直してください`,
      ], name);
    }

    growth(`${path}.target`, named(who, 'target'), target, k.baseline, lower, name);

    // Achievable: a monthly target more than twice (lower is better: under half) the recent run rate.
    const recent = (k.recentActuals ?? []).filter((v): v is number => v !== '');
    const n = recent.length;
    if (!n) continue;
    const run = recent.reduce((a, b) => a + b, 0) / n;
    const monthly = weights.map((w) => (average ? target : (target * w) / wsum));
    const peak = lower ? Math.min(...monthly) : Math.max(...monthly);
    if (!((lower ? run / peak : peak / run) > 2)) continue;
    const rr = fmtNum(Number(run.toPrecision(6))), x = run ? times(peak / run) : '∞';
    warn('achievable', `${path}.recentActuals`, [`${who[0]} monthly target`, `${who[1]}の月間目標`], fmtNum(Number(peak.toPrecision(6))) + (average ? '' : ` (${months[monthly.indexOf(peak)].key})`), [
      `is ${x}× the recent run rate of ${rr} a month (last ${n} months) — step it over the months or revise the target`,
      `は直近${n}か月の実績ペース 月${rr} の${x}倍です — 段階的にするか見直してください`,
    ], name);
  }
  return out;
}
