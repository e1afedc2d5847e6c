/**
 * The planner wizard: opens on the plan in the spreadsheet (listPlans, getPlan; a chooser when there are several,
 * the example plan when there is none), renders the current step, moves between steps (Next refuses while the
 * step has errors), switches language, and writes: checkPlan on the server, then updateWorkbook (Apply changes)
 * or buildWorkbook (Save as a new plan, confirmed when the spreadsheet has a plan). One write at a time.
 */
import { defaultStartMonth, fiscalYearOf, isLang, langFromLocale } from '../../core/locale';
import type { Lang, Plan } from '../../core/plan';
import type { PlanSummary, PlanWithIds } from '../../server/api';
import { PRESETS, presetFunnel } from '../../core/presets';
import type { Child } from '../dom';
import { h } from '../dom';
import { blankDraft, draftFromPlan, planFromDraft, samplePlanFor, type Draft } from '../draft';
import { t } from '../../messages/planner';
import { call, scriptRun, toError } from '../rpc';
import { refresh } from './fields';
import { type BuildOutcome, type Controller, type Defaults, L, STEPS, type StepId, state, stepOf } from './state';
import { renderFiscalYear } from './steps/fiscal-year';
import { renderFunnel } from './steps/funnel';
import { renderKgi } from './steps/kgi';
import { renderKsfs } from './steps/ksfs';
import { renderChooser, renderExample, renderLanguage } from './steps/language';
import { healthFindings, renderReview } from './steps/review';
import { renderSeasonality } from './steps/seasonality';
import { renderThresholds } from './steps/thresholds';

/** Each step's view: the modules it is made of, in order. */
const STEP_VIEWS: Record<StepId, (ctl: Controller) => Child[]> = {
  basics: (ctl) => [...renderLanguage(ctl), ...renderFiscalYear(ctl), renderExample(ctl)],
  kgi: renderKgi,
  funnel: renderFunnel,
  ksf: renderKsfs,
  season: (ctl) => [...renderSeasonality(ctl), ...renderThresholds()],
  review: renderReview,
};

/** The first field of `path` on the page (not a step-level error slot). */
const fieldElement = (path: string) =>
  document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]:not([type="hidden"])`);

const controller: Controller = {
  render,
  refresh,
  goToField,
  build,
  buildNew,
  apply,
  cancelConfirm,
  openPlan,
  showSheet,
  switchLang,
  clearPlan,
  loadSample,
};

function stepTabs(): HTMLElement {
  const tabs = h('ol', {
    class: 'steps',
    'data-testid': 'step-indicator',
    'aria-label': L('nav.step', { n: state.step + 1, total: STEPS.length }),
  });
  STEPS.forEach((s, i) => {
    const tab = h(
      'button',
      {
        type: 'button',
        class: `tab${i === state.step ? ' current' : ''}${i < state.step ? ' done' : ''}`,
        'data-testid': `step-tab-${s}`,
        'aria-current': i === state.step ? 'step' : undefined,
        disabled: state.busy,
        title: L(`step.${s}`),
        onclick: () => {
          if (state.busy) return;
          state.step = i;
          state.unlinked = [];
          render();
        },
      },
      String(i + 1),
    );
    tabs.append(h('li', {}, tab));
  });
  return tabs;
}

/** Re-renders the current step (structural changes); `focusId` is focused afterwards. */
function render(focusId?: string): void {
  const app = document.getElementById('app')!;
  if (state.screen === 'choose') {
    state.fields = [];
    state.updaters = [];
    const header = h(
      'header',
      {},
      h(
        'div',
        { class: 'step-title' },
        h('h2', { 'data-testid': 'step-title', 'data-step': 'choose' }, L('load.title')),
      ),
    );
    app.replaceChildren(
      header,
      h('main', { id: 'content', 'data-testid': 'plan-chooser' }, ...renderChooser(controller)),
    );
    document.documentElement.lang = state.draft.lang;
    return;
  }
  const scroll = document.getElementById('content')?.scrollTop ?? 0;
  state.fields = [];
  state.updaters = [];
  const id = STEPS[state.step];
  const header = h(
    'header',
    {},
    stepTabs(),
    h(
      'div',
      { class: 'step-title' },
      h('h2', { 'data-testid': 'step-title', 'data-step': id }, L(`step.${id}`)),
      h('span', { class: 'secondary' }, L('nav.step', { n: state.step + 1, total: STEPS.length })),
    ),
  );
  const content = h('main', { id: 'content', 'data-testid': `step-${id}` }, ...STEP_VIEWS[id](controller));
  const back = h(
    'button',
    {
      type: 'button',
      id: 'nav-back',
      'data-testid': 'nav-back',
      disabled: state.step === 0 || state.busy,
      onclick: () => go(-1),
    },
    L('nav.back'),
  );
  const next =
    id === 'review'
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'action',
            id: 'nav-next',
            'data-testid': 'nav-next',
            disabled: state.busy,
            onclick: () => go(1),
          },
          L('nav.next'),
        );
  app.replaceChildren(header, content, h('footer', {}, back, next));
  document.documentElement.lang = state.draft.lang;
  document.title = L('title.sidebar');
  refresh();
  const c = document.getElementById('content');
  if (c && !focusId) c.scrollTop = scroll;
  if (focusId) {
    const el = document.getElementById(focusId);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  }
}

function goToField(path: string): void {
  state.touched.add(path);
  const kpi = /^ksfs\.(\d+)\.kpis\.(\d+)\.baseline$/.exec(path);
  if (kpi) state.openMore.add(`${kpi[1]}-${kpi[2]}`);
  state.step = STEPS.indexOf(stepOf(path));
  render();
  const el = fieldElement(path);
  el?.focus();
  el?.scrollIntoView?.({ block: 'center' });
}

/** The plan of the draft, or undefined while it has input errors or the health check finds errors. */
function readyPlan(): Plan | undefined {
  const r = planFromDraft(state.draft);
  if (Object.keys(r.errors).length || healthFindings(r.plan).some((f) => f.level === 'error')) return undefined;
  return JSON.parse(JSON.stringify(r.plan)) as Plan;
}

/** A copy of `plan` without ids: a new plan gets its own. */
function withoutIds(plan: Plan): Plan {
  const { id: _plan, ...rest } = plan;
  return {
    ...rest,
    ksfs: plan.ksfs.map(({ id: _ksf, ...ksf }) => ({ ...ksf, kpis: ksf.kpis.map(({ id: _kpi, ...kpi }) => kpi) })),
  };
}

/** Save as a new plan: asks first when the spreadsheet already has one ("update it, or create a new plan?"). */
function build(): void {
  if (state.busy || !readyPlan()) return;
  if (state.plans.length && !state.confirmNew) {
    state.confirmNew = true;
    render();
    document.querySelector<HTMLElement>('[data-testid="confirm-new"]')?.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  buildNew();
}

function cancelConfirm(): void {
  state.confirmNew = false;
  render();
}

/** Save as a new plan, confirmed: checkPlan, then buildWorkbook. */
function buildNew(): void {
  const plan = readyPlan();
  if (state.busy || !plan) return;
  write('building', withoutIds(plan), (p) =>
    call('buildWorkbook', p).then((res) => ({ ok: true, res, applied: false })),
  );
}

/** Apply changes: checkPlan, then updateWorkbook on the plan the draft was loaded from (ids as getPlan gave them). */
function apply(): void {
  const plan = readyPlan();
  if (state.busy || !plan || !state.draft.id) return;
  write('applying', plan, (p) =>
    call('updateWorkbook', p as PlanWithIds).then((res) => ({ ok: true, res, applied: true })),
  );
}

/**
 * One write to the spreadsheet: busy from the first click (a second click does nothing), the server's check,
 * then `send`. After success the plan is read back (getPlan), so its ids — new KPIs' too — are the draft's and a
 * further Apply changes updates the same plan; the result shows until the draft changes.
 */
function write(phase: 'building' | 'applying', plan: Plan, send: (plan: Plan) => Promise<BuildOutcome>): void {
  state.busy = true;
  state.phase = 'checking';
  state.writing = phase;
  state.confirmNew = false;
  state.result = null;
  render();
  call('checkPlan', plan)
    .then(async (check) => {
      const errors = (check?.findings ?? []).filter((f) => f.level === 'error');
      if (errors.length) {
        state.result = { ok: false, message: L('build.again'), findings: check.findings };
        return;
      }
      state.phase = phase;
      const status = document.querySelector('[data-testid="build-status"]');
      if (status) status.textContent = L(phase === 'applying' ? 'build.applyBusy' : 'build.busy');
      const outcome = await send(plan);
      if (outcome.ok)
        outcome.res = { ...outcome.res, sheets: outcome.res?.sheets ?? [], warnings: outcome.res?.warnings ?? [] };
      state.result = outcome;
      if (outcome.ok) await reload(outcome.res.sheets, plan);
      state.resultSnapshot = JSON.stringify(state.draft);
    })
    .catch((e: unknown) => {
      state.result = { ok: false, message: toError(e).message };
    })
    .finally(() => {
      state.busy = false;
      state.writing = null;
      if (STEPS[state.step] === 'review') {
        render();
        document.querySelector<HTMLElement>('[data-testid="result"]')?.scrollIntoView({ block: 'nearest' });
      }
    });
}

/**
 * After a write: the spreadsheet's plans again, and the written plan (the one holding `sheets`) as the draft.
 * Without listPlans the plan is still known to exist, so a further Build asks first.
 */
async function reload(sheets: string[], plan: Plan): Promise<void> {
  const plans = await call('listPlans').then(
    (list) => (Array.isArray(list) ? list : undefined),
    () => undefined,
  );
  const written = plans?.find((p) => p.sheets.some((s) => sheets.includes(s)));
  state.plans = plans ?? state.plans;
  if (!written) {
    if (!state.plans.some((p) => p.sheets.some((s) => sheets.includes(s)))) {
      state.plans = [...state.plans, { id: '', name: plan.name, lang: plan.locale ?? state.draft.lang, sheets }];
    }
    return;
  }
  const read = await call('getPlan', written.id).catch(() => null);
  if (!read) return;
  const step = state.step;
  loadPlan(written, read);
  state.step = step;
}

/** The draft becomes `plan` (read back from the spreadsheet, ids kept). */
function loadPlan(summary: PlanSummary, plan: PlanWithIds): void {
  state.draft = draftFromPlan(plan, plan.locale ?? summary.lang);
  state.loaded = summary;
  state.sampleSnapshot = '';
  state.screen = 'wizard';
  state.step = 0;
  state.touched.clear();
  state.revealed.clear();
  state.openMore.clear();
  state.monthTouched = true;
  state.confirmNew = false;
}

/** Opens plan `id` of the spreadsheet (getPlan); without an id, the chooser. */
function openPlan(id?: string): void {
  if (state.busy) return;
  const summary = state.plans.find((p) => p.id === id);
  if (!summary) {
    state.screen = 'choose';
    render();
    return;
  }
  state.busy = true;
  state.phase = 'loading';
  call('getPlan', summary.id)
    .then((plan) => {
      if (!plan) throw new Error(summary.name);
      loadPlan(summary, plan);
      state.result = null;
      state.notice = '';
    })
    .catch((e: unknown) => {
      state.notice = L('load.failed', { message: toError(e).message });
      startFromSample();
    })
    .finally(() => {
      state.busy = false;
      render();
    });
}

function showSheet(name: string): void {
  call('showSheet', name).catch((e: unknown) => {
    const status = document.querySelector('[data-testid="result-error"], [data-testid="build-status"]');
    if (status) status.textContent = toError(e).message;
  });
}

function go(delta: number): void {
  if (state.busy) return;
  if (delta > 0) {
    const id = STEPS[state.step];
    const bad = Object.keys(planFromDraft(state.draft).errors).filter((p) => stepOf(p) === id);
    if (bad.length) {
      state.revealed.add(id);
      refresh();
      fieldElement(bad[0])?.focus();
      return;
    }
  }
  state.step = Math.min(STEPS.length - 1, Math.max(0, state.step + delta));
  state.unlinked = [];
  if (STEPS[state.step] === 'review' && state.result && !state.result.ok && state.result.findings) state.result = null;
  render();
  document.getElementById('content')?.scrollTo?.(0, 0);
  window.scrollTo?.(0, 0);
}

/** The example plan in `lang` for the fiscal year `year` (by default the draft's). */
function sampleDraft(lang: Lang, year = Number(state.draft.startYear) || state.defaults.startYear): Draft {
  const sample = state.defaults.sample;
  const plan =
    sample && sample.locale === lang && sample.fiscalYear.startYear === year ? sample : samplePlanFor(lang, year);
  return draftFromPlan(plan, lang);
}

const isSample = () => JSON.stringify(state.draft) === state.sampleSnapshot;

function switchLang(lang: Lang): void {
  if (isSample()) {
    state.draft = sampleDraft(lang);
    state.sampleSnapshot = JSON.stringify(state.draft);
  } else {
    const d = state.draft;
    const old = d.lang;
    d.lang = lang;
    // A preset funnel whose stage names were not edited follows the language.
    const p = PRESETS[d.funnel.preset];
    if (
      p &&
      p.stages.length === d.funnel.stages.length &&
      p.stages.every((s, i) => t(old, s.key) === d.funnel.stages[i])
    ) {
      d.funnel.stages = presetFunnel(p.id, lang).stages.map((s) => s.name);
    }
    if (!state.monthTouched) d.startMonth = defaultStartMonth(lang);
  }
  document.documentElement.lang = lang;
  render();
}

function clearPlan(): void {
  const d = state.draft;
  state.draft = blankDraft(d.lang, Number(d.startYear) || state.defaults.startYear, d.startMonth);
  state.loaded = null;
  state.touched.clear();
  state.revealed.clear();
  state.result = null;
  render();
}

function loadSample(): void {
  startFromSample(state.draft.lang);
  render();
}

/** The example plan, as a new plan (not the spreadsheet's). */
function startFromSample(lang: Lang = state.draft.lang): void {
  state.draft = sampleDraft(lang);
  state.sampleSnapshot = JSON.stringify(state.draft);
  state.loaded = null;
  state.screen = 'wizard';
  state.step = 0;
  state.result = null;
  state.confirmNew = false;
}

/**
 * Starts from the server's defaults; opened outside Sheets (or when the call failed), from the
 * browser's language and today.
 */
function start(server: (Partial<Defaults> & { activeSheet?: string }) | null): Promise<void> {
  const lang: Lang = isLang(server?.lang) ? server.lang : langFromLocale(navigator.language);
  const now = new Date();
  const startMonth = server?.startMonth ?? defaultStartMonth(lang);
  const startYear = server?.startYear ?? fiscalYearOf(now.getFullYear(), now.getMonth() + 1, startMonth);
  state.defaults = { lang, startYear, startMonth, sample: server?.sample };
  state.draft = sampleDraft(lang, startYear);
  state.sampleSnapshot = JSON.stringify(state.draft);
  if (!scriptRun()) return Promise.resolve(render());
  return openSpreadsheetPlan(server?.activeSheet ?? '');
}

/**
 * The plan the planner opens on: the active sheet's plan, else the only plan; several plans (and the active sheet
 * in none) ask which; none (or a server without listPlans) is the example plan.
 */
async function openSpreadsheetPlan(activeSheet: string): Promise<void> {
  state.plans = await call('listPlans').then(
    (plans) => (Array.isArray(plans) ? plans : []),
    () => [],
  );
  const own =
    state.plans.find((p) => p.sheets.includes(activeSheet)) ?? (state.plans.length === 1 ? state.plans[0] : undefined);
  if (own) return openPlan(own.id);
  state.screen = state.plans.length ? 'choose' : 'wizard';
  render();
}

/** Opens the planner in #app: asks the server for the defaults first. */
export function init(): void {
  if (!document.getElementById('app')) return;
  if (!scriptRun()) return void start(null);
  call('getPlannerDefaults')
    .then(
      (v) => start(v && typeof v === 'object' ? v : null),
      () => start(null),
    )
    .catch(() => start(null));
}
