// Plan validation and normalisation: the one place that decides whether a plan JSON can be
// built, and the shared definitions of the KGI target and the funnel targets (so the workbook,
// the report and the health check agree). Pure; no Apps Script.
//
// Every problem is a PlanIssue made by `planIssue` (shared with the health check's warnings): the
// field path, the value received, and its words as catalogue phrases (src/messages), said in any
// language by `issueText`: the field in words (`Conversion rate Leads → Won: 1.4 is above 1 — …`).
// The developer message names the path (`plan.funnel.rates[1]: 1.4 is above 1 — …`). validatePlan
// throws a PlanError carrying them; checkPlan (health.ts) turns them into error findings, so the
// two always agree.
import { t, type ServerKey } from '../messages';
import { phrase, say, type Phrase, type PhraseArg } from '../messages/phrase';
import { funnelVolumes, MAX_STAGES } from './funnel';
import { FIELD_RULES, PLAN_FIELD_KINDS, ruleProblem, type FieldKind, type PlanNumberField } from './fields';
import { DEFAULT_THRESHOLDS, defaultCurrency, defaultStartMonth } from './locale';
import { decimalOf, MAX_AMOUNT, show } from './num';
import type { Kgi, Kpi, Ksf, Lang, Plan } from './plan';

export type Criterion = 'quantitative' | 'achievable' | 'relevant';

export interface PlanIssue {
  level: 'error' | 'warning';
  /** Field path, e.g. `plan.ksfs[0].kpis[2].stage`. */
  path: string;
  /** The value received (undefined when missing). */
  value: unknown;
  criterion: Criterion;
  /** The KPI's name when the problem is about one KPI. */
  kpi?: string;
  /** Developer message: path, value, what is wrong (English). */
  message: string;
  /** What the issue is about, in words: `KPI "Leads" target`. */
  subject: Phrase;
  /** The value and what is wrong with it, what to change (its `{value}` is the value as shown). */
  reason: Phrase;
}

/** The user message of an issue in `lang`: the field in words, the value, what to change. */
export const issueText = (issue: PlanIssue, lang: string): string =>
  t(lang, 'plan.finding', { subject: say(lang, issue.subject), reason: say(lang, issue.reason) });

/** Thrown by validatePlan/normalizePlan: `message` lists every issue, one per line. */
export class PlanError extends Error {
  name = 'PlanError';
  constructor(readonly issues: PlanIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

export interface NormalizedKpi extends Kpi {
  unit: string;
  owner: string;
  direction: 'higher' | 'lower';
  aggregate: 'sum' | 'average';
}

export interface NormalizedKsf extends Ksf {
  kpis: NormalizedKpi[];
}

/** A valid plan with every default filled in and the KGI target resolved. */
export interface NormalizedPlan extends Plan {
  locale: Lang;
  kgi: Kgi & { target: number };
  ksfs: NormalizedKsf[];
  seasonality: number[];
  thresholds: { warn: number; ok: number };
}

type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** null, undefined and a blank string all mean "not given" for an optional field. */
const absent = (v: unknown) => v == null || (typeof v === 'string' && !v.trim());

/** A value as a message shows it. */
export function showValue(v: unknown, lang: string = 'en'): string {
  if (v === undefined) return t(lang, 'plan.value.missing');
  return shownValue(v);
}

/** A given value as a message shows it, the same in every language: text quoted, numbers as written. */
function shownValue(v: unknown): string {
  if (typeof v === 'number') return show(v);
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** The value as an issue's `{value}` shows it: "missing" in words, else as written. */
const valueArg = (v: unknown): PhraseArg => (v === undefined ? phrase('plan.value.missing') : shownValue(v));

export interface IssueSpec {
  level?: PlanIssue['level'];
  path: string;
  value: unknown;
  criterion: Criterion;
  subject: Phrase;
  reason: Phrase;
  kpi?: string;
  /** How the value reads, when not as received (a computed target, "60.3 in Mar 2026"). */
  shown?: PhraseArg;
}

/** One issue (or warning): "<subject>: <value> <reason>", its `{value}` filled from the value. */
export function planIssue(spec: IssueSpec): PlanIssue {
  const { path, value, criterion, subject, kpi } = spec;
  const reason = phrase(spec.reason.key, { ...spec.reason.params, value: spec.shown ?? valueArg(value) });
  const issue: PlanIssue = {
    level: spec.level ?? 'error',
    path,
    value,
    criterion,
    message: `${path}: ${say('en', reason)}`,
    subject,
    reason,
  };
  if (kpi !== undefined) issue.kpi = kpi;
  return issue;
}

/** The fields named in messages (a key of the plan JSON, or a computed quantity): the catalogue's `plan.field.*` keys. */
export type FieldName = ServerKey extends infer K ? (K extends `plan.field.${infer Name}` ? Name : never) : never;

/** Field `field` of `owner` in words: en `KPI "Leads" target`, ja `KPI「Leads」の目標値`. */
export const fieldOf = (owner: Phrase, field: FieldName): Phrase =>
  phrase('plan.whose', { who: owner, field: phrase(`plan.field.${field}`) });

/** Element `index` of a monthly list: en `… month 3`, ja `…の3か月目`. */
const monthOf = (owner: Phrase, index: number): Phrase => phrase('plan.monthOf', { who: owner, n: String(index + 1) });

/** The parts of a plan named in messages: each is the catalogue's `plan.who.<name>`. */
const SUBJECT_NAMES = [
  'plan',
  'fiscalYear',
  'kgi',
  'funnel',
  'stages',
  'rates',
  'ksfs',
  'kpi',
  'seasonality',
  'thresholds',
] as const;
export const SUBJECTS = Object.fromEntries(SUBJECT_NAMES.map((name) => [name, phrase(`plan.who.${name}`)])) as Record<
  (typeof SUBJECT_NAMES)[number],
  Phrase
>;

/** A funnel stage by its place (1 for the first). */
const stageSubject = (index: number): Phrase => phrase('plan.who.stage', { n: String(index + 1) });
/** The conversion rate from stage `index` to the next, by the stages' names. */
export const rateSubject = (stages: unknown, index: number): Phrase =>
  phrase('plan.who.rate', { from: stageName(stages, index), to: stageName(stages, index + 1) });
/** A KSF by its place (1 for the first). */
const ksfSubject = (index: number): Phrase => phrase('plan.who.ksf', { n: String(index + 1) });
/** A KSF by its name. */
export const namedKsfSubject = (name: string): Phrase => phrase('plan.who.ksfNamed', { name });
/** A KPI by its name. */
export const namedKpiSubject = (name: string): Phrase => phrase('plan.who.kpiNamed', { name });

/** How a given value is checked: text, one of a few choices, or a number by its field rule (fields.ts). */
type Rule = { type: 'text' } | { type: 'choice'; choices: readonly string[] } | { type: 'number'; kind: FieldKind };

const TEXT: Rule = { type: 'text' };
const oneOf = (...choices: string[]): Rule => ({ type: 'choice', choices });
/** The rule of a number field: its kind in the field table (src/core/fields.ts), as the sidebar reads it. */
const numberAt = (field: PlanNumberField): Rule => ({ type: 'number', kind: PLAN_FIELD_KINDS[field] });
const TOO_LARGE = phrase('plan.reason.tooLarge');

/** What is wrong with a value that was given, by `rule` (undefined when nothing). */
function ruleBreak(value: unknown, rule: Rule): Phrase | undefined {
  if (rule.type === 'text') return typeof value === 'string' ? undefined : phrase('plan.reason.notText');
  if (rule.type === 'choice') {
    if (rule.choices.includes(value as string)) return undefined;
    return phrase('plan.reason.notChoice', { choices: { oneOf: rule.choices } });
  }
  if (!isNum(value)) return phrase('plan.reason.notNumber');
  const broken = ruleProblem(rule.kind, value);
  if (!broken) return undefined;
  switch (broken.problem) {
    case 'notNumber':
      return phrase('plan.reason.notNumber');
    case 'notInteger':
      return phrase('plan.reason.notWhole');
    case 'belowMin':
      return phrase(broken.exclusive ? 'plan.reason.notAbove' : 'plan.reason.below', { min: show(broken.bound) });
    case 'aboveMax': {
      const max = broken.bound;
      if (max === MAX_AMOUNT) return TOO_LARGE;
      // A percentage typed as a whole number (80 for 0.8) gets a hint.
      if (FIELD_RULES[rule.kind].percent && value <= max * 100) {
        const hint = { max: show(max), percent: show(value), fraction: show(value / 100) };
        return phrase('plan.reason.percentTyped', hint);
      }
      return phrase('plan.reason.above', { max: show(max) });
    }
  }
}

interface FieldSpec {
  key: FieldName;
  rule: Rule;
  required?: boolean;
  /** How the field is named, when not "<owner> <field>". */
  subject?: Phrase;
}

/** Collects the issues of one plan; `kpi` names the KPI being checked in its issues. */
class IssueCollector {
  readonly issues: PlanIssue[] = [];
  kpi?: string;

  /** An error at `path`; `shown` says how the value reads when not as received. */
  add(
    path: string,
    value: unknown,
    subject: Phrase,
    reason: Phrase,
    criterion: Criterion = 'quantitative',
    shown?: PhraseArg,
  ): void {
    this.issues.push(planIssue({ path, value, criterion, subject, reason, kpi: this.kpi, shown }));
  }

  /**
   * `value` (at `path`, named `subject`) by `rule`: the value when given and valid, else undefined
   * (a missing value is a problem only when `required`).
   */
  check(path: string, value: unknown, subject: Phrase, rule: Rule, required?: boolean, criterion?: Criterion): unknown {
    const missing = absent(value);
    const why = missing ? (required ? phrase('plan.reason.enter') : undefined) : ruleBreak(value, rule);
    if (why) this.add(path, value ?? undefined, subject, why, criterion);
    return why || missing ? undefined : value;
  }

  /** Every field of `specs` into `out` (the valid, given ones); true when none had a problem. */
  fields(object: Obj, path: string, owner: Phrase, specs: FieldSpec[], out: Obj): boolean {
    const before = this.issues.length;
    for (const { key, rule, required, subject } of specs) {
      const value = this.check(`${path}.${key}`, object[key], subject ?? fieldOf(owner, key), rule, required);
      if (value !== undefined) out[key] = value;
    }
    return this.issues.length === before;
  }

  /** Every element of a list by `rule`; true when none had a problem. */
  list(
    items: unknown[],
    path: string,
    subject: (i: number) => Phrase,
    rule: Rule,
    required?: boolean,
    criterion?: Criterion,
  ): boolean {
    const before = this.issues.length;
    items.forEach((v, i) => this.check(`${path}[${i}]`, v, subject(i), rule, required, criterion));
    return this.issues.length === before;
  }

  /** A part of the plan that must be an object (`shape` says its fields): it, or undefined with a problem. */
  object(path: string, value: unknown, subject: Phrase, shape: string, criterion?: Criterion): Obj | undefined {
    if (isObj(value)) return value;
    this.add(path, value ?? undefined, subject, phrase('plan.reason.giveShape', { shape }), criterion);
    return undefined;
  }
}

/**
 * Checks the plan JSON and returns a clean copy (known fields only, blanks/nulls of optional fields
 * dropped, a missing plan name set to the KGI name, a missing fiscal start month set to the
 * language's: April for `ja`, January otherwise). Throws a PlanError naming every bad field and value.
 */
export function validatePlan(plan: unknown): Plan {
  const { issues, copy } = checked(plan);
  if (!copy) throw new PlanError(issues);
  return copy;
}

/** The plan's problems, and its clean copy when there are none (validatePlan's result). Never throws. */
export function checked(plan: unknown): { issues: PlanIssue[]; copy?: Plan } {
  const collector = new IssueCollector();
  let copy: Plan | undefined;
  try {
    copy = checkPlanObject(collector, plan);
  } catch (e) {
    // A getter that throws, a cyclic structure…: report, never throw from here.
    const error = (e as Error).message;
    collector.add('plan', plan, SUBJECTS.plan, phrase('plan.reason.unreadable', { error }));
  }
  return { issues: collector.issues, copy: collector.issues.length ? undefined : copy };
}

/** The name of funnel stage `i` as written (its position when it has none). */
export const stageName = (stages: unknown, i: number): string => {
  const s = Array.isArray(stages) ? stages[i] : undefined;
  return String((isObj(s) ? s.name : s) ?? `#${i + 1}`);
};

/** The plan's checks in order; each adds its issues and writes its valid fields into `out`. */
function checkPlanObject(collector: IssueCollector, plan: unknown): Plan | undefined {
  if (!isObj(plan)) {
    collector.add('plan', plan, SUBJECTS.plan, phrase('plan.reason.notPlan'));
    return undefined;
  }
  const out: Obj = {};
  const topLevel: FieldSpec[] = [
    { key: 'id', rule: TEXT },
    { key: 'name', rule: TEXT },
    { key: 'locale', rule: oneOf('ja', 'en') },
  ];
  collector.fields(plan, 'plan', SUBJECTS.plan, topLevel, out);
  checkFiscalYear(collector, plan, out);
  checkKgi(collector, plan, out);
  const stageCount = checkFunnel(collector, plan, out);
  checkKsfs(collector, plan, out, stageCount);
  checkKpisWithoutKsf(collector, plan);
  checkSeasonality(collector, plan, out);
  checkThresholds(collector, plan, out);
  if (collector.issues.length) return undefined;
  const copy = out as unknown as Plan;
  copy.name ??= copy.kgi.name;
  checkComputedVolumes(collector, copy);
  return copy;
}

function checkFiscalYear(collector: IssueCollector, plan: Obj, out: Obj): void {
  const shape = '{ startYear, startMonth }';
  const fiscalYear = collector.object('plan.fiscalYear', plan.fiscalYear, SUBJECTS.fiscalYear, shape);
  if (!fiscalYear) return;
  const year: Obj = { startMonth: defaultStartMonth(out.locale as Lang | undefined) };
  out.fiscalYear = year;
  collector.fields(
    fiscalYear,
    'plan.fiscalYear',
    SUBJECTS.fiscalYear,
    [
      { key: 'startYear', rule: numberAt('fiscalYear.startYear'), required: true },
      { key: 'startMonth', rule: numberAt('fiscalYear.startMonth') },
    ],
    year,
  );
}

function checkKgi(collector: IssueCollector, plan: Obj, out: Obj): void {
  const kgi = collector.object('plan.kgi', plan.kgi, SUBJECTS.kgi, '{ name, unit, target }');
  if (!kgi) return;
  const copy: Obj = {};
  out.kgi = copy;
  collector.fields(
    kgi,
    'plan.kgi',
    SUBJECTS.kgi,
    [
      { key: 'name', rule: TEXT, required: true },
      { key: 'unit', rule: oneOf('currency', 'count'), required: true },
      { key: 'currency', rule: oneOf('JPY', 'USD', 'EUR') },
      { key: 'target', rule: numberAt('kgi.target') },
      { key: 'baseline', rule: numberAt('kgi.baseline') },
      { key: 'growthRate', rule: numberAt('kgi.growthRate') },
      { key: 'unitValue', rule: numberAt('kgi.unitValue'), required: kgi.unit === 'currency' },
    ],
    copy,
  );
  if (absent(kgi.target) && (absent(kgi.baseline) || absent(kgi.growthRate))) {
    collector.add('plan.kgi.target', undefined, fieldOf(SUBJECTS.kgi, 'target'), phrase('plan.reason.kgiTarget'));
  }
}

/** The funnel's stages and rates; returns the number of stages (0 when there is no funnel). */
function checkFunnel(collector: IssueCollector, plan: Obj, out: Obj): number {
  const funnel = collector.object('plan.funnel', plan.funnel, SUBJECTS.funnel, '{ stages, rates }');
  if (!funnel) return 0;
  const stages = Array.isArray(funnel.stages) ? funnel.stages : [];
  const count = stages.length;
  const copy: Obj = {};
  out.funnel = copy;
  const preset = { key: 'preset', rule: oneOf('standard', 'inquiry', 'event', 'custom') } as const;
  collector.fields(funnel, 'plan.funnel', SUBJECTS.funnel, [preset], copy);
  if (count < 2) collector.add('plan.funnel.stages', funnel.stages, SUBJECTS.stages, phrase('plan.reason.stagesMin'));
  if (count > MAX_STAGES) {
    const shown = phrase('plan.value.stages', { n: String(count) });
    const reason = phrase('plan.reason.stagesMax', { max: String(MAX_STAGES) });
    collector.add('plan.funnel.stages', funnel.stages, SUBJECTS.stages, reason, 'quantitative', shown);
  }
  copy.stages = stages.map((stage, i) => {
    const name = isObj(stage) ? stage.name : stage;
    collector.check(`plan.funnel.stages[${i}].name`, name, fieldOf(stageSubject(i), 'name'), TEXT, true);
    return { name };
  });
  const rates = funnel.rates;
  copy.rates = rates;
  if (!Array.isArray(rates)) {
    collector.add('plan.funnel.rates', rates ?? undefined, SUBJECTS.rates, phrase('plan.reason.notList'));
    return count;
  }
  if (count > 1 && rates.length !== count - 1) {
    const reason = phrase('plan.reason.rateCount', { rates: String(count - 1), stages: String(count) });
    collector.add('plan.funnel.rates', rates, SUBJECTS.rates, reason);
  }
  const rateRule = numberAt('funnel.rates[]');
  collector.list(rates, 'plan.funnel.rates', (i) => rateSubject(stages, i), rateRule, true, 'achievable');
  return count;
}

/** The KSFs and their KPIs (`stageCount`: the funnel's stages, which a KPI's stage must be one of). */
function checkKsfs(collector: IssueCollector, plan: Obj, out: Obj, stageCount: number): void {
  const ksfs = plan.ksfs;
  if (!Array.isArray(ksfs) || !ksfs.length) {
    collector.add('plan.ksfs', ksfs ?? undefined, SUBJECTS.ksfs, phrase('plan.reason.noKsfs'), 'relevant');
    return;
  }
  out.ksfs = ksfs.map((ksf, i) => {
    const path = `plan.ksfs[${i}]`;
    const subject = ksfSubject(i);
    const object = collector.object(path, ksf, subject, '{ name, kpis }', 'relevant');
    if (!object) return undefined;
    const kpis = absent(object.kpis) ? [] : object.kpis;
    if (!Array.isArray(kpis)) {
      collector.add(`${path}.kpis`, kpis, fieldOf(subject, 'kpis'), phrase('plan.reason.notList'), 'relevant');
    }
    const id = collector.check(`${path}.id`, object.id, fieldOf(subject, 'id'), TEXT);
    return {
      ...(absent(id) ? {} : { id }),
      name: collector.check(`${path}.name`, object.name, fieldOf(subject, 'name'), TEXT, true, 'relevant'),
      kpis: Array.isArray(kpis) ? kpis.map((kpi, j) => checkKpi(collector, kpi, `${path}.kpis[${j}]`, stageCount)) : [],
    };
  });
}

/** KPIs not under any KSF: a valid plan has none; each is "a KPI with no KSF". */
function checkKpisWithoutKsf(collector: IssueCollector, plan: Obj): void {
  const kpis = plan.kpis;
  if (absent(kpis)) return;
  (Array.isArray(kpis) ? kpis : [kpis]).forEach((kpi, j) => {
    collector.kpi = isObj(kpi) && typeof kpi.name === 'string' ? kpi.name : undefined;
    collector.add(`plan.kpis[${j}]`, collector.kpi ?? kpi, SUBJECTS.kpi, phrase('plan.reason.noKsf'), 'relevant');
  });
  collector.kpi = undefined;
}

/** Seasonality: 12 weights ≥ 0, not all 0 (none given: flat). */
function checkSeasonality(collector: IssueCollector, plan: Obj, out: Obj): void {
  const weights = plan.seasonality;
  if (absent(weights)) return;
  if (!Array.isArray(weights) || weights.length !== 12 || !weights.some((w) => w > 0)) {
    collector.add('plan.seasonality', weights, SUBJECTS.seasonality, phrase('plan.reason.weights'));
    return;
  }
  const subject = (i: number) => monthOf(SUBJECTS.seasonality, i);
  if (collector.list(weights, 'plan.seasonality', subject, numberAt('seasonality[]'), true)) {
    out.seasonality = weights.slice();
  }
}

/** Thresholds: 0 to 2 (200%), warn not above ok. */
function checkThresholds(collector: IssueCollector, plan: Obj, out: Obj): void {
  if (absent(plan.thresholds)) return;
  const given = collector.object('plan.thresholds', plan.thresholds, SUBJECTS.thresholds, '{ warn, ok }');
  if (!given) return;
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const warnSubject = phrase('plan.field.warn');
  const specs: FieldSpec[] = [
    { key: 'warn', rule: numberAt('thresholds.warn'), subject: warnSubject },
    { key: 'ok', rule: numberAt('thresholds.ok'), subject: phrase('plan.field.ok') },
  ];
  if (!collector.fields(given, 'plan.thresholds', SUBJECTS.thresholds, specs, thresholds)) return;
  if (thresholds.warn > thresholds.ok) {
    const reason = phrase('plan.reason.warnAboveOk', { ok: show(thresholds.ok) });
    collector.add('plan.thresholds.warn', thresholds.warn, warnSubject, reason);
  }
  out.thresholds = thresholds;
}

/**
 * The KGI target (given or baseline × (1 + growthRate)) and every back-calculated volume must be
 * within what the formulas compute exactly; the issue names the field that pushed it over.
 */
function checkComputedVolumes(collector: IssueCollector, plan: Plan): void {
  const goal = kgiTarget(plan);
  if (!(goal <= MAX_AMOUNT)) {
    const key = plan.kgi.target === undefined ? 'growthRate' : 'target';
    collector.add(`plan.kgi.${key}`, goal, fieldOf(SUBJECTS.kgi, 'target'), TOO_LARGE);
    return;
  }
  const money = plan.kgi.unit === 'currency' ? plan.kgi.unitValue : undefined;
  const failure = (rates: number[]) => {
    try {
      funnelVolumes(goal, rates, money);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const error = failure(plan.funnel.rates);
  if (!error) return;
  // The first rate, from the wins up, whose stage passes the bound (or the wins themselves).
  const rates = plan.funnel.rates;
  let i = failure([]) ? 0 : rates.length;
  while (i > 0 && !failure(rates.slice(i - 1))) i--;
  const reason = phrase('plan.reason.backCalc', { error });
  if (i > 0) {
    const subject = rateSubject(plan.funnel.stages, i - 1);
    collector.add(`plan.funnel.rates[${i - 1}]`, rates[i - 1], subject, reason, 'achievable');
    return;
  }
  const key = money === undefined ? 'target' : 'unitValue';
  collector.add(`plan.kgi.${key}`, money ?? goal, fieldOf(SUBJECTS.kgi, key), reason, 'achievable');
}

function checkKpi(collector: IssueCollector, kpi: unknown, path: string, stageCount: number): Kpi {
  const object = collector.object(path, kpi, SUBJECTS.kpi, '{ name, unit, … }');
  if (!object) return undefined as unknown as Kpi;
  const name = typeof object.name === 'string' && object.name.trim() ? object.name : undefined;
  collector.kpi = name;
  const subject = name ? namedKpiSubject(name) : phrase('plan.who.kpiAt', { path: path.slice(5) });
  const problemAt = (key: FieldName, reason: Phrase, criterion?: Criterion) =>
    collector.add(`${path}.${key}`, object[key] ?? undefined, fieldOf(subject, key), reason, criterion);
  const out: Obj = {};
  collector.fields(
    object,
    path,
    subject,
    [
      { key: 'id', rule: TEXT },
      { key: 'name', rule: TEXT, required: true },
      { key: 'unit', rule: TEXT },
      { key: 'owner', rule: TEXT },
      { key: 'direction', rule: oneOf('higher', 'lower') },
      { key: 'aggregate', rule: oneOf('sum', 'average') },
      { key: 'target', rule: numberAt('ksfs[].kpis[].target') },
      { key: 'baseline', rule: numberAt('ksfs[].kpis[].baseline') },
    ],
    out,
  );

  const stage = object.stage;
  const validStage = Number.isInteger(stage) && (stage as number) >= 0 && (stage as number) < stageCount;
  if (absent(stage)) {
    if (absent(object.target)) problemAt('target', phrase('plan.reason.kpiTarget'));
  } else if (stageCount > 1 && !validStage) {
    const reason = phrase('plan.reason.noStage', { n: String(stageCount), last: String(stageCount - 1) });
    problemAt('stage', reason, 'relevant');
  } else if (out.aggregate === 'average') {
    problemAt('stage', phrase('plan.reason.averageStage'), 'relevant');
  } else out.stage = stage;

  const recent = object.recentActuals;
  if (Array.isArray(recent)) {
    const monthSubject = (i: number) => monthOf(fieldOf(subject, 'recentActuals'), i);
    if (collector.list(recent, `${path}.recentActuals`, monthSubject, numberAt('ksfs[].kpis[].recentActuals[]'))) {
      out.recentActuals = recent.map((v) => (absent(v) ? '' : v));
    }
  } else if (!absent(recent)) problemAt('recentActuals', phrase('plan.reason.notList'));
  collector.kpi = undefined;
  return out as unknown as Kpi;
}

/**
 * baseline × (1 + growthRate) computed exactly on the numbers as written in decimal, then rounded
 * once to a double: 100M × 1.1 is 110,000,000 (not …0.00000001), and no digit of a 15-digit
 * baseline is dropped.
 */
function grown(baseline: number, growthRate: number): number {
  const b = decimalOf(baseline);
  const g = decimalOf(growthRate);
  const sign = growthRate < 0 ? -1n : 1n;
  // 1 + g = (10^k + sign × digits) × 10^-k with k = max(0, -exponent).
  const k = Math.max(0, -g.exponent);
  const onePlus = 10n ** BigInt(k) + sign * g.digits * 10n ** BigInt(g.exponent + k);
  return Number(`${b.digits * onePlus}e${b.exponent - k}`);
}

/** The KGI's annual target: `target`, else baseline × (1 + growthRate). Throws when it has neither. */
export function kgiTarget(plan: Plan): number {
  const { target, baseline, growthRate } = plan.kgi;
  if (target !== undefined) return target;
  if (baseline !== undefined && growthRate !== undefined) return grown(baseline, growthRate);
  throw new Error('plan.kgi.target: missing');
}

/** Back-calculated volume of every funnel stage (top first, wins last), whole numbers rounded up. */
export function funnelTargets(plan: Plan): number[] {
  const unitValue = plan.kgi.unit === 'currency' ? plan.kgi.unitValue : undefined;
  return funnelVolumes(kgiTarget(plan), plan.funnel.rates, unitValue);
}

/** Every KPI in plan order (KSFs in order, their KPIs in order): the row order of every KPI block. */
export function planKpis<K extends Kpi>(plan: { ksfs: { name: string; kpis: K[] }[] }): PlanKpi<K>[] {
  return plan.ksfs.flatMap((ksf, ksfIndex) =>
    ksf.kpis.map((kpi, kpiIndex) => ({ ksf: ksf.name, kpi, ksfIndex, kpiIndex })),
  );
}

/** A KPI with its KSF's name and its place in the plan. */
export interface PlanKpi<K extends Kpi = Kpi> {
  ksf: string;
  kpi: K;
  ksfIndex: number;
  kpiIndex: number;
}

/**
 * validatePlan plus every default (src/core/locale.ts): locale 'en'; the language's fiscal start
 * month and currency (April and JPY for ja); DEFAULT_THRESHOLDS; flat seasonality (twelve 1s); each KPI's
 * unit and owner '' , direction 'higher', aggregate 'sum'; `kgi.target` resolved from
 * baseline × (1 + growthRate) when not given. Throws a PlanError like validatePlan.
 */
export function normalizePlan(plan: unknown): NormalizedPlan {
  const p = validatePlan(plan);
  const locale: Lang = p.locale ?? 'en';
  const kgi = { ...p.kgi, target: kgiTarget(p) };
  if (kgi.unit === 'currency' && !kgi.currency) kgi.currency = defaultCurrency(locale);
  return {
    ...p,
    locale,
    kgi,
    ksfs: p.ksfs.map((ksf) => ({
      ...(ksf.id === undefined ? {} : { id: ksf.id }),
      name: ksf.name,
      kpis: ksf.kpis.map(normalizeKpi),
    })),
    seasonality: p.seasonality ?? new Array<number>(12).fill(1),
    thresholds: p.thresholds ?? { ...DEFAULT_THRESHOLDS },
  };
}

/** A KPI with its defaults: no unit or owner, higher is better, summed over the year. */
const normalizeKpi = (kpi: Kpi): NormalizedKpi => ({
  ...kpi,
  unit: kpi.unit ?? '',
  owner: kpi.owner ?? '',
  direction: kpi.direction ?? 'higher',
  aggregate: kpi.aggregate ?? 'sum',
});
