// The native formulas of a linked Actuals row: one per fiscal month (the count or sum of the source
// rows dated in it, filters applied) and one for the rows it cannot read. Pure string building.
//
// Each formula is `=ARRAYFORMULA(SUMPRODUCT(...))` over whole columns of the source sheet
// (`'Deals'!C:C`), so rows added to the export flow in with no button, in Google Sheets and in
// HyperFormula alike (whole columns are evaluated over the used rows only). Every cell is read the
// way src/core/sources.ts reads it (readDateKey, readAmount, matchesWhere), with functions both
// engines share: no INDIRECT, LET, LAMBDA, REGEX*, DATEVALUE (locale-dependent), open ranges, array
// literals (their separators are locale-dependent), TRUE/FALSE literals or `""` inside strings (HyperFormula
// has neither), and no AND/OR (they would fold a whole column into one value).
// Per row, with cheap tests only (array formulas evaluate every function for every row, 13 times):
// - the row counts: every filter `EXACT(TRIM(col&""), "value")` for one of its values; with no filter,
//   a link cell is not blank;
// - month i (year y, month m): a number in [start_i, start_i+1) (a date cell), in [yyyymm, yyyymm+1) or in
//   [yyyymm01, yyyymm31] (GA4); a text, `/ . 年 月` read as `-`, that with a `-` appended starts `yyyy-mm-`
//   or `yyyy-m-`, is `yyyymm`, or is `yyyymmdd` (day 01–31) with nothing or a space after; an ISO text in UTC (`…T…Z`) compared as text with the UTC
//   instants of the local midnights that bound the month (exact across daylight saving time);
// - unreadable: the same shapes for any year (a FIND in `|-01-|-02-|…|` lists, no array literals).
// Row 1 (the headers) is inside the whole columns: its contribution, computed here from the header
// texts with the pure readers, is subtracted as a constant (usually 0 for the months, 1 or 0 for the
// unreadable count). Header text is never written into a formula except as a quoted string.
import {
  AMOUNT_CLEANUP,
  DATE_TEXT_MAP,
  DAYS_2,
  fiscalBounds,
  fiscalMonthOf,
  type FiscalYear,
  YEAR_MONTH_START,
  MONTHS_2,
  MONTHS_DASHED,
  readRow,
  sheetsTrim,
  type SourceLink,
} from './sources';

export interface SourceFormulaOptions {
  /** The source sheet's name as the spreadsheet spells it (default: link.sheet). */
  sheetName?: string;
  /** header → column letter of the source sheet's row 1 (headerColumns in sources.ts). */
  headerColumns: Record<string, string>;
  fiscalYear: FiscalYear;
  /** The spreadsheet's time zone (IANA), for ISO date-times in UTC. */
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
  /** The count of rows that count but whose date or (sum links) amount cannot be read. */
  unreadable: string;
}

/**
 * A text as a formula string: `"…"`, a `"` inside written as `"&CHAR(34)&"` (Sheets would take `""` too;
 * HyperFormula does not).
 */
export const quoteString = (s: string): string => `"${s.replaceAll('"', '"&CHAR(34)&"')}"`;

/** A sheet name as a formula reference prefix, always quoted, apostrophes doubled: `'Bob''s deals'!`. */
export const quoteSheet = (name: string): string => `'${name.replaceAll("'", "''")}'!`;

const COLUMN = /^[A-Z]{1,3}$/;

/** Nested SUBSTITUTEs applying `pairs` in order to `x`. */
const substitute = (x: string, pairs: [string, string][]): string =>
  pairs.reduce((acc, [from, to]) => `SUBSTITUTE(${acc},${quoteString(from)},${quoteString(to)})`, x);

/** 1 when the text `x` is one of the items of a `|a|b|` list, else 0. */
const inList = (x: string, list: string) => `ISNUMBER(FIND("|"&${x}&"|",${quoteString(list)}))`;

/** The date text of each cell of range `x`: trimmed, `/ . 年 月` read as `-` (DATE_TEXT_MAP). */
const dateText = (x: string) => substitute(`TRIM(${x}&"")`, DATE_TEXT_MAP);

/** 1 for each cell of `x` whose date is in calendar month (y, m), serial numbers [from, to), UTC texts [zFrom, zTo). */
function inMonth(x: string, f: { y: number; m: number; from: number; to: number; zFrom: string; zTo: string }): string {
  const n = dateText(x);
  const mm = String(f.m).padStart(2, '0');
  const ymd = f.y * 10000 + f.m * 100;
  const ym = f.y * 100 + f.m;
  const number = `(${x}>=${f.from})*(${x}<${f.to})+(${x}>=${ym})*(${x}<${ym + 1})+(${x}>=${ymd + 1})*(${x}<=${ymd + 31})`;
  const zulu = `(MID(${n},5,1)="-")*(MID(${n},8,1)="-")*EXACT(MID(${n},11,1),"T")*EXACT(RIGHT(${n},1),"Z")`;
  const zuluIn = `${inList(`MID(${n},6,2)`, MONTHS_2)}*(${n}>=${quoteString(f.zFrom)})*(${n}<${quoteString(f.zTo)})`;
  const eight = `(LEFT(${n},6)="${f.y}${mm}")*${inList(`MID(${n},7,2)`, DAYS_2)}*((MID(${n},9,1)="")+(MID(${n},9,1)=" "))`;
  const dashed = `${n}&"-"`;
  const short = f.m < 10 ? `(LEFT(${dashed},7)="${f.y}-${f.m}-")+` : '';
  const prefix = `(LEFT(${dashed},8)="${f.y}-${mm}-")+${short}${eight}+(${n}="${f.y}${mm}")`;
  const text = `IF(${zulu},${zuluIn},${prefix})`;
  return `IFERROR(IF(ISNUMBER(${x}),${number},IF(ISTEXT(${x}),${text},0)),0)`;
}

/** 1 for each cell of `x` whose date is readable (any year), else 0. */
function readableDate(x: string): string {
  const n = dateText(x);
  const y4 = `LEFT(${n},4)`;
  const month = `MOD(INT(${x}/100),100)`;
  const day = `MOD(${x},100)`;
  const yearMonth = `MOD(INT(${x}),100)`;
  const number =
    `(${x}>=1)*(${x}<${YEAR_MONTH_START})+(${x}>=${YEAR_MONTH_START})*(${x}<1000000)*(${yearMonth}>=1)*(${yearMonth}<=12)+` +
    `(${x}>=19000101)*(${x}<99991232)*(${month}>=1)*(${month}<=12)*(${day}>=1)*(${day}<=31)`;
  const year = `IFERROR((""&VALUE(${y4})=${y4})*(VALUE(${y4})>=1900),0)`;
  const withDash = `${n}&"-"`;
  const dashed = `(MID(${n},5,1)="-")*(${inList(`MID(${withDash},5,4)`, MONTHS_DASHED)}+${inList(`MID(${withDash},5,3)`, MONTHS_DASHED)}>0)`;
  const tail = `((MID(${n},9,1)="")+(MID(${n},9,1)=" "))`;
  const eight = `${inList(`MID(${n},5,2)`, MONTHS_2)}*(${inList(`MID(${n},7,2)`, DAYS_2)}*${tail}+(LEN(${n})=6))`;
  return `IFERROR(IF(ISNUMBER(${x}),${number},IF(ISTEXT(${x}),${year}*(${dashed}+${eight}),0)),0)`;
}

/** The text of each amount cell of `x`, cleaned (AMOUNT_CLEANUP). */
const amountText = (x: string) => substitute(`TRIM(${x}&"")`, AMOUNT_CLEANUP);

/** The amount of each cell of `x` (readAmount), 0 when blank or unreadable. */
const amountValue = (x: string) => `IFERROR(IF(ISNUMBER(${x}),${x},VALUE(${amountText(x)})),0)`;

/** 1 for each cell of `x` whose amount is unreadable (not blank, not a number once cleaned), else 0. */
const amountBad = (x: string) =>
  `IFERROR(IF(ISNUMBER(${x}),0,IF(${amountText(x)}="",0,ISERROR(VALUE(${amountText(x)}))*1)),1)`;

/** 1 for each row that counts for `link` (its filters pass; with none, a link cell is not blank), else 0. */
function countsExpression(link: SourceLink, range: (header: string) => string): string {
  const where = link.where ?? [];
  if (!where.length) {
    const cells = [link.date, ...(link.sum === undefined ? [] : [link.sum])].map((h) => range(sheetsTrim(h)));
    return `IFERROR(LEN(${cells.join('&')}&"")>0,1)`;
  }
  return where
    .map((w) => {
      const text = `TRIM(${range(sheetsTrim(w.column))}&"")`;
      const tests = w.equals.map(
        (e) => `EXACT(${text},${quoteString(typeof e === 'number' ? String(e) : sheetsTrim(e))})`,
      );
      // +0: a lone TRUE/FALSE compared with a number is always greater in both engines.
      return `IFERROR(${tests.join('+')}+0>0,0)`;
    })
    .join('*');
}

/**
 * The 12 monthly formulas of a linked Actuals row and its unreadable-rows formula (see the top of this
 * file). Header text only ever appears inside quoteString, the sheet name inside quoteSheet.
 * Throws when a column of the link is not in `headerColumns` or a letter is not a column.
 */
export function sourceFormulas(link: SourceLink, opts: SourceFormulaOptions): SourceFormulas {
  const sheet = quoteSheet(opts.sheetName ?? link.sheet);
  if (opts.lastRow !== undefined && !(Number.isInteger(opts.lastRow) && opts.lastRow >= 2)) {
    throw new Error(`sourceFormulas: lastRow ${opts.lastRow} must be a whole number from 2`);
  }
  const range = (header: string): string => {
    const letter = opts.headerColumns[header];
    if (letter === undefined) throw new Error(`sourceFormulas: sheet "${link.sheet}" has no column "${header}"`);
    if (!COLUMN.test(letter))
      throw new Error(`sourceFormulas: column "${header}" is at "${letter}", not a column letter`);
    return opts.lastRow === undefined ? `${sheet}${letter}:${letter}` : `${sheet}${letter}2:${letter}${opts.lastRow}`;
  };
  const bounds = fiscalBounds(opts.fiscalYear, opts.timeZone);
  const date = range(sheetsTrim(link.date));
  const amount = link.sum === undefined ? undefined : range(sheetsTrim(link.sum));
  const counts = countsExpression(link, range);
  // Row 1 is inside whole columns: what the header row adds, read as any row, is taken off again.
  const header = opts.lastRow === undefined ? readRow(link, (h) => h, opts.timeZone) : undefined;
  const headerMonth =
    header?.counts && !('reason' in header.date) && header.amount !== undefined
      ? fiscalMonthOf(header.date, bounds)
      : -1;
  const minus = (x: number) => (x ? `-${x}` : '');
  const formula = (body: string, constant: number) => `=ARRAYFORMULA(SUMPRODUCT(${body}))${minus(constant)}`;
  const months = bounds.months.map(({ y, m }, i) => {
    const test = inMonth(date, {
      y,
      m,
      from: bounds.serials[i],
      to: bounds.serials[i + 1],
      zFrom: bounds.zulu[i],
      zTo: bounds.zulu[i + 1],
    });
    const value = amount === undefined ? '' : `*${amountValue(amount)}`;
    return formula(`${counts}*${test}${value}`, headerMonth === i ? (header?.amount ?? 0) : 0);
  });
  const readable = amount === undefined ? readableDate(date) : `${readableDate(date)}*(1-${amountBad(amount)})`;
  const headerUnreadable = header?.counts ? Number('reason' in header.date || header.amount === undefined) : 0;
  return { months, unreadable: formula(`${counts}*(1-${readable})`, headerUnreadable) };
}
