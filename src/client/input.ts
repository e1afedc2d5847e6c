/**
 * Reading what a marketer types into the sidebar's number fields, and writing numbers back.
 * Pure: no DOM, no Apps Script. Errors are message keys (src/messages) so the sidebar shows
 * them in the current language.
 *
 * Numbers: `10000000`, `10,000,000`, `１０００` (full-width), `¥10,000,000`, `$2M`, `25k`,
 * `1,000万`, `1億2000万`, `3千万円`. Commas must group thousands (`0,25` is an error that says to
 * use a point for decimals).
 *
 * Percentages (rates, growth, thresholds): `25%` is 25%; a bare number of 1 or more is read as
 * a percentage (`25` → 25%, `1` → 1%); a bare number below 1 as a fraction (`0.25` → 25%).
 * The sidebar shows how it read the field (`= 25%`) and rewrites it as `25%` on blur.
 */
import { FIELD_RULES, ruleProblem, type FieldKind } from '../core/fields';
import { numberLocale } from '../core/locale';
import type { Currency, Lang } from '../core/plan';
import type { MessageKey as MsgKey } from '../messages/planner';

export type Parsed = { blank: true } | { value: number } | { error: MsgKey };

/** Largest magnitude accepted (beyond it, sums and back-calculations stop being exact). */
const MAX = 1e15;

/** Full-width digits and signs to ASCII, the various minus signs to '-', spaces removed. */
export function normalizeTyped(text: string): string {
  return String(text ?? '')
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, '-')
    .replace(/[\s\u00A0\u202F\u2009\u3000_']/g, '');
}

/** Remove floating-point noise: 0.1 * 3 → 0.3, 1.2 * 1e8 → 120000000. */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

const CURRENCY_AFFIX = /^(?:[¥$€]|JPY|USD|EUR|円)|(?:[¥$€]|JPY|USD|EUR|円|件|人|社|名|回|個)$/i;

/** A plain decimal with optional thousands commas. */
function plainNumber(s: string): number | MsgKey {
  if (/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(s)) return Number(s);
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d+,\d+$/.test(s)) return 'err.decimalComma';
  return 'err.number';
}

const JA_BIG: Record<string, number> = { 万: 1e4, 億: 1e8, 兆: 1e12 };
const JA_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const EN_SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

/** `1億2000万` → 120000000, `3千万` → 30000000, `1,000万` → 10000000. */
function japaneseNumber(s: string): number | MsgKey {
  const re = /([\d.,]+)(十|百|千)?(万|億|兆)?/y;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m || m[0].length === 0 || (!m[2] && !m[3] && re.lastIndex < s.length)) return 'err.number';
    const n = plainNumber(m[1]);
    if (typeof n === 'string') return n;
    total += n * (m[2] ? JA_SMALL[m[2]] : 1) * (m[3] ? JA_BIG[m[3]] : 1);
    pos = re.lastIndex;
  }
  return total;
}

/** Reads a number as typed. Blank (or only spaces) is `{ blank: true }`. */
export function parseNumber(text: string): Parsed {
  let s = normalizeTyped(text);
  if (s === '') return { blank: true };
  let sign = 1;
  if (/^[-+]/.test(s)) {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  for (let i = 0; i < 2; i++) s = s.replace(CURRENCY_AFFIX, '');
  if (/^[-+]/.test(s) && sign === 1) {
    // "¥-500" / "$-5"
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '') return { error: 'err.number' };
  let v: number | MsgKey;
  const suffix = /^(.*?)(k|mn|m|bn|b)$/i.exec(s);
  if (/[十百千万億兆]/.test(s)) v = japaneseNumber(s);
  else if (suffix && suffix[1] !== '') {
    const n = plainNumber(suffix[1]);
    v = typeof n === 'string' ? n : n * EN_SUFFIX[suffix[2].toLowerCase()];
  } else v = plainNumber(s);
  if (typeof v === 'string') return { error: v };
  if (!Number.isFinite(v) || Math.abs(v) > MAX) return { error: 'err.tooBig' };
  return { value: clean(sign * v) };
}

/** Reads a percentage as a fraction (see the module comment for the rule). */
export function parsePercent(text: string): Parsed {
  const s = normalizeTyped(text);
  if (s === '') return { blank: true };
  const pct = /%$/.test(s);
  const n = parseNumber(pct ? s.slice(0, -1) : s);
  if (!('value' in n)) return 'blank' in n ? { error: 'err.number' } : n;
  const v = n.value;
  return { value: clean(pct || Math.abs(v) >= 1 ? v / 100 : v) };
}

export type { FieldKind };

/** The error shown for a value outside its kind's rule (src/core/fields.ts). */
const RANGE_ERROR: Record<FieldKind, MsgKey> = {
  amount: 'err.positive',
  nonneg: 'err.negative',
  weight: 'err.weightRange',
  rate: 'err.rateRange',
  growth: 'err.growthRange',
  threshold: 'err.thresholdRange',
  year: 'err.year',
  month: 'err.month',
};
/** Above the largest amount (1e15) the workbook computes exactly. */
const TOO_LARGE: MsgKey = 'err.amountMax';

/** What the "not a number" error shows as an example, by kind: a rate field shows a rate. */
const NUMBER_ERROR: Record<FieldKind, MsgKey> = {
  amount: 'err.number',
  nonneg: 'err.number',
  rate: 'err.numberRate',
  weight: 'err.number',
  growth: 'err.numberPercent',
  threshold: 'err.numberPercent',
  year: 'err.year',
  month: 'err.month',
};

export interface FieldResult {
  value?: number;
  error?: MsgKey;
  blank?: boolean;
}

/** Reads a field of a given kind; `required` turns blank into an error. */
export function readField(kind: FieldKind, text: string, required = true): FieldResult {
  const p = FIELD_RULES[kind].percent ? parsePercent(text) : parseNumber(text);
  if ('blank' in p) return required ? { error: 'err.required', blank: true } : { blank: true };
  if ('error' in p) return { error: p.error === 'err.number' ? NUMBER_ERROR[kind] : p.error };
  const problem = ruleProblem(kind, p.value);
  if (!problem) return { value: p.value };
  const amountMax = problem.problem === 'aboveMax' && (kind === 'amount' || kind === 'nonneg');
  return { error: amountMax ? TOO_LARGE : RANGE_ERROR[kind] };
}

/** `10000000` → `10,000,000`; up to `maxDecimals` decimals, none shown when whole. */
export function formatNumber(n: number, lang: Lang = 'en', maxDecimals = 2): string {
  if (!Number.isFinite(n)) return '';
  return new Intl.NumberFormat(numberLocale(lang), { maximumFractionDigits: maxDecimals }).format(clean(n));
}

const CURRENCY_SYMBOL: Record<Currency, string> = { JPY: '¥', USD: '$', EUR: '€' };

/** `¥10,000,000`, `$2,300,000`, `€1,250.50`, `-$5`. Yen without decimals. */
export function formatMoney(n: number, currency: Currency, lang: Lang = 'en'): string {
  if (!Number.isFinite(n)) return '';
  const abs = formatNumber(Math.abs(n), lang, currency === 'JPY' ? 0 : 2);
  return `${n < 0 ? '-' : ''}${CURRENCY_SYMBOL[currency] ?? ''}${abs}`;
}

/** A fraction as a percentage without losing digits: 0.25 → `25%`, 0.005 → `0.5%`, 1.2 → `120%`. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '';
  return `${clean(fraction * 100)}%`;
}

/** The canonical text of a field's value (what the field shows after blur). */
export function formatField(kind: FieldKind, value: number, lang: Lang = 'en'): string {
  switch (kind) {
    case 'year':
      return String(value);
    default:
      return FIELD_RULES[kind].percent ? formatPercent(value) : formatNumber(value, lang, 10);
  }
}

/**
 * What the sidebar shows under a field while typing, or '' when the text already says it:
 * `25` → `= 25%`, `1,000万` → `= 10,000,000`.
 */
export function interpretation(kind: FieldKind, text: string, lang: Lang = 'en'): string {
  const r = readField(kind, text, false);
  if (r.value === undefined) return '';
  const canonical = formatField(kind, r.value, lang);
  return normalizeTyped(text) === normalizeTyped(canonical) ? '' : canonical;
}
