/** Step 1 (start), first part: the workbook's language, the plan's name, the example plan. */
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

/** "The wizard starts with an example plan": clear it, or load it again. */
export function renderExample(ctl: Controller): HTMLElement {
  const isSample = JSON.stringify(state.draft) === state.sampleSnapshot;
  return h(
    'div',
    { class: 'block example' },
    h('div', { class: 'secondary' }, L('basics.example')),
    isSample
      ? h('button', { type: 'button', class: 'link', 'data-testid': 'clear-plan', onclick: () => ctl.clearPlan() },
        L('basics.clear'))
      : h('button', { type: 'button', class: 'link', 'data-testid': 'load-sample', onclick: () => ctl.loadSample() },
        L('basics.loadSample')),
  );
}
