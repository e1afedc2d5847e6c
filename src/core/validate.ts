// Plan validation and normalisation: the one place that decides whether a plan JSON can be
// built, and the shared definitions of the KGI target, the funnel targets and each KPI's annual
// target (so the workbook, the report and the health check agree). Pure; no Apps Script.
//
// Every problem is a PlanIssue made by `issue` (shared with the health check's warnings): the
// field path, the value received, and the reason in en/ja; the user text names the field in
// words (`Conversion rate Leads → Won: 1.4 is above 1 — …`), the developer message the path
// (`plan.funnel.rates[1]: 1.4 is above 1 — …`). validatePlan throws a PlanError carrying them;
// checkPlan (health.ts) turns them into error findings, so the two always agree.
import { funnelVolumes } from './funnel';
import { show } from './num';
import type { Kgi, Kpi, Ksf, Lang, Plan } from './plan';

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
/** A name as messages quote it: en "x", ja 「x」. */
export const quote = (s: string): Text => [`"${s}"`, `「${s}」`];

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
const NOT_TEXT = T('is not text|は文字列ではありません');

/** Field names in words, to name a field of the KGI, a KPI, the fiscal year… in messages. */
const LABEL: Record<string, string> = {
  name: 'name|名前', unit: 'unit|単位', owner: 'owner|担当', direction: 'direction|評価の向き', aggregate: 'aggregate|集計方法',
  target: 'target|目標値', baseline: "last year's value|前年実績", recentActuals: 'recent actuals|直近の実績', stage: 'funnel stage|ファネル段階',
  currency: 'currency|通貨', growthRate: 'growth rate|成長率', unitValue: 'average deal size|平均受注単価',
  startYear: 'start year|開始年', startMonth: 'start month|開始月', locale: 'language|言語', preset: 'preset|プリセット',
  warn: 'warn (at risk)|warn(注意)', ok: 'ok (on track)|ok(順調)',
};

/**
 * How a field is checked: `s` text (`s!` not blank), `a/b/c` one of these, else a number
 * `[min, max]` (min exclusive when `gt`; whole numbers when `int`). `req`: it must be given.
 */
type Rule = string | { min: number; max?: number; gt?: 1; int?: 1; pct?: 1 };
const POSITIVE: Rule = { min: 0, gt: 1 };

class Checker {
  readonly issues: PlanIssue[] = [];
  /** The KPI being checked, named in its issues. */
  kpi?: string;

  add(path: string, value: unknown, subject: Text, reason: Text, criterion: Criterion = 'quantitative'): void {
    this.issues.push(issue(path, value, criterion, subject, reason, this.kpi));
  }

  /** Field `key` of `o` (at `path`, named `who` + its label) by `rule`: its value when valid and given, else undefined. */
  field(o: Obj, key: string, path: string, who: Text, rule: Rule, req?: boolean): unknown {
    const v = o[key], n = v as number, r = rule as Exclude<Rule, string>;
    const i = +key; // an element of a list: month i + 1
    const [en, ja] = i >= 0 ? [`month ${i + 1}`, `${i + 1}か月目`] : T(LABEL[key]);
    const text = rule === 's' || rule === 's!';
    const choices = typeof rule === 'string' && !text && rule.split('/').map((c) => `"${c}"`);
    const missing = text ? v == null : absent(v);
    const m = show((r.gt || n < r.min ? r.min : r.max) ?? 0);
    const reason = missing ? req && (text ? T('— enter a name|— 名前を入力してください') : choices ? [`— choose ${choices.join(' or ')}`, `— ${choices.join(' / ')} から選んでください`] : T('— enter a number|— 数値を入力してください'))
      : text ? (typeof v !== 'string' ? NOT_TEXT : rule === 's!' && !v.trim() && T('is empty — enter a name|は空です — 名前を入力してください'))
      : choices ? !choices.includes(JSON.stringify(v)) && [`is not ${choices.join(' or ')}`, `は ${choices.join(' / ')} のいずれでもありません`]
      : !isNum(v) ? T('is not a number|は数値ではありません')
      : r.int && !Number.isInteger(n) ? T('is not a whole number|は整数ではありません')
      : r.gt ? n <= r.min && [`must be above ${m}`, `は${m}より大きくしてください`]
      : n < r.min ? [`is below ${m}`, `は${m}以上にしてください`]
      : n > r.max! && (r.pct && n <= r.max! * 100 ? [`is above ${m} — enter it as ${show(n)}% or ${show(n / 100)}`, `は${m}を超えています — ${show(n)}% なら ${show(n / 100)} と入力してください`] : [`is above ${m}`, `は${m}以下にしてください`]);
    if (reason) this.add(i >= 0 ? `${path}[${i}]` : `${path}.${key}`, missing ? undefined : v, [`${who[0]} ${en}`, `${who[1]}の${ja}`], reason);
    return reason || missing ? undefined : v;
  }

  /** Every field of `schema` into `out` (the valid, given ones); true when none had a problem. */
  fields(o: Obj, path: string, who: Text, schema: [string, Rule, boolean?][], out: Obj): boolean {
    const before = this.issues.length;
    for (const [key, rule, req] of schema) {
      const v = this.field(o, key, path, who, rule, req);
      if (v !== undefined) out[key] = v;
    }
    return this.issues.length === before;
  }
}
/** Every problem that stops the plan from being built (empty when it is valid). Never throws. */
export const planIssues = (plan: unknown): PlanIssue[] => check(plan).issues;

/**
 * Checks the plan JSON and returns a clean copy (known fields only, blanks/nulls of optional fields
 * dropped, a missing plan name set to the KGI name, a missing fiscal start month set to April for
 * `ja` and January otherwise). Throws a PlanError naming every bad field and value.
 */
export function validatePlan(plan: unknown): Plan {
  const { issues, copy } = check(plan);
  if (!copy) throw new PlanError(issues);
  return copy;
}

function check(plan: unknown): { issues: PlanIssue[]; copy?: Plan } {
  const c = new Checker();
  let copy: Plan | undefined;
  try {
    copy = checkPlanObject(c, plan);
  } catch (e) {
    // A getter that throws, a cyclic structure…: report, never throw from here.
    const m = (e as Error).message;
    c.add('plan', plan, T('Plan|計画'), [`could not be read (${m})`, `を読み取れません(${m})`]);
  }
  return { issues: c.issues, copy: c.issues.length ? undefined : copy };
}

const PLAN = T('Plan|計画');

function checkPlanObject(c: Checker, plan: unknown): Plan | undefined {
  if (!isObj(plan)) return void c.add('plan', plan, PLAN, T('is not a plan object|は計画データ(オブジェクト)ではありません'));
  const out = {} as Plan;
  c.fields(plan, 'plan', PLAN, [['name', 's'], ['locale', 'ja/en']], out as unknown as Obj);
  const fy = plan.fiscalYear;
  if (!isObj(fy)) c.add('plan.fiscalYear', fy, T('Fiscal year|会計年度'), T('— give { startYear, startMonth }|— 開始年と開始月を入力してください'));
  else {
    out.fiscalYear = { startMonth: out.locale === 'ja' ? 4 : 1 } as Plan['fiscalYear'];
    c.fields(fy, 'plan.fiscalYear', T('Fiscal year|会計年度'), [['startYear', { min: 1900, max: 2999, int: 1 }, true], ['startMonth', { min: 1, max: 12, int: 1 }]], out.fiscalYear as unknown as Obj);
  }
  out.kgi = checkKgi(c, plan.kgi)!;
  const funnel = plan.funnel;
  const stages = isObj(funnel) && Array.isArray(funnel.stages) ? funnel.stages.length : undefined;
  out.funnel = checkFunnel(c, funnel)!;

  // KSFs and their KPIs; KPIs not under any KSF.
  const ksfs = plan.ksfs;
  if (!Array.isArray(ksfs) || !ksfs.length) {
    c.add('plan.ksfs', ksfs, T('KSFs|KSF'), T('— add the key success factors (KSFs) that lead to the KGI, each with its KPIs|— KGIにつながる重要成功要因(KSF)とそのKPIを追加してください'), 'relevant');
  } else out.ksfs = ksfs.map((k, i) => checkKsf(c, k, i, stages)!);
  const kpis = plan.kpis;
  if (Array.isArray(kpis)) {
    kpis.forEach((k, j) => {
      const path = `plan.kpis[${j}]`;
      checkKpi(c, k, path, stages);
      c.kpi = isObj(k) && typeof k.name === 'string' ? k.name : undefined;
      c.add(path, c.kpi ?? `#${j + 1}`, T('KPI|KPI'), T('is not under any KSF — move it under the KSF it measures|はどのKSFにも属していません — 測っているKSFの下に移してください'), 'relevant');
      c.kpi = undefined;
    });
  } else if (!absent(kpis)) c.add('plan.kpis', kpis, T('KPIs without a KSF|KSFのないKPI'), NOT_LIST, 'relevant');

  // Seasonality: 12 weights ≥ 0, not all 0.
  const s = plan.seasonality;
  if (!absent(s)) {
    const subject = T('Seasonality|季節変動');
    const weights = Array.isArray(s) && s.length === 12 && c.fields({ ...s }, 'plan.seasonality', subject, s.map((_, m) => [String(m), { min: 0 }]), {});
    if (!Array.isArray(s) || s.length !== 12) c.add('plan.seasonality', s, subject, T('— give 12 monthly weights|— 12か月分の重みを入力してください'));
    else if (weights && !s.some((w) => w > 0)) c.add('plan.seasonality', s, subject, T('adds up to 0 — give a month a weight above 0|の合計が0です — 0より大きい月を作ってください'));
    else out.seasonality = s.slice();
  }
  // Thresholds: 0 to 2 (200%), warn not above ok.
  const t = plan.thresholds;
  if (!absent(t)) {
    const th = { warn: 0.8, ok: 1 };
    const subject = T('Thresholds|しきい値');
    if (!isObj(t)) c.add('plan.thresholds', t, subject, T('is not { warn, ok }|は { warn, ok } の形ではありません'));
    else if (c.fields(t, 'plan.thresholds', subject, [['warn', { min: 0, max: 2, pct: 1 }], ['ok', { min: 0, max: 2, pct: 1 }]], th)) {
      if (th.warn > th.ok) c.add('plan.thresholds.warn', th.warn, subject, [`is above ok ${show(th.ok)} — make it the lower one`, `が ok の ${show(th.ok)} より大きいです — 低い方にしてください`]);
      out.thresholds = th;
    }
  }
  if (c.issues.length) return undefined;
  if (!out.name?.trim()) out.name = out.kgi.name;
  // The funnel must compute (overflow of absurd inputs is reported, not thrown later).
  try {
    funnelTargets(out);
  } catch (e) {
    const m = (e as Error).message;
    c.add('plan.funnel', out.funnel.rates, T('Funnel|ファネル'), [`cannot be back-calculated: ${m}`, `を逆算できません: ${m}`], 'achievable');
  }
  return out;
}

function checkKgi(c: Checker, kgi: unknown): Kgi | undefined {
  const KGI = T('KGI|KGI');
  if (!isObj(kgi)) return void c.add('plan.kgi', kgi, KGI, T('— give the key goal: { name, unit, target or baseline + growthRate }|— KGIの名前・単位・目標値を入力してください'));
  const out = {} as Kgi;
  let ok = c.fields(kgi, 'plan.kgi', KGI, [['name', 's!', true], ['unit', 'currency/count', true], ['currency', 'JPY/USD/EUR'], ['target', POSITIVE],
    ['baseline', POSITIVE], ['growthRate', { min: -1, gt: 1 }], ['unitValue', POSITIVE]], out as unknown as Obj);
  const need = (key: string, reason: string) => {
    const [en, ja] = T(LABEL[key]);
    c.add(`plan.kgi.${key}`, undefined, [`KGI ${en}`, `KGIの${ja}`], T(reason));
    ok = false;
  };
  if (absent(kgi.target) && (absent(kgi.baseline) || absent(kgi.growthRate))) need('target', "— enter the KGI's annual target, or last year's value (baseline) and a growth rate|— 年間目標値、または前年実績と成長率を入力してください");
  if (out.unit === 'currency' && absent(kgi.unitValue)) need('unitValue', '— a money KGI needs it to work out the wins|— 金額のKGIから受注件数を逆算するのに必要です');
  return ok ? out : undefined;
}

/** The name of funnel stage `i` as written (its position when it has none). */
export const stageName = (stages: unknown, i: number): string => {
  const s = Array.isArray(stages) ? stages[i] : undefined;
  return String((isObj(s) ? s.name : s) ?? `#${i + 1}`);
};

function checkFunnel(c: Checker, funnel: unknown): Plan['funnel'] | undefined {
  const FUNNEL = T('Funnel|ファネル');
  if (!isObj(funnel)) return void c.add('plan.funnel', funnel, FUNNEL, T('— give { stages, rates }|— 段階と転換率を入力してください'));
  const before = c.issues.length;
  const out = {} as Plan['funnel'];
  c.fields(funnel, 'plan.funnel', FUNNEL, [['preset', 'standard/inquiry/event/custom']], out as unknown as Obj);
  const { stages, rates } = funnel;
  const n = Array.isArray(stages) ? stages.length : 0;
  if (n < 2) c.add('plan.funnel.stages', stages, T('Funnel stages|ファネルの段階'), T('— give at least 2 stages, top first, wins last|— 上流から受注まで2段階以上を入力してください'));
  out.stages = (stages as unknown[]).map?.((s, i) => {
    const name = { name: s };
    c.field(isObj(s) ? s : name, 'name', `plan.funnel.stages[${i}]`, [`Funnel stage ${i + 1}`, `ファネル段階${i + 1}`], 's!', true);
    return isObj(s) ? { name: s.name } : name;
  }) as { name: string }[];
  const subject = T('Conversion rates|転換率');
  if (!Array.isArray(rates)) c.add('plan.funnel.rates', rates, subject, T('— give one rate per step between stages|— 段階の間ごとに転換率を入力してください'));
  else {
    if (n && rates.length !== n - 1) c.add('plan.funnel.rates', rates, subject, [`has ${rates.length} rates for ${n} stages — give exactly ${n - 1}`, `は${rates.length}個ですが段階は${n}個です — ${n - 1}個にしてください`]);
    rates.forEach((r, i) => {
      const names = `${stageName(stages, i)} → ${stageName(stages, i + 1)}`;
      const who = [`Conversion rate ${names}`, `転換率(${names})`];
      const path = `plan.funnel.rates[${i}]`;
      if (!isNum(r)) return void c.add(path, absent(r) ? undefined : r, who, T('is not a number|は数値ではありません'));
      const s = show(r), p = show(r / 100);
      const why = r > 1 ? [`is above 1 — ${r > 100 ? 'a rate is at most 100%' : `enter it as ${s}% or ${p}`}`, `は1を超えています — ${r > 100 ? '転換率は100%以下です' : `${s}% なら ${p}(または ${s}%)と入力してください`}`]
        : r <= 0 && T('is not above 0 — a stage nobody converts from never reaches the goal|は0以下です — 転換しない段階からは目標に届きません');
      if (why) c.add(path, r, who, [`${why[0]}; conversion rates must be in (0, 1]`, why[1]], 'achievable');
    });
  }
  out.rates = rates as number[];
  return c.issues.length > before ? undefined : out;
}

function checkKsf(c: Checker, k: unknown, i: number, stages?: number): Ksf | undefined {
  const path = `plan.ksfs[${i}]`;
  const who = [`KSF ${i + 1}`, `KSF${i + 1}`];
  if (!isObj(k)) return void c.add(path, k, who, T('is not { name, kpis }|は { name, kpis } の形ではありません'), 'relevant');
  const before = c.issues.length;
  const raw = absent(k.kpis) ? [] : k.kpis;
  const kpis = Array.isArray(raw) ? raw.map((kp, j) => checkKpi(c, kp, `${path}.kpis[${j}]`, stages)!) : [];
  if (!Array.isArray(raw)) c.add(`${path}.kpis`, raw, [`${who[0]} KPIs`, `${who[1]}のKPI`], NOT_LIST, 'relevant');
  // A KSF without a name leaves its KPIs hanging from nothing: "a KPI with no KSF".
  const name = k.name;
  if (typeof name !== 'string' || !name.trim()) {
    const names = kpis.map((kp) => kp?.name).filter(Boolean);
    const [en, ja] = [0, 1].map((l) => names.map((n) => quote(n)[l]).join(', '));
    c.kpi = names.length === 1 ? names[0] : undefined;
    c.add(`${path}.name`, name ?? undefined, [`${who[0]} name`, `${who[1]}の名前`], !absent(name) ? NOT_TEXT
      : [`— name the key success factor${en && ` of the KPIs ${en}`}`, `— ${ja && `KPI ${ja} が属する`}重要成功要因の名前を入力してください`], 'relevant');
    c.kpi = undefined;
  }
  return c.issues.length > before ? undefined : { name: name as string, kpis };
}

function checkKpi(c: Checker, k: unknown, path: string, stages?: number): Kpi | undefined {
  if (!isObj(k)) return void c.add(path, k, T('KPI|KPI'), T('is not a KPI object { name, unit, … }|はKPIの形({ name, unit, … })ではありません'));
  const before = c.issues.length;
  const label = typeof k.name === 'string' && k.name.trim() ? k.name : undefined;
  const [qe, qj] = label ? quote(label) : [path.slice(5), `(${path.slice(5)})`];
  const who = [`KPI ${qe}`, `KPI${qj}`];
  const at = (key: string, reason: Text, criterion?: Criterion) => {
    const [en, ja] = T(LABEL[key]);
    c.add(`${path}.${key}`, k[key] ?? undefined, [`${who[0]} ${en}`, `${who[1]}の${ja}`], reason, criterion);
  };
  c.kpi = label;
  const out = {} as Kpi;
  c.fields(k, path, who, [['name', 's!', true], ['unit', 's'], ['owner', 's'], ['direction', 'higher/lower'], ['aggregate', 'sum/average'],
    ['target', POSITIVE], ['baseline', { min: 0 }]], out as unknown as Obj);
  const stage = k.stage;
  if (!absent(stage)) {
    if (!Number.isInteger(stage)) at('stage', T('is not a stage number (0 = top of the funnel)|は段階番号(0 = ファネルの最上段)ではありません'), 'relevant');
    else if ((stage as number) < 0 || (stage as number) >= stages!) {
      at('stage', [`does not exist — the funnel has ${stages} stages (0 to ${stages! - 1}); pick one or enter the target`, `は存在しません — 段階は${stages}個(0〜${stages! - 1})です。選び直すか目標値を入力してください`], 'relevant');
    } else if (out.aggregate === 'average') at('stage', T('— an average KPI (a rate, cost or score) cannot take its target from a funnel stage (a count); enter its target|— 平均のKPI(率・単価・スコア)はファネル段階(件数)から目標を取れません。目標値を入力してください'), 'relevant');
    else out.stage = stage as number;
  }
  if (absent(k.target) && absent(stage)) at('target', T('— enter its annual target, or pick the funnel stage it measures|— 年間目標値を入力するか、測っているファネル段階を選んでください'));
  const recent = k.recentActuals;
  if (Array.isArray(recent)) {
    const [en, ja] = T(LABEL.recentActuals);
    if (c.fields({ ...recent }, `${path}.recentActuals`, [`${who[0]} ${en}`, `${who[1]}の${ja}`], recent.map((_, m) => [String(m), { min: 0 }]), {})) {
      out.recentActuals = recent.map((v) => (absent(v) ? '' : v));
    }
  } else if (!absent(recent)) at('recentActuals', T('is not a list of monthly numbers|は月ごとの数値のリストではありません'));
  c.kpi = undefined;
  return c.issues.length > before ? undefined : out;
}

/** baseline × (1 + growthRate) without float noise (100M × 1.1 is 110,000,000, not …0.00000001). */
const clean = (x: number) => Number(x.toPrecision(12));

/** The KGI's annual target: `target`, else baseline × (1 + growthRate). Throws when it has neither. */
export function kgiTarget(plan: Plan): number {
  const { target, baseline, growthRate } = plan.kgi;
  if (target !== undefined) return target;
  if (baseline !== undefined && growthRate !== undefined) return clean(baseline * (1 + growthRate));
  throw new Error('plan.kgi.target: missing — give a target, or baseline and growthRate');
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
