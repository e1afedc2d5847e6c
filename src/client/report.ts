/**
 * The monthly report dialog (bundled inline into dist/report.html): the plan's 12 fiscal months
 * with the last finished one selected, and Create, which calls createMonthlyReport(month) and
 * closes. Words from the catalogue, in the plan's language (the browser's until it is known).
 */
import { langFromLocale } from '../core/locale';
import { t, type MessageKey } from '../messages';
import { byId, h } from './dom';
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

function init(): void {
  showLabels();
  status(words('reportDialog.loading'));
  byId('cancel').addEventListener('click', close);
  call('getReportDefaults')
    .then((defaults) => {
      lang = defaults.lang;
      showLabels();
      byId('plan').textContent = words('reportDialog.plan', defaults.plan);
      for (const m of defaults.months) {
        month().append(h('option', { value: m.key, selected: m.key === defaults.defaultMonth }, `${m.label} (${m.key})`));
      }
      month().value = defaults.defaultMonth;
      month().disabled = false;
      create().disabled = false;
      status('');
    })
    .catch((e: unknown) => {
      fail(e);
      create().disabled = true;
    });
  create().addEventListener('click', () => {
    create().disabled = true;
    month().disabled = true;
    status(words('reportDialog.working'));
    call('createMonthlyReport', month().value)
      .then((result) => {
        status(words('reportDialog.done', result.sheet), 'ok');
        close();
      })
      .catch(fail);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
