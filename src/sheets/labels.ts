/**
 * The words of the workbook, the report and the build messages: ONE table, `key: 'en|ja'`.
 * Kept short: Code.js carries them and is loaded for every custom-function call.
 */
import type { Lang } from '../core/plan';
import type { FiscalMonth } from '../core/report';

const W = {
  sheetTree: 'KPI Tree|KPIツリー',
  sheetPlan: 'Plan|計画',
  sheetActuals: 'Actuals|実績',
  sheetProgress: 'Progress|進捗',
  hintTree: 'Linked to the Plan sheet.|「計画」と連動。',
  check: 'Health check|計画チェック',
  checkOk: '✓ OK|✓ 問題なし',
  hintPlan: 'Blue: input. Grey: calculated.|青: 入力、灰: 自動計算',
  hintActuals: 'Blank = not reported yet; 0 = zero.|未報告は空欄（0は実績ゼロ）',
  hintProgress: 'Actual ÷ target (lower is better: 2 − that). YTD: reported months.|実績÷目標（低いほど良い: 2−実績÷目標）。累計は入力済みの月',
  kgi: 'KGI|KGI',
  kgiUnit: 'Measured as|単位',
  unitMoney: 'Amount ({currency})|金額（{currency}）',
  unitCount: 'Count|件数',
  baseline: 'Last year|前年実績',
  growth: 'Growth|成長率',
  kgiTarget: 'KGI target (year)|KGI目標（年間）',
  unitValue: 'Average deal size|平均受注単価',
  fyStart: 'Year starts|期首',
  fyEnd: 'Year ends|期末',
  warn: 'At risk from|注意ライン',
  ok: 'On track from|順調ライン',
  funnel: 'Funnel (from the KGI)|ファネル（KGIから逆算）',
  stage: 'Stage|ステージ',
  rate: 'Rate to next|次への転換率',
  volume: 'Needed|必要数',
  kpis: 'KPIs and monthly targets|KPIと月別目標',
  seasonality: 'Seasonality →|季節係数 →',
  ksf: 'KSF|KSF',
  kpi: 'KPI|KPI',
  unit: 'Unit|単位',
  owner: 'Owner|担当',
  direction: 'Direction|評価の向き',
  aggregate: 'Aggregate|集計',
  funnelStage: 'Funnel stage|ステージ',
  handTarget: 'Target by hand|手入力目標',
  annualTarget: 'Target (year)|年間目標',
  higher: 'Higher is better|高いほど良い',
  lower: 'Lower is better|低いほど良い',
  sum: 'Sum|合計',
  average: 'Average|平均',
  calc: 'calc|計算用',
  reported: 'Months reported|入力済み月数',
  left: 'Months left|残り月数',
  onTrack: 'On track|順調',
  atRisk: 'At risk|注意',
  offTrack: 'Off track|遅れ',
  ytdTarget: 'YTD target|累計目標',
  ytdActual: 'YTD actual|累計実績',
  ytdProgress: 'YTD achievement|累計達成率',
  pace: 'Pace (today)|ペース（本日）',
  forecast: 'Forecast (year)|着地見込み',
  remaining: 'Needed per month left|残り月あたり必要数',
  status: 'Status|ステータス',
  target: 'Target|目標',
  actualsHelp: 'Enter a number of 0 or more.|0以上の数値を入力',
  listHelp: 'Choose from the list.|一覧から選択',
  rateHelp: 'Above 0% and at most 100%.|0%超100%以下',
  // Build and colours (build.ts).
  invalid: 'The plan cannot be built — nothing was written:|計画に誤りがあり作成できません（何も書き込んでいません）:',
  busy: 'Another build or report is still writing to this spreadsheet. Try again in a moment.|別の処理が書き込み中です。少し後でお試しください。',
  renamedSheets: 'Existing sheets were kept; this build is in {names}.|既存のシートは残し、{names} に作成しました。',
  renamedRanges: 'Named ranges {names} were kept; this build’s end in {suffix}.|名前付き範囲 {names} は残し、今回の範囲は末尾 {suffix}。',
  reapplied: 'Progress colours re-applied on {names}.|{names} の進捗の色分けを再設定しました。',
  noPlan: 'No KPI plan found. Build one first: KPI Planner → Open the planner.|KPI計画が見つかりません。先に「プランナーを開く」から作成してください。',
  // The monthly report (report.ts).
  rSheet: 'Report|月次レポート',
  rTitle: '{name} — monthly report {month}|{name} — 月次レポート {month}',
  rMonth: 'Month|対象月',
  rMade: 'Made|作成日時',
  rHint: 'Snapshot. Missing actuals are not counted as 0. Status: YTD achievement vs {warn} / {ok}.|作成時点の値。未入力は0とせず計算。ステータスは累計達成率（{warn} / {ok}）。',
  rTarget: 'Target (month)|当月目標',
  rActual: 'Actual (month)|当月実績',
  rAch: 'Achievement|達成率',
  rChange: 'vs last month|前月差',
  rAction: 'Improvement action|改善アクション',
  rMissing: '— missing|未入力',
  rGap: '{n} month(s) missing, not counted|{n}か月分未入力（計算に含めず）',
  rChart: 'Year to date: actual vs target (target = 100%)|累計: 目標 vs 実績（目標 = 100%）',
  rNoData: 'No data|データなし',
} as const;

export type LabelKey = keyof typeof W;

export function label(lang: Lang, key: LabelKey, params: Record<string, string | number> = {}): string {
  return W[key].split('|')[lang === 'ja' ? 1 : 0].replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
}

/** `Apr 2026` / `2026年4月`, from a fiscal month of core/report.ts (whose label is `Apr` / `4月`). */
export const monthYear = (lang: Lang, m: FiscalMonth): string => (lang === 'ja' ? `${m.year}年${m.label}` : `${m.label} ${m.year}`);
