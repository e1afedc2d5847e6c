// Plan validation and normalisation: the one place that decides whether a plan JSON can be
// built, and the shared definitions of the KGI target, the funnel targets and each KPI's annual
// target (so the workbook, the report and the health check agree). Pure; no Apps Script.
//
// Every problem found is a PlanIssue: the field path, the value received, a developer message
// (`plan.funnel.rates[1]: 1.4 is above 1 — …`) and a user message in ja/en. validatePlan throws a
// PlanError carrying all of them; checkPlan (health.ts) turns them into error findings. So a plan
// validatePlan accepts has no health-check errors, and the reverse.
import { funnelVolumes } from './funnel';
import { show } from './num';
import type { Kgi, Kpi, Ksf, Lang, Plan } from './plan';

export type Criterion = 'quantitative' | 'achievable' | 'relevant';

export interface PlanIssue {
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
  readonly issues: PlanIssue[];
  constructor(issues: PlanIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'PlanError';
    this.issues = issues;
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

type Text = Record<Lang, string>;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** null, undefined and a blank string all mean "not given" for an optional field. */
const absent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A value as a message shows it. */
export function showValue(v: unknown, lang: Lang = 'en'): string {
  if (v === undefined) return lang === 'ja' ? '未入力' : 'missing';
  if (typeof v === 'number') return show(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '…' : v);
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

const q = (s: string, lang: Lang) => (lang === 'ja' ? `「${s}」` : `"${s}"`);

const KPI_FIELD: Record<string, Text> = {
  name: { en: 'name', ja: '名前' },
  unit: { en: 'unit', ja: '単位' },
  owner: { en: 'owner', ja: '担当' },
  direction: { en: 'direction', ja: '評価の向き' },
  aggregate: { en: 'aggregate', ja: '集計方法' },
  stage: { en: 'funnel stage', ja: 'ファネル段階' },
  target: { en: 'target', ja: '目標値' },
  baseline: { en: "last year's value", ja: '前年実績' },
  recentActuals: { en: 'recent actuals', ja: '直近の実績' },
};

class Checker {
  readonly issues: PlanIssue[] = [];

  add(path: string, value: unknown, criterion: Criterion, subject: Text, reason: Text, kpi?: string): void {
    const text = {
      en: `${subject.en}: ${showValue(value, 'en')} ${reason.en}`,
      ja: `${subject.ja}: ${showValue(value, 'ja')} ${reason.ja}`,
    };
    const message = `${path}: ${showValue(value, 'en')} ${reason.en}`;
    this.issues.push(kpi === undefined ? { path, value, criterion, message, text } : { path, value, criterion, kpi, message, text });
  }

  /** A number (optional when `optional`), checked against bounds; returns it or undefined. */
  num(
    path: string,
    v: unknown,
    subject: Text,
    opts: { optional?: boolean; min?: number; minExclusive?: boolean; max?: number; integer?: boolean; criterion?: Criterion; kpi?: string },
  ): number | undefined {
    const c = opts.criterion ?? 'quantitative';
    if (absent(v)) {
      if (!opts.optional) this.add(path, undefined, c, subject, { en: '— enter a number', ja: '— 数値を入力してください' }, opts.kpi);
      return undefined;
    }
    if (!isNum(v)) {
      this.add(path, v, c, subject, { en: 'is not a number', ja: 'は数値ではありません' }, opts.kpi);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(v)) {
      this.add(path, v, c, subject, { en: 'is not a whole number', ja: 'は整数ではありません' }, opts.kpi);
      return undefined;
    }
    if (opts.min !== undefined && (opts.minExclusive ? v <= opts.min : v < opts.min)) {
      const m = show(opts.min);
      this.add(path, v, c, subject, opts.minExclusive
        ? { en: `must be above ${m}`, ja: `は${m}より大きい値にしてください` }
        : { en: `is below ${m}`, ja: `は${m}以上にしてください` }, opts.kpi);
      return undefined;
    }
    if (opts.max !== undefined && v > opts.max) {
      const m = show(opts.max);
      this.add(path, v, c, subject, { en: `is above ${m}`, ja: `は${m}以下にしてください` }, opts.kpi);
      return undefined;
    }
    return v;
  }

  /** A string; `required` → non-blank. Returns it (as given) or undefined. */
  str(path: string, v: unknown, subject: Text, required: boolean, criterion: Criterion = 'quantitative', kpi?: string): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.add(path, undefined, criterion, subject, { en: '— enter a name', ja: '— 名前を入力してください' }, kpi);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add(path, v, criterion, subject, { en: 'is not text', ja: 'は文字列ではありません' }, kpi);
      return undefined;
    }
    if (required && v.trim() === '') {
      this.add(path, v, criterion, subject, { en: 'is empty — enter a name', ja: 'は空です — 名前を入力してください' }, kpi);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(path: string, v: unknown, allowed: readonly T[], subject: Text, optional: boolean, kpi?: string): T | undefined {
    if (absent(v)) {
      if (!optional) this.add(path, undefined, 'quantitative', subject, { en: `— choose ${allowed.map((a) => `"${a}"`).join(' or ')}`, ja: `— ${allowed.map((a) => `"${a}"`).join(' か ')} を選んでください` }, kpi);
      return undefined;
    }
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.add(path, v, 'quantitative', subject, { en: `is not ${allowed.map((a) => `"${a}"`).join(' or ')}`, ja: `は ${allowed.map((a) => `"${a}"`).join(' / ')} のいずれでもありません` }, kpi);
    return undefined;
  }
}

/** Message pair for a conversion rate outside (0, 1]; undefined when fine. */
function rateReason(r: number): Text | undefined {
  if (r > 1) {
    const s = show(r);
    return r <= 100
      ? {
          en: `is above 1 — enter it as ${s}% or ${show(r / 100)}; conversion rates must be in (0, 1]`,
          ja: `は1を超えています — ${s}% のことなら ${show(r / 100)}(または ${s}%)と入力してください(転換率は0より大きく1以下)`,
        }
      : { en: 'is above 1 — conversion rates must be in (0, 1]', ja: 'は1を超えています(転換率は0より大きく1以下、つまり100%以下)' };
  }
  if (r <= 0) {
    return {
      en: 'is not above 0 — a stage nobody converts from can never reach the goal; conversion rates must be in (0, 1]',
      ja: 'は0以下です — 転換しない段階からは目標に届きません(転換率は0より大きく1以下)',
    };
  }
  return undefined;
}

/** Every problem that stops the plan from being built (empty when it is valid). Never throws. */
export function planIssues(plan: unknown): PlanIssue[] {
  return check(plan).issues;
}

/**
 * Checks the plan JSON and returns a clean copy (known fields only, blanks/nulls of optional fields
 * dropped, a missing plan name set to the KGI name, a missing fiscal start month set to April for
 * `ja` and January otherwise). Throws a PlanError naming every bad field and value.
 */
export function validatePlan(plan: unknown): Plan {
  const { issues, copy } = check(plan);
  if (issues.length > 0 || !copy) throw new PlanError(issues);
  return copy;
}

function check(plan: unknown): { issues: PlanIssue[]; copy?: Plan } {
  const c = new Checker();
  try {
    const copy = checkPlanObject(c, plan);
    return { issues: c.issues, copy: c.issues.length === 0 ? copy : undefined };
  } catch (e) {
    // A getter that throws, a cyclic structure…: report, never throw from here.
    c.add('plan', plan, 'quantitative', { en: 'Plan', ja: '計画' }, { en: `could not be read (${(e as Error).message})`, ja: `を読み取れません(${(e as Error).message})` });
    return { issues: c.issues };
  }
}

function checkPlanObject(c: Checker, plan: unknown): Plan | undefined {
  if (!isObj(plan)) {
    c.add('plan', plan, 'quantitative', { en: 'Plan', ja: '計画' }, { en: 'is not a plan object', ja: 'は計画データ(オブジェクト)ではありません' });
    return undefined;
  }
  const locale = c.oneOf('plan.locale', plan.locale, ['ja', 'en'] as const, { en: 'Language', ja: '言語' }, true);

  // Fiscal year.
  let fiscalYear: Plan['fiscalYear'] | undefined;
  if (!isObj(plan.fiscalYear)) {
    c.add('plan.fiscalYear', plan.fiscalYear, 'quantitative', { en: 'Fiscal year', ja: '会計年度' }, { en: '— give { startYear, startMonth }', ja: '— 開始年と開始月を入力してください' });
  } else {
    const startYear = c.num('plan.fiscalYear.startYear', plan.fiscalYear.startYear, { en: 'Fiscal year start year', ja: '会計年度の開始年' }, { integer: true, min: 1900, max: 2999 });
    const startMonth = c.num('plan.fiscalYear.startMonth', plan.fiscalYear.startMonth, { en: 'Fiscal year start month', ja: '会計年度の開始月' }, { optional: true, integer: true, min: 1, max: 12 });
    if (startYear !== undefined) fiscalYear = { startYear, startMonth: startMonth ?? (locale === 'ja' ? 4 : 1) };
  }

  const kgi = checkKgi(c, plan.kgi);
  const funnel = checkFunnel(c, plan.funnel);
  const nStages = funnel?.stages.length ?? (isObj(plan.funnel) && Array.isArray(plan.funnel.stages) ? plan.funnel.stages.length : undefined);

  // KSFs and their KPIs.
  const ksfs: Ksf[] = [];
  if (!Array.isArray(plan.ksfs)) {
    c.add('plan.ksfs', plan.ksfs, 'relevant', { en: 'KSFs', ja: 'KSF' }, { en: '— list the key success factors (KSFs) that drive the KGI, each with its KPIs', ja: '— KGIの達成に必要な重要成功要因(KSF)と、それぞれのKPIを入力してください' });
  } else if (plan.ksfs.length === 0) {
    c.add('plan.ksfs', plan.ksfs, 'relevant', { en: 'KSFs', ja: 'KSF' }, { en: 'has no KSF — add the key success factors that drive the KGI, each with its KPIs', ja: 'にKSFがありません — KGIの達成に必要な重要成功要因を追加し、それぞれにKPIを設定してください' });
  } else {
    plan.ksfs.forEach((k, i) => {
      const ksf = checkKsf(c, k, i, nStages);
      if (ksf) ksfs.push(ksf);
    });
  }

  // KPIs not under any KSF.
  if (!absent(plan.kpis)) {
    if (!Array.isArray(plan.kpis)) {
      c.add('plan.kpis', plan.kpis, 'relevant', { en: 'KPIs without a KSF', ja: 'KSFのないKPI' }, { en: 'is not a list', ja: 'はリストではありません' });
    } else {
      plan.kpis.forEach((k, j) => {
        const path = `plan.kpis[${j}]`;
        const kpi = checkKpi(c, k, path, nStages);
        const name = isObj(k) && typeof k.name === 'string' ? k.name : `#${j + 1}`;
        c.add(path, name, 'relevant', { en: 'KPI', ja: 'KPI' }, {
          en: 'is not under any KSF — move it under the key success factor it measures (or add one), so it leads to the KGI',
          ja: 'がどのKSFにも属していません — このKPIが測る重要成功要因の下に移すか、KSFを追加してKGIにつなげてください',
        }, kpi?.name ?? (isObj(k) && typeof k.name === 'string' ? k.name : undefined));
      });
    }
  }

  // Seasonality and thresholds.
  let seasonality: number[] | undefined;
  if (!absent(plan.seasonality)) {
    const s = plan.seasonality;
    const subject = { en: 'Seasonality', ja: '季節変動' };
    if (!Array.isArray(s) || s.length !== 12) {
      c.add('plan.seasonality', s, 'quantitative', subject, { en: `must be 12 monthly weights${Array.isArray(s) ? ` (got ${s.length})` : ''}`, ja: `は12か月分の重みで入力してください${Array.isArray(s) ? `(${s.length}個あります)` : ''}` });
    } else {
      const ws = s.map((w, m) => c.num(`plan.seasonality[${m}]`, w, { en: `Seasonality month ${m + 1}`, ja: `季節変動の${m + 1}か月目` }, { min: 0 }));
      if (ws.every((w): w is number => w !== undefined)) {
        if (ws.reduce((a, b) => a + b, 0) > 0) seasonality = ws;
        else c.add('plan.seasonality', s, 'quantitative', subject, { en: 'adds up to 0 — at least one month needs a weight above 0', ja: 'の合計が0です — 少なくとも1か月は0より大きい重みにしてください' });
      }
    }
  }
  let thresholds: Plan['thresholds'];
  if (!absent(plan.thresholds)) {
    const t = plan.thresholds;
    if (!isObj(t)) {
      c.add('plan.thresholds', t, 'quantitative', { en: 'Thresholds', ja: 'しきい値' }, { en: 'is not { warn, ok }', ja: 'は { warn, ok } の形ではありません' });
    } else {
      const warn = threshold(c, 'plan.thresholds.warn', t.warn, { en: 'At-risk threshold', ja: '「注意」のしきい値' }, 0.8);
      const ok = threshold(c, 'plan.thresholds.ok', t.ok, { en: 'On-track threshold', ja: '「順調」のしきい値' }, 1);
      if (warn !== undefined && ok !== undefined) {
        if (warn > ok) {
          c.add('plan.thresholds.warn', warn, 'quantitative', { en: 'At-risk threshold', ja: '「注意」のしきい値' }, { en: `is above the on-track threshold ${show(ok)} — it must be the lower one`, ja: `が「順調」のしきい値 ${show(ok)} より大きくなっています — 低い方のしきい値にしてください` });
        } else thresholds = { warn, ok };
      }
    }
  }

  const name = c.str('plan.name', plan.name, { en: 'Plan name', ja: '計画名' }, false);
  if (c.issues.length > 0 || !fiscalYear || !kgi || !funnel) return undefined;

  const out: Plan = { name: name?.trim() ? name : kgi.name, fiscalYear, kgi, funnel, ksfs };
  if (locale) out.locale = locale;
  if (seasonality) out.seasonality = seasonality;
  if (thresholds) out.thresholds = thresholds;
  // The funnel must compute (overflow of absurd inputs is reported, not thrown later).
  try {
    funnelTargets(out);
  } catch (e) {
    c.add('plan.funnel', out.funnel.rates, 'achievable', { en: 'Funnel', ja: 'ファネル' }, { en: `cannot be back-calculated: ${(e as Error).message}`, ja: `を逆算できません: ${(e as Error).message}` });
    return undefined;
  }
  return out;
}

function threshold(c: Checker, path: string, v: unknown, subject: Text, fallback: number): number | undefined {
  if (absent(v)) return fallback;
  const n = c.num(path, v, subject, { min: 0 });
  if (n !== undefined && n > 2) {
    c.add(path, n, 'quantitative', subject, n <= 200
      ? { en: `is above 2 (200%) — enter it as ${show(n)}% or ${show(n / 100)}`, ja: `は2(200%)を超えています — ${show(n)}% または ${show(n / 100)} と入力してください` }
      : { en: 'is above 2 (200%)', ja: 'は2(200%)を超えています' });
    return undefined;
  }
  return n;
}

function checkKgi(c: Checker, kgi: unknown): Kgi | undefined {
  if (!isObj(kgi)) {
    c.add('plan.kgi', kgi, 'quantitative', { en: 'KGI', ja: 'KGI' }, { en: '— give the key goal: { name, unit, target or baseline + growthRate }', ja: '— 最終目標(KGI)の名前・単位・目標値(または前年実績と成長率)を入力してください' });
    return undefined;
  }
  const before = c.issues.length;
  const name = c.str('plan.kgi.name', kgi.name, { en: 'KGI name', ja: 'KGI名' }, true);
  const unit = c.oneOf('plan.kgi.unit', kgi.unit, ['currency', 'count'] as const, { en: 'KGI unit', ja: 'KGIの単位' }, false);
  const currency = c.oneOf('plan.kgi.currency', kgi.currency, ['JPY', 'USD', 'EUR'] as const, { en: 'Currency', ja: '通貨' }, true);
  const target = c.num('plan.kgi.target', kgi.target, { en: 'KGI target', ja: 'KGIの目標値' }, { optional: true, min: 0, minExclusive: true });
  const baseline = c.num('plan.kgi.baseline', kgi.baseline, { en: "KGI last year's value", ja: 'KGIの前年実績' }, { optional: true, min: 0, minExclusive: true });
  const growthRate = c.num('plan.kgi.growthRate', kgi.growthRate, { en: 'KGI growth rate', ja: 'KGIの成長率' }, { optional: true, min: -1, minExclusive: true });
  const unitValue = c.num('plan.kgi.unitValue', kgi.unitValue, { en: 'Average deal size', ja: '平均受注単価' }, { optional: true, min: 0, minExclusive: true });
  if (absent(kgi.target) && (absent(kgi.baseline) || absent(kgi.growthRate))) {
    c.add('plan.kgi.target', undefined, 'quantitative', { en: 'KGI target', ja: 'KGIの目標値' }, {
      en: "— enter the KGI's annual target, or last year's value (baseline) and a growth rate",
      ja: '— KGIの年間目標値、または前年実績と成長率を入力してください',
    });
  }
  if (unit === 'currency' && absent(kgi.unitValue)) {
    c.add('plan.kgi.unitValue', undefined, 'quantitative', { en: 'Average deal size', ja: '平均受注単価' }, {
      en: '— a money KGI needs the average value of one deal to back-calculate how many wins, and so every funnel stage, it takes',
      ja: '— 金額のKGIから必要な受注件数とファネル各段階の数を逆算するには、1件あたりの平均受注単価が必要です',
    });
  }
  if (c.issues.length > before || name === undefined || unit === undefined) return undefined;
  const out: Kgi = { name, unit };
  if (currency) out.currency = currency;
  if (target !== undefined) out.target = target;
  if (baseline !== undefined) out.baseline = baseline;
  if (growthRate !== undefined) out.growthRate = growthRate;
  if (unitValue !== undefined) out.unitValue = unitValue;
  return out;
}

function checkFunnel(c: Checker, funnel: unknown): Plan['funnel'] | undefined {
  const subject = { en: 'Funnel', ja: 'ファネル' };
  if (!isObj(funnel)) {
    c.add('plan.funnel', funnel, 'quantitative', subject, { en: '— give { stages, rates }', ja: '— 段階と転換率を入力してください' });
    return undefined;
  }
  const before = c.issues.length;
  const preset = c.oneOf('plan.funnel.preset', funnel.preset, ['standard', 'inquiry', 'event', 'custom'] as const, { en: 'Funnel preset', ja: 'ファネルのプリセット' }, true);
  const stages: { name: string }[] = [];
  const rawStages = funnel.stages;
  if (!Array.isArray(rawStages) || rawStages.length < 2) {
    c.add('plan.funnel.stages', rawStages, 'quantitative', { en: 'Funnel stages', ja: 'ファネルの段階' }, {
      en: '— a funnel needs at least 2 stages, top first and wins last (e.g. Leads → Won)',
      ja: '— ファネルには上流から受注まで2段階以上が必要です(例: リード → 受注)',
    });
  } else {
    rawStages.forEach((s, i) => {
      const v = isObj(s) ? s.name : s;
      const n = c.str(`plan.funnel.stages[${i}]${isObj(s) ? '.name' : ''}`, v, { en: `Funnel stage ${i + 1} name`, ja: `ファネル段階${i + 1}の名前` }, true);
      if (n !== undefined) stages.push({ name: n });
    });
  }
  const names = Array.isArray(rawStages) ? rawStages.map((s, i) => String((isObj(s) ? s.name : s) ?? `#${i + 1}`)) : [];
  const rates: number[] = [];
  if (!Array.isArray(funnel.rates)) {
    c.add('plan.funnel.rates', funnel.rates, 'quantitative', { en: 'Conversion rates', ja: '転換率' }, { en: '— give one stage-to-stage rate per step (stages − 1)', ja: '— 段階ごとの転換率(段階数 − 1 個)を入力してください' });
  } else {
    if (Array.isArray(rawStages) && funnel.rates.length !== rawStages.length - 1) {
      c.add('plan.funnel.rates', funnel.rates, 'quantitative', { en: 'Conversion rates', ja: '転換率' }, {
        en: `has ${funnel.rates.length} rates for ${rawStages.length} stages — give exactly ${Math.max(0, rawStages.length - 1)} (one per step between stages)`,
        ja: `は${funnel.rates.length}個ですが段階は${rawStages.length}個です — 段階の間ごとに1つ、ちょうど${Math.max(0, rawStages.length - 1)}個にしてください`,
      });
    }
    funnel.rates.forEach((r, i) => {
      const from = names[i] ?? `#${i + 1}`, to = names[i + 1] ?? `#${i + 2}`;
      const subject = { en: `Conversion rate ${from} → ${to}`, ja: `転換率(${from} → ${to})` };
      const path = `plan.funnel.rates[${i}]`;
      const n = c.num(path, r, subject, {});
      if (n === undefined) return;
      const bad = rateReason(n);
      if (bad) c.add(path, n, 'achievable', subject, bad);
      else rates.push(n);
    });
  }
  if (c.issues.length > before) return undefined;
  return preset ? { stages, rates, preset } : { stages, rates };
}

function checkKsf(c: Checker, k: unknown, i: number, nStages: number | undefined): Ksf | undefined {
  const path = `plan.ksfs[${i}]`;
  if (!isObj(k)) {
    c.add(path, k, 'relevant', { en: `KSF ${i + 1}`, ja: `KSF${i + 1}` }, { en: 'is not { name, kpis }', ja: 'は { name, kpis } の形ではありません' });
    return undefined;
  }
  const before = c.issues.length;
  const kpis: Kpi[] = [];
  const raw = absent(k.kpis) ? [] : k.kpis;
  if (!Array.isArray(raw)) {
    c.add(`${path}.kpis`, raw, 'relevant', { en: `KSF ${i + 1} KPIs`, ja: `KSF${i + 1}のKPI` }, { en: 'is not a list', ja: 'はリストではありません' });
  } else {
    raw.forEach((kp, j) => {
      const kpi = checkKpi(c, kp, `${path}.kpis[${j}]`, nStages);
      if (kpi) kpis.push(kpi);
    });
  }
  // A KSF without a name leaves its KPIs hanging from nothing: "a KPI with no KSF".
  if (typeof k.name !== 'string' || k.name.trim() === '') {
    const kpiNames = Array.isArray(raw) ? raw.map((kp) => (isObj(kp) && typeof kp.name === 'string' ? kp.name : '')).filter(Boolean) : [];
    if (typeof k.name !== 'string' && !absent(k.name)) {
      c.add(`${path}.name`, k.name, 'relevant', { en: `KSF ${i + 1} name`, ja: `KSF${i + 1}の名前` }, { en: 'is not text', ja: 'は文字列ではありません' });
    } else if (kpiNames.length > 0) {
      c.add(`${path}.name`, k.name === undefined || k.name === null ? undefined : k.name, 'relevant', { en: `KSF ${i + 1} name`, ja: `KSF${i + 1}の名前` }, {
        en: `— the KPIs ${kpiNames.map((n) => q(n, 'en')).join(', ')} are not under a named KSF; name the key success factor they measure`,
        ja: `— KPI ${kpiNames.map((n) => q(n, 'ja')).join('、')} が名前のあるKSFに属していません。これらが測る重要成功要因の名前を入力してください`,
      }, kpiNames.length === 1 ? kpiNames[0] : undefined);
    } else {
      c.add(`${path}.name`, k.name === undefined || k.name === null ? undefined : k.name, 'relevant', { en: `KSF ${i + 1} name`, ja: `KSF${i + 1}の名前` }, { en: '— name the key success factor', ja: '— 重要成功要因の名前を入力してください' });
    }
  }
  if (c.issues.length > before) return undefined;
  return { name: k.name as string, kpis };
}

function checkKpi(c: Checker, k: unknown, path: string, nStages: number | undefined): Kpi | undefined {
  if (!isObj(k)) {
    c.add(path, k, 'quantitative', { en: 'KPI', ja: 'KPI' }, { en: 'is not a KPI object { name, unit, … }', ja: 'はKPIの形({ name, unit, … })ではありません' });
    return undefined;
  }
  const before = c.issues.length;
  const label = typeof k.name === 'string' && k.name.trim() ? k.name : undefined;
  const kpiName = label;
  const subj = (field: string): Text => ({
    en: `KPI ${label ? q(label, 'en') : path.replace('plan.', '')} ${KPI_FIELD[field].en}`,
    ja: `KPI${label ? q(label, 'ja') : `(${path.replace('plan.', '')})`}の${KPI_FIELD[field].ja}`,
  });
  const name = c.str(`${path}.name`, k.name, subj('name'), true, 'quantitative', kpiName);
  const unit = c.str(`${path}.unit`, k.unit, subj('unit'), false, 'quantitative', kpiName);
  const owner = c.str(`${path}.owner`, k.owner, subj('owner'), false, 'quantitative', kpiName);
  const direction = c.oneOf(`${path}.direction`, k.direction, ['higher', 'lower'] as const, subj('direction'), true, kpiName);
  const aggregate = c.oneOf(`${path}.aggregate`, k.aggregate, ['sum', 'average'] as const, subj('aggregate'), true, kpiName);
  const target = c.num(`${path}.target`, k.target, subj('target'), { optional: true, min: 0, minExclusive: true, kpi: kpiName });
  const baseline = c.num(`${path}.baseline`, k.baseline, subj('baseline'), { optional: true, min: 0, kpi: kpiName });
  let stage: number | undefined;
  if (!absent(k.stage)) {
    if (!isNum(k.stage) || !Number.isInteger(k.stage)) {
      c.add(`${path}.stage`, k.stage, 'relevant', subj('stage'), { en: 'is not a stage number (0 = top of the funnel)', ja: 'は段階番号(0 = ファネルの最上段)ではありません' }, kpiName);
    } else if (nStages !== undefined && (k.stage < 0 || k.stage >= nStages)) {
      c.add(`${path}.stage`, k.stage, 'relevant', subj('stage'), {
        en: `does not exist — the funnel has ${nStages} stages (0 to ${nStages - 1}); point the KPI at one of them or enter its target by hand`,
        ja: `は存在しません — ファネルの段階は${nStages}個(0〜${nStages - 1})です。いずれかの段階を選ぶか、目標値を直接入力してください`,
      }, kpiName);
    } else stage = k.stage;
  }
  if (stage !== undefined && aggregate === 'average') {
    c.add(`${path}.stage`, stage, 'relevant', subj('stage'), {
      en: '— an average KPI (a rate, cost per unit or score) cannot take its target from a funnel stage, which is a count; remove the stage and enter the monthly level as its target',
      ja: '— 平均で集計するKPI(率・単価・スコア)はファネル段階(件数)から目標を取れません。段階を外し、月ごとの目標水準を目標値に入力してください',
    }, kpiName);
  }
  if (absent(k.target) && absent(k.stage)) {
    c.add(`${path}.target`, undefined, 'quantitative', subj('target'), {
      en: '— a KPI needs a number to aim at: enter its annual target, or pick the funnel stage it measures',
      ja: '— KPIには数値目標が必要です。年間目標値を入力するか、このKPIが測るファネル段階を選んでください',
    }, kpiName);
  }
  let recentActuals: (number | '')[] | undefined;
  if (!absent(k.recentActuals)) {
    if (!Array.isArray(k.recentActuals)) {
      c.add(`${path}.recentActuals`, k.recentActuals, 'quantitative', subj('recentActuals'), { en: 'is not a list of monthly numbers', ja: 'は月ごとの数値のリストではありません' }, kpiName);
    } else {
      const vals = k.recentActuals.map((v, m) =>
        absent(v) ? ('' as const) : c.num(`${path}.recentActuals[${m}]`, v, subj('recentActuals'), { min: 0, kpi: kpiName }),
      );
      if (vals.every((v): v is number | '' => v !== undefined)) recentActuals = vals;
    }
  }
  if (c.issues.length > before || name === undefined) return undefined;
  const out: Kpi = { name };
  if (unit !== undefined) out.unit = unit;
  if (owner !== undefined) out.owner = owner;
  if (direction) out.direction = direction;
  if (aggregate) out.aggregate = aggregate;
  if (stage !== undefined) out.stage = stage;
  if (target !== undefined) out.target = target;
  if (baseline !== undefined) out.baseline = baseline;
  if (recentActuals) out.recentActuals = recentActuals;
  return out;
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
  const unitValue = plan.kgi.unit === 'currency' ? plan.kgi.unitValue : undefined;
  return funnelVolumes(kgiTarget(plan), plan.funnel.rates, unitValue, true);
}

/**
 * A KPI's annual target (sum KPIs) or monthly level (average KPIs): the hand-entered `target`
 * when given (it wins over the stage; the health check warns when they disagree by > 10%), else
 * the back-calculated volume of its funnel stage. Throws when it has neither.
 */
export function kpiAnnualTarget(plan: Plan, kpi: Kpi): number {
  if (kpi.target !== undefined) return kpi.target;
  if (kpi.stage !== undefined) {
    const v = funnelTargets(plan)[kpi.stage];
    if (v === undefined) throw new Error(`KPI "${kpi.name}": funnel stage ${kpi.stage} does not exist`);
    return v;
  }
  throw new Error(`KPI "${kpi.name}": no target and no funnel stage`);
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
