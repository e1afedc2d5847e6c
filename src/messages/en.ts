/**
 * Every word the add-on shows, in English: the menu, the sidebar, the dialogs, help, the sheets,
 * the reports and the toasts. The reference catalogue: every other language (ja.ts) is typed
 * against it, so a missing key fails to compile. A value is a string with `{name}` placeholders,
 * or a function of the parameters where the words depend on them (plurals, month names).
 * Keys are identities: code never compares a word, only keys.
 */
import type { Params } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1 error" / "2 errors". */
const count = (n: unknown, one: string, many: string): string => `${n} ${Number(n) === 1 ? one : many}`;

export const en = {
  'menu.open': 'Open the planner',
  'menu.report': 'Create monthly report…',
  'menu.colours': 'Re-apply progress colours',
  'menu.help': 'Help',

  'title.sidebar': 'KPI Planner',
  'title.help': 'KPI Planner — help',
  'title.report': 'Create monthly report',

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

  'basics.intro':
    'Plan a year from your goal: KGI → key success factors (KSF) → KPIs, back-calculated ' +
    'through your funnel, split by month and tracked against actuals.',
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

  'season.title': 'Seasonality',
  'season.intro': 'How annual targets are split over the months.',
  'season.flat': 'Even (same every month)',
  'season.custom': 'Weighted by month',
  'season.hint': 'Relative weights: 1 is a normal month, 1.5 a busy one, 0.5 a quiet one.',

  'thresholds.title': 'Progress colours',
  'thresholds.intro': 'Achievement at or above “on track” is green, at or above “at risk” yellow, below it red.',
  'thresholds.warn': 'At risk from',
  'thresholds.ok': 'On track from',

  'review.intro': 'Plan health check against the three criteria of a good KPI.',
  'review.crit.quantitative': 'Quantitative',
  'review.crit.achievable': 'Achievable',
  'review.crit.relevant': 'Relevant',
  'review.crit.input': 'Input',
  'review.edit': 'Edit',
  'review.level.error': 'Error',
  'review.level.warning': 'Warning',
  'review.blocked': 'Fix the errors to build the workbook.',
  'review.fy': 'Fiscal year {range}',
  'review.checking': 'Checking the plan…',

  'build.button': 'Build the workbook',
  'build.busy': 'Building…',
  'build.done': 'Workbook built',
  'build.sheets': 'Sheets created:',
  'build.warnings': 'Notes:',
  'build.failed': 'The workbook could not be built:',
  'build.again': 'The plan has errors; nothing was written.',

  'err.required': 'Required.',
  'err.number': 'Enter a number, e.g. 10,000,000.',
  'err.decimalComma': 'Use a point for decimals (0.25), commas only between thousands.',
  'err.negative': 'Must be 0 or more.',
  'err.positive': 'Must be more than 0.',
  'err.rateRange': 'A rate must be above 0% and at most 100%.',
  'err.growthRange': 'Growth must be above −100% and at most 10,000%.',
  'err.weightRange': 'A weight must be from 0 to 1,000,000.',
  'err.amountMax': 'At most 1,000,000,000,000,000 (1e15), the largest amount the workbook computes exactly.',
  'err.month': 'Enter a month from 1 to 12.',
  'err.thresholdRange': 'Must be from 0% to 200%.',
  'err.thresholdOrder': '“At risk” must be below “on track”.',
  'err.year': 'Enter a year such as 2026.',
  'err.tooBig': 'That number is too large.',
  'err.weightsZero': 'At least one month needs a weight above 0.',
  'err.stagesMin': 'A funnel needs at least 2 stages.',

  'hint.percent': '= {value}',

  'sheet.sheetTree': 'KPI Tree',
  'sheet.sheetPlan': 'Plan',
  'sheet.sheetActuals': 'Actuals',
  'sheet.sheetProgress': 'Progress',
  'sheet.hintTree': 'Linked to the Plan sheet.',
  'sheet.check': 'Health check',
  'sheet.checkOk': '✓ OK',
  'sheet.hintPlan': 'Blue: input. Grey: calculated.',
  'sheet.hintActuals': 'Blank = not reported yet; 0 = zero.',
  'sheet.hintProgress': 'Actual ÷ target (lower is better: 2 − that). YTD: reported months.',
  'sheet.kgi': 'KGI',
  'sheet.kgiUnit': 'Measured as',
  'sheet.unitMoney': 'Amount ({currency})',
  'sheet.unitCount': 'Count',
  'sheet.baseline': 'Last year',
  'sheet.growth': 'Growth',
  'sheet.kgiTarget': 'KGI target (year)',
  'sheet.unitValue': 'Average deal size',
  'sheet.fyStart': 'Year starts',
  'sheet.fyEnd': 'Year ends',
  'sheet.warn': 'At risk from',
  'sheet.ok': 'On track from',
  'sheet.funnel': 'Funnel (from the KGI)',
  'sheet.stage': 'Stage',
  'sheet.rate': 'Rate to next',
  'sheet.volume': 'Needed',
  'sheet.kpis': 'KPIs and monthly targets',
  'sheet.seasonality': 'Seasonality →',
  'sheet.ksf': 'KSF',
  'sheet.kpi': 'KPI',
  'sheet.unit': 'Unit',
  'sheet.owner': 'Owner',
  'sheet.direction': 'Direction',
  'sheet.aggregate': 'Aggregate',
  'sheet.funnelStage': 'Funnel stage',
  'sheet.handTarget': 'Target by hand',
  'sheet.annualTarget': 'Target (year)',
  'sheet.higher': 'Higher is better',
  'sheet.lower': 'Lower is better',
  'sheet.sum': 'Sum',
  'sheet.average': 'Average',
  'sheet.calc': 'calc',
  'sheet.reported': 'Months reported',
  'sheet.left': 'Months left',
  'sheet.onTrack': 'On track',
  'sheet.atRisk': 'At risk',
  'sheet.offTrack': 'Off track',
  'sheet.ytdTarget': 'YTD target',
  'sheet.ytdActual': 'YTD actual',
  'sheet.ytdProgress': 'YTD achievement',
  'sheet.pace': 'Pace (this month)',
  'sheet.thresholdOrder': 'Check the thresholds: “At risk from” is above “On track from”',
  'sheet.forecast': 'Forecast (year)',
  'sheet.remaining': 'Needed per month left',
  'sheet.status': 'Status',
  'sheet.target': 'Target',
  'sheet.actualsHelp': 'Enter a number of 0 or more.',
  'sheet.listHelp': 'Choose from the list.',
  'sheet.rateHelp': 'Above 0% and at most 100%.',
  'sheet.thresholdHelp': 'A percentage from 0% to 200%, e.g. 80%.',
  'sheet.invalid': 'The plan cannot be built — nothing was written:',
  'sheet.busy': 'Another build or report is still writing to this spreadsheet. Try again in a moment.',
  'sheet.noLock': 'The spreadsheet could not be locked for writing (no document lock); nothing was written. Reload it and try again.',
  'sheet.renamedSheets': 'Existing sheets were kept; this build is in {names}.',
  'sheet.renamedRanges': 'Named ranges {names} were kept; this build’s end in {suffix}.',
  'sheet.reapplied': 'Progress colours re-applied on {names}.',
  'sheet.noPlan': 'No KPI plan found. Build one first: KPI Planner → Open the planner.',
  'sheet.rSheet': 'Report',
  'sheet.rTitle': '{name} — monthly report {month}',
  'sheet.rMonth': 'Month',
  'sheet.rMade': 'Made',
  'sheet.rHint': 'Snapshot. Missing actuals are not counted as 0. Status: YTD achievement vs {warn} / {ok}.',
  'sheet.rTarget': 'Target (month)',
  'sheet.rActual': 'Actual (month)',
  'sheet.rAch': 'Achievement',
  'sheet.rChange': 'vs last month',
  'sheet.rAction': 'Improvement action',
  'sheet.rMissing': '— missing',
  'sheet.rChart': 'Year to date: actual vs target (target = 100%)',
  'sheet.rNoData': 'No data',

  // Plurals and dates: functions of their parameters.
  'review.summary': (p: Params) => `${count(p.errors, 'error', 'errors')}, ${count(p.warnings, 'warning', 'warnings')}`,
  'review.kpis': (p: Params) => `${count(p.count, 'KPI', 'KPIs')} in ${count(p.ksfs, 'KSF', 'KSFs')}`,
  'err.fieldCount': (p: Params) =>
    `${count(p.n, 'field needs', 'fields need')} attention before the plan can be checked.`,
  'sheet.rGap': (p: Params) => `${count(p.n, 'month', 'months')} missing, not counted`,
  'date.month': (p: Params) => MONTHS[(Number(p.month) - 1 + 12) % 12],
  'date.monthYear': (p: Params) => `${MONTHS[(Number(p.month) - 1 + 12) % 12]} ${p.year}`,

  // Field examples by kind: what a number of that kind looks like.
  'err.numberRate': 'Enter a rate, e.g. 25%.',
  'err.numberPercent': 'Enter a percentage, e.g. 10%.',
  'review.allClear': 'No problems found in quantitative, achievable or relevant.',
  'funnel.unlinked': '“{kpi}” was on the stage “{stage}”, which this funnel does not have: pick its stage again.',
  'funnel.unlinkedTitle': 'KPIs to link again',

  // The monthly report's month (createMonthlyReport).
  'error.monthFormat': 'month {value} is not a month written as YYYY-MM (e.g. 2025-04)',
  'error.monthOutside': 'month "{month}" is outside the plan\'s fiscal year ({span})',

  // The monthly report dialog.
  'reportDialog.month': 'Month to report',
  'reportDialog.create': 'Create report',
  'reportDialog.cancel': 'Cancel',
  'reportDialog.loading': 'Loading…',
  'reportDialog.working': 'Creating the report…',
  'reportDialog.done': 'Created “{name}”.',
  'reportDialog.plan': 'Plan: {name}',

  // The help dialog: paragraphs in order.
  'help.intro': 'KPI Planner turns an annual goal (KGI) into monthly KPI targets and tracks them against actuals.',
  'help.planner':
    'Open the planner from the add-on menu and follow the steps: language and fiscal year, the KGI (a target, ' +
    'or last year’s value and growth), the funnel and its conversion rates, the key success factors (KSF) with ' +
    'their KPIs, seasonality and the progress colours. The review step checks the plan, then Build creates the ' +
    'sheets KPI Tree, Plan, Actuals and Progress. Your existing sheets are never overwritten.',
  'help.actuals':
    'Each month, type the actuals in the Actuals sheet: Progress turns green, yellow or red. Change the ' +
    'thresholds on the Plan sheet and the colours follow. If the colours were deleted, use “Re-apply progress ' +
    'colours”.',
  'help.report':
    '“Create monthly report…” writes a snapshot of a month for the review meeting: target, actual, ' +
    'achievement, forecast and what each remaining month needs, the KPIs that are behind first.',
  'help.criteria':
    'The health check uses three criteria: quantitative (every KPI is a number with a unit), achievable ' +
    '(growth and conversion rates are plausible) and relevant (every KPI leads to the KGI).',
  'help.numbers':
    'Rates: type 25%, 25 or 0.25 — all mean 25%. Numbers may use thousands separators (10,000,000) and ' +
    '万/億 (1,000万).',
  'help.functions':
    'Functions you can use in any cell: KPI_TARGET, KPI_FUNNEL, KPI_MONTHLY, KPI_PROGRESS, KPI_PACE, ' +
    'KPI_FORECAST, KPI_REMAINING, KPI_STATUS, KPI_LAG. Type =KPI_ to see their help.',
  'help.close': 'Close',
} as const;
