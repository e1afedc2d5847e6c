/**
 * Defaults and locale rules, in one place: which language a locale means, and what a plan in
 * that language starts from (fiscal year start, currency). Plain data, no Apps Script, no DOM.
 */
import type { Currency, Lang } from './plan';

/** Progress colours when a plan gives none: green from 100% of target, yellow from 80%. */
export const DEFAULT_THRESHOLDS: Readonly<{ warn: number; ok: number }> = Object.freeze({ warn: 0.8, ok: 1 });

/** What a plan in each language starts from. */
export interface LocaleRules {
  /** The calendar month (1–12) a fiscal year starts in: April in Japan, January elsewhere. */
  fiscalStartMonth: number;
  /** The currency of a money KGI. */
  currency: Currency;
  /** The locale numbers are formatted in (Intl). */
  numberLocale: string;
}

export const LOCALE_RULES: Readonly<Record<Lang, LocaleRules>> = {
  en: { fiscalStartMonth: 1, currency: 'USD', numberLocale: 'en-US' },
  ja: { fiscalStartMonth: 4, currency: 'JPY', numberLocale: 'ja-JP' },
};

/** Whether `value` is a language the add-on has rules for ('en', 'ja'). */
export const isLang = (value: unknown): value is Lang =>
  typeof value === 'string' && Object.hasOwn(LOCALE_RULES, value);

/** The Intl locale numbers are written in for `lang` (en-US for a language without rules). */
export const numberLocale = (lang: string | undefined): string =>
  (isLang(lang) ? LOCALE_RULES[lang] : LOCALE_RULES.en).numberLocale;

/** Significant digits of a computed number in a message: 20.8333… reads 20.8, 3.4722… reads 3.47. */
const READABLE_DIGITS = 3;

/**
 * A computed number as a person reads it in `lang`: thousands separators, the whole part never
 * rounded, three significant digits: 1234567.5 → "1,234,568", 66.1017 → "66.1", 0.37037 → "0.37".
 * With `signed`, a plus sign before a positive number ("+20").
 */
export function formatReadable(lang: string | undefined, x: number, signed = false): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : String(x);
  const wholeDigits = Math.abs(x) >= 1 ? Math.floor(Math.log10(Math.abs(x))) + 1 : 0;
  const digits: Intl.NumberFormatOptions =
    wholeDigits > 0
      ? { maximumFractionDigits: Math.max(0, READABLE_DIGITS - wholeDigits) }
      : { maximumSignificantDigits: READABLE_DIGITS };
  const sign: Intl.NumberFormatOptions = signed ? { signDisplay: 'exceptZero' } : {};
  return new Intl.NumberFormat(numberLocale(lang), { ...digits, ...sign }).format(x);
}

/** 'ja', 'ja_JP', 'ja-JP' → 'ja'; anything else (or nothing) → 'en'. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return typeof locale === 'string' && /^ja(?:$|[-_])/i.test(locale.trim()) ? 'ja' : 'en';
}

/** The month a fiscal year starts in for `lang` (April for Japanese, January otherwise). */
export function defaultStartMonth(lang: Lang | undefined): number {
  return LOCALE_RULES[lang ?? 'en']?.fiscalStartMonth ?? LOCALE_RULES.en.fiscalStartMonth;
}

/** The currency of a money KGI in `lang` (JPY for Japanese, USD otherwise). */
export function defaultCurrency(lang: Lang | undefined): Currency {
  return LOCALE_RULES[lang ?? 'en']?.currency ?? LOCALE_RULES.en.currency;
}

/** The fiscal year containing calendar (`year`, `month`) when years start in `startMonth`. */
export function fiscalYearOf(year: number, month: number, startMonth: number): number {
  return month >= startMonth ? year : year - 1;
}

/** The symbol each currency is written with (number formats, the report's unit column). */
export const CURRENCY_SYMBOLS: Record<Currency, string> = { JPY: '¥', USD: '$', EUR: '€' };
