/** Step 5, second part: the progress colours' thresholds and their legend. */
import { h } from '../../dom';
import { formatPercent } from '../../input';
import { field } from '../fields';
import { L, state } from '../state';

export function renderThresholds(): HTMLElement[] {
  const d = state.draft;
  const legend = h('div', { class: 'legend', 'data-testid': 'threshold-legend' });
  state.updaters.push((r) => {
    const th = r.plan.thresholds;
    legend.replaceChildren();
    if (!th) return;
    legend.append(
      h('span', { class: 'swatch red' }, `< ${formatPercent(th.warn)}`),
      h('span', { class: 'swatch yellow' }, `≥ ${formatPercent(th.warn)}`),
      h('span', { class: 'swatch green' }, `≥ ${formatPercent(th.ok)}`),
    );
  });
  return [
    h('h3', {}, L('thresholds.title')),
    h('p', { class: 'intro' }, L('thresholds.intro')),
    h(
      'div',
      { class: 'row' },
      field({
        path: 'thresholds.warn',
        testid: 'threshold-warn',
        label: L('thresholds.warn'),
        kind: 'threshold',
        get: () => d.thresholds.warn,
        set: (v) => (d.thresholds.warn = v),
        class: 'half',
      }),
      field({
        path: 'thresholds.ok',
        testid: 'threshold-ok',
        label: L('thresholds.ok'),
        kind: 'threshold',
        get: () => d.thresholds.ok,
        set: (v) => (d.thresholds.ok = v),
        class: 'half',
      }),
    ),
    legend,
  ];
}
