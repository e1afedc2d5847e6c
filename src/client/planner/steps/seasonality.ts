/** Step 5, first part: seasonality — even, or a weight per fiscal month with its share of the year. */
import { monthName } from '../../../messages/planner';
import { h } from '../../dom';
import { formatPercent, readField } from '../../input';
import { errorSlot, field } from '../fields';
import { type Controller, L, state } from '../state';

export function renderSeasonality(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  const s = d.season;
  const radio = (mode: 'flat' | 'custom', text: string) =>
    h(
      'label',
      { class: 'radio' },
      h('input', {
        type: 'radio',
        name: 'season-mode',
        id: `season-mode-${mode}`,
        'data-testid': `season-mode-${mode}`,
        value: mode,
        checked: s.mode === mode,
        onchange: () => {
          s.mode = mode;
          ctl.render();
        },
      }),
      ` ${text}`,
    );
  const out: HTMLElement[] = [
    h('h3', {}, L('season.title')),
    h('p', { class: 'intro' }, L('season.intro')),
    h('div', { class: 'form-group' }, radio('flat', L('season.flat')), radio('custom', L('season.custom'))),
  ];
  if (s.mode !== 'custom') return out;
  const grid = h('div', { class: 'weights', 'data-testid': 'season-weights' });
  for (let n = 0; n < 12; n++) {
    const month = ((d.startMonth - 1 + n) % 12) + 1;
    const share = h('div', { class: 'share secondary', 'data-testid': `season-share-${n}` });
    state.updaters.push((r) => {
      const weights = s.weights.map((x) => readField('nonneg', x).value);
      const total = weights.reduce<number>((a, b) => a + (b ?? 0), 0);
      const weight = weights[n];
      const shown = r.plan.seasonality && total > 0 && weight !== undefined;
      share.textContent = shown ? formatPercent(Math.round((weight / total) * 1000) / 1000) : '';
    });
    const cell = field({
      path: `season.${n}`,
      testid: `season-weight-${n}`,
      label: monthName(d.lang, month),
      kind: 'nonneg',
      get: () => s.weights[n],
      set: (v) => (s.weights[n] = v),
      class: 'weight',
      hintIn: null,
    });
    cell.append(share);
    grid.append(cell);
  }
  out.push(h('div', { class: 'secondary' }, L('season.hint')), grid, errorSlot('season', 'season'));
  return out;
}
