/**
 * UI strings (menu, sidebar wizard, help dialog) in English and Japanese. Pure data: used by the
 * server side (menu.ts) and bundled into the sidebar. `ja` is typed against `en`, so a missing
 * key is a type error; test/ui/i18n.test.ts also checks placeholders match.
 */
import type { Lang } from '../core/plan';

export type { Lang };

export { langFromLocale } from '../core/locale';

// Strings the server side needs (menu, window titles): kept apart so Code.js, loaded for
// every custom-function call, doesn't carry the sidebar's strings. The help dialog's text
// lives in help.html (loaded only when the dialog opens).
const enServer = {
  'menu.open': 'Open the planner',
  'menu.report': 'Create monthly report…',
  'menu.colours': 'Re-apply progress colours',
  'menu.help': 'Help',
  'title.sidebar': 'KPI Planner',
  'title.help': 'KPI Planner — help',
} as const;

export type ServerKey = keyof typeof enServer;

const jaServer: Record<ServerKey, string> = {
  'menu.open': 'プランナーを開く',
  'menu.report': '月次レポートを作成…',
  'menu.colours': '進捗の色分けを再適用',
  'menu.help': 'ヘルプ',
  'title.sidebar': 'KPIプランナー',
  'title.help': 'KPIプランナー ヘルプ',
};

export const SERVER_STRINGS: Record<Lang, Record<ServerKey, string>> = { en: enServer, ja: jaServer };

/** A server-side string (menu caption, title, message) in `lang`. */
export function serverText(lang: Lang, key: ServerKey): string {
  return SERVER_STRINGS[lang]?.[key] ?? enServer[key];
}

// The sidebar's strings.
const en = {
  // Menu and window titles

  // Wizard chrome
  'step.basics': 'Start',
  'step.kgi': 'KGI',
  'step.funnel': 'Funnel',
  'step.ksf': 'KSF & KPI',
  'step.season': 'Months',
  'step.review': 'Review',
  'nav.next': 'Next',
  'nav.back': 'Back',
  'nav.step': 'Step {n} of {total}',
  'loading': 'Loading…',

  // Step 1: basics
  'basics.intro': 'Plan a year from your goal: KGI → key success factors (KSF) → KPIs, back-calculated through your funnel, split by month and tracked against actuals.',
  'basics.lang': 'Language of the workbook',
  'basics.planName': 'Plan name',
  'basics.planNameDefault': 'KPI plan {year}',
  'basics.fiscal': 'Fiscal year',
  'basics.startMonth': 'Starts in',
  'basics.startYear': 'Year',
  'basics.fyRange': '{from} – {to}',
  'basics.example': 'The wizard starts with an example plan. Change anything, or clear it:',
  'basics.clear': 'Start from a blank plan',
  'basics.loadSample': 'Load the example plan',

  // Step 2: KGI
  'kgi.intro': 'The KGI is the one number the year is judged by, e.g. annual revenue.',
  'kgi.name': 'KGI name',
  'kgi.namePlaceholder': 'e.g. Annual revenue',
  'kgi.unit': 'Measured as',
  'kgi.unit.currency': 'Money',
  'kgi.unit.count': 'Count (e.g. deals won)',
  'kgi.currency': 'Currency',
  'kgi.mode': 'Target',
  'kgi.mode.target': 'Enter the annual target',
  'kgi.mode.growth': 'Last year’s value + growth',
  'kgi.target': 'Annual target',
  'kgi.baseline': 'Last year’s value',
  'kgi.growth': 'Growth',
  'kgi.growthHint': 'e.g. 10%',
  'kgi.unitValue': 'Average deal size',
  'kgi.unitValueHint': 'Revenue per won deal: turns the money target into a number of wins.',
  'kgi.computed': 'Target: {value}',
  'kgi.wins': 'Wins needed: {value}',

  // Step 3: funnel
  'funnel.intro': 'Stages from the top of the funnel to the win, with the conversion rate from each stage to the next.',
  'funnel.preset': 'Funnel',
  'funnel.stage': 'Stage {n}',
  'funnel.rate': 'to next stage',
  'funnel.rateLabel': 'Conversion rate from {from} to {to}',
  'funnel.addStage': 'Add a stage',
  'funnel.removeStage': 'Remove stage',
  'funnel.rateHint': 'Type 25%, 25 or 0.25',
  'funnel.preview': 'Back-calculated from the KGI',
  'funnel.previewNeed': 'Fill in the KGI and rates to see the volumes needed.',
  'funnel.volume': 'needed',

  // Step 4: KSF & KPI
  'ksf.intro': 'Key success factors drive the KGI; each is measured by one or more KPIs.',
  'ksf.name': 'KSF',
  'ksf.namePlaceholder': 'e.g. More qualified leads',
  'ksf.add': 'Add a KSF',
  'ksf.remove': 'Remove KSF',
  'kpi.name': 'KPI',
  'kpi.namePlaceholder': 'e.g. Leads',
  'kpi.unit': 'Unit',
  'kpi.unitPlaceholder': 'e.g. leads, ¥, %',
  'kpi.owner': 'Owner team',
  'kpi.ownerPlaceholder': 'e.g. Marketing',
  'kpi.direction': 'Better when',
  'kpi.direction.higher': 'Higher is better',
  'kpi.direction.lower': 'Lower is better (cost, churn)',
  'kpi.aggregate': 'Over the year',
  'kpi.aggregate.sum': 'Sum (counts, amounts)',
  'kpi.aggregate.average': 'Average (rates, costs, scores)',
  'kpi.source': 'Target from',
  'kpi.source.manual': 'Entered by hand',
  'kpi.source.stage': 'Funnel: {name} ({value})',
  'kpi.target': 'Annual target',
  'kpi.targetAverage': 'Monthly level',
  'kpi.add': 'Add a KPI',
  'kpi.remove': 'Remove KPI',
  'kpi.more': 'More',

  // Step 5: seasonality + thresholds
  'season.title': 'Seasonality',
  'season.intro': 'How annual targets are split over the months.',
  'season.flat': 'Even (same every month)',
  'season.custom': 'Weighted by month',
  'season.hint': 'Relative weights: 1 is a normal month, 1.5 a busy one, 0.5 a quiet one.',
  'season.share': '{share} of the year',
  'thresholds.title': 'Progress colours',
  'thresholds.intro': 'Achievement at or above “on track” is green, at or above “at risk” yellow, below it red.',
  'thresholds.warn': 'At risk from',
  'thresholds.ok': 'On track from',

  // Step 6: review and build
  'review.intro': 'Plan health check against the three criteria of a good KPI.',
  'review.crit.quantitative': 'Quantitative',
  'review.crit.achievable': 'Achievable',
  'review.crit.relevant': 'Relevant',
  'review.crit.input': 'Input',
  'review.noFindings': 'No problems found.',
  'review.edit': 'Edit',
  'review.level.error': 'Error',
  'review.level.warning': 'Warning',
  'review.summary': '{errors} errors, {warnings} warnings',
  'review.blocked': 'Fix the errors to build the workbook.',
  'review.funnel': 'Funnel',
  'review.kpis': '{count} KPIs in {ksfs} KSFs',
  'review.fy': 'Fiscal year {range}',
  'review.checking': 'Checking the plan…',
  'build.button': 'Build the workbook',
  'build.busy': 'Building…',
  'build.done': 'Workbook built',
  'build.sheets': 'Sheets created:',
  'build.warnings': 'Notes:',
  'build.failed': 'The workbook could not be built:',
  'build.again': 'The plan has errors; nothing was written.',

  // Field validation
  'err.required': 'Required.',
  'err.number': 'Enter a number, e.g. 10,000,000.',
  'err.decimalComma': 'Use a point for decimals (0.25), commas only between thousands.',
  'err.negative': 'Must be 0 or more.',
  'err.positive': 'Must be more than 0.',
  'err.rateRange': 'A rate must be above 0% and at most 100%.',
  'err.growthRange': 'Growth must be above −100%.',
  'err.thresholdRange': 'Must be between 1% and 1000%.',
  'err.thresholdOrder': '“At risk” must be below “on track”.',
  'err.year': 'Enter a year such as 2026.',
  'err.tooBig': 'That number is too large.',
  'err.weightsZero': 'At least one month needs a weight above 0.',
  'err.stagesMin': 'A funnel needs at least 2 stages.',
  'err.fieldCount': '{n} fields need attention before the plan can be checked.',
  'hint.percent': '= {value}',

  // Help dialog

} as const;

export type UiKey = keyof typeof en;
export type MsgKey = UiKey | ServerKey;

const ja: Record<UiKey, string> = {

  'step.basics': '基本設定',
  'step.kgi': 'KGI',
  'step.funnel': 'ファネル',
  'step.ksf': 'KSF・KPI',
  'step.season': '月別配分',
  'step.review': '確認',
  'nav.next': '次へ',
  'nav.back': '戻る',
  'nav.step': 'ステップ {n} / {total}',
  'loading': '読み込み中…',

  'basics.intro': '年間目標から計画を立てます。KGI → KSF（重要成功要因）→ KPI をファネルで逆算し、月別に配分して実績と比べて進捗を管理します。',
  'basics.lang': 'ワークブックの言語',
  'basics.planName': '計画名',
  'basics.planNameDefault': '{year}年度 KPI計画',
  'basics.fiscal': '会計年度',
  'basics.startMonth': '期首月',
  'basics.startYear': '年',
  'basics.fyRange': '{from}～{to}',
  'basics.example': 'サンプルの計画が入力されています。自由に変更するか、クリアしてください：',
  'basics.clear': '空の計画から始める',
  'basics.loadSample': 'サンプルを読み込む',

  'kgi.intro': 'KGI は一年の成果を判断する最終目標の数値です（例：年間売上）。',
  'kgi.name': 'KGI 名',
  'kgi.namePlaceholder': '例：年間売上',
  'kgi.unit': '単位',
  'kgi.unit.currency': '金額',
  'kgi.unit.count': '件数（例：受注件数）',
  'kgi.currency': '通貨',
  'kgi.mode': '目標の決め方',
  'kgi.mode.target': '年間目標を入力',
  'kgi.mode.growth': '前年実績＋成長率',
  'kgi.target': '年間目標',
  'kgi.baseline': '前年実績',
  'kgi.growth': '成長率',
  'kgi.growthHint': '例：10%',
  'kgi.unitValue': '平均受注単価',
  'kgi.unitValueHint': '1件あたりの受注金額。金額の目標を受注件数に換算します。',
  'kgi.computed': '目標：{value}',
  'kgi.wins': '必要な受注件数：{value}',

  'funnel.intro': 'ファネルの上流から受注までの段階と、各段階から次の段階への転換率を入力します。',
  'funnel.preset': 'ファネル',
  'funnel.stage': '段階 {n}',
  'funnel.rate': '次の段階へ',
  'funnel.rateLabel': '{from} から {to} への転換率',
  'funnel.addStage': '段階を追加',
  'funnel.removeStage': '段階を削除',
  'funnel.rateHint': '25%、25、0.25 のいずれでも入力できます',
  'funnel.preview': 'KGI からの逆算',
  'funnel.previewNeed': 'KGI と転換率を入力すると必要数が表示されます。',
  'funnel.volume': '必要数',

  'ksf.intro': 'KSF（重要成功要因）は KGI 達成の鍵です。それぞれを 1 つ以上の KPI で測ります。',
  'ksf.name': 'KSF',
  'ksf.namePlaceholder': '例：有望リードの増加',
  'ksf.add': 'KSF を追加',
  'ksf.remove': 'KSF を削除',
  'kpi.name': 'KPI',
  'kpi.namePlaceholder': '例：リード数',
  'kpi.unit': '単位',
  'kpi.unitPlaceholder': '例：件、円、%',
  'kpi.owner': '担当',
  'kpi.ownerPlaceholder': '例：マーケティング部',
  'kpi.direction': '評価の向き',
  'kpi.direction.higher': '高いほど良い',
  'kpi.direction.lower': '低いほど良い（コスト・解約率）',
  'kpi.aggregate': '年間の集計',
  'kpi.aggregate.sum': '合計（件数・金額）',
  'kpi.aggregate.average': '平均（率・単価・満足度）',
  'kpi.source': '目標値',
  'kpi.source.manual': '手入力',
  'kpi.source.stage': 'ファネル：{name}（{value}）',
  'kpi.target': '年間目標',
  'kpi.targetAverage': '毎月の目標水準',
  'kpi.add': 'KPI を追加',
  'kpi.remove': 'KPI を削除',
  'kpi.more': '詳細',

  'season.title': '季節性',
  'season.intro': '年間目標を各月にどう配分するかを決めます。',
  'season.flat': '均等（毎月同じ）',
  'season.custom': '月別に重み付け',
  'season.hint': '相対的な重み：通常月は 1、繁忙月は 1.5、閑散月は 0.5 など。',
  'season.share': '年間の {share}',
  'thresholds.title': '進捗の色分け（閾値）',
  'thresholds.intro': '達成率が「順調」以上は緑、「注意」以上は黄、それ未満は赤で表示します。',
  'thresholds.warn': '注意の閾値',
  'thresholds.ok': '順調の閾値',

  'review.intro': '良い KPI の 3 つの条件で計画をチェックします。',
  'review.crit.quantitative': '定量性',
  'review.crit.achievable': '達成可能性',
  'review.crit.relevant': '関連性',
  'review.crit.input': '入力',
  'review.noFindings': '問題は見つかりませんでした。',
  'review.edit': '修正',
  'review.level.error': 'エラー',
  'review.level.warning': '注意',
  'review.summary': 'エラー {errors} 件、注意 {warnings} 件',
  'review.blocked': 'エラーを修正するとワークブックを作成できます。',
  'review.funnel': 'ファネル',
  'review.kpis': 'KSF {ksfs} 件、KPI {count} 件',
  'review.fy': '会計年度 {range}',
  'review.checking': '計画をチェックしています…',
  'build.button': 'ワークブックを作成',
  'build.busy': '作成中…',
  'build.done': 'ワークブックを作成しました',
  'build.sheets': '作成したシート：',
  'build.warnings': '補足：',
  'build.failed': 'ワークブックを作成できませんでした：',
  'build.again': '計画にエラーがあるため、何も書き込んでいません。',

  'err.required': '入力してください。',
  'err.number': '数値を入力してください（例：10,000,000）。',
  'err.decimalComma': '小数点は「.」で入力してください（0.25）。「,」は桁区切りにだけ使えます。',
  'err.negative': '0 以上を入力してください。',
  'err.positive': '0 より大きい値を入力してください。',
  'err.rateRange': '転換率は 0% より大きく 100% 以下で入力してください。',
  'err.growthRange': '成長率は −100% より大きい値を入力してください。',
  'err.thresholdRange': '1%～1000% の範囲で入力してください。',
  'err.thresholdOrder': '「注意」は「順調」より小さい値にしてください。',
  'err.year': '2026 のように西暦で入力してください。',
  'err.tooBig': '数値が大きすぎます。',
  'err.weightsZero': '少なくとも 1 か月は 0 より大きい重みが必要です。',
  'err.stagesMin': 'ファネルには 2 段階以上が必要です。',
  'err.fieldCount': '計画をチェックする前に {n} 件の入力を修正してください。',
  'hint.percent': '＝ {value}',


};

export const UI_STRINGS: Record<Lang, Record<UiKey, string>> = { en, ja };

export type Params = Record<string, string | number>;

/** The string for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MsgKey, params?: Params): string {
  const table: Record<string, string> = key in enServer ? SERVER_STRINGS[lang] ?? enServer : UI_STRINGS[lang] ?? en;
  const s = table[key] ?? (enServer as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

/** Month name for a calendar month 1–12: 'Apr' / '4月'. */
export function monthName(lang: Lang, month: number): string {
  if (lang === 'ja') return `${month}月`;
  return ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(month - 1 + 12) % 12];
}

/** 'Apr 2026' / '2026年4月'. */
export function monthYear(lang: Lang, year: number, month: number): string {
  return lang === 'ja' ? `${year}年${month}月` : `${monthName(lang, month)} ${year}`;
}

/** Fiscal year range, e.g. 'Apr 2026 – Mar 2027'. */
export function fiscalRange(lang: Lang, startYear: number, startMonth: number): string {
  const endMonth = ((startMonth + 10) % 12) + 1;
  const endYear = startMonth === 1 ? startYear : startYear + 1;
  return t(lang, 'basics.fyRange', { from: monthYear(lang, startYear, startMonth), to: monthYear(lang, endYear, endMonth) });
}

/** Minimal HTML escaping. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
