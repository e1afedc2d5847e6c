/**
 * The planner's form controls: a labelled text field with its hint (how a number was read) and
 * inline error, a select, a step-level error slot; and `refresh`, which recomputes the plan from
 * the draft and updates errors, hints and derived numbers in place (focus and caret stay put).
 */
import { h } from '../dom';
import { funnelPreview, planFromDraft } from '../draft';
import { formatField, interpretation, readField, type FieldKind } from '../input';
import { L, STEPS, state } from './state';

export interface FieldOptions {
  path: string;
  testid: string;
  label?: string;
  get: () => string;
  set: (text: string) => void;
  kind?: FieldKind;
  placeholder?: string;
  help?: string;
  class?: string;
  ariaLabel?: string;
  /** Show the hint ("= 25%") in this element instead of inside the input; `null`: no hint. */
  hintIn?: HTMLElement | null;
  /** A name that wraps onto more lines instead of being cut (a textarea that grows, Enter refused). */
  multiline?: boolean;
}

/** A textarea as tall as its text. */
function fitHeight(area: HTMLTextAreaElement): void {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + 2}px`;
}

/** A labelled text input with a hint (how a number was read) and an inline error. */
export function field(o: FieldOptions): HTMLElement {
  const attrs = {
    id: o.testid,
    'data-testid': o.testid,
    'data-path': o.path,
    value: o.get(),
    placeholder: o.placeholder,
    autocomplete: 'off',
    spellcheck: o.kind ? 'false' : undefined,
    'aria-describedby': `error-${o.testid}`,
    'aria-label': o.ariaLabel,
  };
  const input = o.multiline
    ? h('textarea', { ...attrs, rows: 1, class: 'wrap' })
    : h('input', { type: 'text', ...attrs });
  const error = h('div', {
    class: 'error',
    id: `error-${o.testid}`,
    'data-testid': `error-${o.testid}`,
    role: 'alert',
  });
  // The hint overlays the input's right end (or sits in `hintIn`): it never moves the layout,
  // so a click right after typing (blur reformats the text) lands where the user aimed.
  const hint = o.kind && o.hintIn !== null ? (o.hintIn ?? h('span', { class: 'hint overlay' })) : undefined;
  const hintDefault = hint?.textContent ?? '';
  hint?.setAttribute('data-testid', `hint-${o.testid}`);
  if (input instanceof HTMLTextAreaElement) {
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') e.preventDefault();
    });
    requestAnimationFrame(() => fitHeight(input));
  }
  input.addEventListener('input', () => {
    if (input instanceof HTMLTextAreaElement) {
      if (/[\r\n]/.test(input.value)) input.value = input.value.replace(/[\r\n]+/g, ' ');
      fitHeight(input);
    }
    o.set(input.value);
    state.touched.add(o.path);
    refresh();
  });
  // Blur only rewrites a readable number canonically (`25` → `25%`); errors appear once the user
  // typed in a field, or tried to leave the step, so merely tabbing through shows nothing new.
  input.addEventListener('blur', () => {
    if (o.kind) {
      const r = readField(o.kind, input.value, false);
      if (r.value !== undefined) {
        const canonical = formatField(o.kind, r.value, state.draft.lang);
        if (canonical !== input.value) {
          input.value = canonical;
          o.set(canonical);
        }
      }
    }
    refresh();
  });
  state.fields.push({ path: o.path, input, error, hint, hintDefault, kind: o.kind });
  return h(
    'div',
    { class: `form-group${o.class ? ` ${o.class}` : ''}` },
    o.label ? h('label', { for: o.testid }, o.label) : null,
    h('div', { class: 'input-wrap' }, input, hint && !o.hintIn ? hint : null),
    o.help ? h('div', { class: 'secondary' }, o.help) : null,
    error,
  );
}

/** A labelled select of `[value, text]` options. */
export function select<V extends string>(
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
export function errorSlot(path: string, testid: string): HTMLElement {
  const error = h('div', { class: 'error', 'data-testid': `error-${testid}`, role: 'alert' });
  const placeholder = h('input', { type: 'hidden', 'data-path': path });
  state.fields.push({ path, input: placeholder, error });
  return error;
}

/** Recomputes the plan from the draft; updates errors, hints and derived numbers in place. */
export function refresh(): void {
  state.current = planFromDraft(state.draft);
  state.volumes = funnelPreview(state.current.plan);
  const stepId = STEPS[state.step];
  for (const f of state.fields) {
    const err = state.current.errors[f.path];
    const show = err && (state.touched.has(f.path) || state.revealed.has(stepId) || stepId === 'review');
    f.error.textContent = show ? L(err) : '';
    if (f.input.type !== 'hidden') {
      f.input.classList.toggle('invalid', Boolean(show));
      f.input.setAttribute('aria-invalid', show ? 'true' : 'false');
    }
    if (f.hint && f.kind) {
      const reading = interpretation(f.kind, f.input.value, state.draft.lang);
      f.hint.textContent = reading && !err ? L('hint.percent', { value: reading }) : (f.hintDefault ?? '');
      f.hint.classList.toggle('hint', Boolean(reading && !err));
    }
  }
  for (const update of state.updaters) update(state.current, state.volumes);
}
