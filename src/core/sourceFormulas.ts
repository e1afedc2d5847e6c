// The native formulas of a linked Actuals row: one per fiscal month (the count or sum of the source
// rows dated in it, filters applied) and one for the rows it cannot read. Pure string building.
//
// Each formula is `=ARRAYFORMULA(SUMPRODUCT(...))` over whole columns of the source sheet
// (`'Deals'!C:C`), so rows added to the export flow in with no button, in Google Sheets and in
// HyperFormula alike (whole columns are evaluated over the used rows only). Every cell is read the
// way src/core/sources.ts reads it (readDateSerial, readAmount, matchesWhere), with functions both
// engines share: no INDIRECT, LET, LAMBDA, REGEX*, DATEVALUE (locale-dependent) or open ranges.
// Per row:
// - the row counts: every filter `EXACT(TRIM(col&""), "value")` for one of its values; with no filter,
//   a link cell is not blank;
// - K, the row's date as a wall-clock serial number (UNREADABLE_SERIAL when unreadable): a number is
//   GA4's 20260401 or a serial; a text's first token is normalised (`/ . 年 月` → `-`, leading zeros
//   dropped) and accepted only when it equals TEXT(DATE(y, m, d), "yyyy-m-d") of its own fields (or
//   TEXT(…, "yyyymmdd") for eight digits), which rejects every non-date and non-day; an ISO date-time
//   with a zone adds its time, minus its zone, plus the spreadsheet zone's offset at that instant
//   (the zone's transitions over the fiscal year are written into the formula as constants);
// - month i: FLOOR((K − start_i) / days_i, 1) = 0.
// Row 1 (the headers) is inside the whole columns: its contribution, computed here from the header
// texts with the pure readers, is subtracted as a constant (usually 0 for the months, 1 or 0 for the
// unreadable count). Header text is never written into a formula except as a quoted string.
import {
  AMOUNT_CLEANUP,
  fiscalBounds,
  type FiscalYear,
  readRow,
  sheetsTrim,
  type SourceLink,
  UNREADABLE_SERIAL,
  zoneOffsetMinutes,
} from './sources';

export interface SourceFormulaOptions {
  /** The source sheet's name as the spreadsheet spells it (default: link.sheet). */
  sheetName?: string;
  /** header → column letter of the source sheet's row 1 (headerColumns in sources.ts). */
  headerColumns: Record<string, string>;
  fiscalYear: FiscalYear;
  /** The spreadsheet's time zone (IANA), for ISO date-times with a zone. */
  timeZone: string;
  /**
   * Optional: read rows 2 to lastRow (`'Deals'!C2:C5000`) instead of whole columns. Rows below it are not
   * read; whole columns (the default) are the live choice.
   */
  lastRow?: number;
}

export interface SourceFormulas {
  /** 12 formulas, fiscal month order. */
  months: string[];
  /** The count of rows that count but whose date (or, in the fiscal year, amount) cannot be read. */
  unreadable: string;
}

/** A text as a formula string literal: `"` doubled. */
export const quoteString = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** A sheet name as a formula reference prefix, always quoted, apostrophes doubled: `'Bob''s deals'!`. */
export const quoteSheet = (name: string): string => `'${name.replaceAll("'", "''")}'!`;

const COLUMN = /^[A-Z]{1,3}$/;
const S = String(UNREADABLE_SERIAL);
const DAY_MINUTES = 1440;

/** Nested SUBSTITUTEs applying `pairs` in order to `x`. */
const substitute = (x: string, pairs: [string, string][]): string =>
  pairs.reduce((acc, [from, to]) => `SUBSTITUTE(${acc},${quoteString(from)},${quoteString(to)})`, x);

/** UTC-minute instants (since 1899-12-30) where `timeZone`'s offset changes between two UTC serials. */
export function zoneTransitions(timeZone: string, fromSerial: number, toSerial: number): { at: number; delta: number }[] {
  const EPOCH_MS = Date.UTC(1899, 11, 30);
  const ms = (serial: number) => EPOCH_MS + serial * 86400000;
  const out: { at: number; delta: number }[] = [];
  const step = 6 * 3600000;
  let t = ms(fromSerial);
  let before = zoneOffsetMinutes(t, timeZone);
  for (; t < ms(toSerial); t += step) {
    const after = zoneOffsetMinutes(t + step, timeZone);
    if (after === before) continue;
    let lo = t;
    let hi = t + step; // offset(lo) = before, offset(hi) = after: find the first minute of `after`.
    while (hi - lo > 60000) {
      const mid = lo + Math.floor((hi - lo) / 120000) * 60000;
      if (zoneOffsetMinutes(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    out.push({ at: Math.round((hi - EPOCH_MS) / 60000), delta: after - before });
    before = after;
  }
  return out;
}

/** The date of each cell of `x` (a range) as a wall-clock serial number, UNREADABLE_SERIAL when unreadable. */
export function dateExpression(x: string, opts: { timeZone: string; fromSerial: number; toSerial: number }): string {
  // Numbers: 20260401 (GA4) or a serial number.
  const ymdNumber = `DATE(INT(${x}/10000),MOD(INT(${x}/100),100),MOD(${x},100))`;
  const fromNumber =
    `IFERROR(IF(${x}>=19000101,IF(""&${x}=TEXT(${ymdNumber},"yyyymmdd"),${ymdNumber},${S}),` +
    `IF(${x}>=1,IF(${x}<2958466,${x},${S}),${S})),${S})`;
  // Text: the first token, normalised.
  const s = `TRIM(${x}&"")`;
  const n = substitute(s, [['T', ' '], ['/', '-'], ['.', '-'], ['年', '-'], ['月', '-'], ['日', ' ']]);
  const t = `TRIM(LEFT(SUBSTITUTE(${n}," ",REPT(" ",12)),12))`;
  const c = `SUBSTITUTE("-"&${t},"-0","-")`;
  const w = `SUBSTITUTE(${c},"-",REPT(" ",12))`;
  const field = (k: number) => `VALUE(MID(${w},${12 * k + 1},12))`;
  const dashed = `DATE(${field(1)},${field(2)},${field(3)})`;
  const eight = `DATE(VALUE(LEFT(${t},4)),VALUE(MID(${t},5,2)),VALUE(RIGHT(${t},2)))`;
  const day =
    `IF(IFERROR(${c}="-"&TEXT(${dashed},"yyyy-m-d"),FALSE),${dashed},` +
    `IFERROR(IF(EXACT(${t},TEXT(${eight},"yyyymmdd")),${eight},${S}),${S}))`;
  // An ISO date-time with a zone: minutes after midnight UTC of that day, then the local offset.
  const two = (p: string) => `IF(EXACT(TEXT(VALUE(${p}),"00"),${p}),VALUE(${p}),NA())`;
  const z6 = `RIGHT(${s},6)`;
  const z5 = `RIGHT(${s},5)`;
  const sign = (z: string) => `IF(LEFT(${z},1)="-",-1,1)`;
  // AND/OR would fold the whole column into one value: conditions are products and sums of 0/1.
  const isSign = (z: string) => `((LEFT(${z},1)="+")+(LEFT(${z},1)="-"))`;
  const zoneMinutes =
    `IF(EXACT(RIGHT(${s},1),"Z"),0,IF(${isSign(z6)}*(MID(${z6},4,1)=":"),` +
    `${sign(z6)}*(${two(`MID(${z6},2,2)`)}*60+${two(`RIGHT(${z6},2)`)}),` +
    `IF(${isSign(z5)},${sign(z5)}*(${two(`MID(${z5},2,2)`)}*60+${two(`RIGHT(${z5},2)`)}),NA())))`;
  const iso = `(EXACT(MID(${s},11,1),"T")*(MID(${s},14,1)=":"))`;
  const zoned = `${iso}*(EXACT(RIGHT(${s},1),"Z")+${isSign(z6)}*(MID(${z6},4,1)=":")+${isSign(z5)})`;
  const utcMinutes = `(${two(`MID(${s},12,2)`)}*60+${two(`MID(${s},15,2)`)}-${zoneMinutes})`;
  const transitions = zoneTransitions(opts.timeZone, opts.fromSerial, opts.toSerial);
  const start = zoneOffsetMinutes(Date.UTC(1899, 11, 30) + opts.fromSerial * 86400000, opts.timeZone);
  const offset = [String(start), ...transitions.map((tr) => `(${day}*${DAY_MINUTES}+${utcMinutes}>=${tr.at})*${tr.delta}`)].join('+');
  const fromText = `IFERROR(${day}+IF(${zoned},(${utcMinutes}+${offset})/${DAY_MINUTES},0),${S})`;
  return `IF(ISNUMBER(${x}),${fromNumber},${fromText})`;
}

/** The amount of each cell of `x` (readAmount): a number, 0 when blank, #N/A when unreadable. */
export function amountExpression(x: string): string {
  const s = `TRIM(${x}&"")`;
  const clean = substitute(s, AMOUNT_CLEANUP);
  const noDigits = substitute(clean, Array.from({ length: 10 }, (_, i): [string, string] => [String(i), '']));
  const rest = `SUBSTITUTE(${noDigits},".","")`;
  const valid =
    `(LEN(${noDigits})<LEN(${clean}))*(LEN(${noDigits})-LEN(${rest})<=1)*` +
    `((${rest}="")+(${rest}="-")*(LEFT(${clean},1)="-"))`;
  return `IF(ISNUMBER(${x}),${x},IF(${s}="",0,IF(${valid},VALUE(${clean}),NA())))`;
}

/** 1 for each row that counts for `link` (its filters pass; with none, a link cell is not blank), else 0. */
function countsExpression(link: SourceLink, range: (header: string) => string): string {
  const where = link.where ?? [];
  if (!where.length) {
    const cells = [link.date, ...(link.sum === undefined ? [] : [link.sum])].map((h) => range(sheetsTrim(h)));
    return `IFERROR(LEN(${cells.join('&')}&"")>0,TRUE)`;
  }
  return where
    .map((w) => {
      const text = `TRIM(${range(sheetsTrim(w.column))}&"")`;
      const tests = w.equals.map((e) => `EXACT(${text},${quoteString(typeof e === 'number' ? String(e) : sheetsTrim(e))})`);
      return `IFERROR((${tests.join('+')})>0,FALSE)`;
    })
    .join('*');
}

/**
 * The 12 monthly formulas of a linked Actuals row and its unreadable-rows formula (see the top of this
 * file). Throws when a column of the link is not in `headerColumns` or a letter is not a column.
 */
export function sourceFormulas(link: SourceLink, opts: SourceFormulaOptions): SourceFormulas {
  const sheet = quoteSheet(opts.sheetName ?? link.sheet);
  const range = (header: string): string => {
    const letter = opts.headerColumns[header];
    if (letter === undefined) throw new Error(`sourceFormulas: sheet "${link.sheet}" has no column "${header}"`);
    if (!COLUMN.test(letter)) throw new Error(`sourceFormulas: column "${header}" is at "${letter}", not a column letter`);
    if (opts.lastRow === undefined) return `${sheet}${letter}:${letter}`;
    return `${sheet}${letter}2:${letter}${opts.lastRow}`;
  };
  if (opts.lastRow !== undefined && !(Number.isInteger(opts.lastRow) && opts.lastRow >= 2)) {
    throw new Error(`sourceFormulas: lastRow ${opts.lastRow} must be a whole number from 2`);
  }
  const bounds = fiscalBounds(opts.fiscalYear);
  const date = dateExpression(range(sheetsTrim(link.date)), {
    timeZone: opts.timeZone, fromSerial: bounds[0] - 3, toSerial: bounds[12] + 3,
  });
  const counts = countsExpression(link, range);
  const amount = link.sum === undefined ? undefined : amountExpression(range(sheetsTrim(link.sum)));
  const within = (from: number, to: number) => `(FLOOR((${date}-${from})/${to - from},1)=0)`;
  // Row 1 is inside whole columns: what the header row adds, read as any row, is taken off again.
  const header = opts.lastRow === undefined ? readRow(link, (h) => h, opts.timeZone) : undefined;
  const headerSerial = header?.counts && 'serial' in header.date ? header.date.serial : undefined;
  const headerIn = (from: number, to: number) => headerSerial !== undefined && headerSerial >= from && headerSerial < to;
  const minus = (x: number) => (x ? `-${x}` : '');
  const formula = (body: string, constant: number) => `=ARRAYFORMULA(SUMPRODUCT(${body}))${minus(constant)}`;
  const months = bounds.slice(0, 12).map((from, i) => {
    const to = bounds[i + 1];
    const value = amount === undefined ? '' : `*IFERROR(${amount},0)`;
    const headerValue = headerIn(from, to) ? header?.amount ?? 0 : 0;
    return formula(`${counts}*${within(from, to)}${value}`, headerValue);
  });
  const unreadableDate = `(${date}<0)`;
  const body = amount === undefined ? unreadableDate : `${unreadableDate}+${within(bounds[0], bounds[12])}*ISERROR(${amount})`;
  const headerUnreadable = header?.counts
    ? Number(headerSerial === undefined || (headerIn(bounds[0], bounds[12]) && header.amount === undefined))
    : 0;
  return { months, unreadable: formula(`${counts}*(${body})`, headerUnreadable) };
}
