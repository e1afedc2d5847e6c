// Number formats and dates: display values through numfmt (Sheets' patterns are Excel-like),
// date serial numbers (days since 1899-12-30 in the spreadsheet's time zone) <-> Date objects.
import * as numfmt from 'numfmt';

/** What `Range.getNumberFormat()` returns for a cell nobody formatted ("Automatic"). */
export const AUTOMATIC = '0.###############';

const DAY = 86400000;
const EPOCH = Date.UTC(1899, 11, 30);

/** 'en_US' -> 'en-US' for numfmt / Intl. */
export const bcp47 = (locale: string) => locale.replace('_', '-');

export function isDateFormat(pattern: string | undefined): boolean {
  return !!pattern && pattern !== AUTOMATIC && numfmt.isDateFormat(pattern);
}

/** The default date pattern Sheets applies for the locale when a date is typed or written. */
export function defaultDateFormat(locale: string): string {
  if (locale.startsWith('ja') || locale.startsWith('zh') || locale.startsWith('ko')) return 'yyyy/MM/dd';
  if (locale === 'en_US') return 'M/d/yyyy';
  return 'dd/MM/yyyy';
}

/** Offset of `tz` from UTC in ms at the given instant. */
function tzOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Serial number (wall time in `timeZone`) -> UTC milliseconds. */
export function serialToMs(serial: number, timeZone: string): number {
  const wall = EPOCH + Math.round(serial * DAY);
  const guess = wall - tzOffset(wall, timeZone);
  return wall - tzOffset(guess, timeZone);
}

/** UTC milliseconds -> serial number of the wall time in `timeZone`. */
export function msToSerial(ms: number, timeZone: string): number {
  return (ms + tzOffset(ms, timeZone) - EPOCH) / DAY;
}

export const isDateObject = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** Sheets-like display of a number in a pattern ('' or AUTOMATIC = automatic). */
export function formatNumber(value: number, pattern: string | undefined, locale: string): string {
  const p = !pattern || pattern === AUTOMATIC ? 'General' : pattern;
  const out = numfmt.format(p, value, { locale: bcp47(locale), throws: false });
  return out ?? numfmt.format('General', value);
}

/** Validate a number format the way setNumberFormat would accept it. */
export function isValidFormat(pattern: string): boolean {
  return pattern === AUTOMATIC || numfmt.isValidFormat(pattern);
}
