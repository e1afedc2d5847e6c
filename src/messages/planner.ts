/**
 * The catalogue as the browser code sees it: the server's part (src/messages/index.ts) plus the
 * sidebar's and the report dialog's words (the `enPlanner` / `jaPlanner` parts of each catalogue),
 * which stay out of dist/Code.js. Browser modules import words from here, never from index.ts.
 */
import { enPlanner } from './en';
import { extendCatalogue, monthYear, words } from './index';
import { jaPlanner } from './ja';

extendCatalogue('en', enPlanner);
extendCatalogue('ja', jaPlanner);

export { extendCatalogue, languages, messagesFor, monthName, monthYear, registerCatalogue } from './index';
export type { MessageKey, Messages, Params, PlannerKey, ServerKey } from './index';

/** The words for any key (the planner's included), with `{name}` placeholders filled. */
export const t = words;

/** Fiscal year range, e.g. 'Apr 2026 – Mar 2027'. */
export function fiscalRange(lang: string, startYear: number, startMonth: number): string {
  const endMonth = ((startMonth + 10) % 12) + 1;
  const endYear = startMonth === 1 ? startYear : startYear + 1;
  return t(lang, 'basics.fyRange', {
    from: monthYear(lang, startYear, startMonth),
    to: monthYear(lang, endYear, endMonth),
  });
}
