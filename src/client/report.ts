/**
 * The monthly report dialog (bundled inline into dist/report.html): the plan's 12 fiscal months
 * with the last finished one selected, and Create, which calls createMonthlyReport(month) and
 * closes. Words from the catalogue, in the plan's language (the browser's until it is known).
 */
import { langFromLocale } from '../core/locale';
import { t, type MessageKey } from '../messages/planner';
import { byId, h } from './dom';
import type { ServerApi } from '../server/api';
import { call } from './rpc';

let lang: string = langFromLocale(navigator.language);

const words = (key: MessageKey, name = '') => t(lang, key, { name });

function status(text: string, className = 'hint'): void {
  const el = byId('status');
  el.textContent = text;
  el.className = className;
}

function showLabels(): void {
  document.documentElement.lang = lang;
  byId('monthLabel').textContent = words('reportDialog.month');
  byId('create').textContent = words('reportDialog.create');
  byId('cancel').textContent = words('reportDialog.cancel');
}

const month = () => byId<HTMLSelectElement>('month');
const create = () => byId<HTMLButtonElement>('create');

function fail(e: unknown): void {
  status(e instanceof Error ? e.message : String(e), 'error');
  create().disabled = false;
  month().disabled = false;
}

function close(): void {
  (globalThis as { google?: { script?: { host?: { close(): void } } } }).google?.script?.host?.close();
}

const planChoice = () => byId<HTMLSelectElement>('planChoice');

/** Shows the plan's months (and, with several plans, the plan choice). */
function show(defaults: ReturnType<ServerApi['getReportDefaults']>): void {
  lang = defaults.lang;
  showLabels();
  byId('plan').textContent = words('reportDialog.plan', defaults.plan);
  if (defaults.plans.length > 1) {
    byId('planChoiceLabel').textContent = words('reportDialog.choosePlan');
    byId('planChoiceLabel').hidden = false;
    planChoice().hidden = false;
    planChoice().replaceChildren(
      ...defaults.plans.map((p) => h('option', { value: p.id, selected: p.id === defaults.planId }, p.name)),
    );
    planChoice().value = defaults.planId;
  }
  month().replaceChildren(
    ...defaults.months.map((m) =>
      h('option', { value: m.key, selected: m.key === defaults.defaultMonth }, `${m.label} (${m.key})`),
    ),
  );
  month().value = defaults.defaultMonth;
  month().disabled = false;
  create().disabled = false;
  status('');
}

function init(): void {
  showLabels();
  status(words('reportDialog.loading'));
  byId('cancel').addEventListener('click', close);
  call('getReportDefaults')
    .then(show)
    .catch((e: unknown) => {
      fail(e);
      create().disabled = true;
    });
  planChoice().addEventListener('change', () => {
    create().disabled = true;
    call('getReportDefaults', planChoice().value).then(show).catch(fail);
  });
  create().addEventListener('click', () => {
    create().disabled = true;
    month().disabled = true;
    status(words('reportDialog.working'));
    call('createMonthlyReport', month().value, planChoice().hidden ? undefined : planChoice().value)
      .then((result) => {
        status(words('reportDialog.done', result.sheet), 'ok');
        close();
      })
      .catch(fail);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
