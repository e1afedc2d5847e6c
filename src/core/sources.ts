// Source links: a KPI's (or the KGI's) actuals taken from a sheet of records in the same
// spreadsheet — a CRM, GA4 or MA export — instead of typed. Pure and workbook-independent:
// the shape check of a link, how a date or an amount cell of an export is read, the monthly
// aggregation over the fiscal year (what previewSource and the health check use) and the
// description of a sheet for the planner (describeSource). The native formulas of a linked
// Actuals row are in sourceFormulas.ts; they read every cell exactly as readDate/readAmount do.
import type { Lang } from './plan';

/** One filter of a link: the row counts when the column's value (trimmed) is exactly one of `equals`. */
export interface SourceWhere {
  column: string;
  equals: (string | number)[];
}

/** `source` of a KPI or of `kgi` in the plan JSON: columns named by their header text (row 1 of `sheet`). */
export interface SourceLink {
  sheet: string;
  /** Header of the date column. */
  date: string;
  where?: SourceWhere[];
  /** Header of the column to sum; without it the link counts rows. */
  sum?: string;
}

export interface SourceFinding {
  level: 'error';
  criterion: 'relevant';
  /** Field path, e.g. `plan.ksfs[0].kpis[1].source.where[0].equals`. */
  path: string;
  value: unknown;
  /** Developer message: path, value, what is wrong (English). */
  message: string;
  /** User message in both languages. */
  text: Record<Lang, string>;
}

/** A calendar day of the spreadsheet's time zone. */
export interface CalendarDay {
  y: number;
  m: number;
  d: number;
}

/**
 * Why a cell could not be read. Dates: `empty` (blank date in a row that counts), `unparseable` (not a
 * date form an export writes), `ambiguous` (day and month order unknown, e.g. 4/1/2026).
 * Amounts: `amount` (the sum column holds no number).
 */
export type UnreadableReason = 'empty' | 'unparseable' | 'ambiguous' | 'amount';
export type DateReason = Exclude<UnreadableReason, 'amount'>;

export const REASON_TEXT: Record<UnreadableReason, Record<Lang, string>> = {
  empty: { en: 'blank date', ja: '日付が空欄' },
  unparseable: { en: 'not a date', ja: '日付として読めない' },
  ambiguous: {
    en: 'day and month order unclear (4/1/2026 may be April 1 or January 4: write 2026-04-01)',
    ja: '日と月の順序が不明（4/1/2026 は4月1日とも1月4日とも読めます。2026-04-01 の形にしてください）',
  },
  amount: { en: 'amount not a number', ja: '金額が数値でない' },
};

// ---- shape check ------------------------------------------------------------------------------

const isText = (v: unknown): v is string => typeof v === 'string' && sheetsTrim(v) !== '';

/** What validateSource says about each kind of problem, after the value. */
const PROBLEM: Record<string, Record<Lang, string>> = {
  link: { en: '— give { sheet, date, where?, sum? }', ja: '— { sheet, date, where?, sum? } の形で指定してください' },
  sheet: { en: '— give the name of the sheet that holds the records', ja: '— 明細のあるシート名を入力してください' },
  date: { en: '— give the header of the date column', ja: '— 日付列の見出しを入力してください' },
  sum: {
    en: '— give the header of the column to sum, or leave it out to count rows',
    ja: '— 合計する列の見出しを入力するか、件数を数える場合は省略してください',
  },
  whereList: { en: 'is not a list of { column, equals }', ja: 'は { column, equals } のリストではありません' },
  where: { en: '— give { column, equals: [values] }', ja: '— { column, equals: [値] } の形で指定してください' },
  column: { en: '— give the header of the filter column', ja: '— 絞り込む列の見出しを入力してください' },
  equals: { en: '— give at least one value that counts', ja: '— 対象とする値を1つ以上指定してください' },
  value: { en: '— a value must be non-empty text or a number', ja: '— 値は空でない文字列か数値にしてください' },
  unknown: {
    en: 'is not a field of a data link (sheet, date, where, sum)',
    ja: 'はデータ連携の項目ではありません（sheet, date, where, sum）',
  },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Shape check of a link at `path` (e.g. `plan.kgi.source`): every problem with its field path and an
 * en/ja message; [] when the link is well formed. Whether the sheet and columns exist is the caller's
 * check (missingColumns).
 */
export function validateSource(source: unknown, path = 'source'): SourceFinding[] {
  const out: SourceFinding[] = [];
  const add = (at: string, value: unknown, problem: keyof typeof PROBLEM) => {
    const shown = value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value));
    const field = at.slice(at.lastIndexOf('source'));
    const { en, ja } = PROBLEM[problem];
    out.push({
      level: 'error',
      criterion: 'relevant',
      path: at,
      value,
      message: `${at}: ${shown} ${en}`,
      text: { en: `Data link ${field}: ${shown} ${en}`, ja: `データ連携 ${field}: ${shown} ${ja}` },
    });
  };
  if (!isObject(source)) {
    add(path, source, 'link');
    return out;
  }
  if (!isText(source.sheet)) add(`${path}.sheet`, source.sheet, 'sheet');
  if (!isText(source.date)) add(`${path}.date`, source.date, 'date');
  if (source.sum !== undefined && !isText(source.sum)) add(`${path}.sum`, source.sum, 'sum');
  if (source.where !== undefined && !Array.isArray(source.where)) add(`${path}.where`, source.where, 'whereList');
  if (Array.isArray(source.where)) {
    source.where.forEach((w: unknown, i: number) => {
      const at = `${path}.where[${i}]`;
      if (!isObject(w)) return add(at, w, 'where');
      if (!isText(w.column)) add(`${at}.column`, w.column, 'column');
      if (!Array.isArray(w.equals) || w.equals.length === 0) return add(`${at}.equals`, w.equals, 'equals');
      w.equals.forEach((v: unknown, j: number) => {
        if (!isText(v) && !(typeof v === 'number' && Number.isFinite(v))) add(`${at}.equals[${j}]`, v, 'value');
      });
    });
  }
  for (const key of Object.keys(source)) {
    if (!['sheet', 'date', 'where', 'sum'].includes(key)) add(`${path}.${key}`, source[key], 'unknown');
  }
  return out;
}

/** The headers a link names (date, filter columns, sum column), each once, in that order. */
export function linkColumns(link: SourceLink): string[] {
  const names = [link.date, ...(link.where ?? []).map((w) => w.column), ...(link.sum === undefined ? [] : [link.sum])];
  return [...new Set(names.map(sheetsTrim))];
}

/** The headers a link names that are not among `headers` (trimmed, exact): [] when all are there. */
export function missingColumns(link: SourceLink, headers: unknown[]): string[] {
  const have = new Set(headers.map((h) => sheetsTrim(cellText(h))));
  return linkColumns(link).filter((c) => !have.has(c));
}

// ---- reading cells as the formulas do ---------------------------------------------------------
//
// The rules below are exactly what the native formulas (sourceFormulas.ts) compute, so the preview,
// the health check and the Actuals row agree. A date cell is, in order:
// - a number (a date cell is one): a serial number from 1 to 190000 (the wall clock of the spreadsheet's
//   zone, up to year 2420), GA4's yyyymm (190001 to 999912, month 01–12) or yyyymmdd (19000101 to 99991231,
//   month 01–12, day 01–31);
// - a text, trimmed, with `/`, `.`, `年`, `月` read as `-`: year first `2026-04-01`, `2026/4/1 10:23`,
//   `2026.04.01`, `2026年4月1日` (year 1900–9999, month 1–12, then `-`: the day and any time after it are
//   not read, so 2026-02-30 counts in February; a month alone `2026-04`, `2026年4月` counts too), eight
//   digits `20260401` (optionally a time after a space) or six `202604`; an ISO date-time in UTC (`2026-03-31T15:30:00Z`, zero-padded) is placed by its instant in the
//   spreadsheet's zone (Asia/Tokyo: April 1); other zone offsets (`+09:00`) are read at their own wall clock;
// - anything else is unreadable: blank (`empty`), year last `4/1/2026` (`ambiguous`: never guessed), or
//   any other text, TRUE/FALSE, an error (`unparseable`).

/** Sheets' TRIM: leading and trailing spaces removed, runs of spaces inside made one (spaces only). */
export function sheetsTrim(s: string): string {
  return s.replace(/ +/g, ' ').replace(/^ | $/g, '');
}

export const isDateObject = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

const DAY_MS = 86400000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** Numbers from here to 999999 are yyyymm (GA4's year-month 202604); serial numbers stop here (year 2420). */
export const YEAR_MONTH_START = 190001;

/** The serial number (days since 1899-12-30) of a calendar day. */
export const daySerial = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - EPOCH_MS) / DAY_MS;

/** The calendar day of a serial number (its time of day ignored). */
export function serialDay(serial: number): CalendarDay {
  const t = new Date(EPOCH_MS + Math.floor(serial) * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The wall-clock serial number, in `timeZone`, of an instant given in UTC milliseconds. */
export function wallSerial(utcMs: number, timeZone: string): number {
  return (utcMs + zoneOffsetMinutes(utcMs, timeZone) * 60000 - EPOCH_MS) / DAY_MS;
}

/** The UTC milliseconds of a wall-clock serial number in `timeZone` (the later one in a repeated hour). */
export function serialToUtcMs(serial: number, timeZone: string): number {
  const wall = EPOCH_MS + Math.round(serial * DAY_MS);
  const guess = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
  return wall - zoneOffsetMinutes(guess, timeZone) * 60000;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes `timeZone` is ahead of UTC at the instant `utcMs` (Asia/Tokyo: 540). Throws on an unknown zone. */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, f);
  }
  const part: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** How a date cell reads: a month (and the day when known), an instant in UTC (`zulu`), or why not. */
export type DateKey =
  | { y: number; m: number; d?: number; serial?: number }
  | { zulu: string; utcMs?: number }
  | { reason: DateReason };

/** `|a|b|…|`: the lists the formulas look text up in with FIND (no array literals: they are locale-dependent). */
export const listOf = (items: string[]): string => `|${items.join('|')}|`;
const pad = (k: number) => String(k).padStart(2, '0');
export const MONTHS_DASHED = listOf([
  ...Array.from({ length: 12 }, (_, i) => `-${pad(i + 1)}-`),
  ...Array.from({ length: 9 }, (_, i) => `-${i + 1}-`),
]);
export const MONTHS_2 = listOf(Array.from({ length: 12 }, (_, i) => pad(i + 1)));
export const DAYS_2 = listOf(Array.from({ length: 31 }, (_, i) => pad(i + 1)));
const inList = (x: string, list: string) => list.includes(`|${x}|`);
/** A four-digit year from 1900, as VALUE and a round trip check it (no leading zero). */
const isYear = (y4: string) => /^[1-9]\d{3}$/.test(y4) && Number(y4) >= 1900;

/** The text mapping of a date: trimmed, `/ . 年 月` read as `-`. */
export const DATE_TEXT_MAP: [string, string][] = [
  ['/', '-'],
  ['.', '-'],
  ['年', '-'],
  ['月', '-'],
];

/** A zero-padded ISO date-time in UTC: `2026-03-31T15:30:00Z` (its text compared with the month boundaries). */
export const isZulu = (n: string): boolean => n[4] === '-' && n[7] === '-' && n[10] === 'T' && n.endsWith('Z');

function readTextKey(s: string): DateKey {
  if (s === '') return { reason: 'empty' };
  let n = s;
  for (const [from, to] of DATE_TEXT_MAP) n = n.replaceAll(from, to);
  const y4 = n.slice(0, 4);
  if (isYear(y4)) {
    // `n-`: a year and month alone (`2026-04`, `2026/4`, `2026年4月`) read like a date with its day left out.
    const dashed = `${n}-`;
    if (n[4] === '-' && (inList(dashed.slice(4, 8), MONTHS_DASHED) || inList(dashed.slice(4, 7), MONTHS_DASHED))) {
      if (isZulu(n)) {
        const ms = Date.parse(n.replaceAll('-', (x, i: number) => (i < 10 ? x : '.')));
        return { zulu: n, ...(Number.isNaN(ms) ? {} : { utcMs: ms }) };
      }
      const day = /^\d{4}-\d{1,2}-(\d{1,2})/.exec(n);
      return { y: Number(y4), m: Number(dashed.slice(5, 7).replace('-', '')), ...(day ? { d: Number(day[1]) } : {}) };
    }
    if (inList(n.slice(4, 6), MONTHS_2)) {
      if (inList(n.slice(6, 8), DAYS_2) && (n.length === 8 || n[8] === ' '))
        return { y: Number(y4), m: Number(n.slice(4, 6)), d: Number(n.slice(6, 8)) };
      if (n.length === 6) return { y: Number(y4), m: Number(n.slice(4, 6)) };
    }
  }
  return /^\d{1,2}-\d{1,2}-\d{4}/.test(n) ? { reason: 'ambiguous' } : { reason: 'unparseable' };
}

function readNumberKey(x: number): DateKey {
  if (x >= 1 && x < YEAR_MONTH_START) return { ...serialDay(x), serial: x };
  if (x >= YEAR_MONTH_START && x < 1000000) {
    const m = Math.floor(x) % 100;
    if (m >= 1 && m <= 12) return { y: Math.floor(x / 100), m };
  }
  if (x >= 19000101 && x < 99991232) {
    const m = Math.floor(x / 100) % 100;
    const d = x % 100;
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) return { y: Math.floor(x / 10000), m, d: Math.floor(d) };
  }
  return { reason: 'unparseable' };
}

/** How a date cell (as getValues gives it: a Date of any realm, a number, a text…) reads. */
export function readDateKey(value: unknown, timeZone: string): DateKey {
  if (value === null || value === undefined) return { reason: 'empty' };
  if (isDateObject(value)) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? { reason: 'unparseable' } : readNumberKey(wallSerial(ms, timeZone));
  }
  if (typeof value === 'number') return Number.isFinite(value) ? readNumberKey(value) : { reason: 'unparseable' };
  if (typeof value === 'boolean') return { reason: 'unparseable' };
  return readTextKey(sheetsTrim(String(value)));
}

/**
 * The calendar day of a date cell in the spreadsheet's time zone (`timeZone`, IANA, e.g. `Asia/Tokyo`),
 * or `{ reason }` (see the rules above). A text whose day is not written or not checked (`2026-02-30`)
 * gives its day as written, or 1 when there is none.
 */
export function readDate(value: unknown, timeZone: string): CalendarDay | { reason: DateReason } {
  const k = readDateKey(value, timeZone);
  if ('reason' in k) return k;
  if ('zulu' in k) {
    if (k.utcMs !== undefined) return serialDay(wallSerial(k.utcMs, timeZone));
    return { y: Number(k.zulu.slice(0, 4)), m: Number(k.zulu.slice(5, 7)), d: Number(k.zulu.slice(8, 10)) || 1 };
  }
  return { y: k.y, m: k.m, d: k.d ?? 1 };
}

/** What `=cell&""` gives in Sheets, for the value getValues returns. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

const AMOUNT_REMOVE = [',', '，', '¥', '￥', '$', '＄', '円', '€', ' '];
const AMOUNT_MAP: [string, string][] = [
  ...Array.from({ length: 10 }, (_, i): [string, string] => [String.fromCharCode(0xff10 + i), String(i)]),
  ['．', '.'],
  ['－', '-'],
  ['▲', '-'],
  ['△', '-'],
];
/** The text changes applied to an amount before it is read as a number (the formulas do the same, in order). */
export const AMOUNT_CLEANUP: [string, string][] = [
  ...AMOUNT_REMOVE.map((c): [string, string] => [c, '']),
  ...AMOUNT_MAP,
];

/**
 * An amount cell: a number (a date cell too) as is; text after removing currency signs, `円`, commas and
 * spaces, with full-width digits and ▲/△ (negative) read: `¥1,234,000`, `$1,234.50`, `１２３`, `▲500`;
 * nothing left (blank) is 0. Anything else (`N/A`, `TBD`, TRUE) is undefined: unreadable.
 */
export function readAmount(v: unknown, timeZone: string): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (isDateObject(v)) return wallSerial(v.getTime(), timeZone);
  let c = sheetsTrim(cellText(v));
  for (const [from, to] of AMOUNT_CLEANUP) c = c.replaceAll(from, to);
  if (c === '') return 0;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(c) ? Number(c) : undefined;
}

// ---- monthly aggregation ----------------------------------------------------------------------

export interface FiscalYear {
  startYear: number;
  startMonth: number;
}

export interface FiscalMonthBounds {
  /** Calendar year and month (1–12) of each fiscal month. */
  months: { y: number; m: number }[];
  /** 13 serial numbers: month i is [serials[i], serials[i + 1]). */
  serials: number[];
  /** 13 UTC instants of the local midnights as `yyyy-mm-ddThh:mm` (ISO texts in UTC compare with them). */
  zulu: string[];
}

/** The fiscal year's months and boundaries, the local midnights taken in `timeZone`. */
export function fiscalBounds(fy: FiscalYear, timeZone: string): FiscalMonthBounds {
  const serials = Array.from({ length: 13 }, (_, i) => daySerial(fy.startYear, fy.startMonth + i, 1));
  return {
    months: serials
      .slice(0, 12)
      .map((x) => serialDay(x))
      .map(({ y, m }) => ({ y, m })),
    serials,
    zulu: serials.map((x) => new Date(serialToUtcMs(x, timeZone)).toISOString().slice(0, 16)),
  };
}

/** The fiscal month (0–11) of a readable date key, or -1 when it is outside the fiscal year. */
export function fiscalMonthOf(key: Exclude<DateKey, { reason: DateReason }>, bounds: FiscalMonthBounds): number {
  if ('zulu' in key) {
    const z = bounds.zulu;
    return key.zulu < z[0] || key.zulu >= z[12] ? -1 : z.findIndex((b, i) => key.zulu >= b && key.zulu < z[i + 1]);
  }
  if (key.serial !== undefined) {
    const s = bounds.serials;
    return key.serial < s[0] || key.serial >= s[12]
      ? -1
      : s.findIndex((b, i) => key.serial! >= b && key.serial! < s[i + 1]);
  }
  return bounds.months.findIndex((f) => f.y === key.y && f.m === key.m);
}

export interface UnreadableExample {
  /** Row number in the sheet (1 is the header). */
  row: number;
  column: string;
  value: unknown;
  reason: UnreadableReason;
}

export interface SourcePreview {
  /** Count or sum per fiscal month. */
  months: number[];
  unreadable: { count: number; byReason: Partial<Record<UnreadableReason, number>>; examples: UnreadableExample[] };
  /** Rows that count (filters passed, not blank) with a readable date in the fiscal year. */
  rowsInYear: number;
  /** Rows that count (filters passed, not blank), in any year. */
  rows: number;
}

export const MAX_EXAMPLES = 5;

/** Thrown when a link names a header the sheet does not have. */
export class SourceColumnError extends Error {
  name = 'SourceColumnError';
  constructor(
    readonly sheet: string,
    readonly missing: string[],
  ) {
    super(`source sheet "${sheet}" has no column ${missing.map((m) => `"${m}"`).join(', ')} (row 1 holds the headers)`);
  }
}

/** The filter test of one cell: its text, trimmed, exactly (case-sensitive) one of `equals` (numbers as written). */
export const matchesWhere = (v: unknown, equals: (string | number)[]): boolean =>
  equals.some((e) => sheetsTrim(cellText(v)) === (typeof e === 'number' ? String(e) : sheetsTrim(e)));

export interface RowReading {
  /** The row counts: its filters pass (or, with no filter, one of the link's cells is not blank). */
  counts: boolean;
  date: DateKey;
  /** The amount (1 for a count link); undefined when unreadable. */
  amount: number | undefined;
}

/** How one row reads for `link`; `cell(header)` gives the row's value in that column. */
export function readRow(link: SourceLink, cell: (header: string) => unknown, timeZone: string): RowReading {
  const where = link.where ?? [];
  const dateValue = cell(sheetsTrim(link.date));
  const sumValue = link.sum === undefined ? undefined : cell(sheetsTrim(link.sum));
  const counts = where.length
    ? where.every((w) => matchesWhere(cell(sheetsTrim(w.column)), w.equals))
    : cellText(dateValue) !== '' || cellText(sumValue) !== '';
  return {
    counts,
    date: readDateKey(dateValue, timeZone),
    amount: link.sum === undefined ? 1 : readAmount(sumValue, timeZone),
  };
}

/**
 * The 12 monthly numbers of a link over `values` (getValues of the source sheet: row 1 the headers), with
 * the rows it could not read and why: a row that counts is unreadable when its date or (sum links) its
 * amount cannot be read, whatever its year; it adds nothing. Throws SourceColumnError when a column is missing.
 */
export function aggregateSource(
  link: SourceLink,
  values: unknown[][],
  opts: { fiscalYear: FiscalYear; timeZone: string },
): SourcePreview {
  const headers = (values[0] ?? []).map((h) => sheetsTrim(cellText(h)));
  const missing = missingColumns(link, headers);
  if (missing.length) throw new SourceColumnError(link.sheet, missing);
  const index = new Map<string, number>();
  headers.forEach((h, i) => index.has(h) || index.set(h, i));
  const bounds = fiscalBounds(opts.fiscalYear, opts.timeZone);
  const out: SourcePreview = {
    months: new Array(12).fill(0),
    unreadable: { count: 0, byReason: {}, examples: [] },
    rowsInYear: 0,
    rows: 0,
  };
  const unreadable = (row: number, column: string, value: unknown, reason: UnreadableReason) => {
    const u = out.unreadable;
    u.count++;
    u.byReason[reason] = (u.byReason[reason] ?? 0) + 1;
    if (u.examples.length < MAX_EXAMPLES) u.examples.push({ row, column, value, reason });
  };
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const cell = (h: string) => row[index.get(h) as number];
    const read = readRow(link, cell, opts.timeZone);
    if (!read.counts) continue;
    out.rows++;
    if ('reason' in read.date) {
      unreadable(r + 1, sheetsTrim(link.date), cell(sheetsTrim(link.date)), read.date.reason);
      continue;
    }
    if (read.amount === undefined) {
      unreadable(r + 1, sheetsTrim(link.sum as string), cell(sheetsTrim(link.sum as string)), 'amount');
      continue;
    }
    const i = fiscalMonthOf(read.date, bounds);
    if (i < 0) continue;
    out.rowsInYear++;
    out.months[i] += read.amount;
  }
  return out;
}

// ---- describing a sheet for the planner -------------------------------------------------------

/** Date column headers exports use, best first (compared trimmed, case-insensitive). */
export const DATE_HEADERS = [
  'Close Date',
  'Create Date',
  'Created Date',
  'Date',
  'Closed Date',
  'Create date',
  'Created',
  'Day',
  '受注日',
  '作成日',
  '日付',
  '成約日',
  '登録日',
  '作成日時',
  '日時',
  'Year month',
  '年月',
];

export const MAX_DISTINCT = 50;
const DATE_SAMPLE = 200;

export interface SourceDescription {
  /** Row 1, trimmed. */
  headers: string[];
  /** Headers of the columns that look like dates, best first. */
  dateColumns: string[];
  /** Per header: its values (trimmed text), most frequent first, at most MAX_DISTINCT; blanks left out. */
  distinct: Record<string, string[]>;
  /** Rows under the header that are not blank. */
  rows: number;
}

/**
 * What the planner shows to link a sheet: `values` is its getValues (row 1 the headers). A column is a
 * date column when its header is a known date header or most of its first values read as dates (numbers
 * count only as GA4's 20260401, since an amount column is numbers too).
 */
export function describeSource(values: unknown[][], timeZone = 'UTC'): SourceDescription {
  const headers = (values[0] ?? []).map((h) => sheetsTrim(cellText(h)));
  const body = values.slice(1).filter((row) => (row ?? []).some((v) => cellText(v) !== ''));
  const known = DATE_HEADERS.map((h) => h.toLowerCase());
  const scored: { header: string; rank: number; share: number }[] = [];
  const distinct: Record<string, string[]> = {};
  headers.forEach((header, c) => {
    if (header === '' || header in distinct) return;
    const counts = new Map<string, number>();
    let dated = 0;
    let filled = 0;
    for (const row of body) {
      const v = row[c];
      const text = sheetsTrim(cellText(v));
      if (text === '') continue;
      counts.set(text, (counts.get(text) ?? 0) + 1);
      if (filled < DATE_SAMPLE) {
        filled++;
        const datelike = typeof v === 'number' ? Number.isInteger(v) && v >= 19000101 : true;
        if (datelike && !('reason' in readDateKey(v, timeZone))) dated++;
      }
    }
    distinct[header] = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_DISTINCT)
      .map(([t]) => t);
    const rank = known.indexOf(header.toLowerCase());
    const share = filled ? dated / filled : 0;
    if (rank >= 0 || share >= 0.6) scored.push({ header, rank: rank >= 0 ? rank : known.length, share });
  });
  scored.sort((a, b) => a.rank - b.rank || b.share - a.share);
  return { headers, dateColumns: scored.map((s) => s.header), distinct, rows: body.length };
}

// ---- columns ----------------------------------------------------------------------------------

/** The column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** header → column letter for row 1 of a sheet (trimmed; the first column wins when a header repeats). */
export function headerColumns(headers: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((h, i) => {
    const t = sheetsTrim(cellText(h));
    if (t !== '' && !(t in out)) out[t] = columnLetter(i);
  });
  return out;
}

// ---- words for the user -----------------------------------------------------------------------

/**
 * A link in words, to name the source in a linked Actuals row and in the planner:
 * en `Deals · Close Date · Deal Stage = Closed Won or Won · sum of Amount`,
 * ja `Deals・Close Date・Deal Stage = Closed Won / Won・Amount の合計`.
 */
export function sourceLabel(link: SourceLink, lang: Lang): string {
  const or = lang === 'ja' ? ' / ' : ' or ';
  const filters = (link.where ?? []).map((w) => `${w.column} = ${w.equals.map(String).join(or)}`);
  const measure =
    link.sum === undefined
      ? lang === 'ja'
        ? '件数'
        : 'count'
      : lang === 'ja'
        ? `${link.sum} の合計`
        : `sum of ${link.sum}`;
  return [link.sheet, link.date, ...filters, measure].join(lang === 'ja' ? '・' : ' · ');
}

/**
 * The unreadable rows of a preview in words, '' when there are none:
 * en `2 rows could not be read: 1 not a date, 1 amount not a number (e.g. row 10: "TBD")`.
 */
export function unreadableText(preview: SourcePreview, lang: Lang): string {
  const u = preview.unreadable;
  if (!u.count) return '';
  const parts = (Object.keys(u.byReason) as UnreadableReason[]).map((r) =>
    lang === 'ja' ? `${REASON_TEXT[r].ja} ${u.byReason[r]}行` : `${u.byReason[r]} ${REASON_TEXT[r].en}`,
  );
  const first = u.examples[0];
  const shown = first ? JSON.stringify(first.value ?? '') : '';
  const example = first
    ? lang === 'ja'
      ? `（例: ${first.row}行目 ${shown}）`
      : ` (e.g. row ${first.row}: ${shown})`
    : '';
  return lang === 'ja'
    ? `${u.count}行を読めませんでした: ${parts.join('、')}${example}`
    : `${u.count} row${u.count === 1 ? '' : 's'} could not be read: ${parts.join(', ')}${example}`;
}
