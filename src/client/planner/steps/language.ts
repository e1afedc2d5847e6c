/**
 * Step 1 (start), first part: the workbook's language, the plan's name, the example plan (or the spreadsheet's
 * plan being edited); and the chooser shown before the wizard when the spreadsheet has several plans.
 */
import type { Lang } from '../../../core/plan';
import { h } from '../../dom';
import { field, select } from '../fields';
import { type Controller, L, state } from '../state';

/** The languages the workbook can be written in, each named in itself. */
const LANGUAGES: [Lang, string][] = [
  ['ja', '日本語'],
  ['en', 'English'],
];

export function renderLanguage(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  return [
    h('p', { class: 'intro' }, L('basics.intro')),
    select<Lang>('lang-select', L('basics.lang'), LANGUAGES, d.lang, (lang) => ctl.switchLang(lang)),
    field({
      path: 'name',
      testid: 'plan-name',
      label: L('basics.planName'),
      get: () => d.name,
      set: (s) => (d.name = s),
    }),
  ];
}

/** "The wizard starts with an example plan": clear it, or load it again; or which spreadsheet plan is edited. */
export function renderExample(ctl: Controller): HTMLElement {
  const isSample = JSON.stringify(state.draft) === state.sampleSnapshot;
  const notice = state.notice ? h('div', { class: 'notice warn', 'data-testid': 'load-notice' }, state.notice) : null;
  if (state.loaded && state.draft.id) {
    return h(
      'div',
      { class: 'block example', 'data-testid': 'loaded-plan', 'data-plan-id': state.draft.id },
      h('div', { class: 'secondary' }, L('load.editing', { name: state.loaded.name })),
      state.plans.length > 1
        ? h(
            'button',
            { type: 'button', class: 'link', 'data-testid': 'open-other-plan', onclick: () => ctl.openPlan() },
            L('load.other'),
          )
        : null,
      h(
        'button',
        { type: 'button', class: 'link', 'data-testid': 'load-sample', onclick: () => ctl.loadSample() },
        L('load.new'),
      ),
    );
  }
  return h(
    'div',
    { class: 'block example' },
    notice,
    h('div', { class: 'secondary' }, L('basics.example')),
    isSample
      ? h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'clear-plan', onclick: () => ctl.clearPlan() },
          L('basics.clear'),
        )
      : h(
          'button',
          { type: 'button', class: 'link', 'data-testid': 'load-sample', onclick: () => ctl.loadSample() },
          L('basics.loadSample'),
        ),
  );
}

/** "This spreadsheet has several plans: which one?" — one button per plan, and a new plan from the example. */
export function renderChooser(ctl: Controller): HTMLElement[] {
  const choices = state.plans.map((p, i) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'choice',
          'data-testid': `plan-choice-${i}`,
          'data-plan-id': p.id,
          onclick: () => ctl.openPlan(p.id),
        },
        h('span', { class: 'plan-name' }, p.name),
        h('span', { class: 'secondary' }, L('load.sheets', { names: p.sheets.join(', ') })),
      ),
    ),
  );
  return [
    h('p', { class: 'intro' }, L('load.choose')),
    h('ul', { class: 'choices' }, ...choices),
    h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'plan-choice-new', onclick: () => ctl.loadSample() },
      L('load.new'),
    ),
  ];
}
