// Tracking math: progress, pace, forecast, what remains, status labels and the sales-cycle
// lag. Pure; "no value" is ''. Errors carry no function prefix (the custom-function runner adds it).
import { finite, show } from './num';

export type Blank = '';
export type Lang = 'ja' | 'en';
export const MAX_LAG = 18278;

const MS_PER_DAY = 86_400_000;

/** Achievement: actual / target; lower is better → max(0, 2 − actual / target). '' when actual is blank or target blank/0. */
export function progress(actual: number | Blank, target: number | Blank, lowerIsBetter = false): number | Blank {
  if (actual === '' || target === '' || target === 0) return '';
  const ratio = finite(actual / target, 'progress');
  return lowerIsBetter ? Math.max(0, 2 - ratio) : ratio;
}

/** Calendar day number of a Date (its local date, whole days; time of day ignored). */
export function dayNumber(d: Date): number {
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / MS_PER_DAY);
}

/**
 * actual ÷ (target pro-rated to `asOf`). Elapsed = days from start to asOf, both counted, over
 * the days from start to end, both counted, capped at 1. Before start, or a blank actual or a
 * blank/zero target → ''. `end` before `start` is an error.
 */
export function pace(actual: number | Blank, target: number | Blank, start: Date, end: Date, asOf: Date): number | Blank {
  const s = dayNumber(start), e = dayNumber(end), t = dayNumber(asOf);
  if (!Number.isFinite(s) || !Number.isFinite(e) || !Number.isFinite(t)) throw new Error('start, end and as_of must be valid dates');
  if (e < s) throw new Error(`end ${isoDate(end)} is before start ${isoDate(start)}`);
  if (t < s || actual === '' || target === '' || target === 0) return '';
  const elapsed = Math.min(1, (t - s + 1) / (e - s + 1));
  return finite(actual / finite(target * elapsed), 'pace');
}

/** Run-rate projection: mean of the filled periods × `periods` (default: values.length). '' when nothing is filled. */
export function forecast(values: (number | Blank)[], periods: number = values.length): number | Blank {
  let sum = 0, count = 0;
  for (const v of values) if (v !== '') { sum += v; count++; }
  if (count === 0) return '';
  return finite(finite(sum, 'forecast') / count * periods, 'forecast');
}

/** What each remaining period needs: max(0, target − actual) / periodsLeft. Blank actual counts as 0; blank target → ''. */
export function remaining(target: number | Blank, actual: number | Blank, periodsLeft: number): number | Blank {
  if (!(Number.isFinite(periodsLeft) && periodsLeft > 0)) throw new Error(`periods_left ${show(periodsLeft)} must be above 0`);
  if (target === '') return '';
  return finite(Math.max(0, finite(target - (actual === '' ? 0 : actual))) / periodsLeft, 'remaining');
}

const LABELS: Record<Lang, [string, string, string]> = {
  en: ['On track', 'At risk', 'Off track'],
  ja: ['順調', '注意', '遅れ'],
};

/** progress ≥ ok → On track / 順調; ≥ warn → At risk / 注意; else Off track / 遅れ. '' stays ''. */
export function status(progress: number | Blank, warn = 0.8, ok = 1, lang: Lang = 'en'): string {
  if (warn > ok) throw new Error(`warn ${show(warn)} is above ok ${show(ok)}; warn must be the lower threshold`);
  if (progress === '') return '';
  const [onTrack, atRisk, offTrack] = LABELS[lang] ?? LABELS.en;
  return progress >= ok ? onTrack : progress >= warn ? atRisk : offTrack;
}

/** out[i] = values[i + lag]; past either end wraps around (`wrap`, default) or gives ''. */
export function lag<T>(values: T[], lag: number, wrap = true): (T | Blank)[] {
  if (!(Number.isInteger(lag) && Math.abs(lag) <= MAX_LAG)) throw new Error(`lag ${show(lag)} must be a whole number from -${MAX_LAG} to ${MAX_LAG}`);
  const n = values.length;
  const out = new Array<T | Blank>(n);
  for (let i = 0; i < n; i++) {
    const j = i + lag;
    out[i] = j >= 0 && j < n ? values[j] : wrap ? values[((j % n) + n) % n] : '';
  }
  return out;
}

function isoDate(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
