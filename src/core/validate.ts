// Plan validation and normalisation: the one place that decides whether a plan JSON can be
// built, and the shared definitions of the KGI target, the funnel targets and each KPI's annual
// target (so the workbook, the report and the health check agree). Pure; no Apps Script.
//
// Every problem is a PlanIssue made by `issue` (shared with the health check's warnings): the
// field path, the value received, and the reason in en/ja; the user text names the field in
// words (`Conversion rate Leads → Won: 1.4 is above 1 — …`), the developer message the path
// (`plan.funnel.rates[1]: 1.4 is above 1 — …`). validatePlan throws a PlanError carrying them;
// checkPlan (health.ts) turns them into error findings, so the two always agree.
import { funnelVolumes, MAX_STAGES } from './funnel';
import { FIELD_RULES, type FieldKind } from './fields';
import { decimalOf, MAX_AMOUNT, show } from './num';
import type { Kgi, Kpi, Ksf, Lang, Plan } from './plan';
import { type SourceLink, validateSource } from './sources';

export type Criterion = 'quantitative' | 'achievable' | 'relevant';

/** A text in both languages: [en, ja]. */
export type Text = string[];
/** A constant text written "en|ja". */
export const T = (s: string): Text => s.split('|');

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
  /** User message: the field in words, the value, what to change. */
  text: Record<Lang, string>;
}

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
export function showValue(v: unknown, lang: Lang = 'en'): string {
  if (v === undefined) return lang === 'ja' ? '未入力' : 'missing';
  if (typeof v === 'number') return show(v);
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

/** One issue (or warning): "<subject>: <value> <reason>" in both languages; `shown` overrides how the value reads. */
export function issue(path: string, value: unknown, criterion: Criterion, subject: Text, reason: Text, kpi?: string, level: PlanIssue['level'] = 'error', shown?: string): PlanIssue {
  const [en, ja] = reason.map((r, i) => `${shown ?? showValue(value, i ? 'ja' : 'en')} ${r}`);
  const out: PlanIssue = { level, path, value, criterion, message: `${path}: ${en}`, text: { en: `${subject[0]}: ${en}`, ja: `${subject[1]}: ${ja}` } };
  if (kpi !== undefined) out.kpi = kpi;
  return out;
}

const NOT_LIST = T('is not a list|はリストではありません');
const ENTER = T('— enter it|— 入力してください');

/** Field names in words, to name a field of the KGI, a KPI, the fiscal year… in messages. */
const LABEL: Record<string, string> = {
  name: 'name|名前', unit: 'unit|単位', owner: 'owner|担当', direction: 'direction|評価の向き', aggregate: 'aggregate|集計方法',
  target: 'target|目標値', baseline: "last year's value|前年実績", recentActuals: 'recent actuals|直近の実績', stage: 'funnel stage|ファネル段階',
  currency: 'currency|通貨', growthRate: 'growth rate|成長率', unitValue: 'average deal size|平均受注単価',
  startYear: 'start year|開始年', startMonth: 'start month|開始月', locale: 'language|言語', preset: 'preset|プリセット',
  warn: 'warn|注意', ok: 'ok|順調',
};

/** Field `key` of `who` in words: en `KPI "Leads" target`, ja `KPI「Leads」の目標値`. */
export const named = (who: Text, key: string): Text => {
  const [en, ja] = T(LABEL[key]);
  return [`${who[0]} ${en}`, `${who[1]}の${ja}`];
};
/** Element `i` of a monthly list: en `… month 3`, ja `…の3か月目`. */
const month = (who: Text, i: number): Text => [`${who[0]} month ${i + 1}`, `${who[1]}の${i + 1}か月目`];

/**
 * How a given value is checked: `'s'` text; `'a/b/c'` one of these; else a number from `min`
 * (exclusive when `gt`) to `max`, whole when `int`; with `pct`, a value above `max` that reads
 * as a percentage (80 for 0.8) gets a hint.
 */
type Rule = string | { min: number; max?: number; gt?: 1; int?: 1; pct?: 1 };
const POSITIVE: Rule = { min: 0, gt: 1 };
/** A number rule of the field table (src/core/fields.ts), the one the sidebar's inputs read with. */
const fromTable = (kind: FieldKind): Rule => {
  const { min, max, minExclusive, integer, percent } = FIELD_RULES[kind];
  return { min, max, ...(minExclusive && { gt: 1 }), ...(integer && { int: 1 }), ...(percent && { pct: 1 }) } as Rule;
};
/** Targets, amounts and actuals: at most MAX_AMOUNT, what the workbook's formulas compute exactly. */
const AMOUNT = fromTable('nonneg');
const POSITIVE_AMOUNT = fromTable('amount');
const TOO_LARGE = T('is above 1e15 (1,000,000,000,000,000), the largest amount the workbook computes exactly|は上限の 1e15(1,000兆)を超えています — ワークブックで正確に計算できる最大値です');
const SHARE = fromTable('threshold');
const RATE = fromTable('rate');

/** What is wrong with a value that was given, by `rule` (undefined when nothing). */
function problem(v: unknown, rule: Rule): Text | undefined {
  if (rule === 's') return typeof v === 'string' ? undefined : T('is not text|は文字列ではありません');
  if (typeof rule === 'string') {
    const choices = rule.split('/');
    return choices.includes(v as string) ? undefined : [`is not ${choices.map((x) => `"${x}"`).join(' or ')}`, `は ${choices.join(' / ')} のいずれでもありません`];
  }
  const { min, max = Infinity, gt, int, pct } = rule;
  if (!isNum(v)) return T('is not a number|は数値ではありません');
  if (int && !Number.isInteger(v)) return T('is not a whole number|は整数ではありません');
  if (gt && v <= min) return [`must be above ${min}`, `は${min}より大きくしてください`];
  if (v < min) return [`is below ${min}`, `は${min}以上にしてください`];
  if (v <= max) return undefined;
  if (max === MAX_AMOUNT) return TOO_LARGE;
  const [s, p] = [show(v), show(v / 100)];
  return pct && v <= max * 100 ? [`is above ${max} — enter it as ${s}% or ${p}`, `は${max}を超えています — ${s}% なら ${p} と入力してください`] : [`is above ${max}`, `は${max}以下にしてください`];
}

class Checker {
  readonly issues: PlanIssue[] = [];
  /** The KPI being checked, named in its issues. */
  kpi?: string;

  add(path: string, value: unknown, subject: Text, reason: Text, criterion: Criterion = 'quantitative'): void {
    this.issues.push(issue(path, value, criterion, subject, reason, this.kpi));
  }

  /** `v` (at `path`, named `subject`) by `rule`: `v` when given and valid, else undefined (missing is a problem only when `req`). */
  check(path: string, v: unknown, subject: Text, rule: Rule, req?: boolean, criterion?: Criterion): unknown {
    const why = absent(v) ? req && ENTER : problem(v, rule);
    if (why) this.add(path, v ?? undefined, subject, why, criterion);
    return why || absent(v) ? undefined : v;
  }

  /** Every field of `schema` ([key, rule, required?]) into `out` (the valid, given ones); true when none had a problem. */
  fields(o: Obj, path: string, who: Text, schema: [string, Rule, boolean?][], out: Obj): boolean {
    const before = this.issues.length;
    for (const [key, rule, req] of schema) {
      const v = this.check(`${path}.${key}`, o[key], named(who, key), rule, req);
      if (v !== undefined) out[key] = v;
    }
    return this.issues.length === before;
  }

  /** Every element of a list by `rule`; true when none had a problem. */
  list(a: unknown[], path: string, subject: (i: number) => Text, rule: Rule, req?: boolean, criterion?: Criterion): boolean {
    const before = this.issues.length;
    a.forEach((v, i) => this.check(`${path}[${i}]`, v, subject(i), rule, req, criterion));
    return this.issues.length === before;
  }

  /** An optional data link (sources.ts): its problems, else a copy of it into `out.source`. */
  source(v: unknown, path: string, out: Obj): void {
    if (v == null) return;
    const problems = validateSource(v, path);
    for (const p of problems) this.issues.push({ ...p, ...(this.kpi === undefined ? {} : { kpi: this.kpi }) });
    if (!problems.length) out.source = JSON.parse(JSON.stringify(v)) as SourceLink;
  }

  /** A part of the plan that must be an object ({ shape }): it, or undefined with a problem. */
  obj(path: string, v: unknown, subject: Text, shape: string, criterion?: Criterion): Obj | undefined {
    if (isObj(v)) return v;
    this.add(path, v ?? undefined, subject, [`— give ${shape}`, `— ${shape} を入力してください`], criterion);
  }
}

/** Every problem that stops the plan from being built (empty when it is valid). Never throws. */
export const planIssues = (plan: unknown): PlanIssue[] => checked(plan).issues;

/**
 * Checks the plan JSON and returns a clean copy (known fields only, blanks/nulls of optional fields
 * dropped, a missing plan name set to the KGI name, a missing fiscal start month set to April for
 * `ja` and January otherwise). Throws a PlanError naming every bad field and value.
 */
export function validatePlan(plan: unknown): Plan {
  const { issues, copy } = checked(plan);
  if (!copy) throw new PlanError(issues);
  return copy;
}

/** The plan's problems, and its clean copy when there are none (validatePlan's result). Never throws. */
export function checked(plan: unknown): { issues: PlanIssue[]; copy?: Plan } {
  const c = new Checker();
  let copy: Plan | undefined;
  try {
    copy = checkPlanObject(c, plan);
  } catch (e) {
    // A getter that throws, a cyclic structure…: report, never throw from here.
    const m = (e as Error).message;
    c.add('plan', plan, PLAN, [`could not be read (${m})`, `を読み取れません(${m})`]);
  }
  return { issues: c.issues, copy: c.issues.length ? undefined : copy };
}

const PLAN = T('Plan|計画');

/** The name of funnel stage `i` as written (its position when it has none). */
export const stageName = (stages: unknown, i: number): string => {
  const s = Array.isArray(stages) ? stages[i] : undefined;
  return String((isObj(s) ? s.name : s) ?? `#${i + 1}`);
};

function checkPlanObject(c: Checker, plan: unknown): Plan | undefined {
  if (!isObj(plan)) return void c.add('plan', plan, PLAN, T('is not a plan object|は計画データではありません'));
  const out: Obj = {};
  c.fields(plan, 'plan', PLAN, [['name', 's'], ['locale', 'ja/en']], out);

  const FY = T('Fiscal year|会計年度');
  const fy = c.obj('plan.fiscalYear', plan.fiscalYear, FY, '{ startYear, startMonth }');
  if (fy) {
    const year = (out.fiscalYear = { startMonth: out.locale === 'ja' ? 4 : 1 });
    c.fields(fy, 'plan.fiscalYear', FY, [['startYear', fromTable('year'), true], ['startMonth', fromTable('month')]], year);
  }

  const KGI = T('KGI|KGI');
  const kgi = c.obj('plan.kgi', plan.kgi, KGI, '{ name, unit, target }');
  if (kgi) {
    c.fields(kgi, 'plan.kgi', KGI, [['name', 's', true], ['unit', 'currency/count', true], ['currency', 'JPY/USD/EUR'], ['target', POSITIVE_AMOUNT],
      ['baseline', POSITIVE_AMOUNT], ['growthRate', fromTable('growth')], ['unitValue', POSITIVE_AMOUNT, kgi.unit === 'currency']], (out.kgi = {}));
    if (absent(kgi.target) && (absent(kgi.baseline) || absent(kgi.growthRate))) {
      c.add('plan.kgi.target', undefined, named(KGI, 'target'), T("— enter the annual target, or last year's value (baseline) and a growth rate|— 年間目標値、または前年実績と成長率を入力してください"));
    }
    c.source(kgi.source, 'plan.kgi.source', out.kgi as Obj);
  }

  const FUNNEL = T('Funnel|ファネル');
  const funnel = c.obj('plan.funnel', plan.funnel, FUNNEL, '{ stages, rates }');
  const stages = funnel && Array.isArray(funnel.stages) ? funnel.stages : [];
  const n = stages.length;
  if (funnel) {
    const f: Obj = (out.funnel = {});
    c.fields(funnel, 'plan.funnel', FUNNEL, [['preset', 'standard/inquiry/event/custom']], f);
    if (n < 2) c.add('plan.funnel.stages', funnel.stages, T('Funnel stages|ファネルの段階'), T('— give at least 2 stages|— 2段階以上を入力してください'));
    if (n > MAX_STAGES) {
      c.add('plan.funnel.stages', `${n} stages`, T('Funnel stages|ファネルの段階'), [`— a funnel has at most ${MAX_STAGES} stages`, `— ファネルは最大${MAX_STAGES}段階です`]);
    }
    f.stages = stages.map((s, i) => {
      const name = isObj(s) ? s.name : s;
      c.check(`plan.funnel.stages[${i}].name`, name, named([`Funnel stage ${i + 1}`, `ファネル段階${i + 1}`], 'name'), 's', true);
      return { name };
    });
    const rates = (f.rates = funnel.rates);
    const RATES = T('Conversion rates|転換率');
    if (!Array.isArray(rates)) c.add('plan.funnel.rates', rates ?? undefined, RATES, NOT_LIST);
    else {
      if (n > 1 && rates.length !== n - 1) c.add('plan.funnel.rates', rates, RATES, [`— give ${n - 1} rates for ${n} stages`, `— ${n}段階には転換率が${n - 1}個必要です`]);
      c.list(rates, 'plan.funnel.rates', (i) => {
        const step = `${stageName(stages, i)} → ${stageName(stages, i + 1)}`;
        return [`Conversion rate ${step}`, `転換率(${step})`];
      }, RATE, true, 'achievable');
    }
  }

  // KSFs and their KPIs; KPIs not under any KSF.
  const ksfs = plan.ksfs;
  if (!Array.isArray(ksfs) || !ksfs.length) {
    c.add('plan.ksfs', ksfs ?? undefined, T('KSFs|KSF'), T('— add the KSFs that lead to the KGI, each with its KPIs|— KGIにつながるKSFとそのKPIを追加してください'), 'relevant');
  } else {
    out.ksfs = ksfs.map((k, i) => {
      const path = `plan.ksfs[${i}]`, who = [`KSF ${i + 1}`, `KSF${i + 1}`];
      const o = c.obj(path, k, who, '{ name, kpis }', 'relevant');
      const kpis = o && (absent(o.kpis) ? [] : o.kpis);
      if (o && !Array.isArray(kpis)) c.add(`${path}.kpis`, kpis, [`${who[0]} KPIs`, `${who[1]}のKPI`], NOT_LIST, 'relevant');
      return o && {
        name: c.check(`${path}.name`, o.name, named(who, 'name'), 's', true, 'relevant'),
        kpis: Array.isArray(kpis) ? kpis.map((kp, j) => checkKpi(c, kp, `${path}.kpis[${j}]`, n)) : [],
      };
    });
  }
  const orphans = plan.kpis;
  if (!absent(orphans)) {
    // A valid plan has none: each is "a KPI with no KSF".
    (Array.isArray(orphans) ? orphans : [orphans]).forEach((k, j) => {
      c.kpi = isObj(k) && typeof k.name === 'string' ? k.name : undefined;
      c.add(`plan.kpis[${j}]`, c.kpi ?? k, T('KPI|KPI'), T('is not under any KSF — move it under a KSF|はKSFに属していません — KSFの下に移してください'), 'relevant');
    });
    c.kpi = undefined;
  }

  // Seasonality: 12 weights ≥ 0, not all 0.
  const s = plan.seasonality;
  const SEASON = T('Seasonality|季節変動');
  if (absent(s)) { /* flat */ } else if (!Array.isArray(s) || s.length !== 12 || !s.some((w) => w > 0)) {
    c.add('plan.seasonality', s, SEASON, T('— give 12 monthly weights, not all 0|— 12か月分の重みを入力してください(すべて0は不可)'));
  } else if (c.list(s, 'plan.seasonality', (i) => month(SEASON, i), fromTable('weight'), true)) out.seasonality = s.slice();

  // Thresholds: 0 to 2 (200%), warn not above ok.
  const TH = T('Thresholds|しきい値');
  const t = absent(plan.thresholds) ? undefined : c.obj('plan.thresholds', plan.thresholds, TH, '{ warn, ok }');
  const th = { warn: 0.8, ok: 1 };
  if (t && c.fields(t, 'plan.thresholds', TH, [['warn', SHARE], ['ok', SHARE]], th)) {
    if (th.warn > th.ok) c.add('plan.thresholds.warn', th.warn, TH, [`is above ok ${th.ok} — lower it`, `は ok の ${th.ok} 以下にしてください`]);
    out.thresholds = th;
  }

  if (c.issues.length) return undefined;
  const p = out as unknown as Plan;
  p.name ??= p.kgi.name;
  // The KGI target (given or baseline × (1 + growthRate)) and every back-calculated volume must be
  // within what the formulas compute exactly; the issue names the field that pushed it over.
  const goal = kgiTarget(p);
  if (!(goal <= MAX_AMOUNT)) {
    const key = p.kgi.target === undefined ? 'growthRate' : 'target';
    c.add(`plan.kgi.${key}`, goal, named(KGI, 'target'), TOO_LARGE);
    return p;
  }
  const money = p.kgi.unit === 'currency' ? p.kgi.unitValue : undefined;
  const fails = (rates: number[]) => {
    try {
      funnelVolumes(goal, rates, money);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const m = fails(p.funnel.rates);
  if (m) {
    // The first rate, from the wins up, whose stage passes the bound (or the wins themselves).
    const rates = p.funnel.rates;
    let i = fails([]) ? 0 : rates.length;
    while (i > 0 && !fails(rates.slice(i - 1))) i--;
    const key = money === undefined ? 'target' : 'unitValue';
    const path = i > 0 ? `plan.funnel.rates[${i - 1}]` : `plan.kgi.${key}`;
    const value = i > 0 ? rates[i - 1] : money ?? goal;
    const step = i > 0 && `${stageName(p.funnel.stages, i - 1)} → ${stageName(p.funnel.stages, i)}`;
    const subject = step ? [`Conversion rate ${step}`, `転換率(${step})`] : named(KGI, key);
    const ja = 'では逆算できません — 段階の必要数が上限の 1e15(1,000兆)を超えます。目標・受注単価・転換率を見直してください';
    c.add(path, value, subject, [`cannot be back-calculated: ${m}`, ja], 'achievable');
  }
  return p;
}

function checkKpi(c: Checker, k: unknown, path: string, stages: number): Kpi {
  const o = c.obj(path, k, T('KPI|KPI'), '{ name, unit, … }');
  if (!o) return undefined as unknown as Kpi;
  const name = typeof o.name === 'string' && o.name.trim() ? o.name : undefined;
  c.kpi = name;
  const who = name ? [`KPI "${name}"`, `KPI「${name}」`] : [`KPI ${path.slice(5)}`, `KPI(${path.slice(5)})`];
  const at = (key: string, reason: Text, criterion?: Criterion) => c.add(`${path}.${key}`, o[key] ?? undefined, named(who, key), reason, criterion);
  const out: Obj = {};
  c.fields(o, path, who, [['name', 's', true], ['unit', 's'], ['owner', 's'], ['direction', 'higher/lower'], ['aggregate', 'sum/average'],
    ['target', POSITIVE_AMOUNT], ['baseline', AMOUNT]], out);
  const stage = o.stage;
  if (absent(stage)) {
    if (absent(o.target)) at('target', T('— enter its annual target, or pick its funnel stage|— 年間目標値を入力するか、ファネル段階を選んでください'));
  } else if (stages > 1 && !(Number.isInteger(stage) && (stage as number) >= 0 && (stage as number) < stages)) {
    at('stage', [`does not exist — the funnel has ${stages} stages (0 to ${stages - 1})`, `は存在しません — 段階は${stages}個(0〜${stages - 1})です`], 'relevant');
  } else if (out.aggregate === 'average') {
    at('stage', T('— an average KPI cannot use a funnel stage; enter its target|— 平均のKPIは段階を使えません。目標値を入力してください'), 'relevant');
  } else out.stage = stage;
  const recent = o.recentActuals;
  if (Array.isArray(recent)) {
    if (c.list(recent, `${path}.recentActuals`, (i) => month(named(who, 'recentActuals'), i), AMOUNT)) out.recentActuals = recent.map((v) => (absent(v) ? '' : v));
  } else if (!absent(recent)) at('recentActuals', NOT_LIST);
  c.source(o.source, `${path}.source`, out);
  c.kpi = undefined;
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
  return funnelVolumes(kgiTarget(plan), plan.funnel.rates, plan.kgi.unit === 'currency' ? plan.kgi.unitValue : undefined);
}

/**
 * A KPI's annual target (sum KPIs) or monthly level (average KPIs): the hand-entered `target`
 * when given (it wins over the stage; the health check warns when they disagree by > 10%), else
 * the back-calculated volume of its funnel stage. Throws when it has neither.
 */
export function kpiAnnualTarget(plan: Plan, kpi: Kpi): number {
  if (kpi.target !== undefined) return kpi.target;
  if (kpi.stage === undefined) throw new Error(`KPI "${kpi.name}": no target and no funnel stage`);
  const v = funnelTargets(plan)[kpi.stage];
  if (v === undefined) throw new Error(`KPI "${kpi.name}": funnel stage ${kpi.stage} does not exist`);
  return v;
}

/** Every KPI in plan order (KSFs in order, their KPIs in order): the row order of every KPI block. */
export function planKpis<K extends Kpi>(plan: { ksfs: { name: string; kpis: K[] }[] }): { ksf: string; kpi: K; ksfIndex: number; kpiIndex: number }[] {
  return plan.ksfs.flatMap((s, ksfIndex) => s.kpis.map((kpi, kpiIndex) => ({ ksf: s.name, kpi, ksfIndex, kpiIndex })));
}

/**
 * validatePlan plus every default: locale 'en'; fiscal start month 4 (ja) / 1 (en); currency JPY
 * (ja) / USD (en) for a money KGI; thresholds 0.8 / 1; flat seasonality (twelve 1s); each KPI's
 * unit and owner '' , direction 'higher', aggregate 'sum'; `kgi.target` resolved from
 * baseline × (1 + growthRate) when not given. Throws a PlanError like validatePlan.
 */
export function normalizePlan(plan: unknown): NormalizedPlan {
  const p = validatePlan(plan);
  const locale: Lang = p.locale ?? 'en';
  const kgi = { ...p.kgi, target: kgiTarget(p) };
  if (kgi.unit === 'currency' && !kgi.currency) kgi.currency = locale === 'ja' ? 'JPY' : 'USD';
  return {
    ...p,
    locale,
    kgi,
    ksfs: p.ksfs.map((s) => ({
      name: s.name,
      kpis: s.kpis.map((k) => ({ ...k, unit: k.unit ?? '', owner: k.owner ?? '', direction: k.direction ?? 'higher', aggregate: k.aggregate ?? 'sum' })),
    })),
    seasonality: p.seasonality ?? new Array<number>(12).fill(1),
    thresholds: p.thresholds ?? { warn: 0.8, ok: 1 },
  };
}
