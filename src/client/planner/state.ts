/**
 * The planner's state, in one object: the draft being edited, where the wizard is, what the
 * user touched, the last build's outcome, and the current render's fields. Plus the helpers
 * every step uses (words in the draft's language, money, stage names).
 */
import type { Finding } from '../../core/health';
import type { Lang, Plan } from '../../core/plan';
import { t, type MessageKey, type Params } from '../../messages';
import type { BuildResult } from '../../sheets/build';
import { blankDraft, type Draft, type DraftResult, planFromDraft } from '../draft';
import { formatMoney, formatNumber, type FieldKind } from '../input';

export type { Finding };

/** `channels` is optional: Next and Back pass over it while the plan is not split by channel. */
export const STEPS = ['basics', 'kgi', 'funnel', 'channels', 'ksf', 'season', 'review'] as const;
export type StepId = (typeof STEPS)[number];

/** What the sidebar starts from (the server's getPlannerDefaults, else the browser's language and today). */
export interface Defaults {
  lang: Lang;
  startYear: number;
  startMonth: number;
  sample?: Plan;
}

export type BuildOutcome = { ok: true; res: BuildResult } | { ok: false; message: string; findings?: Finding[] };

/** Per render: an input with its error/hint elements. */
export interface FieldView {
  path: string;
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
  hint?: HTMLElement;
  /** What the hint element shows when there is nothing to interpret. */
  hintDefault?: string;
  kind?: FieldKind;
}

/** Per render: a derived display to refresh as the user types. */
export type Updater = (result: DraftResult, volumes: number[] | undefined) => void;

export interface PlannerState {
  draft: Draft;
  defaults: Defaults;
  /** The draft as the example plan was loaded (JSON): unchanged means "still the example". */
  sampleSnapshot: string;
  /** Index into STEPS. */
  step: number;
  /** While busy: the server is re-checking the plan, or building. */
  busy: boolean;
  phase: 'checking' | 'building';
  /** The user picked the start month: a language switch keeps it. */
  monthTouched: boolean;
  /** Fields the user has left or typed in: their errors show. */
  touched: Set<string>;
  /** Steps the user tried to leave with Next: all their errors show. */
  revealed: Set<StepId>;
  /** KPIs whose "More" section the user opened (kept open across re-renders). */
  openMore: Set<string>;
  result: BuildOutcome | null;
  /** The KPIs the last funnel preset switch unlinked (shown on the funnel step until the next render of another). */
  unlinked: { kpi: string; stage: string }[];
  fields: FieldView[];
  updaters: Updater[];
  current: DraftResult;
  volumes: number[] | undefined;
}

/** What the steps call back into (the wizard, src/client/planner/wizard.ts). */
export interface Controller {
  /** Re-renders the current step; `focusId` is focused afterwards. */
  render(focusId?: string): void;
  /** Recomputes errors, hints and derived numbers in place (no re-render: focus stays). */
  refresh(): void;
  goToField(path: string): void;
  build(): void;
  switchLang(lang: Lang): void;
  clearPlan(): void;
  loadSample(): void;
}

function initialState(): PlannerState {
  const draft = blankDraft('en', new Date().getFullYear(), 1);
  return {
    draft,
    defaults: { lang: 'en', startYear: new Date().getFullYear(), startMonth: 1 },
    sampleSnapshot: '',
    step: 0,
    busy: false,
    phase: 'checking',
    monthTouched: false,
    touched: new Set(),
    revealed: new Set(),
    openMore: new Set(),
    result: null,
    unlinked: [],
    fields: [],
    updaters: [],
    current: planFromDraft(draft),
    volumes: undefined,
  };
}

/** The one planner state of the page. */
export const state: PlannerState = initialState();

/** Words in the draft's language. */
export const L = (key: MessageKey, params?: Params): string => t(state.draft.lang, key, params);

/** The wizard step a field path belongs to. */
export function stepOf(path: string): StepId {
  if (path.startsWith('kgi.')) return 'kgi';
  if (path.startsWith('funnel.')) return 'funnel';
  if (path.startsWith('channels')) return 'channels';
  if (path.startsWith('ksfs')) return 'ksf';
  if (path.startsWith('season') || path.startsWith('thresholds.')) return 'season';
  return 'basics';
}

/** A KGI amount as money (or a count for a count KGI). */
export function money(n: number): string {
  const d = state.draft;
  return d.kgi.unit === 'currency' ? formatMoney(n, d.kgi.currency, d.lang) : formatNumber(n, d.lang);
}

/** Stage `i`'s name, or "Stage 3" while it has none. */
export function stageLabel(i: number): string {
  return state.draft.funnel.stages[i]?.trim() || L('funnel.stage', { n: i + 1 });
}
