/**
 * The words of the workbook, the report and the build messages: the `sheet.*` keys of the
 * message catalogue (src/messages/en.ts, ja.ts). `label(lang, key)` is `t(lang, 'sheet.' + key)`.
 */
import type { Lang } from '../core/plan';
import { t, type ServerKey, type Params } from '../messages';

/** A sheet word's key without its `sheet.` prefix, e.g. 'sheetPlan'. */
export type LabelKey = ServerKey extends infer K ? (K extends `sheet.${infer Rest}` ? Rest : never) : never;

export function label(lang: Lang, key: LabelKey, params: Params = {}): string {
  return t(lang, `sheet.${key}` as ServerKey, params);
}

/** A column header that is one sheet word: `header: labelOf('kpi')`. */
export const labelOf =
  (key: LabelKey) =>
  (lang: Lang): string =>
    label(lang, key);
