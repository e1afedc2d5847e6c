/**
 * The help dialog's page (dist/help.html) in every language: scripts/build.mjs writes it into
 * src/client/help.html at build time, one block per language chosen by the template's `lang`.
 * showHelp (src/server/menu.ts) passes only the language, so none of these words reach
 * dist/Code.js, which loads for every custom-function call.
 */
import { languages, t, type PlannerKey } from '../messages/planner';

/** The help's paragraphs, in order (catalogue keys). */
export const HELP_PARAGRAPHS: PlannerKey[] = [
  'help.intro',
  'help.planner',
  'help.actuals',
  'help.report',
  'help.criteria',
  'help.numbers',
  'help.functions',
];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The dialog's body in `lang`: the paragraphs and the Close button. */
export function helpBody(lang: string): string {
  const paragraphs = HELP_PARAGRAPHS.map((key) => `<p>${escapeHtml(t(lang, key))}</p>`);
  const close = escapeHtml(t(lang, 'help.close'));
  const button = `<button type="button" data-testid="help-close" onclick="google.script.host.close()">${close}</button>`;
  return [...paragraphs, `<div class="actions">${button}</div>`].join('\n');
}

/** Every language's body as template scriptlets on `lang`: English for a language without a catalogue. */
export function helpTemplate(): string {
  const blocks = languages()
    .filter((lang) => lang !== 'en')
    .map((lang, i) => `<? ${i ? '} else if' : 'if'} (lang === ${JSON.stringify(lang)}) { ?>\n${helpBody(lang)}\n`);
  if (!blocks.length) return helpBody('en');
  return `${blocks.join('')}<? } else { ?>\n${helpBody('en')}\n<? } ?>`;
}
