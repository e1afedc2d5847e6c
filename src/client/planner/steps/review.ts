/**
 * Step 6: the review — a summary of the plan, the input errors and the health check's findings
 * by criterion (each linked to its field), the funnel, and the Build button with its outcome.
 */
import { checkPlan } from '../../../core/health';
import type { Plan } from '../../../core/plan';
import { fiscalRange, monthName, type MessageKey } from '../../../messages';
import { h } from '../../dom';
import { draftPathOf, kgiGoal, planFromDraft } from '../../draft';
import { toError } from '../../rpc';
import { type Controller, type Finding, L, money, stageLabel, state } from '../state';
import { funnelTable } from './funnel';

const CRITERIA = ['quantitative', 'achievable', 'relevant'] as const;

const KGI_FIELDS: Record<string, MessageKey> = {
  name: 'kgi.name',
  target: 'kgi.target',
  baseline: 'kgi.baseline',
  growth: 'kgi.growth',
  unitValue: 'kgi.unitValue',
};
const KPI_FIELDS: Record<string, MessageKey> = { name: 'kpi.name', target: 'kpi.target', baseline: 'kgi.baseline' };

/** Human name of a field path, for the review's list of input errors. */
export function describePath(path: string): string {
  const d = state.draft;
  const p = path.split('.');
  switch (p[0]) {
    case 'name':
      return L('basics.planName');
    case 'startYear':
      return `${L('basics.fiscal')} — ${L('basics.startYear')}`;
    case 'kgi':
      return `KGI — ${L(KGI_FIELDS[p[1]] ?? 'kgi.name')}`;
    case 'funnel':
      if (p[1] === 'rates') return L('funnel.rateLabel', { from: stageLabel(Number(p[2])), to: stageLabel(Number(p[2]) + 1) });
      return p[2] === undefined ? L('funnel.preset') : `${L('funnel.preset')} — ${L('funnel.stage', { n: Number(p[2]) + 1 })}`;
    case 'ksfs': {
      const i = Number(p[1]);
      const ksf = `${L('ksf.name')} ${i + 1}`;
      if (p[2] === 'name') return ksf;
      const j = Number(p[3]);
      const name = state.current.plan.ksfs[i]?.kpis[j]?.name;
      const kpi = name ? `${L('kpi.name')} “${name}”` : `${L('kpi.name')} ${j + 1}`;
      return p[4] === 'name' ? `${ksf} — ${kpi}` : `${ksf} — ${kpi} — ${L(KPI_FIELDS[p[4]] ?? 'kpi.target')}`;
    }
    case 'season':
      if (p[1] === undefined) return L('season.title');
      return `${L('season.title')} — ${monthName(d.lang, ((d.startMonth - 1 + Number(p[1])) % 12) + 1)}`;
    case 'thresholds':
      return L(p[1] === 'warn' ? 'thresholds.warn' : 'thresholds.ok');
  }
  return path;
}

/** Client-side health check; a throw from it is itself shown as an error finding. */
export function healthFindings(plan: Plan): Finding[] {
  try {
    return checkPlan(plan, state.draft.lang).findings ?? [];
  } catch (e) {
    return [{ level: 'error', criterion: 'relevant', message: toError(e).message }];
  }
}

/** A small "Edit" link from a finding to the field it is about (when the sidebar has one). */
function editLink(ctl: Controller, planPath: string | undefined): HTMLElement | null {
  const path = draftPathOf(planPath);
  if (!path) return null;
  return h(
    'button',
    { type: 'button', class: 'link inline edit', 'data-testid': 'finding-edit', 'data-path': path, onclick: () => ctl.goToField(path) },
    L('review.edit'),
  );
}

const byLevel = (a: Finding, b: Finding) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1);
const levelKey = (level: Finding['level']): MessageKey => (level === 'error' ? 'review.level.error' : 'review.level.warning');

function findingItem(ctl: Controller, f: Finding, criterion: string): HTMLElement {
  return h(
    'li',
    { class: `finding ${f.level}`, 'data-testid': 'finding', 'data-level': f.level, 'data-criterion': criterion },
    h('span', { class: `badge ${f.level}` }, L(levelKey(f.level))),
    String(f.message),
    editLink(ctl, f.path),
  );
}

/** The input errors (fields the plan cannot be read from), each a link to its field. */
function inputErrors(ctl: Controller, fieldErrors: [string, MessageKey][]): HTMLElement {
  const ul = h('ul', {});
  for (const [path, key] of fieldErrors) {
    ul.append(h(
      'li',
      { class: 'finding error', 'data-testid': 'finding', 'data-level': 'error', 'data-criterion': 'input', 'data-path': path },
      h('span', { class: 'badge error' }, L('review.level.error')),
      h('button', { type: 'button', class: 'link inline', onclick: () => ctl.goToField(path) }, describePath(path)),
      `: ${L(key)}`,
    ));
  }
  return h(
    'div',
    { class: 'group', 'data-testid': 'findings-input' },
    h('h4', {}, L('review.crit.input')),
    h('div', { class: 'secondary' }, L('err.fieldCount', { n: fieldErrors.length })),
    ul,
  );
}

/**
 * The findings: a summary ("1 error, 2 warnings", or one "no problems found"), then each
 * criterion's findings; a criterion with none is marked ✓ without repeating the sentence.
 */
function renderFindings(ctl: Controller, fieldErrors: [string, MessageKey][], findings: Finding[]): HTMLElement {
  const box = h('div', { class: 'findings', 'data-testid': 'findings' });
  const errors = fieldErrors.length + findings.filter((f) => f.level === 'error').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  box.append(h(
    'div',
    {
      class: `summary ${errors ? 'bad' : warnings ? 'warn' : 'good'}`,
      'data-testid': 'findings-summary',
      'data-errors': errors,
      'data-warnings': warnings,
    },
    errors || warnings ? L('review.summary', { errors, warnings }) : L('review.allClear'),
  ));
  if (fieldErrors.length) box.append(inputErrors(ctl, fieldErrors));
  else {
    for (const c of CRITERIA) {
      const list = findings.filter((f) => f.criterion === c).sort(byLevel);
      const ok = list.length === 0;
      box.append(h(
        'div',
        { class: `group${ok ? ' ok' : ''}`, 'data-testid': `findings-${c}`, 'data-ok': ok ? 'true' : undefined },
        h('h4', {}, ok ? `✓ ${L(`review.crit.${c}`)}` : L(`review.crit.${c}`)),
        ok ? null : h('ul', {}, ...list.map((f) => findingItem(ctl, f, c))),
      ));
    }
  }
  // Findings with a criterion outside the three (defensive): still shown.
  const other = findings.filter((f) => !(CRITERIA as readonly string[]).includes(f.criterion));
  if (other.length) box.append(h('div', { class: 'group' }, h('ul', {}, ...other.map((f) => findingItem(ctl, f, String(f.criterion))))));
  return box;
}

function renderResult(): HTMLElement {
  const box = h('div', { class: 'result', id: 'result', 'data-testid': 'result', 'aria-live': 'polite' });
  const result = state.result;
  if (!result) return box;
  if (result.ok) {
    box.classList.add('ok');
    box.dataset.status = 'ok';
    const sheets = result.res.sheets ?? [];
    const warnings = result.res.warnings ?? [];
    box.append(h('div', { class: 'result-title' }, `✓ ${L('build.done')}`));
    box.append(h('div', {}, L('build.sheets')), h('ul', { 'data-testid': 'result-sheets' }, ...sheets.map((s) => h('li', {}, String(s)))));
    if (warnings.length) {
      box.append(
        h('div', {}, L('build.warnings')),
        h('ul', { 'data-testid': 'result-warnings' }, ...warnings.map((w) => h('li', {}, String(w)))),
      );
    }
  } else {
    box.classList.add('failed');
    box.dataset.status = 'error';
    box.append(h('div', { class: 'result-title' }, L('build.failed')), h('div', { class: 'error', 'data-testid': 'result-error' }, result.message));
  }
  return box;
}

export function renderReview(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  const r = planFromDraft(d);
  const fieldErrors = Object.entries(r.errors);
  const result = state.result;
  const findings = fieldErrors.length ? [] : result && !result.ok && result.findings ? result.findings : healthFindings(r.plan);
  const blocked = fieldErrors.length > 0 || findings.some((f) => f.level === 'error');
  const plan = r.plan;
  const goal = kgiGoal(plan);
  const kpiCount = plan.ksfs.reduce((a, s) => a + s.kpis.length, 0);
  const summary = h(
    'div',
    { class: 'block summary-box', 'data-testid': 'review-summary' },
    h('div', { class: 'plan-name' }, plan.name),
    h('div', { class: 'secondary' }, L('review.fy', { range: fiscalRange(d.lang, plan.fiscalYear.startYear, plan.fiscalYear.startMonth) })),
    h('div', {}, `KGI: ${plan.kgi.name}${goal !== undefined ? ` — ${money(goal)}` : ''}`),
    h('div', { class: 'secondary' }, L('review.kpis', { count: kpiCount, ksfs: plan.ksfs.length })),
  );
  const button = h(
    'button',
    {
      type: 'button',
      class: 'action build',
      id: 'build-button',
      'data-testid': 'build-button',
      disabled: blocked || state.busy,
      onclick: () => ctl.build(),
    },
    state.busy ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    state.busy ? L('build.busy') : L('build.button'),
  );
  const status = state.busy ? L(state.phase === 'checking' ? 'review.checking' : 'build.busy') : blocked ? L('review.blocked') : '';
  return [
    h('p', { class: 'intro' }, L('review.intro')),
    summary,
    renderFindings(ctl, fieldErrors, findings),
    funnelTable('review-funnel'),
    h(
      'div',
      { class: 'block build-row' },
      button,
      h('div', { class: 'secondary', 'data-testid': 'build-status', role: 'status', 'aria-live': 'polite' }, status),
    ),
    renderResult(),
  ];
}
