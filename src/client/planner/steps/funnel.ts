/** Step 3: the funnel — a preset, the stages and their conversion rates, the back-calculation. */
import { PRESET_IDS, type PresetId } from '../../../core/presets';
import { h } from '../../dom';
import { addStage, applyPreset, kgiGoal, removeStage } from '../../draft';
import { formatNumber, formatPercent } from '../../input';
import { errorSlot, field, select } from '../fields';
import { type Controller, L, money, stageLabel, state } from '../state';

function stageRow(ctl: Controller, i: number): HTMLElement {
  const d = state.draft;
  const n = d.funnel.stages.length;
  const volume = h('span', { class: 'volume', 'data-testid': `stage-volume-${i}`, title: L('funnel.volume') });
  state.updaters.push((_r, volumes) => {
    volume.textContent = volumes ? formatNumber(volumes[i], d.lang) : '';
  });
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'icon',
      'data-testid': `remove-stage-${i}`,
      title: L('funnel.removeStage'),
      'aria-label': `${L('funnel.removeStage')} ${i + 1}`,
      disabled: n <= 2,
      onclick: () => {
        removeStage(d, i);
        ctl.render();
      },
    },
    '×',
  );
  const name = field({
    path: `funnel.stages.${i}`,
    testid: `stage-name-${i}`,
    get: () => d.funnel.stages[i],
    set: (s) => {
      d.funnel.stages[i] = s;
    },
    class: 'grow tight',
    ariaLabel: L('funnel.stage', { n: i + 1 }),
  });
  return h(
    'div',
    { class: 'stage', 'data-testid': `stage-${i}` },
    h('div', { class: 'row center' }, h('span', { class: 'stage-no' }, String(i + 1)), name, volume, remove),
  );
}

/** The rate from stage `i` to the next; its error goes on a line of its own, under the label. */
function rateRow(i: number): HTMLElement {
  const d = state.draft;
  const side = h('span', { class: 'secondary side' }, L('funnel.rate'));
  const rate = field({
    path: `funnel.rates.${i}`,
    testid: `rate-${i}`,
    kind: 'rate',
    get: () => d.funnel.rates[i] ?? '',
    set: (s) => {
      d.funnel.rates[i] = s;
    },
    class: 'rate tight',
    hintIn: side,
  });
  rate
    .querySelector('input')!
    .setAttribute('aria-label', L('funnel.rateLabel', { from: stageLabel(i), to: stageLabel(i + 1) }));
  const error = rate.querySelector('.error')!;
  return h('div', { class: 'rate-row' }, h('span', { class: 'arrow' }, '↓'), rate, side, error);
}

/** What the last preset switch unlinked: shown until the user moves on. */
function unlinkedNotice(): HTMLElement | null {
  if (!state.unlinked.length) return null;
  return h(
    'div',
    { class: 'notice warn', 'data-testid': 'preset-unlinked', role: 'status' },
    h('div', { class: 'notice-title' }, L('funnel.unlinkedTitle')),
    h('ul', {}, ...state.unlinked.map((u) => h('li', {}, L('funnel.unlinked', { kpi: u.kpi, stage: u.stage })))),
  );
}

export function renderFunnel(ctl: Controller): (HTMLElement | null)[] {
  const d = state.draft;
  const f = d.funnel;
  const presetOptions = PRESET_IDS.map((id): [PresetId, string] => [id, L(`preset.${id}`)]);
  const list = h('div', { class: 'funnel', 'data-testid': 'funnel-stages' });
  for (let i = 0; i < f.stages.length; i++) {
    list.append(stageRow(ctl, i));
    if (i < f.stages.length - 1) list.append(rateRow(i));
  }
  return [
    h('p', { class: 'intro' }, L('funnel.intro')),
    select<PresetId>('preset-select', L('funnel.preset'), presetOptions, f.preset, (id) => {
      if (id === 'custom') f.preset = 'custom';
      else {
        state.unlinked = applyPreset(d, id).map((u) => ({
          kpi: u.name || `${L('kpi.name')} ${u.kpi + 1}`,
          stage: u.stage,
        }));
      }
      ctl.render();
    }),
    unlinkedNotice(),
    h('div', { class: 'secondary' }, L('funnel.rateHint')),
    list,
    errorSlot('funnel.stages', 'funnel-stages'),
    h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'add-stage', onclick: () => (addStage(d), ctl.render()) },
      `+ ${L('funnel.addStage')}`,
    ),
    funnelTable('funnel-preview'),
  ];
}

/** The back-calculated funnel as a small table (refreshes as the user types). */
export function funnelTable(testid: string): HTMLElement {
  const box = h('div', { class: 'block preview', 'data-testid': testid });
  state.updaters.push((r, volumes) => {
    box.replaceChildren(h('div', { class: 'preview-title' }, L('funnel.preview')));
    if (!volumes) {
      box.append(h('div', { class: 'secondary' }, L('funnel.previewNeed')));
      return;
    }
    const goal = kgiGoal(r.plan);
    const table = h('table', { class: 'volumes' });
    if (goal !== undefined) {
      table.append(
        h('tr', { class: 'goal' }, h('td', {}, r.plan.kgi.name || 'KGI'), h('td', { class: 'num' }, money(goal))),
      );
    }
    volumes.forEach((volume, i) => {
      const rate = r.plan.funnel.rates[i];
      const showRate = i < volumes.length - 1 && Number.isFinite(rate);
      table.append(
        h(
          'tr',
          { 'data-testid': `${testid}-row-${i}` },
          h('td', {}, stageLabel(i), showRate ? h('span', { class: 'secondary' }, ` → ${formatPercent(rate)}`) : null),
          h('td', { class: 'num' }, formatNumber(volume, state.draft.lang)),
        ),
      );
    });
    box.append(table);
  });
  return box;
}
