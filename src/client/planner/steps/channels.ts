/**
 * Step 4 (optional): channels — split a funnel stage by channel (presets for common B2B channels),
 * each with its share or fixed volume and its cost per unit; the budget, the CPA and the allowable
 * CPA shown live as the user types, computed with src/core/channels (the workbook's own code).
 */
import {
  allowableCpaMinor,
  budgetTotals,
  channelVolumes,
  formatMoney,
  planCurrency,
  validateChannels,
} from '../../../core/channels';
import { CHANNEL_PRESETS, channelPreset, presetChannel } from '../../../core/channel-presets';
import type { Plan } from '../../../core/plan';
import { h } from '../../dom';
import { emptyChannel } from '../../draft';
import { formatField, formatNumber } from '../../input';
import { errorSlot, field, select } from '../fields';
import { type Controller, L, stageLabel, state } from '../state';

/** One channel: name, share or volume, cost per unit, remove; its volume and budget refresh live. */
function channelRow(ctl: Controller, i: number): HTMLElement {
  const d = state.draft;
  const c = d.channels.list[i];
  const name = field({
    path: `channels.${i}.name`,
    testid: `channel-name-${i}`,
    get: () => c.name,
    set: (s) => (c.name = s),
    class: 'grow tight',
    ariaLabel: `${L('channels.name')} ${i + 1}`,
  });
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'icon',
      'data-testid': `remove-channel-${i}`,
      title: L('channels.remove'),
      'aria-label': `${L('channels.remove')} ${i + 1}`,
      onclick: () => {
        d.channels.list.splice(i, 1);
        ctl.render();
      },
    },
    '×',
  );
  const mode = select<'share' | 'volume'>(
    `channel-mode-${i}`,
    null,
    [['share', L('channels.mode.share')], ['volume', L('channels.mode.volume')]],
    c.mode,
    (m) => {
      c.mode = m;
      c.amount = '';
      ctl.render(`channel-amount-${i}`);
    },
  );
  mode.classList.add('half', 'tight');
  const amount = field({
    path: `channels.${i}.amount`,
    testid: `channel-amount-${i}`,
    kind: c.mode === 'volume' ? 'nonneg' : 'rate',
    get: () => c.amount,
    set: (s) => (c.amount = s),
    class: 'half tight',
    ariaLabel: `${L('channels.amount')} ${i + 1}`,
  });
  const cost = field({
    path: `channels.${i}.cost`,
    testid: `channel-cost-${i}`,
    kind: 'nonneg',
    get: () => c.cost,
    set: (s) => (c.cost = s),
    class: 'grow tight',
    ariaLabel: `${L('channels.cost')} ${i + 1}`,
    placeholder: L('channels.cost'),
  });
  const line = h('div', { class: 'secondary', 'data-testid': `channel-line-${i}` });
  state.updaters.push((r, volumes) => {
    const numbers = channelNumbers(r.plan, volumes);
    line.textContent = numbers ? numbers.lines[i] ?? '' : '';
  });
  return h(
    'div',
    { class: 'stage', 'data-testid': `channel-${i}` },
    h('div', { class: 'row center' }, name, remove),
    h('div', { class: 'row center' }, mode, amount),
    h('div', { class: 'row center' }, h('label', { for: `channel-cost-${i}`, class: 'secondary' }, L('channels.cost')), cost),
    line,
  );
}

/** The live numbers of the plan's channels, or undefined while they cannot be computed. */
function channelNumbers(plan: Plan, volumes: number[] | undefined) {
  const channels = plan.funnel.channels ?? [];
  if (!volumes || !channels.length) return undefined;
  if (validateChannels(plan, { volumes }).some((f) => f.level === 'error')) return undefined;
  try {
    const stage = plan.funnel.channelStage ?? 0;
    const split = channelVolumes(channels, volumes[stage]);
    const totals = budgetTotals(plan, split, volumes[volumes.length - 1]);
    const currency = planCurrency(plan);
    const lang = state.draft.lang;
    const lines = split.map((v, i) => L('channels.perChannel', {
      volume: formatNumber(v, lang),
      cost: formatMoney(totals.costs[i], currency),
      budget: formatMoney(totals.budgets[i], currency),
    }));
    return { totals, currency, lines, allowable: allowableCpaMinor(plan.kgi, currency) };
  } catch {
    return undefined;
  }
}

/** The budget, the CPA and the allowable CPA of the draft (refreshes as the user types). */
function totalsBox(): HTMLElement {
  const box = h('div', { class: 'block preview', 'data-testid': 'channels-totals' });
  state.updaters.push((r, volumes) => {
    box.replaceChildren(h('div', { class: 'preview-title' }, L('channels.totals')));
    const numbers = channelNumbers(r.plan, volumes);
    if (!numbers) {
      const finding = volumes && validateChannels(r.plan, { volumes }).find((f) => f.level === 'error');
      const why = finding ? finding.message[state.draft.lang] : L('channels.need');
      box.append(h('div', { class: 'secondary', 'data-testid': 'channels-problem' }, why));
      return;
    }
    const { totals, currency, allowable } = numbers;
    const row = (testid: string, label: string, value: string) =>
      h('tr', {}, h('td', {}, label), h('td', { class: 'num', 'data-testid': testid }, value));
    const amount = (minor: bigint) => formatMoney(minor, currency);
    const table = h('table', { class: 'volumes' });
    table.append(row('channels-budget', L('channels.totalBudget'), amount(totals.total)));
    if (totals.cpa !== undefined) table.append(row('channels-cpa', L('channels.cpa'), amount(totals.cpa)));
    if (allowable !== undefined) table.append(row('channels-allowable', L('channels.allowableCpa'), amount(allowable)));
    box.append(table);
    if (totals.cpa !== undefined && allowable !== undefined) {
      const above = totals.cpa > allowable;
      box.append(h(
        'div',
        { class: above ? 'notice warn' : 'secondary', 'data-testid': 'channels-cpa-check', role: 'status' },
        L(above ? 'channels.cpaAbove' : 'channels.cpaWithin'),
      ));
    }
  });
  return box;
}

export function renderChannels(ctl: Controller): (HTMLElement | null)[] {
  const d = state.draft;
  const c = d.channels;
  const toggle = h(
    'label',
    { class: 'radio' },
    h('input', {
      type: 'checkbox',
      id: 'channels-on',
      'data-testid': 'channels-on',
      'data-path': 'channels.on',
      checked: c.on,
      onchange: (e: Event) => {
        c.on = (e.target as HTMLInputElement).checked;
        ctl.render();
      },
    }),
    ` ${L('channels.on')}`,
  );
  const out: (HTMLElement | null)[] = [
    h('p', { class: 'intro' }, L('channels.intro')),
    h('div', { class: 'form-group' }, toggle),
  ];
  if (!c.on) return out;

  const stages = d.funnel.stages.map((_, i): [string, string] => [String(i), stageLabel(i)]);
  const lang = d.lang;
  const currency = d.kgi.unit === 'currency' ? d.kgi.currency : lang === 'ja' ? 'JPY' : 'USD';
  const presetAttrs = { id: 'channel-preset', 'data-testid': 'channel-preset', 'aria-label': L('channels.preset') };
  const presets = h('select', presetAttrs);
  presets.append(h('option', { value: '' }, L('channels.presetPlaceholder')));
  for (const p of CHANNEL_PRESETS) presets.append(h('option', { value: p.id }, p.name[lang]));
  presets.addEventListener('change', () => {
    const preset = channelPreset(presets.value);
    if (!preset) return;
    const channel = presetChannel(preset, lang, currency);
    c.list.push({
      ...emptyChannel(),
      name: channel.name,
      cost: channel.costPerUnit === undefined ? '' : formatField('nonneg', channel.costPerUnit, lang),
    });
    ctl.render(`channel-amount-${c.list.length - 1}`);
  });
  const list = h('div', { class: 'funnel', 'data-testid': 'channel-list' });
  c.list.forEach((_, i) => list.append(channelRow(ctl, i)));
  const margin = (key: 'grossMargin' | 'acquisitionShare', testid: string) => field({
    path: `channels.${key}`,
    testid,
    label: L(`channels.${key}`),
    kind: 'rate',
    get: () => c[key],
    set: (s) => (c[key] = s),
  });
  out.push(
    select('channels-stage', L('channels.stage'), stages, stages[Number(c.stage)] ? c.stage : '0', (v) => {
      c.stage = v;
      ctl.render();
    }, 'channels.stage'),
    h('div', { class: 'form-group' }, presets),
    c.list.length ? null : h('div', { class: 'secondary' }, L('channels.noChannels')),
    list,
    h('div', { class: 'secondary' }, L('channels.costHint')),
    errorSlot('channels', 'channels'),
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-testid': 'add-channel',
        onclick: () => {
          c.list.push(emptyChannel());
          ctl.render(`channel-name-${c.list.length - 1}`);
        },
      },
      `+ ${L('channels.add')}`,
    ),
    margin('grossMargin', 'channels-gross-margin'),
    margin('acquisitionShare', 'channels-acquisition-share'),
    h('div', { class: 'secondary' }, L('channels.allowableHint')),
    totalsBox(),
  );
  return out;
}
