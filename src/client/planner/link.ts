/**
 * "Link to data…" at a KPI (issue 16): choose a sheet of records in this spreadsheet, its date
 * column (guessed), an optional filter from the column's distinct values, count or sum, see the
 * 12 monthly numbers and the unreadable rows (previewSource), then keep the link in the draft.
 * The panel re-renders itself while it is being filled in; saving re-renders the step.
 */
import type { SourceDescription, SourceLink } from '../../core/sources';
import { sourceLabel } from '../../core/sources';
import { fiscalMonths } from '../../core/report';
import { h } from '../dom';
import type { KpiDraft } from '../draft';
import { formatNumber } from '../input';
import { call, toError } from '../rpc';
import { type Controller, L, state } from './state';

/** What one open panel holds while the user fills it in (kept across the step's re-renders). */
interface Panel {
  sheets?: string[];
  sheet?: string;
  description?: SourceDescription;
  date?: string;
  filter?: string;
  values: string[];
  sum?: string;
  measure: 'count' | 'sum';
  preview?: { months: number[]; text: string; rowsInYear: number };
  error?: string;
  loading?: boolean;
}

const panels = new Map<string, Panel>();

/** The link the panel describes, or undefined while it lacks a sheet or date (or a sum column). */
function linkOf(p: Panel): SourceLink | undefined {
  if (!p.sheet || !p.date) return undefined;
  const link: SourceLink = { sheet: p.sheet, date: p.date };
  if (p.filter && p.values.length) link.where = [{ column: p.filter, equals: [...p.values] }];
  if (p.measure === 'sum') {
    if (!p.sum) return undefined;
    link.sum = p.sum;
  }
  return link;
}

/** A panel started from a saved link (to edit it) or empty. */
function panelFrom(source: SourceLink | undefined): Panel {
  const where = source?.where?.[0];
  return {
    sheet: source?.sheet,
    date: source?.date,
    filter: where?.column,
    values: (where?.equals ?? []).map(String),
    sum: source?.sum,
    measure: source?.sum ? 'sum' : 'count',
  };
}

const options = (values: string[], selected: string | undefined, none?: string) => [
  ...(none === undefined ? [] : [h('option', { value: '', selected: !selected }, none)]),
  ...values.map((v) => h('option', { value: v, selected: v === selected }, v)),
];

/** The "Link to data…" control of KPI `k` (`id`: its `i-j`). */
export function renderLink(ctl: Controller, k: KpiDraft, id: string): HTMLElement {
  const box = h('div', { class: 'link-box', 'data-testid': `kpi-link-box-${id}` });
  const lang = () => state.draft.lang;
  const fiscalYear = () => ({
    startYear: Number(state.draft.startYear) || new Date().getFullYear(),
    startMonth: state.draft.startMonth,
  });

  const draw = () => {
    const p = panels.get(id);
    box.replaceChildren();
    if (!p) {
      if (k.source) {
        box.append(
          h(
            'div',
            { class: 'hint', 'data-testid': `kpi-linked-${id}` },
            L('link.linked', { label: sourceLabel(k.source, lang()) }),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'link inline',
              'data-testid': `kpi-link-edit-${id}`,
              onclick: () => open(k.source),
            },
            L('link.open'),
          ),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'link inline',
              'data-testid': `kpi-unlink-${id}`,
              onclick: () => {
                delete k.source;
                ctl.render();
              },
            },
            L('link.remove'),
          ),
        );
      } else {
        box.append(
          h(
            'button',
            { type: 'button', class: 'link', 'data-testid': `kpi-link-${id}`, onclick: () => open(undefined) },
            L('link.open'),
          ),
        );
      }
      return;
    }
    box.append(h('h4', {}, L('link.title')), h('p', { class: 'intro' }, L('link.intro')));
    if (p.error) box.append(h('div', { class: 'error', role: 'alert', 'data-testid': `link-error-${id}` }, p.error));
    if (p.sheets && !p.sheets.length) box.append(h('p', { class: 'hint' }, L('link.noSheets')));
    const select = (testid: string, label: string, children: HTMLElement[], onchange: (v: string) => void) => {
      const el = h('select', { id: testid, 'data-testid': testid }, ...children);
      el.addEventListener('change', () => onchange(el.value));
      return h('div', { class: 'form-group' }, h('label', { for: testid }, label), el);
    };
    box.append(
      select(
        `link-sheet-${id}`,
        L('link.sheet'),
        options(p.sheets ?? (p.sheet ? [p.sheet] : []), p.sheet, '—'),
        (v) => {
          Object.assign(p, {
            sheet: v || undefined,
            description: undefined,
            date: undefined,
            filter: undefined,
            values: [],
            sum: undefined,
            preview: undefined,
          });
          if (v) describe(p);
          else draw();
        },
      ),
    );
    const d = p.description;
    if (d) {
      const dates = [...d.dateColumns, ...d.headers.filter((x) => x && !d.dateColumns.includes(x))];
      box.append(
        select(`link-date-${id}`, L('link.date'), options(dates, p.date), (v) => {
          p.date = v;
          preview(p);
        }),
      );
      box.append(
        select(
          `link-filter-${id}`,
          L('link.filter'),
          options(d.headers.filter(Boolean), p.filter, L('link.filterNone')),
          (v) => {
            p.filter = v || undefined;
            p.values = [];
            preview(p);
          },
        ),
      );
      if (p.filter) {
        const values = d.distinct[p.filter] ?? [];
        box.append(
          h(
            'div',
            { class: 'form-group', 'data-testid': `link-values-${id}` },
            h('label', {}, `${p.filter} ${L('link.values')}`),
            ...values.map((v, n) => {
              const cb = h('input', {
                type: 'checkbox',
                id: `link-value-${id}-${n}`,
                'data-testid': `link-value-${id}-${n}`,
                checked: p.values.includes(v),
              });
              cb.addEventListener('change', () => {
                p.values = cb.checked ? [...p.values, v] : p.values.filter((x) => x !== v);
                preview(p);
              });
              return h('div', { class: 'check' }, cb, h('label', { for: `link-value-${id}-${n}` }, v));
            }),
          ),
        );
      }
      const measures: [string, string][] = [
        ['count', L('link.count')],
        ['sum', L('link.sum')],
      ];
      box.append(
        select(
          `link-measure-${id}`,
          L('link.measure'),
          measures.map(([v, t]) => h('option', { value: v, selected: p.measure === v }, t)),
          (v) => {
            p.measure = v === 'sum' ? 'sum' : 'count';
            preview(p);
          },
        ),
      );
      if (p.measure === 'sum') {
        box.append(
          select(`link-sum-${id}`, L('link.sumColumn'), options(d.headers.filter(Boolean), p.sum, '—'), (v) => {
            p.sum = v || undefined;
            preview(p);
          }),
        );
      }
    }
    if (p.loading) box.append(h('p', { class: 'hint', 'data-testid': `link-loading-${id}` }, L('link.previewLoading')));
    if (p.preview && !p.loading) {
      const months = fiscalMonths({ fiscalYear: fiscalYear(), locale: lang() }, lang());
      box.append(
        h('h4', {}, L('link.preview')),
        h(
          'table',
          { class: 'link-preview', 'data-testid': `link-preview-${id}` },
          ...p.preview.months.map((x, n) =>
            h(
              'tr',
              {},
              h('td', {}, months[n].label),
              h('td', { class: 'num', 'data-testid': `link-month-${id}-${n}` }, formatNumber(x, lang())),
            ),
          ),
        ),
        h('p', { class: 'hint', 'data-testid': `link-rows-${id}` }, L('link.rows', { rows: p.preview.rowsInYear })),
        ...(p.preview.text ? [h('p', { class: 'error', 'data-testid': `link-unreadable-${id}` }, p.preview.text)] : []),
      );
    }
    const link = linkOf(p);
    box.append(
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            type: 'button',
            class: 'action',
            'data-testid': `link-save-${id}`,
            disabled: !link || !p.preview,
            onclick: () => {
              if (!link) return;
              k.source = link;
              panels.delete(id);
              ctl.render();
            },
          },
          L('link.save'),
        ),
        h(
          'button',
          {
            type: 'button',
            'data-testid': `link-cancel-${id}`,
            onclick: () => {
              panels.delete(id);
              draw();
            },
          },
          L('link.cancel'),
        ),
      ),
    );
  };

  const fail = (p: Panel) => (e: unknown) => {
    p.loading = false;
    p.error = toError(e).message;
    draw();
  };
  function open(source: SourceLink | undefined) {
    const p = panelFrom(source);
    panels.set(id, p);
    p.loading = true;
    draw();
    call('listSourceSheets').then((sheets) => {
      p.sheets = sheets;
      p.loading = false;
      if (p.sheet) describe(p);
      else draw();
    }, fail(p));
  }
  function describe(p: Panel) {
    p.loading = true;
    draw();
    call('describeSource', p.sheet!).then((d) => {
      p.description = d;
      p.date ??= d.dateColumns[0];
      preview(p);
    }, fail(p));
  }
  function preview(p: Panel) {
    const link = linkOf(p);
    p.error = undefined;
    if (!link) {
      p.preview = undefined;
      p.loading = false;
      draw();
      return;
    }
    p.loading = true;
    draw();
    call('previewSource', link, undefined, fiscalYear(), lang()).then((r) => {
      p.loading = false;
      p.preview = { months: r.months, text: r.text, rowsInYear: r.rowsInYear };
      draw();
    }, fail(p));
  }
  draw();
  return box;
}
