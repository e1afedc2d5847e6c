/**
 * The planner wizard: renders the current step, moves between steps (Next refuses while the
 * step has errors), switches language, and builds: checkPlan on the server, then buildWorkbook.
 */
import { defaultStartMonth, fiscalYearOf, isLang, langFromLocale } from '../../core/locale';
import type { Lang, Plan } from '../../core/plan';
import { PRESETS, presetFunnel } from '../../core/presets';
import type { Child } from '../dom';
import { h } from '../dom';
import { blankDraft, draftFromPlan, planFromDraft, samplePlanFor, type Draft } from '../draft';
import { call, scriptRun, toError } from '../rpc';
import { refresh } from './fields';
import { type Controller, type Defaults, L, STEPS, type StepId, state, stepOf } from './state';
import { renderChannels } from './steps/channels';
import { renderFiscalYear } from './steps/fiscal-year';
import { renderFunnel } from './steps/funnel';
import { renderKgi } from './steps/kgi';
import { renderKsfs } from './steps/ksfs';
import { renderExample, renderLanguage } from './steps/language';
import { healthFindings, renderReview } from './steps/review';
import { renderSeasonality } from './steps/seasonality';
import { renderThresholds } from './steps/thresholds';

/** Each step's view: the modules it is made of, in order. */
const STEP_VIEWS: Record<StepId, (ctl: Controller) => Child[]> = {
  basics: (ctl) => [...renderLanguage(ctl), ...renderFiscalYear(ctl), renderExample(ctl)],
  kgi: renderKgi,
  funnel: renderFunnel,
  channels: renderChannels,
  ksf: renderKsfs,
  season: (ctl) => [...renderSeasonality(ctl), ...renderThresholds()],
  review: renderReview,
};

/** The first field of `path` on the page (not a step-level error slot). */
const fieldElement = (path: string) =>
  document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]:not([type="hidden"])`);

const controller: Controller = { render, refresh, goToField, build, switchLang, clearPlan, loadSample };

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
    { type: 'button', id: 'nav-back', 'data-testid': 'nav-back', disabled: state.step === 0 || state.busy, onclick: () => go(-1) },
    L('nav.back'),
  );
  const next = id === 'review'
    ? null
    : h(
        'button',
        { type: 'button', class: 'action', id: 'nav-next', 'data-testid': 'nav-next', disabled: state.busy, onclick: () => go(1) },
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

function build(): void {
  if (state.busy) return;
  const r = planFromDraft(state.draft);
  if (Object.keys(r.errors).length || healthFindings(r.plan).some((f) => f.level === 'error')) return;
  state.busy = true;
  state.phase = 'checking';
  state.result = null;
  render();
  const plan = JSON.parse(JSON.stringify(r.plan)) as Plan;
  call('checkPlan', plan)
    .then((check) => {
      const errors = (check?.findings ?? []).filter((f) => f.level === 'error');
      if (errors.length) {
        state.result = { ok: false, message: L('build.again'), findings: check.findings };
        return;
      }
      state.phase = 'building';
      const status = document.querySelector('[data-testid="build-status"]');
      if (status) status.textContent = L('build.busy');
      return call('buildWorkbook', plan).then((res) => {
        state.result = { ok: true, res: res ?? { sheets: [], warnings: [] } };
      });
    })
    .catch((e: unknown) => {
      state.result = { ok: false, message: toError(e).message };
    })
    .finally(() => {
      state.busy = false;
      if (STEPS[state.step] === 'review') {
        render();
        document.querySelector<HTMLElement>('[data-testid="result"]')?.scrollIntoView({ block: 'nearest' });
      }
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
  let step = state.step + delta;
  // The optional channels step is passed over while the plan is not split by channel.
  if (STEPS[step] === 'channels' && !state.draft.channels.on) step += delta;
  state.step = Math.min(STEPS.length - 1, Math.max(0, step));
  state.unlinked = [];
  if (STEPS[state.step] === 'review' && state.result && !state.result.ok && state.result.findings) state.result = null;
  render();
  document.getElementById('content')?.scrollTo?.(0, 0);
  window.scrollTo?.(0, 0);
}

/** The example plan in `lang` for the fiscal year `year` (by default the draft's). */
function sampleDraft(lang: Lang, year = Number(state.draft.startYear) || state.defaults.startYear): Draft {
  const sample = state.defaults.sample;
  const plan = sample && sample.locale === lang && sample.fiscalYear.startYear === year ? sample : samplePlanFor(lang, year);
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
    if (p && p.stages.length === d.funnel.stages.length && p.stages.every((s, i) => s[old] === d.funnel.stages[i])) {
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
  state.touched.clear();
  state.revealed.clear();
  state.result = null;
  render();
}

function loadSample(): void {
  state.draft = sampleDraft(state.draft.lang);
  state.sampleSnapshot = JSON.stringify(state.draft);
  state.result = null;
  render();
}

/**
 * Starts from the server's defaults; opened outside Sheets (or when the call failed), from the
 * browser's language and today.
 */
function start(server: Partial<Defaults> | null): void {
  const lang: Lang = isLang(server?.lang) ? server.lang : langFromLocale(navigator.language);
  const now = new Date();
  const startMonth = server?.startMonth ?? defaultStartMonth(lang);
  const startYear = server?.startYear ?? fiscalYearOf(now.getFullYear(), now.getMonth() + 1, startMonth);
  state.defaults = { lang, startYear, startMonth, sample: server?.sample };
  state.draft = sampleDraft(lang, startYear);
  state.sampleSnapshot = JSON.stringify(state.draft);
  render();
}

/** Opens the planner in #app: asks the server for the defaults first. */
export function init(): void {
  if (!document.getElementById('app')) return;
  if (!scriptRun()) return start(null);
  call('getPlannerDefaults')
    .then((v) => start(v && typeof v === 'object' ? v : null))
    .catch(() => start(null));
}
