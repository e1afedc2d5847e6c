/** Step 2: the KGI — its name, unit and currency, the target (or last year + growth), the deal size. */
import type { Currency } from '../../../core/plan';
import { h } from '../../dom';
import { kgiGoal } from '../../draft';
import { formatNumber } from '../../input';
import { field, select } from '../fields';
import { type Controller, L, money, state } from '../state';

const CURRENCIES: [Currency, string][] = [
  ['JPY', '¥ JPY'],
  ['USD', '$ USD'],
  ['EUR', '€ EUR'],
];

export function renderKgi(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  const k = d.kgi;
  const isMoney = k.unit === 'currency';
  const units: ['currency' | 'count', string][] = [
    ['currency', L('kgi.unit.currency')],
    ['count', L('kgi.unit.count')],
  ];
  const modes: ['target' | 'growth', string][] = [
    ['target', L('kgi.mode.target')],
    ['growth', L('kgi.mode.growth')],
  ];
  const out: HTMLElement[] = [
    h('p', { class: 'intro' }, L('kgi.intro')),
    field({
      path: 'kgi.name',
      testid: 'kgi-name',
      label: L('kgi.name'),
      placeholder: L('kgi.namePlaceholder'),
      get: () => k.name,
      set: (s) => (k.name = s),
    }),
    h(
      'div',
      { class: 'row' },
      select('kgi-unit', L('kgi.unit'), units, k.unit, (v) => {
        k.unit = v;
        ctl.render();
      }),
      isMoney
        ? select('kgi-currency', L('kgi.currency'), CURRENCIES, k.currency, (v) => {
            k.currency = v;
            ctl.refresh();
          })
        : null,
    ),
    select('kgi-mode', L('kgi.mode'), modes, k.mode, (v) => {
      k.mode = v;
      ctl.render();
    }),
  ];
  if (k.mode === 'target') {
    out.push(
      field({
        path: 'kgi.target',
        testid: 'kgi-target',
        label: L('kgi.target'),
        kind: 'amount',
        get: () => k.target,
        set: (s) => (k.target = s),
      }),
    );
  } else {
    out.push(
      h(
        'div',
        { class: 'row' },
        field({
          path: 'kgi.baseline',
          testid: 'kgi-baseline',
          label: L('kgi.baseline'),
          kind: 'amount',
          get: () => k.baseline,
          set: (s) => (k.baseline = s),
          class: 'grow',
        }),
        field({
          path: 'kgi.growth',
          testid: 'kgi-growth',
          label: L('kgi.growth'),
          kind: 'growth',
          placeholder: L('kgi.growthHint'),
          get: () => k.growth,
          set: (s) => (k.growth = s),
          class: 'pct',
        }),
      ),
    );
  }
  if (isMoney) {
    out.push(
      field({
        path: 'kgi.unitValue',
        testid: 'kgi-unit-value',
        label: L('kgi.unitValue'),
        kind: 'amount',
        help: L('kgi.unitValueHint'),
        get: () => k.unitValue,
        set: (s) => (k.unitValue = s),
      }),
    );
  }
  const computed = h('div', { class: 'computed', 'data-testid': 'kgi-computed' });
  state.updaters.push((r, volumes) => {
    const goal = kgiGoal(r.plan);
    const parts: string[] = [];
    const goalErrors = r.errors['kgi.target'] || r.errors['kgi.baseline'] || r.errors['kgi.growth'];
    if (goal !== undefined && !goalErrors) parts.push(L('kgi.computed', { value: money(goal) }));
    if (volumes && isMoney) parts.push(L('kgi.wins', { value: formatNumber(volumes[volumes.length - 1], d.lang) }));
    computed.textContent = parts.join(' · ');
    computed.hidden = parts.length === 0;
  });
  out.push(computed);
  return out;
}
