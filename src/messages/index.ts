/**
 * The message catalogues and their registry. Adding a language: one catalogue file typed
 * `Messages` (like ja.ts) and one line in CATALOGUES. `t(lang, key, params)` is the one way to
 * get a word; a language without a catalogue, or a key its catalogue lacks, falls back to English.
 */
import { en } from './en';
import { ja } from './ja';
import type { MessageKey, Messages, Params } from './types';

export type { MessageKey, Messages, Params } from './types';

const CATALOGUES: Record<string, Messages> = {
  en,
  ja,
};

/** The languages that have a catalogue ('en', 'ja', and any registered one). */
export const languages = (): string[] => Object.keys(CATALOGUES);

/** The catalogue of `lang` (English when there is none). */
export function messagesFor(lang: string | undefined): Messages {
  return (lang !== undefined && CATALOGUES[lang]) || CATALOGUES.en;
}

/**
 * Registers (or replaces) the catalogue of `lang`; returns a function that restores the previous
 * one. Tests use it to build a workbook in a pseudo-locale.
 */
export function registerCatalogue(lang: string, messages: Messages): () => void {
  const before = CATALOGUES[lang];
  CATALOGUES[lang] = messages;
  return () => {
    if (before) CATALOGUES[lang] = before;
    else delete CATALOGUES[lang];
  };
}

/** The words for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: string | undefined, key: MessageKey, params: Params = {}): string {
  const message = messagesFor(lang)[key] ?? en[key];
  if (typeof message === 'function') return message(params);
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Month name for a calendar month 1–12: 'Apr' / '4月'. */
export const monthName = (lang: string, month: number): string => t(lang, 'date.month', { month });

/** 'Apr 2026' / '2026年4月'. */
export const monthYear = (lang: string, year: number, month: number): string =>
  t(lang, 'date.monthYear', { year, month });

/** Fiscal year range, e.g. 'Apr 2026 – Mar 2027'. */
export function fiscalRange(lang: string, startYear: number, startMonth: number): string {
  const endMonth = ((startMonth + 10) % 12) + 1;
  const endYear = startMonth === 1 ? startYear : startYear + 1;
  return t(lang, 'basics.fyRange', { from: monthYear(lang, startYear, startMonth), to: monthYear(lang, endYear, endMonth) });
}
