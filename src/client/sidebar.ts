/**
 * The planner sidebar: a six-step wizard (start · KGI · funnel · KSF & KPI · months · review)
 * that edits a Draft (src/ui/draft.ts), checks it as the user types, previews the funnel
 * back-calculation and finally calls `buildWorkbook(plan)` on the server.
 *
 * Bundled inline into dist/sidebar.html by scripts/build.mjs. All text goes through
 * textContent / DOM APIs (never innerHTML), so whatever a user types shows as text.
 * Selectors for browser tests are listed at the top of sidebar.html.
 */
import { checkPlan } from '../core/health';
import type { Lang, Plan } from '../core/plan';
import { PRESET_IDS, PRESETS, presetFunnel, type PresetId } from '../core/presets';
import {
  addStage,
  applyPreset,
  blankDraft,
  draftFromPlan,
  draftPathOf,
  emptyKpi,
  emptyKsf,
  funnelPreview,
  kgiGoal,
  planFromDraft,
  removeStage,
  samplePlanFor,
  type Draft,
  type DraftResult,
} from './draft';
import { defaultStartMonth, fiscalYearOf, langFromLocale } from '../core/locale';
import { fiscalRange, monthName, t, type MessageKey as MsgKey, type Params } from '../messages';
import { formatField, formatMoney, formatNumber, formatPercent, interpretation, readField, type FieldKind } from './input';

// ---------------------------------------------------------------------------------------------
// Server calls (google.script.run, or the preview's shim with the same API surface)

interface ScriptRun {
  withSuccessHandler(f: (value: unknown) => void): ScriptRun;
  withFailureHandler(f: (error: unknown) => void): ScriptRun;
  [fn: string]: unknown;
}

function scriptRun(): ScriptRun | undefined {
  const g = (globalThis as { google?: { script?: { run?: ScriptRun } } }).google;
  return g?.script?.run;
}

/** Calls a server function; rejects with an Error whose message is the server's. */
function call<T>(fn: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = scriptRun();
    if (!run) return reject(new Error('google.script.run is not available'));
    const runner = run.withSuccessHandler((v) => resolve(v as T)).withFailureHandler((e) => reject(toError(e)));
    const f = runner[fn];
    if (typeof f !== 'function') return reject(new Error(`${fn} is not available`));
    (f as (...a: unknown[]) => void).apply(runner, args);
  });
}

function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (e && typeof e === 'object' && 'message' in e) return new Error(String((e as { message: unknown }).message));
  return new Error(String(e));
}

// ---------------------------------------------------------------------------------------------
// Tiny DOM helper: text children become Text nodes, attributes go through setAttribute.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'value') (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' || k === 'disabled' || k === 'selected') (el as unknown as Record<string, boolean>)[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

// ---------------------------------------------------------------------------------------------
// State

interface Finding {
  level: 'error' | 'warning';
  criterion: string;
  kpi?: string;
  /** The plan field, e.g. `plan.ksfs[0].kpis[2].target` (links the finding to its field). */
  path?: string;
  message: string;
}

interface BuildResult {
  sheets?: string[];
  warnings?: string[];
}

interface Defaults {
  lang: Lang;
  startYear: number;
  startMonth: number;
  sample?: Plan;
}

const STEPS = ['basics', 'kgi', 'funnel', 'ksf', 'season', 'review'] as const;
type StepId = (typeof STEPS)[number];

let d: Draft;
let defaults: Defaults;
let sampleSnapshot = '';
let step = 0;
let busy = false;
/** While busy: the server is re-checking the plan, or building. */
let phase: 'checking' | 'building' = 'checking';
let monthTouched = false;
/** Fields the user has left or typed in: their errors show. */
const touched = new Set<string>();
/** Steps the user tried to leave with Next: all their errors show. */
const revealed = new Set<StepId>();
/** KPIs whose "More" section the user opened (kept open across re-renders). */
const openMore = new Set<string>();
let result: { ok: true; res: BuildResult } | { ok: false; message: string; findings?: Finding[] } | null = null;

/** Per render: the inputs with their error/hint elements, and the derived displays to refresh. */
interface FieldView {
  path: string;
  input: HTMLInputElement | HTMLSelectElement;
  error: HTMLElement;
  hint?: HTMLElement;
  /** What the hint element shows when there is nothing to interpret. */
  hintDefault?: string;
  kind?: FieldKind;
}
let fields: FieldView[] = [];
let updaters: ((r: DraftResult, volumes: number[] | undefined) => void)[] = [];

const L = (key: MsgKey, params?: Params) => t(d.lang, key, params);

function stepOf(path: string): StepId {
  if (path.startsWith('kgi.')) return 'kgi';
  if (path.startsWith('funnel.')) return 'funnel';
  if (path.startsWith('ksfs')) return 'ksf';
  if (path.startsWith('season') || path.startsWith('thresholds.')) return 'season';
  return 'basics';
}

// ---------------------------------------------------------------------------------------------
// Fields

interface FieldOpts {
  path: string;
  testid: string;
  label?: string;
  get: () => string;
  set: (s: string) => void;
  kind?: FieldKind;
  placeholder?: string;
  help?: string;
  class?: string;
  ariaLabel?: string;
  /** Show the hint ("= 25%") in this element instead of inside the input; `null`: no hint. */
  hintIn?: HTMLElement | null;
}

/** A labelled text input with a hint (how a number was read) and an inline error. */
function field(o: FieldOpts): HTMLElement {
  const input = h('input', {
    type: 'text',
    id: o.testid,
    'data-testid': o.testid,
    'data-path': o.path,
    value: o.get(),
    placeholder: o.placeholder,
    autocomplete: 'off',
    spellcheck: o.kind ? 'false' : undefined,
    'aria-describedby': `error-${o.testid}`,
    'aria-label': o.ariaLabel,
  });
  const error = h('div', { class: 'error', id: `error-${o.testid}`, 'data-testid': `error-${o.testid}`, role: 'alert' });
  // The hint overlays the input's right end (or sits in `hintIn`): it never moves the layout,
  // so a click right after typing (blur reformats the text) lands where the user aimed.
  const hint = o.kind && o.hintIn !== null ? o.hintIn ?? h('span', { class: 'hint overlay' }) : undefined;
  const hintDefault = hint?.textContent ?? '';
  hint?.setAttribute('data-testid', `hint-${o.testid}`);
  input.addEventListener('input', () => {
    o.set(input.value);
    touched.add(o.path);
    refresh();
  });
  // Blur only rewrites a readable number canonically (`25` → `25%`); errors appear once the user
  // typed in a field, or tried to leave the step, so merely tabbing through shows nothing new.
  input.addEventListener('blur', () => {
    if (o.kind) {
      const r = readField(o.kind, input.value, false);
      if (r.value !== undefined) {
        const canonical = formatField(o.kind, r.value, d.lang);
        if (canonical !== input.value) {
          input.value = canonical;
          o.set(canonical);
        }
      }
    }
    refresh();
  });
  fields.push({ path: o.path, input, error, hint, hintDefault, kind: o.kind });
  return h(
    'div',
    { class: `form-group${o.class ? ` ${o.class}` : ''}` },
    o.label ? h('label', { for: o.testid }, o.label) : null,
    h('div', { class: 'input-wrap' }, input, hint && !o.hintIn ? hint : null),
    o.help ? h('div', { class: 'secondary' }, o.help) : null,
    error,
  );
}

function select<V extends string>(
  testid: string,
  label: string | null,
  options: [V, string][],
  value: V,
  onChange: (v: V) => void,
  path?: string,
): HTMLElement {
  const sel = h('select', { id: testid, 'data-testid': testid, 'data-path': path });
  for (const [v, text] of options) sel.append(h('option', { value: v, selected: v === value }, text));
  sel.value = value;
  sel.addEventListener('change', () => onChange(sel.value as V));
  return h('div', { class: 'form-group' }, label ? h('label', { for: testid }, label) : null, sel);
}

/** A step-level error slot (not tied to one input), e.g. "all weights are 0". */
function errorSlot(path: string, testid: string): HTMLElement {
  const error = h('div', { class: 'error', 'data-testid': `error-${testid}`, role: 'alert' });
  const dummy = h('input', { type: 'hidden', 'data-path': path });
  fields.push({ path, input: dummy, error });
  return error;
}

// ---------------------------------------------------------------------------------------------
// Refresh: recompute the plan from the draft, update errors, hints and derived numbers in place
// (no re-render, so focus and caret stay where they are).

let current: DraftResult;
let volumes: number[] | undefined;

function refresh(): void {
  current = planFromDraft(d);
  volumes = funnelPreview(current.plan);
  const stepId = STEPS[step];
  for (const f of fields) {
    const err = current.errors[f.path];
    const show = err && (touched.has(f.path) || revealed.has(stepId) || stepId === 'review');
    f.error.textContent = show ? L(err) : '';
    if (f.input.type !== 'hidden') {
      f.input.classList.toggle('invalid', Boolean(show));
      f.input.setAttribute('aria-invalid', show ? 'true' : 'false');
    }
    if (f.hint && f.kind) {
      const i = interpretation(f.kind, f.input.value, d.lang);
      f.hint.textContent = i && !err ? L('hint.percent', { value: i }) : f.hintDefault ?? '';
      f.hint.classList.toggle('hint', Boolean(i && !err));
    }
  }
  for (const u of updaters) u(current, volumes);
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers for derived values

function money(n: number): string {
  return d.kgi.unit === 'currency' ? formatMoney(n, d.kgi.currency, d.lang) : formatNumber(n, d.lang);
}

function stageLabel(i: number): string {
  return d.funnel.stages[i]?.trim() || L('funnel.stage', { n: i + 1 });
}

// ---------------------------------------------------------------------------------------------
// Steps

function renderBasics(): HTMLElement[] {
  const months = Array.from({ length: 12 }, (_, i) => [String(i + 1), monthName(d.lang, i + 1)] as [string, string]);
  const fy = h('div', { class: 'secondary', 'data-testid': 'fy-range' });
  updaters.push((r) => {
    fy.textContent = fiscalRange(d.lang, r.plan.fiscalYear.startYear, r.plan.fiscalYear.startMonth);
  });
  const isSample = JSON.stringify(d) === sampleSnapshot;
  return [
    h('p', { class: 'intro' }, L('basics.intro')),
    select<Lang>('lang-select', L('basics.lang'), [['ja', '日本語'], ['en', 'English']], d.lang, switchLang),
    field({ path: 'name', testid: 'plan-name', label: L('basics.planName'), get: () => d.name, set: (s) => (d.name = s) }),
    h(
      'div',
      { class: 'form-group' },
      h('label', { for: 'start-month' }, L('basics.fiscal')),
      h(
        'div',
        { class: 'row' },
        (() => {
          const g = select('start-month', null, months, String(d.startMonth), (v) => {
            d.startMonth = Number(v);
            monthTouched = true;
            refresh();
          });
          g.querySelector('select')!.setAttribute('aria-label', L('basics.startMonth'));
          g.classList.add('grow');
          return g;
        })(),
        field({ path: 'startYear', testid: 'start-year', get: () => d.startYear, set: (s) => (d.startYear = s), kind: 'year', class: 'year' }),
      ),
      fy,
    ),
    h(
      'div',
      { class: 'block example' },
      h('div', { class: 'secondary' }, L('basics.example')),
      isSample
        ? h('button', { type: 'button', class: 'link', 'data-testid': 'clear-plan', onclick: clearPlan }, L('basics.clear'))
        : h('button', { type: 'button', class: 'link', 'data-testid': 'load-sample', onclick: loadSample }, L('basics.loadSample')),
    ),
  ];
}

function renderKgi(): HTMLElement[] {
  const k = d.kgi;
  const cur = k.unit === 'currency';
  const out: HTMLElement[] = [
    h('p', { class: 'intro' }, L('kgi.intro')),
    field({ path: 'kgi.name', testid: 'kgi-name', label: L('kgi.name'), placeholder: L('kgi.namePlaceholder'), get: () => k.name, set: (s) => (k.name = s) }),
    h(
      'div',
      { class: 'row' },
      select('kgi-unit', L('kgi.unit'), [['currency', L('kgi.unit.currency')], ['count', L('kgi.unit.count')]], k.unit, (v) => {
        k.unit = v;
        render();
      }),
      cur
        ? select('kgi-currency', L('kgi.currency'), [['JPY', '¥ JPY'], ['USD', '$ USD'], ['EUR', '€ EUR']], k.currency, (v) => {
            k.currency = v;
            refresh();
          })
        : null,
    ) as HTMLElement,
    select('kgi-mode', L('kgi.mode'), [['target', L('kgi.mode.target')], ['growth', L('kgi.mode.growth')]], k.mode, (v) => {
      k.mode = v;
      render();
    }),
  ];
  if (k.mode === 'target') {
    out.push(field({ path: 'kgi.target', testid: 'kgi-target', label: L('kgi.target'), kind: 'amount', get: () => k.target, set: (s) => (k.target = s) }));
  } else {
    out.push(
      h(
        'div',
        { class: 'row' },
        field({ path: 'kgi.baseline', testid: 'kgi-baseline', label: L('kgi.baseline'), kind: 'amount', get: () => k.baseline, set: (s) => (k.baseline = s), class: 'grow' }),
        field({ path: 'kgi.growth', testid: 'kgi-growth', label: L('kgi.growth'), kind: 'growth', placeholder: L('kgi.growthHint'), get: () => k.growth, set: (s) => (k.growth = s), class: 'pct' }),
      ),
    );
  }
  if (cur) {
    out.push(field({ path: 'kgi.unitValue', testid: 'kgi-unit-value', label: L('kgi.unitValue'), kind: 'amount', help: L('kgi.unitValueHint'), get: () => k.unitValue, set: (s) => (k.unitValue = s) }));
  }
  const computed = h('div', { class: 'computed', 'data-testid': 'kgi-computed' });
  updaters.push((r, v) => {
    const goal = kgiGoal(r.plan);
    const parts: string[] = [];
    if (goal !== undefined && !r.errors['kgi.target'] && !r.errors['kgi.baseline'] && !r.errors['kgi.growth']) parts.push(L('kgi.computed', { value: money(goal) }));
    if (v && cur) parts.push(L('kgi.wins', { value: formatNumber(v[v.length - 1], d.lang) }));
    computed.textContent = parts.join(' · ');
    computed.hidden = parts.length === 0;
  });
  out.push(computed);
  return out;
}

function renderFunnel(): HTMLElement[] {
  const f = d.funnel;
  const presetOptions = PRESET_IDS.map((id) => [id, PRESETS[id].label[d.lang]] as [PresetId, string]);
  const list = h('div', { class: 'funnel', 'data-testid': 'funnel-stages' });
  const n = f.stages.length;
  for (let i = 0; i < n; i++) {
    const vol = h('span', { class: 'volume', 'data-testid': `stage-volume-${i}`, title: L('funnel.volume') });
    updaters.push((_r, v) => {
      vol.textContent = v ? formatNumber(v[i], d.lang) : '';
    });
    list.append(
      h(
        'div',
        { class: 'stage', 'data-testid': `stage-${i}` },
        h(
          'div',
          { class: 'row center' },
          h('span', { class: 'stage-no' }, String(i + 1)),
          field({
            path: `funnel.stages.${i}`,
            testid: `stage-name-${i}`,
            get: () => f.stages[i],
            set: (s) => {
              f.stages[i] = s;
            },
            class: 'grow tight',
            ariaLabel: L('funnel.stage', { n: i + 1 }),
          }),
          vol,
          h(
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
                render();
              },
            },
            '×',
          ),
        ),
      ),
    );
    if (i < n - 1) {
      const side = h('span', { class: 'secondary side' }, L('funnel.rate'));
      const rate = field({
        path: `funnel.rates.${i}`,
        testid: `rate-${i}`,
        kind: 'rate',
        get: () => f.rates[i] ?? '',
        set: (s) => {
          f.rates[i] = s;
        },
        class: 'rate tight',
        hintIn: side,
      });
      rate.querySelector('input')!.setAttribute('aria-label', L('funnel.rateLabel', { from: stageLabel(i), to: stageLabel(i + 1) }));
      list.append(h('div', { class: 'rate-row' }, h('span', { class: 'arrow' }, '↓'), rate, side));
    }
  }
  return [
    h('p', { class: 'intro' }, L('funnel.intro')),
    select<PresetId>('preset-select', L('funnel.preset'), presetOptions, f.preset, (id) => {
      if (id === 'custom') f.preset = 'custom';
      else applyPreset(d, id);
      render();
    }),
    h('div', { class: 'secondary' }, L('funnel.rateHint')),
    list,
    errorSlot('funnel.stages', 'funnel-stages'),
    h('button', { type: 'button', class: 'link', 'data-testid': 'add-stage', onclick: () => (addStage(d), render()) }, `+ ${L('funnel.addStage')}`),
    funnelTable('funnel-preview'),
  ];
}

/** The back-calculated funnel as a small table (refreshes as the user types). */
function funnelTable(testid: string): HTMLElement {
  const box = h('div', { class: 'block preview', 'data-testid': testid });
  updaters.push((r, v) => {
    box.replaceChildren(h('div', { class: 'preview-title' }, L('funnel.preview')));
    if (!v) {
      box.append(h('div', { class: 'secondary' }, L('funnel.previewNeed')));
      return;
    }
    const goal = kgiGoal(r.plan);
    const table = h('table', { class: 'volumes' });
    if (goal !== undefined) table.append(h('tr', { class: 'goal' }, h('td', {}, r.plan.kgi.name || 'KGI'), h('td', { class: 'num' }, money(goal))));
    v.forEach((vol, i) => {
      const rate = r.plan.funnel.rates[i];
      table.append(
        h(
          'tr',
          { 'data-testid': `${testid}-row-${i}` },
          h('td', {}, stageLabel(i), i < v.length - 1 && Number.isFinite(rate) ? h('span', { class: 'secondary' }, ` → ${formatPercent(rate)}`) : null),
          h('td', { class: 'num' }, formatNumber(vol, d.lang)),
        ),
      );
    });
    box.append(table);
  });
  return box;
}

function renderKsfs(): HTMLElement[] {
  const list = h('div', { 'data-testid': 'ksf-list' });
  d.ksfs.forEach((s, i) => {
    const card = h(
      'div',
      { class: 'card ksf', 'data-testid': `ksf-${i}` },
      h(
        'div',
        { class: 'row center' },
        field({ path: `ksfs.${i}.name`, testid: `ksf-name-${i}`, label: `${L('ksf.name')} ${i + 1}`, placeholder: L('ksf.namePlaceholder'), get: () => s.name, set: (v) => (s.name = v), class: 'grow' }),
        h(
          'button',
          { type: 'button', class: 'icon', 'data-testid': `remove-ksf-${i}`, title: L('ksf.remove'), 'aria-label': `${L('ksf.remove')} ${i + 1}`, onclick: () => (d.ksfs.splice(i, 1), render()) },
          '×',
        ),
      ),
    );
    s.kpis.forEach((_k, j) => card.append(renderKpi(i, j)));
    card.append(
      h('button', { type: 'button', class: 'link', 'data-testid': `add-kpi-${i}`, onclick: () => (s.kpis.push(emptyKpi()), render(`kpi-name-${i}-${s.kpis.length - 1}`)) }, `+ ${L('kpi.add')}`),
    );
    list.append(card);
  });
  return [
    h('p', { class: 'intro' }, L('ksf.intro')),
    list,
    h('button', { type: 'button', class: 'secondary-button', 'data-testid': 'add-ksf', onclick: () => (d.ksfs.push(emptyKsf()), render(`ksf-name-${d.ksfs.length - 1}`)) }, `+ ${L('ksf.add')}`),
  ];
}

function renderKpi(i: number, j: number): HTMLElement {
  const k = d.ksfs[i].kpis[j];
  const id = `${i}-${j}`;
  const at = `ksfs.${i}.kpis.${j}`;
  const sourceOptions: [string, string][] = [['', L('kpi.source.manual')], ...d.funnel.stages.map((_s, n) => [String(n), ''] as [string, string])];
  const source = select(
    `kpi-source-${id}`,
    L('kpi.source'),
    sourceOptions,
    k.stage,
    (v) => {
      k.stage = v;
      render();
    },
    `${at}.stage`,
  );
  const sel = source.querySelector('select')!;
  updaters.push((_r, v) => {
    for (let n = 0; n < d.funnel.stages.length; n++) {
      sel.options[n + 1].textContent = L('kpi.source.stage', { name: stageLabel(n), value: v ? formatNumber(v[n], d.lang) : '–' });
    }
  });
  const avg = k.aggregate === 'average';
  const more = h(
    'details',
    { class: 'more', 'data-testid': `kpi-more-${id}`, open: openMore.has(id) || k.direction === 'lower' || avg || k.baseline !== '' ? true : undefined },
    h('summary', {}, L('kpi.more')),
    select(`kpi-direction-${id}`, L('kpi.direction'), [['higher', L('kpi.direction.higher')], ['lower', L('kpi.direction.lower')]], k.direction, (v) => {
      k.direction = v;
      refresh();
    }),
    select(`kpi-aggregate-${id}`, L('kpi.aggregate'), [['sum', L('kpi.aggregate.sum')], ['average', L('kpi.aggregate.average')]], k.aggregate, (v) => {
      k.aggregate = v;
      render();
    }),
    field({ path: `${at}.baseline`, testid: `kpi-baseline-${id}`, label: L('kgi.baseline'), kind: 'nonneg', get: () => k.baseline, set: (s) => (k.baseline = s) }),
  );
  more.addEventListener('toggle', () => (more.open ? openMore.add(id) : openMore.delete(id)));
  return h(
    'div',
    { class: 'kpi', 'data-testid': `kpi-${id}` },
    h(
      'div',
      { class: 'row center' },
      field({ path: `${at}.name`, testid: `kpi-name-${id}`, label: `${L('kpi.name')} ${j + 1}`, placeholder: L('kpi.namePlaceholder'), get: () => k.name, set: (s) => (k.name = s), class: 'grow' }),
      h(
        'button',
        { type: 'button', class: 'icon', 'data-testid': `remove-kpi-${id}`, title: L('kpi.remove'), 'aria-label': `${L('kpi.remove')} ${j + 1}`, onclick: () => (d.ksfs[i].kpis.splice(j, 1), render()) },
        '×',
      ),
    ),
    source,
    k.stage === ''
      ? field({ path: `${at}.target`, testid: `kpi-target-${id}`, label: avg ? L('kpi.targetAverage') : L('kpi.target'), kind: 'amount', get: () => k.target, set: (s) => (k.target = s) })
      : null,
    h(
      'div',
      { class: 'row' },
      field({ path: `${at}.unit`, testid: `kpi-unit-${id}`, label: L('kpi.unit'), placeholder: L('kpi.unitPlaceholder'), get: () => k.unit, set: (s) => (k.unit = s), class: 'half' }),
      field({ path: `${at}.owner`, testid: `kpi-owner-${id}`, label: L('kpi.owner'), placeholder: L('kpi.ownerPlaceholder'), get: () => k.owner, set: (s) => (k.owner = s), class: 'half' }),
    ),
    more,
  );
}

function renderSeason(): HTMLElement[] {
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
          render();
        },
      }),
      ` ${text}`,
    );
  const out: HTMLElement[] = [
    h('h3', {}, L('season.title')),
    h('p', { class: 'intro' }, L('season.intro')),
    h('div', { class: 'form-group' }, radio('flat', L('season.flat')), radio('custom', L('season.custom'))),
  ];
  if (s.mode === 'custom') {
    const grid = h('div', { class: 'weights', 'data-testid': 'season-weights' });
    for (let n = 0; n < 12; n++) {
      const month = ((d.startMonth - 1 + n) % 12) + 1;
      const share = h('div', { class: 'share secondary', 'data-testid': `season-share-${n}` });
      updaters.push((r) => {
        const w = s.weights.map((x) => readField('nonneg', x).value);
        const total = w.reduce<number>((a, b) => a + (b ?? 0), 0);
        share.textContent = r.plan.seasonality && total > 0 && w[n] !== undefined ? formatPercent(Math.round((w[n]! / total) * 1000) / 1000) : '';
      });
      const cell = field({ path: `season.${n}`, testid: `season-weight-${n}`, label: monthName(d.lang, month), kind: 'nonneg', get: () => s.weights[n], set: (v) => (s.weights[n] = v), class: 'weight', hintIn: null });
      cell.append(share);
      grid.append(cell);
    }
    out.push(h('div', { class: 'secondary' }, L('season.hint')), grid, errorSlot('season', 'season'));
  }
  out.push(
    h('h3', {}, L('thresholds.title')),
    h('p', { class: 'intro' }, L('thresholds.intro')),
    h(
      'div',
      { class: 'row' },
      field({ path: 'thresholds.warn', testid: 'threshold-warn', label: L('thresholds.warn'), kind: 'threshold', get: () => d.thresholds.warn, set: (v) => (d.thresholds.warn = v), class: 'half' }),
      field({ path: 'thresholds.ok', testid: 'threshold-ok', label: L('thresholds.ok'), kind: 'threshold', get: () => d.thresholds.ok, set: (v) => (d.thresholds.ok = v), class: 'half' }),
    ),
  );
  const legend = h('div', { class: 'legend', 'data-testid': 'threshold-legend' });
  updaters.push((r) => {
    const th = r.plan.thresholds;
    legend.replaceChildren();
    if (!th) return;
    legend.append(
      h('span', { class: 'swatch red' }, `< ${formatPercent(th.warn)}`),
      h('span', { class: 'swatch yellow' }, `≥ ${formatPercent(th.warn)}`),
      h('span', { class: 'swatch green' }, `≥ ${formatPercent(th.ok)}`),
    );
  });
  out.push(legend);
  return out;
}

/** Human name of a field path, for the review's list of input errors. */
function describePath(path: string): string {
  const p = path.split('.');
  const r = current.plan;
  switch (p[0]) {
    case 'name':
      return L('basics.planName');
    case 'startYear':
      return `${L('basics.fiscal')} — ${L('basics.startYear')}`;
    case 'kgi': {
      const key: Record<string, MsgKey> = { name: 'kgi.name', target: 'kgi.target', baseline: 'kgi.baseline', growth: 'kgi.growth', unitValue: 'kgi.unitValue' };
      return `KGI — ${L(key[p[1]] ?? 'kgi.name')}`;
    }
    case 'funnel':
      if (p[1] === 'rates') return L('funnel.rateLabel', { from: stageLabel(Number(p[2])), to: stageLabel(Number(p[2]) + 1) });
      return p[2] === undefined ? L('funnel.preset') : `${L('funnel.preset')} — ${L('funnel.stage', { n: Number(p[2]) + 1 })}`;
    case 'ksfs': {
      const i = Number(p[1]);
      const ksf = `${L('ksf.name')} ${i + 1}`;
      if (p[2] === 'name') return ksf;
      const j = Number(p[3]);
      const name = r.ksfs[i]?.kpis[j]?.name;
      const kpi = name ? `${L('kpi.name')} “${name}”` : `${L('kpi.name')} ${j + 1}`;
      const key: Record<string, MsgKey> = { name: 'kpi.name', target: 'kpi.target', baseline: 'kgi.baseline' };
      return p[4] === 'name' ? `${ksf} — ${kpi}` : `${ksf} — ${kpi} — ${L(key[p[4]] ?? 'kpi.target')}`;
    }
    case 'season':
      return p[1] === undefined ? L('season.title') : `${L('season.title')} — ${monthName(d.lang, ((d.startMonth - 1 + Number(p[1])) % 12) + 1)}`;
    case 'thresholds':
      return L(p[1] === 'warn' ? 'thresholds.warn' : 'thresholds.ok');
  }
  return path;
}

function goToField(path: string): void {
  const target = STEPS.indexOf(stepOf(path));
  touched.add(path);
  const kpi = /^ksfs\.(\d+)\.kpis\.(\d+)\.baseline$/.exec(path);
  if (kpi) openMore.add(`${kpi[1]}-${kpi[2]}`);
  step = target;
  render();
  const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]:not([type="hidden"])`);
  el?.focus();
  el?.scrollIntoView?.({ block: 'center' });
}

const CRITERIA = ['quantitative', 'achievable', 'relevant'] as const;

/** Client-side health check; a throw from it is itself shown as an error finding. */
function healthFindings(plan: Plan): Finding[] {
  try {
    return (checkPlan(plan, d.lang).findings ?? []) as Finding[];
  } catch (e) {
    return [{ level: 'error', criterion: 'relevant', message: toError(e).message }];
  }
}

/** A small "Edit" link from a finding to the field it is about (when the sidebar has one). */
function editLink(planPath: string | undefined): HTMLElement | null {
  const path = draftPathOf(planPath);
  if (!path) return null;
  return h('button', { type: 'button', class: 'link inline edit', 'data-testid': 'finding-edit', 'data-path': path, onclick: () => goToField(path) }, L('review.edit'));
}

function renderFindings(fieldErrors: [string, MsgKey][], findings: Finding[]): HTMLElement {
  const box = h('div', { class: 'findings', 'data-testid': 'findings' });
  const errors = fieldErrors.length + findings.filter((f) => f.level === 'error').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  box.append(
    h(
      'div',
      { class: `summary ${errors ? 'bad' : warnings ? 'warn' : 'good'}`, 'data-testid': 'findings-summary', 'data-errors': errors, 'data-warnings': warnings },
      errors || warnings ? L('review.summary', { errors, warnings }) : L('review.noFindings'),
    ),
  );
  if (fieldErrors.length) {
    const ul = h('ul', {});
    for (const [path, key] of fieldErrors) {
      ul.append(
        h(
          'li',
          { class: 'finding error', 'data-testid': 'finding', 'data-level': 'error', 'data-criterion': 'input', 'data-path': path },
          h('span', { class: 'badge error' }, L('review.level.error')),
          h('button', { type: 'button', class: 'link inline', onclick: () => goToField(path) }, describePath(path)),
          `: ${L(key)}`,
        ),
      );
    }
    box.append(h('div', { class: 'group', 'data-testid': 'findings-input' }, h('h4', {}, L('review.crit.input')), h('div', { class: 'secondary' }, L('err.fieldCount', { n: fieldErrors.length })), ul));
  }
  for (const c of CRITERIA) {
    const list = findings.filter((f) => f.criterion === c).sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
    const ul = h('ul', {});
    for (const f of list) {
      ul.append(
        h(
          'li',
          { class: `finding ${f.level}`, 'data-testid': 'finding', 'data-level': f.level, 'data-criterion': c },
          h('span', { class: `badge ${f.level}` }, L(f.level === 'error' ? 'review.level.error' : 'review.level.warning')),
          String(f.message),
          editLink(f.path),
        ),
      );
    }
    if (!list.length && !fieldErrors.length) ul.append(h('li', { class: 'finding ok' }, `✓ ${L('review.noFindings')}`));
    if (list.length || !fieldErrors.length) box.append(h('div', { class: 'group', 'data-testid': `findings-${c}` }, h('h4', {}, L(`review.crit.${c}`)), ul));
  }
  // Findings with a criterion outside the three (defensive): still shown.
  const other = findings.filter((f) => !(CRITERIA as readonly string[]).includes(f.criterion));
  if (other.length) {
    const ul = h('ul', {});
    for (const f of other) ul.append(h('li', { class: `finding ${f.level}`, 'data-testid': 'finding', 'data-level': f.level, 'data-criterion': String(f.criterion) }, String(f.message)));
    box.append(h('div', { class: 'group' }, ul));
  }
  return box;
}

function renderReview(): HTMLElement[] {
  const r = planFromDraft(d);
  const fieldErrors = Object.entries(r.errors);
  const findings = fieldErrors.length ? [] : result && !result.ok && result.findings ? result.findings : healthFindings(r.plan);
  const blocked = fieldErrors.length > 0 || findings.some((f) => f.level === 'error');
  const plan = r.plan;
  const goal = kgiGoal(plan);
  const kpiCount = plan.ksfs.reduce((a, s) => a + s.kpis.length, 0);
  const summary = h(
    'div',
    { class: 'block summary-box', 'data-testid': 'review-summary' },
    h('div', { class: 'plan-name' }, plan.name),
    h('div', { class: 'secondary' }, L('review.fy', { range: fiscalRange(d.lang, plan.fiscalYear.startYear, plan.fiscalYear.startMonth) })),
    h('div', {}, `KGI: ${plan.kgi.name}${goal !== undefined ? ` — ${money(goal)}` : ''}`),
    h('div', { class: 'secondary' }, L('review.kpis', { count: kpiCount, ksfs: plan.ksfs.length })),
  );
  const button = h(
    'button',
    { type: 'button', class: 'action build', id: 'build-button', 'data-testid': 'build-button', disabled: blocked || busy, onclick: build },
    busy ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    busy ? L('build.busy') : L('build.button'),
  );
  return [
    h('p', { class: 'intro' }, L('review.intro')),
    summary,
    renderFindings(fieldErrors, findings),
    funnelTable('review-funnel'),
    h(
      'div',
      { class: 'block build-row' },
      button,
      h('div', { class: 'secondary', 'data-testid': 'build-status', role: 'status', 'aria-live': 'polite' }, busy ? L(phase === 'checking' ? 'review.checking' : 'build.busy') : blocked ? L('review.blocked') : ''),
    ),
    renderResult(),
  ];
}

function renderResult(): HTMLElement {
  const box = h('div', { class: 'result', id: 'result', 'data-testid': 'result', 'aria-live': 'polite' });
  if (!result) return box;
  if (result.ok) {
    box.classList.add('ok');
    box.dataset.status = 'ok';
    const sheets = result.res.sheets ?? [];
    const warnings = result.res.warnings ?? [];
    box.append(h('div', { class: 'result-title' }, `✓ ${L('build.done')}`));
    box.append(h('div', {}, L('build.sheets')), h('ul', { 'data-testid': 'result-sheets' }, ...sheets.map((s) => h('li', {}, String(s)))));
    if (warnings.length) box.append(h('div', {}, L('build.warnings')), h('ul', { 'data-testid': 'result-warnings' }, ...warnings.map((w) => h('li', {}, String(w)))));
  } else {
    box.classList.add('failed');
    box.dataset.status = 'error';
    box.append(h('div', { class: 'result-title' }, L('build.failed')), h('div', { class: 'error', 'data-testid': 'result-error' }, result.message));
  }
  return box;
}

// ---------------------------------------------------------------------------------------------
// Actions

function build(): void {
  if (busy) return;
  const r = planFromDraft(d);
  if (Object.keys(r.errors).length || healthFindings(r.plan).some((f) => f.level === 'error')) return;
  busy = true;
  phase = 'checking';
  result = null;
  render();
  const plan = JSON.parse(JSON.stringify(r.plan)) as Plan;
  call<{ findings?: Finding[] }>('checkPlan', plan)
    .then((check) => {
      const errors = (check?.findings ?? []).filter((f) => f.level === 'error');
      if (errors.length) {
        result = { ok: false, message: L('build.again'), findings: check.findings };
        return;
      }
      phase = 'building';
      const status = document.querySelector('[data-testid="build-status"]');
      if (status) status.textContent = L('build.busy');
      return call<BuildResult>('buildWorkbook', plan).then((res) => {
        result = { ok: true, res: res ?? {} };
      });
    })
    .catch((e: unknown) => {
      result = { ok: false, message: toError(e).message };
    })
    .finally(() => {
      busy = false;
      if (STEPS[step] === 'review') {
        render();
        document.querySelector<HTMLElement>('[data-testid="result"]')?.scrollIntoView({ block: 'nearest' });
      }
    });
}

function go(delta: number): void {
  if (busy) return;
  if (delta > 0) {
    const id = STEPS[step];
    const r = planFromDraft(d);
    const bad = Object.keys(r.errors).filter((p) => stepOf(p) === id);
    if (bad.length) {
      revealed.add(id);
      refresh();
      const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(bad[0])}"]:not([type="hidden"])`);
      el?.focus();
      return;
    }
  }
  step = Math.min(STEPS.length - 1, Math.max(0, step + delta));
  if (STEPS[step] === 'review' && result && !result.ok && result.findings) result = null;
  render();
  document.getElementById('content')?.scrollTo?.(0, 0);
  window.scrollTo?.(0, 0);
}

function sampleDraft(lang: Lang): Draft {
  const year = Number(d?.startYear) || defaults.startYear;
  const plan = defaults.sample && defaults.sample.locale === lang && defaults.sample.fiscalYear.startYear === year ? defaults.sample : samplePlanFor(lang, year);
  return draftFromPlan(plan, lang);
}

function switchLang(lang: Lang): void {
  const wasSample = JSON.stringify(d) === sampleSnapshot;
  if (wasSample) {
    d = sampleDraft(lang);
    sampleSnapshot = JSON.stringify(d);
  } else {
    const old = d.lang;
    d.lang = lang;
    const p = PRESETS[d.funnel.preset];
    if (p && p.stages.length === d.funnel.stages.length && p.stages.every((s, i) => s[old] === d.funnel.stages[i])) {
      d.funnel.stages = presetFunnel(p.id, lang).stages.map((s) => s.name);
    }
    if (!monthTouched) d.startMonth = defaultStartMonth(lang);
  }
  document.documentElement.lang = lang;
  render();
}

function clearPlan(): void {
  d = blankDraft(d.lang, Number(d.startYear) || defaults.startYear, d.startMonth);
  touched.clear();
  revealed.clear();
  result = null;
  render();
}

function loadSample(): void {
  d = sampleDraft(d.lang);
  sampleSnapshot = JSON.stringify(d);
  result = null;
  render();
}

// ---------------------------------------------------------------------------------------------
// Render

const RENDER: Record<StepId, () => HTMLElement[]> = {
  basics: renderBasics,
  kgi: renderKgi,
  funnel: renderFunnel,
  ksf: renderKsfs,
  season: renderSeason,
  review: renderReview,
};

/** Re-renders the current step (structural changes); `focusId` is focused afterwards. */
function render(focusId?: string): void {
  const app = document.getElementById('app')!;
  const scroll = document.getElementById('content')?.scrollTop ?? 0;
  fields = [];
  updaters = [];
  const id = STEPS[step];
  const tabs = h('ol', { class: 'steps', 'data-testid': 'step-indicator', 'aria-label': L('nav.step', { n: step + 1, total: STEPS.length }) });
  STEPS.forEach((s, i) => {
    tabs.append(
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `tab${i === step ? ' current' : ''}${i < step ? ' done' : ''}`,
            'data-testid': `step-tab-${s}`,
            'aria-current': i === step ? 'step' : undefined,
            disabled: busy,
            title: L(`step.${s}`),
            onclick: () => {
              if (busy) return;
              step = i;
              render();
            },
          },
          String(i + 1),
        ),
      ),
    );
  });
  const header = h(
    'header',
    {},
    tabs,
    h('div', { class: 'step-title' }, h('h2', { 'data-testid': 'step-title', 'data-step': id }, L(`step.${id}`)), h('span', { class: 'secondary' }, L('nav.step', { n: step + 1, total: STEPS.length }))),
  );
  const content = h('main', { id: 'content', 'data-testid': `step-${id}` }, ...RENDER[id]());
  const nav = h(
    'footer',
    {},
    h('button', { type: 'button', id: 'nav-back', 'data-testid': 'nav-back', disabled: step === 0 || busy, onclick: () => go(-1) }, L('nav.back')),
    id === 'review'
      ? null
      : h('button', { type: 'button', class: 'action', id: 'nav-next', 'data-testid': 'nav-next', disabled: busy, onclick: () => go(1) }, L('nav.next')),
  );
  app.replaceChildren(header, content, nav);
  document.documentElement.lang = d.lang;
  document.title = L('title.sidebar');
  refresh();
  const c = document.getElementById('content');
  if (c && !focusId) c.scrollTop = scroll;
  if (focusId) {
    const el = document.getElementById(focusId);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  }
}

// ---------------------------------------------------------------------------------------------
// Start: ask the server for the defaults (language from the spreadsheet's locale, fiscal year);
// opened outside Sheets (or if the call fails), use the browser's language and today.

function start(server: Partial<Defaults> | null): void {
  const lang: Lang = server?.lang === 'ja' || server?.lang === 'en' ? server.lang : langFromLocale(navigator.language);
  const now = new Date();
  const startMonth = server?.startMonth ?? defaultStartMonth(lang);
  const startYear = server?.startYear ?? fiscalYearOf(now.getFullYear(), now.getMonth() + 1, startMonth);
  defaults = { lang, startYear, startMonth, sample: server?.sample };
  d = undefined as unknown as Draft;
  d = sampleDraft(lang);
  sampleSnapshot = JSON.stringify(d);
  render();
}

function init(): void {
  const app = document.getElementById('app');
  if (!app) return;
  if (!scriptRun()) return start(null);
  call<Partial<Defaults>>('getPlannerDefaults')
    .then((v) => start(v && typeof v === 'object' ? v : null))
    .catch(() => start(null));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
