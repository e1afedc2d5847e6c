/** Step 4: the KSFs and their KPIs — names (wrapping, never cut), target source, unit, owner, details. */
import { h } from '../../dom';
import { emptyKpi, emptyKsf } from '../../draft';
import { formatNumber } from '../../input';
import { field, select } from '../fields';
import { type Controller, L, stageLabel, state } from '../state';
import { renderLink } from '../link';

function renderKpi(ctl: Controller, i: number, j: number): HTMLElement {
  const d = state.draft;
  const k = d.ksfs[i].kpis[j];
  const id = `${i}-${j}`;
  const at = `ksfs.${i}.kpis.${j}`;
  const sourceOptions: [string, string][] = [
    ['', L('kpi.source.manual')],
    ...d.funnel.stages.map((_s, n): [string, string] => [String(n), '']),
  ];
  const source = select(`kpi-source-${id}`, L('kpi.source'), sourceOptions, k.stage, (v) => {
    k.stage = v;
    ctl.render();
  }, `${at}.stage`);
  const sel = source.querySelector('select')!;
  state.updaters.push((_r, volumes) => {
    for (let n = 0; n < d.funnel.stages.length; n++) {
      const value = volumes ? formatNumber(volumes[n], d.lang) : '–';
      sel.options[n + 1].textContent = L('kpi.source.stage', { name: stageLabel(n), value });
    }
  });
  const average = k.aggregate === 'average';
  const open = state.openMore.has(id) || k.direction === 'lower' || average || k.baseline !== '';
  const directions: ['higher' | 'lower', string][] = [
    ['higher', L('kpi.direction.higher')],
    ['lower', L('kpi.direction.lower')],
  ];
  const aggregates: ['sum' | 'average', string][] = [
    ['sum', L('kpi.aggregate.sum')],
    ['average', L('kpi.aggregate.average')],
  ];
  const more = h(
    'details',
    { class: 'more', 'data-testid': `kpi-more-${id}`, open: open ? true : undefined },
    h('summary', {}, L('kpi.more')),
    select(`kpi-direction-${id}`, L('kpi.direction'), directions, k.direction, (v) => {
      k.direction = v;
      ctl.refresh();
    }),
    select(`kpi-aggregate-${id}`, L('kpi.aggregate'), aggregates, k.aggregate, (v) => {
      k.aggregate = v;
      ctl.render();
    }),
    field({
      path: `${at}.baseline`,
      testid: `kpi-baseline-${id}`,
      label: L('kgi.baseline'),
      kind: 'nonneg',
      get: () => k.baseline,
      set: (s) => (k.baseline = s),
    }),
  );
  more.addEventListener('toggle', () => (more.open ? state.openMore.add(id) : state.openMore.delete(id)));
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'icon',
      'data-testid': `remove-kpi-${id}`,
      title: L('kpi.remove'),
      'aria-label': `${L('kpi.remove')} ${j + 1}`,
      onclick: () => (d.ksfs[i].kpis.splice(j, 1), ctl.render()),
    },
    '×',
  );
  return h(
    'div',
    { class: 'kpi', 'data-testid': `kpi-${id}` },
    h(
      'div',
      { class: 'row center' },
      field({
        path: `${at}.name`,
        testid: `kpi-name-${id}`,
        label: `${L('kpi.name')} ${j + 1}`,
        placeholder: L('kpi.namePlaceholder'),
        get: () => k.name,
        set: (s) => (k.name = s),
        class: 'grow',
        multiline: true,
      }),
      remove,
    ),
    source,
    k.stage === ''
      ? field({
          path: `${at}.target`,
          testid: `kpi-target-${id}`,
          label: average ? L('kpi.targetAverage') : L('kpi.target'),
          kind: 'amount',
          get: () => k.target,
          set: (s) => (k.target = s),
        })
      : null,
    h(
      'div',
      { class: 'row' },
      field({
        path: `${at}.unit`,
        testid: `kpi-unit-${id}`,
        label: L('kpi.unit'),
        placeholder: L('kpi.unitPlaceholder'),
        get: () => k.unit,
        set: (s) => (k.unit = s),
        class: 'half',
      }),
      field({
        path: `${at}.owner`,
        testid: `kpi-owner-${id}`,
        label: L('kpi.owner'),
        placeholder: L('kpi.ownerPlaceholder'),
        get: () => k.owner,
        set: (s) => (k.owner = s),
        class: 'half',
      }),
    ),
    renderLink(ctl, k, id),
    more,
  );
}

export function renderKsfs(ctl: Controller): HTMLElement[] {
  const d = state.draft;
  const list = h('div', { 'data-testid': 'ksf-list' });
  d.ksfs.forEach((s, i) => {
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'data-testid': `remove-ksf-${i}`,
        title: L('ksf.remove'),
        'aria-label': `${L('ksf.remove')} ${i + 1}`,
        onclick: () => (d.ksfs.splice(i, 1), ctl.render()),
      },
      '×',
    );
    const name = field({
      path: `ksfs.${i}.name`,
      testid: `ksf-name-${i}`,
      label: `${L('ksf.name')} ${i + 1}`,
      placeholder: L('ksf.namePlaceholder'),
      get: () => s.name,
      set: (v) => (s.name = v),
      class: 'grow',
      multiline: true,
    });
    const card = h('div', { class: 'card ksf', 'data-testid': `ksf-${i}` }, h('div', { class: 'row center' }, name, remove));
    s.kpis.forEach((_k, j) => card.append(renderKpi(ctl, i, j)));
    const addKpi = () => {
      s.kpis.push(emptyKpi());
      ctl.render(`kpi-name-${i}-${s.kpis.length - 1}`);
    };
    card.append(h('button', { type: 'button', class: 'link', 'data-testid': `add-kpi-${i}`, onclick: addKpi }, `+ ${L('kpi.add')}`));
    list.append(card);
  });
  const addKsf = () => {
    d.ksfs.push(emptyKsf());
    ctl.render(`ksf-name-${d.ksfs.length - 1}`);
  };
  return [
    h('p', { class: 'intro' }, L('ksf.intro')),
    list,
    h('button', { type: 'button', class: 'secondary-button', 'data-testid': 'add-ksf', onclick: addKsf }, `+ ${L('ksf.add')}`),
  ];
}
