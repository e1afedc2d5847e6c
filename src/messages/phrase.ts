/**
 * Words kept as data until a language is chosen: a Phrase is a catalogue key with its parameters,
 * each a plain string, another Phrase, a number to format in the reader's language, or a list of
 * choices. The plan check builds its findings as Phrases once and says them in any language.
 */
import { formatReadable } from '../core/locale';
import { t, type ServerKey, type Params } from './index';

/** A computed number: written with three significant digits, as a percentage when `percent`. */
export interface Figure {
  figure: number;
  percent?: boolean;
  /** A plus sign before a positive number ("+20%"). */
  signed?: boolean;
}

/** Alternatives the value must be one of, written "a" or "b" (en) / a / b (ja). */
export interface Choices {
  oneOf: readonly string[];
}

export type PhraseArg = string | Phrase | Figure | Choices;

export interface Phrase {
  key: ServerKey;
  params?: Record<string, PhraseArg>;
}

export const phrase = (key: ServerKey, params?: Record<string, PhraseArg>): Phrase =>
  params ? { key, params } : { key };

/** A number for a person to read (three significant digits, thousands separators). */
export const figure = (value: number): Figure => ({ figure: value });

/** A fraction as a percentage for a person to read: 0.2 → 20%. */
export const percent = (fraction: number, signed = false): Figure => ({ figure: fraction, percent: true, signed });

function sayArg(lang: string, arg: PhraseArg): string {
  if (typeof arg === 'string') return arg;
  if ('key' in arg) return say(lang, arg);
  if ('oneOf' in arg) {
    const separator = t(lang, 'plan.choiceOr');
    return arg.oneOf.map((choice) => t(lang, 'plan.choice', { choice })).join(separator);
  }
  if (!arg.percent) return formatReadable(lang, arg.figure, arg.signed);
  // 0.07 × 100 is 7.000000000000001 in doubles: three significant digits hide that noise.
  return t(lang, 'number.percent', { value: formatReadable(lang, arg.figure * 100, arg.signed) });
}

/** The phrase in `lang`, every parameter said in `lang` too. */
export function say(lang: string, p: Phrase): string {
  const params: Params = {};
  for (const [name, arg] of Object.entries(p.params ?? {})) params[name] = sayArg(lang, arg);
  return t(lang, p.key, params);
}
