/**
 * The sidebar's form state ("draft": every field as the text the user typed, so nothing typed
 * is ever lost) and its conversion to and from the plan JSON of PRODUCT.md. Pure.
 *
 * Field paths (also the suffix of the inputs' ids): `name`, `startYear`, `kgi.name`,
 * `kgi.target`, `kgi.baseline`, `kgi.growth`, `kgi.unitValue`, `funnel.stages.N`,
 * `funnel.rates.N`, `ksfs.I.name`, `ksfs.I.kpis.J.name|target|baseline`, `season.N`,
 * `thresholds.warn`, `thresholds.ok`.
 *
 * A plan read back from the spreadsheet (getPlan) keeps its ids (plan, KSFs, KPIs) and every field the sidebar has
 * no input for (a KPI's source, the funnel's channels, …) in the draft, untouched, so Apply changes sends them back.
 */
import { DEFAULT_THRESHOLDS, defaultCurrency } from '../core/locale';
import type { Currency, Kpi, Lang, Plan } from '../core/plan';
import { PRESETS, presetFunnel, stageNames, type PresetId, type PresetStage } from '../core/presets';
import { samplePlan } from '../core/sample';
import { funnelTargets, kgiTarget } from '../core/validate';
import { t, type MessageKey as MsgKey } from '../messages/planner';
import { formatField, readField, type FieldKind } from './input';

export interface KpiDraft {
  name: string;
  unit: string;
  owner: string;
  direction: 'higher' | 'lower';
  aggregate: 'sum' | 'average';
  /** '' = target entered by hand; else the index of the funnel stage, as text. */
  stage: string;
  target: string;
  baseline: string;
  /** Carried through untouched (the sidebar has no field for it). */
  recentActuals?: (number | '')[];
  /** The KPI's id in the spreadsheet (a KPI added in the sidebar has none until it is built). */
  id?: string;
  /** The KPI's other fields, carried through untouched. */
  extra?: Extra;
}

export interface KsfDraft {
  name: string;
  kpis: KpiDraft[];
  id?: string;
  extra?: Extra;
}

/** Fields of a plan object the sidebar has no input for, carried through untouched. */
export type Extra = Record<string, unknown>;

export interface Draft {
  /** The id of the plan in the spreadsheet this draft edits; none for a new plan. */
  id?: string;
  /** The plan's, the KGI's and the funnel's fields the sidebar has no input for. */
  extra?: { plan?: Extra; kgi?: Extra; funnel?: Extra };
  lang: Lang;
  name: string;
  startYear: string;
  startMonth: number;
  kgi: {
    name: string;
    unit: 'currency' | 'count';
    currency: Currency;
    mode: 'target' | 'growth';
    target: string;
    baseline: string;
    growth: string;
    unitValue: string;
  };
  funnel: { preset: PresetId; stages: string[]; rates: string[] };
  ksfs: KsfDraft[];
  season: { mode: 'flat' | 'custom'; weights: string[] };
  thresholds: { warn: string; ok: string };
}

export type FieldErrors = Record<string, MsgKey>;

const fmt = (kind: FieldKind, v: number | undefined, lang: Lang) => (v === undefined ? '' : formatField(kind, v, lang));

/** The fields of each plan object the sidebar edits (or reads, such as ids): every other one is carried through. */
const KNOWN = {
  plan: ['id', 'name', 'locale', 'fiscalYear', 'kgi', 'funnel', 'ksfs', 'seasonality', 'thresholds'],
  kgi: ['name', 'unit', 'currency', 'target', 'baseline', 'growthRate', 'unitValue'],
  funnel: ['stages', 'rates', 'preset'],
  ksf: ['id', 'name', 'kpis'],
  kpi: ['id', 'name', 'unit', 'owner', 'direction', 'aggregate', 'stage', 'target', 'baseline', 'recentActuals'],
} as const;

/** `o`'s fields outside `known` (a deep copy), or undefined when there are none. */
function extraOf(o: object, known: readonly string[]): Extra | undefined {
  const rest = Object.entries(o).filter(([key, value]) => !known.includes(key) && value !== undefined);
  return rest.length ? JSON.parse(JSON.stringify(Object.fromEntries(rest))) : undefined;
}
const copy = (extra: Extra | undefined): Extra => (extra ? JSON.parse(JSON.stringify(extra)) : {});
const withId = (id: string | undefined) => (id === undefined ? {} : { id });
const withExtra = (extra: Extra | undefined) => (extra ? { extra } : {});

export function emptyKpi(): KpiDraft {
  return { name: '', unit: '', owner: '', direction: 'higher', aggregate: 'sum', stage: '', target: '', baseline: '' };
}

export function emptyKsf(): KsfDraft {
  return { name: '', kpis: [emptyKpi()] };
}

/**
 * Draft (form text) from a plan: the sample plan, a blank one, or the plan read back from the spreadsheet
 * (getPlan), whose ids and other fields are kept (planFromDraft gives the same plan back).
 */
export function draftFromPlan(plan: Plan, lang: Lang = plan.locale ?? 'en'): Draft {
  const k = plan.kgi;
  const rates = plan.funnel.rates.map((r) => fmt('rate', r, lang));
  while (rates.length < plan.funnel.stages.length) rates.push('');
  // Last year beside a typed target (no growth) has no field in the target mode: it is kept as it was.
  const lastYear =
    k.target !== undefined && k.baseline !== undefined && k.growthRate === undefined ? { baseline: k.baseline } : {};
  const kgiExtra = { ...extraOf(k, KNOWN.kgi), ...lastYear };
  const extra = {
    plan: extraOf(plan, KNOWN.plan),
    kgi: Object.keys(kgiExtra).length ? kgiExtra : undefined,
    funnel: extraOf(plan.funnel, KNOWN.funnel),
  };
  return {
    ...withId(plan.id),
    ...(extra.plan || extra.kgi || extra.funnel ? { extra } : {}),
    lang,
    name: plan.name ?? '',
    startYear: String(plan.fiscalYear.startYear),
    startMonth: plan.fiscalYear.startMonth,
    kgi: {
      name: k.name ?? '',
      unit: k.unit === 'count' ? 'count' : 'currency',
      currency: k.currency ?? defaultCurrency(lang),
      mode: k.target === undefined && k.baseline !== undefined ? 'growth' : 'target',
      target: fmt('amount', k.target, lang),
      baseline: fmt('amount', k.baseline, lang),
      growth: fmt('growth', k.growthRate, lang),
      unitValue: fmt('amount', k.unitValue, lang),
    },
    funnel: {
      preset: plan.funnel.preset ?? 'custom',
      stages: plan.funnel.stages.map((s) => s.name),
      rates,
    },
    ksfs: plan.ksfs.map(
      (s): KsfDraft => ({
        ...withId(s.id),
        ...withExtra(extraOf(s, KNOWN.ksf)),
        name: s.name,
        kpis: s.kpis.map(
          (p): KpiDraft => ({
            ...withId(p.id),
            ...withExtra(extraOf(p, KNOWN.kpi)),
            name: p.name,
            unit: p.unit ?? '',
            owner: p.owner ?? '',
            direction: p.direction === 'lower' ? 'lower' : 'higher',
            aggregate: p.aggregate === 'average' ? 'average' : 'sum',
            stage: p.stage === undefined ? '' : String(p.stage),
            target: fmt('amount', p.target, lang),
            baseline: fmt('nonneg', p.baseline, lang),
            ...(p.recentActuals ? { recentActuals: [...p.recentActuals] } : {}),
          }),
        ),
      }),
    ),
    season:
      plan.seasonality?.length === 12
        ? { mode: 'custom', weights: plan.seasonality.map((w) => fmt('nonneg', w, lang)) }
        : { mode: 'flat', weights: Array(12).fill('1') },
    thresholds: {
      warn: fmt('threshold', plan.thresholds?.warn ?? DEFAULT_THRESHOLDS.warn, lang),
      ok: fmt('threshold', plan.thresholds?.ok ?? DEFAULT_THRESHOLDS.ok, lang),
    },
  };
}

/** The example plan for a language, moved to the given fiscal year (its name follows). */
export function samplePlanFor(lang: Lang, startYear: number): Plan {
  const plan = samplePlan(lang);
  const old = String(plan.fiscalYear.startYear);
  plan.name = plan.name.split(old).join(String(startYear));
  plan.fiscalYear = { startYear, startMonth: plan.fiscalYear.startMonth };
  return plan;
}

/** A blank plan: the chosen preset's funnel, one empty KSF with one empty KPI. */
export function blankDraft(lang: Lang, startYear: number, startMonth: number): Draft {
  const year = String(startYear);
  return draftFromPlan(
    {
      name: t(lang, 'basics.planNameDefault', { year }),
      locale: lang,
      fiscalYear: { startYear, startMonth },
      kgi: { name: '', unit: 'currency', currency: defaultCurrency(lang) },
      funnel: presetFunnel('inquiry', lang),
      ksfs: [{ name: '', kpis: [{ name: '' }] }],
    },
    lang,
  );
}

/** A KPI a preset switch could not keep on a stage of the same meaning: it is now entered by hand. */
export interface UnlinkedKpi {
  ksf: number;
  kpi: number;
  /** The KPI's name and the stage it was on, as typed (for the warning). */
  name: string;
  stage: string;
}

/** Lower-case, trimmed: stage names compared without case or stray spaces. */
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
/** Whether `name` is the preset stage's name in any language. */
const namesStage = (stage: PresetStage, name: string) => stageNames(stage).some((n) => sameName(n, name));

/**
 * What stage `index` of the draft's funnel means: its preset stage (id and names in every
 * language) while it still has the preset's name, else just the name typed.
 */
function stageMeaning(d: Draft, index: number): { id?: string; names: string[] } {
  const typed = d.funnel.stages[index] ?? '';
  const preset = d.funnel.preset === 'custom' ? undefined : PRESETS[d.funnel.preset]?.stages[index];
  const fromPreset = preset && namesStage(preset, typed) ? preset : undefined;
  const known =
    fromPreset ??
    Object.values(PRESETS)
      .flatMap((p) => p.stages)
      .find((stage) => namesStage(stage, typed));
  return known ? { id: known.id, names: [typed, ...stageNames(known)] } : { names: [typed] };
}

/**
 * Replaces the funnel with a preset. Each KPI on a stage moves to the new funnel's stage of the
 * same meaning (same stage id, else the same name in either language); a KPI whose stage the
 * new funnel lacks is unlinked (its target is then entered by hand) and returned, so the
 * sidebar can say so. A KPI is never silently re-pointed to another stage.
 */
export function applyPreset(d: Draft, id: PresetId): UnlinkedKpi[] {
  const preset = PRESETS[id];
  const meanings = d.funnel.stages.map((_, i) => stageMeaning(d, i));
  const unlinked: UnlinkedKpi[] = [];
  const funnel = presetFunnel(id, d.lang);
  d.ksfs.forEach((ksf, i) =>
    ksf.kpis.forEach((kpi, j) => {
      if (kpi.stage === '') return;
      const meaning = meanings[Number(kpi.stage)];
      const byId = meaning?.id === undefined ? -1 : preset.stages.findIndex((stage) => stage.id === meaning.id);
      const byName =
        byId >= 0 || !meaning
          ? byId
          : preset.stages.findIndex((stage) =>
              meaning.names.some((name) => name.trim() !== '' && namesStage(stage, name)),
            );
      if (byName >= 0) kpi.stage = String(byName);
      else {
        unlinked.push({ ksf: i, kpi: j, name: kpi.name, stage: meaning?.names[0] ?? kpi.stage });
        kpi.stage = '';
      }
    }),
  );
  d.funnel = {
    preset: id,
    stages: funnel.stages.map((s) => s.name),
    rates: [...funnel.rates.map((r) => formatField('rate', r)), ''],
  };
  return unlinked;
}

/** Inserts an empty stage before the last (win) stage; KPIs on the win stage follow it. */
export function addStage(d: Draft): void {
  const at = Math.max(0, d.funnel.stages.length - 1);
  d.funnel.stages.splice(at, 0, '');
  d.funnel.rates.splice(at, 0, '');
  d.funnel.preset = 'custom';
  for (const s of d.ksfs)
    for (const k of s.kpis) if (k.stage !== '' && Number(k.stage) >= at) k.stage = String(Number(k.stage) + 1);
}

/** Removes stage `i`; KPIs on it switch to manual targets, later ones shift up. */
export function removeStage(d: Draft, i: number): void {
  if (d.funnel.stages.length <= 2) return;
  d.funnel.stages.splice(i, 1);
  d.funnel.rates.splice(i, 1);
  d.funnel.preset = 'custom';
  for (const s of d.ksfs)
    for (const k of s.kpis) {
      if (k.stage === '') continue;
      const n = Number(k.stage);
      if (n === i) k.stage = '';
      else if (n > i) k.stage = String(n - 1);
    }
}

export interface DraftResult {
  plan: Plan;
  errors: FieldErrors;
}

/**
 * The plan JSON from the draft, and every field's error (by path). The plan is always built
 * (fields in error are left out) so the health check can still run on the rest.
 */
export function planFromDraft(d: Draft): DraftResult {
  const errors: FieldErrors = {};
  const read = (path: string, kind: FieldKind, text: string, required = true): number | undefined => {
    const r = readField(kind, text, required);
    if (r.error) errors[path] = r.error;
    return r.value;
  };
  const text = (path: string, s: string, required = true): string => {
    const v = s.trim();
    if (!v && required) errors[path] = 'err.required';
    return v;
  };

  const startYear = read('startYear', 'year', d.startYear) ?? new Date().getFullYear();
  const k = d.kgi;
  const kgi: Plan['kgi'] = { name: text('kgi.name', k.name), unit: k.unit };
  if (k.unit === 'currency') kgi.currency = k.currency;
  if (k.mode === 'target') kgi.target = read('kgi.target', 'amount', k.target);
  else {
    kgi.baseline = read('kgi.baseline', 'amount', k.baseline);
    kgi.growthRate = read('kgi.growth', 'growth', k.growth);
  }
  if (k.unit === 'currency') kgi.unitValue = read('kgi.unitValue', 'amount', k.unitValue);
  for (const key of ['target', 'baseline', 'growthRate', 'unitValue'] as const)
    if (kgi[key] === undefined) delete kgi[key];

  const n = d.funnel.stages.length;
  if (n < 2) errors['funnel.stages'] = 'err.stagesMin';
  const stages = d.funnel.stages.map((s, i) => ({ name: text(`funnel.stages.${i}`, s) }));
  const rates: number[] = [];
  for (let i = 0; i < n - 1; i++) rates.push(read(`funnel.rates.${i}`, 'rate', d.funnel.rates[i] ?? '') ?? NaN);

  const ksfs = d.ksfs.map((s, i) => ({
    ...withId(s.id),
    ...copy(s.extra),
    name: text(`ksfs.${i}.name`, s.name),
    kpis: s.kpis.map((p, j): Kpi => {
      const at = `ksfs.${i}.kpis.${j}`;
      const kpi: Kpi = { ...withId(p.id), ...copy(p.extra), name: text(`${at}.name`, p.name) };
      if (p.unit.trim()) kpi.unit = p.unit.trim();
      if (p.owner.trim()) kpi.owner = p.owner.trim();
      if (p.direction === 'lower') kpi.direction = 'lower';
      if (p.aggregate === 'average') kpi.aggregate = 'average';
      if (p.stage !== '' && Number(p.stage) < n) kpi.stage = Number(p.stage);
      else {
        const target = read(`${at}.target`, 'amount', p.target, false);
        if (target !== undefined) kpi.target = target;
      }
      const baseline = read(`${at}.baseline`, 'nonneg', p.baseline, false);
      if (baseline !== undefined) kpi.baseline = baseline;
      if (p.recentActuals) kpi.recentActuals = [...p.recentActuals];
      return kpi;
    }),
  }));

  const plan: Plan = {
    ...withId(d.id),
    ...copy(d.extra?.plan),
    name: d.name.trim() || t(d.lang, 'basics.planNameDefault', { year: startYear }),
    locale: d.lang,
    fiscalYear: { startYear, startMonth: d.startMonth },
    kgi: { ...copy(d.extra?.kgi), ...kgi },
    funnel: { ...copy(d.extra?.funnel), stages, rates, preset: d.funnel.preset },
    ksfs,
  };

  if (d.season.mode === 'custom') {
    const w = d.season.weights.map((s, i) => read(`season.${i}`, 'nonneg', s) ?? NaN);
    if (w.every((x) => Number.isFinite(x))) {
      if (w.every((x) => x === 0)) errors['season'] = 'err.weightsZero';
      else plan.seasonality = w;
    }
  }
  const warn = read('thresholds.warn', 'threshold', d.thresholds.warn);
  const ok = read('thresholds.ok', 'threshold', d.thresholds.ok);
  if (warn !== undefined && ok !== undefined) {
    if (warn >= ok) errors['thresholds.warn'] = 'err.thresholdOrder';
    else plan.thresholds = { warn, ok };
  }
  return { plan, errors };
}

/** The KGI's annual goal (target, or baseline grown by the growth rate); undefined while incomplete. */
export function kgiGoal(plan: Plan): number | undefined {
  try {
    const v = kgiTarget(plan);
    return Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The back-calculated volume of every funnel stage (top first, wins last) for the plan, or
 * undefined while the KGI, the deal size or a rate is missing or invalid.
 */
export function funnelPreview(plan: Plan): number[] | undefined {
  if (kgiGoal(plan) === undefined || plan.funnel.rates.some((r) => !Number.isFinite(r))) return undefined;
  if (plan.kgi.unit === 'currency' && plan.kgi.unitValue === undefined) return undefined;
  try {
    return funnelTargets(plan);
  } catch {
    return undefined;
  }
}

/**
 * The draft field (see the paths at the top) that a health-check finding's plan path is about,
 * e.g. `plan.ksfs[0].kpis[2].target` → `ksfs.0.kpis.2.target`, `plan.kgi.growthRate` →
 * `kgi.growth`; undefined when the sidebar has no such field.
 */
export function draftPathOf(planPath: string | undefined): string | undefined {
  if (!planPath) return undefined;
  const p = planPath
    .replace(/^plan\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  switch (p[0]) {
    case 'name':
      return 'name';
    case 'fiscalYear':
      return 'startYear';
    case 'kgi': {
      const kgi: Record<string, string> = {
        name: 'name',
        target: 'target',
        baseline: 'baseline',
        growthRate: 'growth',
        unitValue: 'unitValue',
      };
      return `kgi.${kgi[p[1]] ?? 'name'}`;
    }
    case 'funnel':
      if (p[1] === 'rates') return p[2] === undefined ? 'funnel.rates.0' : `funnel.rates.${p[2]}`;
      return p[1] === 'stages' && p[2] !== undefined ? `funnel.stages.${p[2]}` : 'funnel.stages.0';
    case 'ksfs': {
      if (p[1] === undefined) return 'ksfs';
      if (p[2] !== 'kpis' || p[3] === undefined) return `ksfs.${p[1]}.name`;
      const field: Record<string, string> = {
        name: 'name',
        unit: 'unit',
        owner: 'owner',
        target: 'target',
        stage: 'stage',
        baseline: 'baseline',
        recentActuals: 'target',
      };
      return `ksfs.${p[1]}.kpis.${p[3]}.${field[p[4]] ?? 'name'}`;
    }
    case 'seasonality':
      return p[1] === undefined ? 'season' : `season.${p[1]}`;
    case 'thresholds':
      return p[1] === 'ok' ? 'thresholds.ok' : 'thresholds.warn';
  }
  return undefined;
}
