/**
 * Step 6: the review — a summary of the plan, the input errors and the health check's findings
 * by criterion (each linked to its field), the funnel, and the write buttons with their outcome: Apply changes
 * and Save as a new plan for a plan loaded from the spreadsheet, Build for a new one; "update it, or create a new
 * plan?" before a second plan; after success, what was built or changed and a link to Progress, no button.
 */
import { checkPlan } from '../../../core/health';
import type { Plan } from '../../../core/plan';
import { fiscalRange, monthName, type MessageKey } from '../../../messages/planner';
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
      if (p[1] === 'rates')
        return L('funnel.rateLabel', { from: stageLabel(Number(p[2])), to: stageLabel(Number(p[2]) + 1) });
      return p[2] === undefined
        ? L('funnel.preset')
        : `${L('funnel.preset')} — ${L('funnel.stage', { n: Number(p[2]) + 1 })}`;
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
    {
      type: 'button',
      class: 'link inline edit',
      'data-testid': 'finding-edit',
      'data-path': path,
      onclick: () => ctl.goToField(path),
    },
    L('review.edit'),
  );
}

const byLevel = (a: Finding, b: Finding) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1);
const levelKey = (level: Finding['level']): MessageKey =>
  level === 'error' ? 'review.level.error' : 'review.level.warning';

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
    ul.append(
      h(
        'li',
        {
          class: 'finding error',
          'data-testid': 'finding',
          'data-level': 'error',
          'data-criterion': 'input',
          'data-path': path,
        },
        h('span', { class: 'badge error' }, L('review.level.error')),
        h('button', { type: 'button', class: 'link inline', onclick: () => ctl.goToField(path) }, describePath(path)),
        `: ${L(key)}`,
      ),
    );
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
  box.append(
    h(
      'div',
      {
        class: `summary ${errors ? 'bad' : warnings ? 'warn' : 'good'}`,
        'data-testid': 'findings-summary',
        'data-errors': errors,
        'data-warnings': warnings,
      },
      errors || warnings ? L('review.summary', { errors, warnings }) : L('review.allClear'),
    ),
  );
  if (fieldErrors.length) box.append(inputErrors(ctl, fieldErrors));
  else {
    for (const c of CRITERIA) {
      const list = findings.filter((f) => f.criterion === c).sort(byLevel);
      const ok = list.length === 0;
      box.append(
        h(
          'div',
          { class: `group${ok ? ' ok' : ''}`, 'data-testid': `findings-${c}`, 'data-ok': ok ? 'true' : undefined },
          h('h4', {}, ok ? `✓ ${L(`review.crit.${c}`)}` : L(`review.crit.${c}`)),
          ok ? null : h('ul', {}, ...list.map((f) => findingItem(ctl, f, c))),
        ),
      );
    }
  }
  // Findings with a criterion outside the three (defensive): still shown.
  const other = findings.filter((f) => !(CRITERIA as readonly string[]).includes(f.criterion));
  if (other.length)
    box.append(
      h('div', { class: 'group' }, h('ul', {}, ...other.map((f) => findingItem(ctl, f, String(f.criterion))))),
    );
  return box;
}

/** The kinds of change updateWorkbook reports that have words of their own. */
const CHANGE_KINDS: Record<string, MessageKey> = {
  added: 'build.change.added',
  removed: 'build.change.removed',
  renamed: 'build.change.renamed',
  moved: 'build.change.moved',
  stagesAdded: 'build.change.stagesAdded',
  stagesRemoved: 'build.change.stagesRemoved',
};

/** A value of a change as text: a name (of a KPI, KSF or stage), else the value itself. */
function valueText(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  const name = o.name ?? o.kpi ?? o.ksf ?? o.stage;
  return name !== undefined ? valueText(name) : JSON.stringify(v);
}

/** One changed item as text: a name, `name: old → new`, or its fields. */
function changeText(item: unknown): string {
  if (item === null || typeof item !== 'object') return String(item);
  const o = item as Record<string, unknown>;
  const name = o.name ?? o.kpi ?? o.stage ?? o.id;
  const prefix = name !== undefined ? `${valueText(name)}: ` : '';
  if (o.from !== undefined && o.to !== undefined) return `${prefix}${valueText(o.from)} → ${valueText(o.to)}`;
  if (name !== undefined) return valueText(name);
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${valueText(v)}`)
    .join(', ');
}

/** updateWorkbook's `changes` (KPIs added, removed, renamed, moved; stages …) as lists, one per kind with items. */
function renderChanges(changes: unknown): HTMLElement | null {
  if (!changes || typeof changes !== 'object') return null;
  const groups = Array.isArray(changes)
    ? [['other', changes] as const]
    : Object.entries(changes as Record<string, unknown>);
  const shown = groups
    .map(([kind, items]) => [kind, Array.isArray(items) ? items : items ? [items] : []] as const)
    .filter(([, items]) => items.length > 0);
  if (!shown.length) return null;
  return h(
    'div',
    { 'data-testid': 'result-changes' },
    h('div', {}, L('build.changes')),
    ...shown.map(([kind, items]) =>
      h(
        'div',
        { 'data-change': kind },
        h('div', { class: 'secondary' }, L(CHANGE_KINDS[kind] ?? 'build.change.other')),
        h('ul', {}, ...items.map((item) => h('li', {}, changeText(item)))),
      ),
    ),
  );
}

function renderResult(ctl: Controller): HTMLElement {
  const box = h('div', { class: 'result', id: 'result', 'data-testid': 'result', 'aria-live': 'polite' });
  const result = state.result;
  if (!result) return box;
  if (result.ok) {
    box.classList.add('ok');
    box.dataset.status = 'ok';
    box.dataset.applied = String(result.applied);
    const sheets = result.res.sheets ?? [];
    const warnings = result.res.warnings ?? [];
    box.append(h('div', { class: 'result-title' }, `✓ ${L(result.applied ? 'build.applied' : 'build.done')}`));
    box.append(
      h('div', {}, L(result.applied ? 'build.updatedSheets' : 'build.sheets')),
      h('ul', { 'data-testid': 'result-sheets' }, ...sheets.map((s) => h('li', {}, String(s)))),
    );
    if (warnings.length) {
      box.append(
        h('div', {}, L('build.warnings')),
        h('ul', { 'data-testid': 'result-warnings' }, ...warnings.map((w) => h('li', {}, String(w)))),
      );
    }
    if ('changes' in result.res) {
      const changes = renderChanges(result.res.changes);
      if (changes) box.append(changes);
    }
    // The sheets come as KPI Tree, Plan, Actuals, Progress (BuildResult's order).
    const progress = sheets[3] ?? sheets[sheets.length - 1];
    if (progress) {
      box.append(
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-testid': 'open-progress',
            'data-sheet': progress,
            onclick: () => ctl.showSheet(String(progress)),
          },
          `${L('build.openProgress')} →`,
        ),
      );
    }
  } else {
    box.classList.add('failed');
    box.dataset.status = 'error';
    box.append(
      h('div', { class: 'result-title' }, L('build.failed')),
      h('div', { class: 'error', 'data-testid': 'result-error' }, result.message),
    );
  }
  return box;
}

const BUSY: Record<typeof state.phase, MessageKey> = {
  checking: 'review.checking',
  building: 'build.busy',
  applying: 'build.applyBusy',
  loading: 'review.checking',
};

/** A write button: spinner and busy words while its write runs. */
function writeButton(
  testid: string,
  label: MessageKey,
  primary: boolean,
  disabled: boolean,
  onclick: () => void,
): HTMLElement {
  const mine =
    state.writing !== null &&
    (state.writing === 'applying') === (testid === 'apply-button' || testid === 'confirm-update');
  return h(
    'button',
    {
      type: 'button',
      class: `${primary ? 'action ' : 'secondary-button '}build`,
      id: testid,
      'data-testid': testid,
      disabled,
      onclick,
    },
    mine ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    mine ? L(state.writing === 'applying' ? 'build.applyBusy' : 'build.busy') : L(label),
  );
}

/**
 * What the review offers: nothing right after a successful write (the result says what was done, until the draft
 * changes); "update it, or create a new plan?" after Build while the spreadsheet has a plan; Apply changes and
 * Save as a new plan for a plan loaded from the spreadsheet; Build for a new plan.
 */
function writeButtons(ctl: Controller, blocked: boolean): HTMLElement[] {
  const disabled = blocked || state.busy;
  if (state.result?.ok && !state.busy && JSON.stringify(state.draft) === state.resultSnapshot) {
    return [h('div', { class: 'secondary', 'data-testid': 'edit-to-apply' }, L('build.editToApply'))];
  }
  if (state.confirmNew) {
    const loaded = state.loaded;
    const others = state.plans.filter((p) => p.id !== loaded?.id || !state.draft.id);
    return [
      h(
        'div',
        { class: 'notice warn', 'data-testid': 'confirm-new', role: 'alertdialog' },
        h('div', {}, L('build.existing', { names: state.plans.map((p) => `“${p.name}”`).join(', ') })),
        writeButton('confirm-new-yes', 'build.confirmNew', true, disabled, () => ctl.buildNew()),
        ...(state.draft.id && loaded
          ? [writeButton('confirm-update', 'build.apply', false, disabled, () => ctl.apply())]
          : others
              .filter((p) => p.id)
              .map((p, i) =>
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    'data-testid': `confirm-open-${i}`,
                    onclick: () => ctl.openPlan(p.id),
                  },
                  L('build.updateExisting', { name: p.name }),
                ),
              )),
        h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'confirm-cancel', onclick: () => ctl.cancelConfirm() },
          L('build.cancel'),
        ),
      ),
    ];
  }
  if (state.draft.id && state.loaded) {
    return [
      h('div', { class: 'secondary' }, L('build.applyIntro', { name: state.loaded.name })),
      writeButton('apply-button', 'build.apply', true, disabled, () => ctl.apply()),
      writeButton('build-button', 'build.saveNew', false, disabled, () => ctl.build()),
    ];
  }
  return [writeButton('build-button', 'build.button', true, disabled, () => ctl.build())];
}

export function renderReview(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  const r = planFromDraft(d);
  const fieldErrors = Object.entries(r.errors);
  const result = state.result;
  const findings = fieldErrors.length
    ? []
    : result && !result.ok && result.findings
      ? result.findings
      : healthFindings(r.plan);
  const blocked = fieldErrors.length > 0 || findings.some((f) => f.level === 'error');
  const plan = r.plan;
  const goal = kgiGoal(plan);
  const kpiCount = plan.ksfs.reduce((a, s) => a + s.kpis.length, 0);
  const summary = h(
    'div',
    { class: 'block summary-box', 'data-testid': 'review-summary' },
    h('div', { class: 'plan-name' }, plan.name),
    h(
      'div',
      { class: 'secondary' },
      L('review.fy', { range: fiscalRange(d.lang, plan.fiscalYear.startYear, plan.fiscalYear.startMonth) }),
    ),
    h('div', {}, `KGI: ${plan.kgi.name}${goal !== undefined ? ` — ${money(goal)}` : ''}`),
    h('div', { class: 'secondary' }, L('review.kpis', { count: kpiCount, ksfs: plan.ksfs.length })),
  );
  const status = state.busy ? L(BUSY[state.phase]) : blocked ? L('review.blocked') : '';
  return [
    h('p', { class: 'intro' }, L('review.intro')),
    summary,
    renderFindings(ctl, fieldErrors, findings),
    funnelTable('review-funnel'),
    h(
      'div',
      { class: 'block build-row' },
      ...writeButtons(ctl, blocked),
      h('div', { class: 'secondary', 'data-testid': 'build-status', role: 'status', 'aria-live': 'polite' }, status),
    ),
    renderResult(ctl),
  ];
}
