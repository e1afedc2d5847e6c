// Tracking math: progress, pace, forecast, what remains, status labels and the sales-cycle
// lag. Pure; "no value" is ''. Errors carry no function prefix (the custom-function runner adds it).
import { t } from '../messages';
import { DEFAULT_THRESHOLDS } from './locale';
import { finite, isoDate, MAX_COLS, show, whole } from './num';
import type { Lang } from './plan';

export type Blank = '';
export type { Lang };
export const MAX_LAG = MAX_COLS;

/**
 * Achievement: actual / target; lower is better → max(0, 2 − actual / target). '' when actual is
 * blank or target blank/0.
 */
export function progress(actual: number | Blank, target: number | Blank, lowerIsBetter = false): number | Blank {
  if (actual === '' || !target) return '';
  const ratio = finite(actual / target, 'progress');
  return lowerIsBetter ? Math.max(0, 2 - ratio) : ratio;
}

/** Calendar day number of a Date (its local date, whole days; time of day ignored). */
const dayNumber = (d: Date): number => Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);

/**
 * actual ÷ (target pro-rated to `asOf`). Elapsed = days from start to asOf, both counted, over
 * the days from start to end, both counted, capped at 1. Before start, or a blank actual or a
 * blank/zero target → ''. `end` before `start` is an error.
 */
export function pace(
  actual: number | Blank,
  target: number | Blank,
  start: Date,
  end: Date,
  asOf: Date,
): number | Blank {
  const first = dayNumber(start);
  const last = dayNumber(end);
  const today = dayNumber(asOf);
  if (!(last >= first)) throw new Error(`end ${isoDate(end)} is before start ${isoDate(start)}`);
  if (!(today >= first) || actual === '' || !target) return '';
  const elapsed = Math.min(1, (today - first + 1) / (last - first + 1));
  return finite(actual / finite(target * elapsed), 'pace');
}

/** Run-rate projection: mean of the filled periods × `periods` (default: values.length). '' when nothing is filled. */
export function forecast(values: (number | Blank)[], periods = values.length): number | Blank {
  const filled = values.filter((v): v is number => v !== '');
  if (!filled.length) return '';
  const sum = filled.reduce((a, b) => a + b, 0);
  return finite((finite(sum, 'forecast') / filled.length) * periods, 'forecast');
}

/**
 * What each remaining period needs: max(0, target − actual) / periodsLeft. Blank actual counts as
 * 0; blank target → ''.
 */
export function remaining(target: number | Blank, actual: number | Blank, periodsLeft: number): number | Blank {
  if (!(periodsLeft > 0 && periodsLeft < Infinity)) {
    throw new Error(`periods_left ${show(periodsLeft)} must be above 0`);
  }
  return target === '' ? '' : finite(Math.max(0, finite(target - +actual)) / periodsLeft, 'remaining');
}

/** The status words' catalogue keys, best first. */
const STATUS_KEYS = ['sheet.onTrack', 'sheet.atRisk', 'sheet.offTrack'] as const;

/** progress ≥ ok → On track / 順調; ≥ warn → At risk / 注意; else Off track / 遅れ. '' stays ''. */
export function status(
  progress: number | Blank,
  warn = DEFAULT_THRESHOLDS.warn,
  ok = DEFAULT_THRESHOLDS.ok,
  lang: Lang = 'en',
): string {
  if (warn > ok) throw new Error(`warn ${show(warn)} is above ok ${show(ok)}; warn must be the lower threshold`);
  if (progress === '') return '';
  return t(lang, STATUS_KEYS[progress >= ok ? 0 : progress >= warn ? 1 : 2]);
}

/** out[i] = values[i + lag]; past either end wraps around (`wrap`, default) or gives ''. */
export function lag<T>(values: T[], lag: number, wrap = true): (T | Blank)[] {
  const shift = whole('lag', lag, -MAX_LAG, MAX_LAG);
  const n = values.length;
  return values.map((_, i) => {
    const from = i + shift;
    if (from >= 0 && from < n) return values[from];
    return wrap ? values[((from % n) + n) % n] : '';
  });
}
