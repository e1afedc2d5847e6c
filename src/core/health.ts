// The plan health check: the seed article's three criteria — 定量性 (quantitative), 達成可能性
// (achievable), 関連性 (relevant) — as findings a marketer can act on, in the plan's language.
// Errors are exactly the problems validatePlan refuses (see validate.ts); warnings are advice on a
// plan without errors, made by the same `planIssue` (as catalogue phrases). Pure, and never throws: anything
// malformed becomes an error finding.
import { figure, percent, phrase, type Phrase, type PhraseArg } from '../messages/phrase';
import { isLang } from './locale';
import type { Lang, Plan } from './plan';
import { typicalRange } from './presets';
import { fiscalMonths } from './report';
import {
  checked,
  fieldOf,
  funnelTargets,
  isObj,
  issueText,
  kgiTarget,
  namedKpiSubject,
  namedKsfSubject,
  planIssue,
  planKpis,
  rateSubject,
  SUBJECTS,
  type Criterion,
  type PlanIssue,
} from './validate';

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

const CRITERION_ORDER: Record<Criterion, number> = { quantitative: 0, achievable: 1, relevant: 2 };

/** The language findings are written in: `lang` when it is one, else the plan's, else English. */
function findingLang(plan: unknown, lang: Lang | undefined): Lang {
  if (isLang(lang)) return lang;
  return isObj(plan) && isLang(plan.locale) ? plan.locale : 'en';
}

/**
 * Checks a plan (any JSON) against the three criteria. `lang` defaults to the plan's locale, else
 * 'en'. A plan with errors gets its errors (plan order); a plan without, its warnings (quantitative,
 * achievable, relevant).
 */
export function checkPlan(plan: unknown, lang?: Lang): HealthResult {
  let language: Lang = 'en';
  let issues: PlanIssue[];
  try {
    language = findingLang(plan, lang);
    const { issues: errors, copy } = checked(plan);
    issues = copy ? warnings(copy).sort((a, b) => CRITERION_ORDER[a.criterion] - CRITERION_ORDER[b.criterion]) : errors;
  } catch (e) {
    const error = (e as Error).message;
    const reason = phrase('plan.reason.uncheckable', { error });
    issues = [planIssue({ path: 'plan', value: plan, criterion: 'quantitative', subject: SUBJECTS.plan, reason })];
  }
  return { findings: issues.map((issue) => toFinding(issue, language)) };
}

function toFinding(issue: PlanIssue, lang: Lang): Finding {
  const { level, criterion, path, kpi } = issue;
  return { level, criterion, ...(kpi === undefined ? {} : { kpi }), path, message: issueText(issue, lang) };
}

/** The findings about one KPI (by its place in the plan), e.g. to mark it on the KPI Tree. */
export function kpiFindings(result: HealthResult, ksfIndex: number, kpiIndex: number): Finding[] {
  const prefix = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}]`;
  const about = (path: string) => path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[');
  return result.findings.filter((finding) => finding.path !== undefined && about(finding.path));
}

/** How far a target may be from last year's value or the recent run rate: twice (lower is better: half). */
const MAX_CHANGE = 2;
/** How far a hand-entered target may be from the funnel's back-calculation: 10%. */
const MAX_FUNNEL_GAP = 0.1;

interface WarningSpec {
  criterion: Criterion;
  path: string;
  subject: Phrase;
  /** The value as the message shows it (a computed target, a rate). */
  shown: PhraseArg;
  reason: Phrase;
  kpi?: string;
}

/** The warnings of a valid plan, in plan order. */
function warnings(plan: Plan): PlanIssue[] {
  const out: PlanIssue[] = [];
  const warn = (spec: WarningSpec) => out.push(planIssue({ ...spec, level: 'warning', value: undefined }));
  const context = { plan, warn };
  warnKgiGrowth(context);
  warnRatesOutsideRange(context);
  warnKsfsWithoutKpi(context);
  warnKpis(context);
  return out;
}

interface WarningContext {
  plan: Plan;
  warn: (spec: WarningSpec) => void;
}

/** Achievable: a target more than twice (lower is better: under half) last year's value. */
function warnGrowth(
  { warn }: WarningContext,
  where: { path: string; subject: Phrase; kpi?: string },
  target: number,
  baseline: number | undefined,
  lowerIsBetter: boolean,
): void {
  if (!baseline || !((lowerIsBetter ? baseline / target : target / baseline) > MAX_CHANGE)) return;
  const reason = phrase(lowerIsBetter ? 'health.cut' : 'health.growth', {
    ratio: figure(target / baseline),
    base: figure(baseline),
  });
  warn({ criterion: 'achievable', ...where, shown: figure(target), reason });
}

function warnKgiGrowth(context: WarningContext): void {
  const { kgi } = context.plan;
  const path = kgi.target === undefined ? 'plan.kgi.growthRate' : 'plan.kgi.target';
  const where = { path, subject: fieldOf(SUBJECTS.kgi, 'target') };
  warnGrowth(context, where, kgiTarget(context.plan), kgi.baseline, false);
}

/** Achievable: conversion rates outside the typical B2B range of their step. */
function warnRatesOutsideRange({ plan, warn }: WarningContext): void {
  const { stages, rates, preset } = plan.funnel;
  rates.forEach((rate, i) => {
    const { min, max } = typicalRange(i, stages, preset);
    if (rate >= min && rate <= max) return;
    const range = { min: percent(min), max: percent(max) };
    const reason = phrase(rate < min ? 'health.rateBelow' : 'health.rateAbove', range);
    const where = { path: `plan.funnel.rates[${i}]`, subject: rateSubject(stages, i) };
    warn({ criterion: 'achievable', ...where, shown: percent(rate), reason });
  });
}

/** Relevant: a KSF nothing measures. */
function warnKsfsWithoutKpi({ plan, warn }: WarningContext): void {
  plan.ksfs.forEach((ksf, i) => {
    if (ksf.kpis.length) return;
    const subject = fieldOf(namedKsfSubject(ksf.name), 'kpis');
    warn({ criterion: 'relevant', path: `plan.ksfs[${i}].kpis`, subject, shown: '[]', reason: phrase('health.noKpi') });
  });
}

function warnKpis(context: WarningContext): void {
  const { plan, warn } = context;
  const volumes = funnelTargets(plan);
  const weights = plan.seasonality ?? new Array<number>(12).fill(1);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const months = fiscalMonths(plan);
  for (const { kpi, ksfIndex, kpiIndex } of planKpis(plan)) {
    const path = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}]`;
    const name = kpi.name;
    const subject = namedKpiSubject(name);
    // Quantitative: a KPI without a unit.
    if (!kpi.unit?.trim()) {
      const unit = { criterion: 'quantitative', path: `${path}.unit`, subject: fieldOf(subject, 'unit') } as const;
      warn({ ...unit, shown: phrase('plan.value.missing'), reason: phrase('health.noUnit'), kpi: name });
    }

    const lowerIsBetter = kpi.direction === 'lower';
    const fromStage = kpi.stage === undefined ? undefined : volumes[kpi.stage];
    const target = kpi.target ?? fromStage;
    if (target === undefined) continue;

    const targetField = { path: `${path}.target`, subject: fieldOf(subject, 'target'), kpi: name };
    // Relevant: a hand-entered target more than 10% off the funnel's back-calculation.
    const gap = kpi.target !== undefined && fromStage ? (kpi.target - fromStage) / fromStage : 0;
    if (Math.abs(gap) > MAX_FUNNEL_GAP) {
      const reason = phrase('health.offFunnel', {
        diff: percent(gap, true),
        funnel: figure(fromStage!),
        stage: plan.funnel.stages[kpi.stage!].name,
      });
      warn({ criterion: 'relevant', ...targetField, shown: figure(target), reason });
    }

    warnGrowth(context, targetField, target, kpi.baseline, lowerIsBetter);

    // Achievable: a monthly target more than twice (lower is better: under half) the recent run rate.
    const recent = (kpi.recentActuals ?? []).filter((v): v is number => v !== '');
    if (!recent.length) continue;
    const runRate = recent.reduce((a, b) => a + b, 0) / recent.length;
    const average = kpi.aggregate === 'average';
    const monthly = weights.map((w) => (average ? target : (target * w) / weightSum));
    const peak = lowerIsBetter ? Math.min(...monthly) : Math.max(...monthly);
    if (!((lowerIsBetter ? runRate / peak : peak / runRate) > MAX_CHANGE)) continue;
    const { year, month } = months[monthly.indexOf(peak)];
    const monthName = phrase('date.monthYear', { year: String(year), month: String(month) });
    const shown = average ? figure(peak) : phrase('health.peak', { amount: figure(peak), month: monthName });
    const reason = phrase('health.runRate', {
      ratio: runRate ? figure(peak / runRate) : '∞',
      rate: figure(runRate),
      n: String(recent.length),
    });
    const where = { path: `${path}.recentActuals`, subject: fieldOf(subject, 'monthlyTarget'), kpi: name };
    warn({ criterion: 'achievable', ...where, shown, reason });
  }
}
