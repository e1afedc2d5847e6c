/** Step 1 (start), second part: the fiscal year (start month and year) and its range. */
import { fiscalRange, monthName } from '../../../messages/planner';
import { h } from '../../dom';
import { field, select } from '../fields';
import { type Controller, L, state } from '../state';

export function renderFiscalYear(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  const months = Array.from({ length: 12 }, (_, i): [string, string] => [String(i + 1), monthName(d.lang, i + 1)]);
  const range = h('div', { class: 'secondary', 'data-testid': 'fy-range' });
  state.updaters.push((r) => {
    range.textContent = fiscalRange(d.lang, r.plan.fiscalYear.startYear, r.plan.fiscalYear.startMonth);
  });
  const month = select('start-month', null, months, String(d.startMonth), (v) => {
    d.startMonth = Number(v);
    state.monthTouched = true;
    ctl.refresh();
  });
  month.querySelector('select')!.setAttribute('aria-label', L('basics.startMonth'));
  month.classList.add('grow');
  const year = field({
    path: 'startYear',
    testid: 'start-year',
    get: () => d.startYear,
    set: (s) => (d.startYear = s),
    kind: 'year',
    class: 'year',
  });
  return [
    h(
      'div',
      { class: 'form-group' },
      h('label', { for: 'start-month' }, L('basics.fiscal')),
      h('div', { class: 'row' }, month, year),
      range,
    ),
  ];
}
