/**
 * The message catalogues and their registry. Adding a language: one catalogue file (like ja.ts, its
 * two parts typed `ServerMessages` and `PlannerMessages`), one line in CATALOGUES here and one in
 * src/messages/planner.ts. `t(lang, key, params)` is the one way to get a word; a language without a
 * catalogue, or a key its catalogue lacks, falls back to English.
 *
 * This registry holds the server's part only: dist/Code.js, loaded for every custom-function call,
 * carries no sidebar words. The browser code imports src/messages/planner.ts, which adds them.
 */
import { en } from './en';
import { ja } from './ja';
import type { MessageKey, Messages, Params, ServerKey } from './types';

export type { MessageKey, Messages, Params, PlannerKey, ServerKey } from './types';

const CATALOGUES: Record<string, Partial<Messages>> = {
  en,
  ja,
};

/** Adds words to the catalogue of `lang` (the planner's part, src/messages/planner.ts). */
export function extendCatalogue(lang: string, part: Partial<Messages>): void {
  CATALOGUES[lang] = { ...CATALOGUES[lang], ...part };
}

/** The languages that have a catalogue ('en', 'ja', and any registered one). */
export const languages = (): string[] => Object.keys(CATALOGUES);

/** The catalogue of `lang` (English when there is none). */
export function messagesFor(lang: string | undefined): Partial<Messages> {
  return (lang !== undefined && CATALOGUES[lang]) || CATALOGUES.en;
}

/**
 * Registers (or replaces) the catalogue of `lang`; returns a function that restores the previous
 * one. Tests use it to build a workbook in a pseudo-locale.
 */
export function registerCatalogue(lang: string, messages: Partial<Messages>): () => void {
  const before = CATALOGUES[lang];
  CATALOGUES[lang] = messages;
  return () => {
    if (before) CATALOGUES[lang] = before;
    else delete CATALOGUES[lang];
  };
}

/** The words for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: string | undefined, key: ServerKey, params: Params = {}): string {
  return words(lang, key, params);
}

/** `t` for any key, the planner's too (src/messages/planner.ts registers those). */
export function words(lang: string | undefined, key: MessageKey, params: Params = {}): string {
  const message = messagesFor(lang)[key] ?? CATALOGUES.en[key];
  if (message === undefined) throw new Error(`No words for "${key}"`);
  if (typeof message === 'function') return message(params);
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Month name for a calendar month 1–12: 'Apr' / '4月'. */
export const monthName = (lang: string, month: number): string => t(lang, 'date.month', { month });

/** 'Apr 2026' / '2026年4月'. */
export const monthYear = (lang: string, year: number, month: number): string =>
  t(lang, 'date.monthYear', { year, month });
