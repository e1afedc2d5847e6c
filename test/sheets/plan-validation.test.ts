// The Plan sheet's own inputs are as safe as the sidebar: every input the formulas read refuses what its field's
// rule (src/core/fields.ts) refuses, with help text in the plan's language; one bad cell that gets in anyway (a
// script, a paste) blanks only what depends on it; the KGI follows one rule, written on the sheet.
import fc from 'fast-check';
import { loadAddon } from '../../dev/harness';
import { FIELD_RULES, PLAN_FIELD_KINDS } from '../../src/core/fields';
import type { Plan } from '../../src/core/plan';
import { t } from '../../src/messages';
import { planTargets } from '../../src/sheets/plan-inputs';
import { type KgiRow, kgiRow, tables } from '../../src/sheets/workbook';
import { basicPlan } from './plans';

type Addon = ReturnType<typeof loadAddon>;
type Lang = 'en' | 'ja';

const named = (addon: Addon, name: string) => addon.spreadsheet.getRangeByName(name)!;
const values = (addon: Addon, name: string) => named(addon, name).getValues();
const planSheet = (addon: Addon) => named(addon, 'KGI_TARGET').getSheet();
const kgiCell = (addon: Addon, id: KgiRow) => planSheet(addon).getRange(kgiRow(id), 2);
const a1 = (addon: Addon, row: number, col: number) =>
  `'${planSheet(addon).getName()}'!${planSheet(addon).getRange(row, col).getA1Notation()}`;
const help = (lang: Lang, key: 'amountHelp' | 'growthHelp' | 'rateHelp' | 'weightHelp' | 'thresholdHelp') =>
  t(lang, `sheet.${key}`);
const escaped = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

function built(lang: Lang, edit: (p: Plan) => void = () => {}): Addon {
  const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
  const plan = basicPlan(lang);
  edit(plan);
  addon.run('buildWorkbook', plan);
  return addon;
}

/** The monthly targets the report computes from Plan's inputs (src/sheets/plan-inputs.ts). */
function readBack(addon: Addon, lang: Lang): (number | '')[][] {
  const monthly = named(addon, 'MONTHLY_TARGETS');
  const firstKpi = monthly.getRow();
  const box = planSheet(addon).getRange(1, 1, firstKpi + monthly.getNumRows() - 1, tables().plan.width);
  const rates = named(addon, 'FUNNEL_RATES').getValues().flat();
  return planTargets({
    values: box.getValues(),
    formulas: box.getFormulas(),
    firstKpi,
    kpis: monthly.getNumRows(),
    rates,
    lang,
  }).targets;
}

describe.each(['en', 'ja'] as const)('Plan inputs refuse bad values (%s)', (lang) => {
  const addon = built(lang);
  const firstKpi = named(addon, 'MONTHLY_TARGETS').getRow();
  const hand = tables().plan.index('handTarget');
  const seasonality = named(addon, 'MONTHLY_TARGETS').getColumn();
  const cases: [string, () => string, unknown, ReturnType<typeof help>][] = [
    ['1億5000万 as the KGI target', () => a1(addon, kgiRow('typedTarget'), 2), '1億5000万', help(lang, 'amountHelp')],
    ['150M as last year', () => a1(addon, kgiRow('baseline'), 2), '150M', help(lang, 'amountHelp')],
    ['growth 15 (1,500%)', () => a1(addon, kgiRow('growth'), 2), 15, help(lang, 'growthHelp')],
    ['growth −100%', () => a1(addon, kgiRow('growth'), 2), '-100%', help(lang, 'growthHelp')],
    ['deal size −5', () => a1(addon, kgiRow('unitValue'), 2), -5, help(lang, 'amountHelp')],
    ['deal size 0', () => a1(addon, kgiRow('unitValue'), 2), 0, help(lang, 'amountHelp')],
    [
      'a rate of 25 (2,500%)',
      () => a1(addon, named(addon, 'FUNNEL_RATES').getRow(), named(addon, 'FUNNEL_RATES').getColumn()),
      25,
      help(lang, 'rateHelp'),
    ],
    [
      'a rate of 0%',
      () => a1(addon, named(addon, 'FUNNEL_RATES').getRow() + 1, named(addon, 'FUNNEL_RATES').getColumn()),
      '0%',
      help(lang, 'rateHelp'),
    ],
    ['a hand target of −5', () => a1(addon, firstKpi + 1, hand), -5, help(lang, 'amountHelp')],
    ['a hand target as text', () => a1(addon, firstKpi + 1, hand), '8千', help(lang, 'amountHelp')],
    ['a seasonality weight of −1', () => a1(addon, firstKpi - 2, seasonality + 3), -1, help(lang, 'weightHelp')],
    ['a threshold of 80 (8,000%)', () => a1(addon, kgiRow('warn'), 2), 80, help(lang, 'thresholdHelp')],
    ['a threshold as text', () => a1(addon, kgiRow('ok'), 2), 'full', help(lang, 'thresholdHelp')],
  ];
  test.each(cases)('%s is refused with its help text; nothing changes', (_, at, typed, text) => {
    const before = addon.saveWorkbook();
    expect(() => addon.type(at(), typed as string)).toThrow(escaped(text));
    expect(addon.saveWorkbook()).toEqual(before);
  });

  test('what the help says to type is accepted, and the funnel follows', () => {
    addon.type(a1(addon, kgiRow('typedTarget'), 2), '150000000');
    expect(values(addon, 'KGI_TARGET')).toEqual([[150_000_000]]);
    addon.type(a1(addon, kgiRow('baseline'), 2), 100_000_000);
    addon.type(a1(addon, kgiRow('growth'), 2), '15%');
    expect(values(addon, 'KGI_TARGET')).toEqual([[115_000_000]]);
    addon.type(a1(addon, kgiRow('unitValue'), 2), 500_000);
    expect(values(addon, 'FUNNEL_TARGETS')).toEqual([[2875], [1150], [230]]);
    expect(readBack(addon, lang)).toEqual(values(addon, 'MONTHLY_TARGETS'));
  });

  test('the help texts say what to type, in the plan’s language', () => {
    expect(help(lang, 'growthHelp')).toContain('15%');
    expect(help(lang, 'amountHelp')).toContain('150000000');
    expect(help(lang, 'amountHelp')).toContain('1億5000万');
    expect(kgiCell(addon, 'growth').getDataValidation()!.getHelpText()).toBe(help(lang, 'growthHelp'));
  });
});

describe('the validations come from the one field table', () => {
  test.each([
    ['baseline', 'kgi.baseline'],
    ['growth', 'kgi.growthRate'],
    ['typedTarget', 'kgi.target'],
    ['unitValue', 'kgi.unitValue'],
    ['warn', 'thresholds.warn'],
    ['ok', 'thresholds.ok'],
  ] as const)('%s follows %s', (id, path) => {
    const addon = built('en');
    const rule = FIELD_RULES[PLAN_FIELD_KINDS[path]];
    const validation = kgiCell(addon, id).getDataValidation()!;
    expect(validation.getAllowInvalid()).toBe(false);
    const [min, max] = validation.getCriteriaValues() as number[];
    expect(max).toBe(rule.max);
    // An exclusive minimum is refused, the next value anyone would type accepted.
    if (rule.minExclusive) expect(min).toBeGreaterThan(rule.min);
    else expect(min).toBe(rule.min);
    expect(min - rule.min).toBeLessThan(1e-6);
  });
});

describe('one bad cell blanks only what depends on it (never 0s, never errors for every KPI)', () => {
  test('a KGI stored as text: the stage KPIs are blank, the KPIs with a hand target keep theirs', () => {
    const addon = built('en');
    const before = values(addon, 'MONTHLY_TARGETS');
    // A script (or a paste of values) bypasses data validation.
    kgiCell(addon, 'typedTarget').setValue('1億5000万');
    const after = values(addon, 'MONTHLY_TARGETS');
    expect(after[1]).toEqual(before[1]); // cost per lead, by hand
    for (const i of [0, 2, 3]) expect(after[i]).toEqual(Array(12).fill(''));
    expect(after.flat().some((v) => v === 0 || (typeof v === 'string' && v.startsWith('#')))).toBe(false);
    expect(readBack(addon, 'en')).toEqual(after);
    kgiCell(addon, 'typedTarget').setValue(10_000_000);
    expect(values(addon, 'MONTHLY_TARGETS')).toEqual(before);
  });

  test.each([
    ['text', 'abc'],
    ['negative', -5],
    ['too large', 2e15],
  ])('a hand target that is %s blanks its own KPI only', (_, bad) => {
    const addon = built('en');
    const before = values(addon, 'MONTHLY_TARGETS');
    const row = named(addon, 'MONTHLY_TARGETS').getRow();
    for (const i of [1, 3]) {
      const sheet = planSheet(addon);
      // KPI 1 is an average KPI with a hand target; KPI 3 a sum KPI on the funnel, given one.
      sheet.getRange(row + i, tables().plan.index('handTarget')).setValue(bad);
      const after = values(addon, 'MONTHLY_TARGETS');
      // A text hand target falls back to the stage (KPI 3); anything else that is not a usable target is blank.
      const expected = i === 3 && typeof bad === 'string' ? before[3] : Array(12).fill('');
      expect(after[i]).toEqual(expected);
      expect(after.filter((_, k) => k !== i && k !== 1)).toEqual(before.filter((_, k) => k !== i && k !== 1));
      expect(readBack(addon, 'en')).toEqual(after);
    }
  });
});

describe('the KGI: last year × (1 + growth) when both are filled, else the typed target', () => {
  test('built with a fixed target, the last year and growth cells still work; the rule is written next to it', () => {
    const addon = built('ja', (p) => {
      p.kgi.baseline = 8_000_000;
    });
    expect(values(addon, 'KGI_TARGET')).toEqual([[10_000_000]]);
    expect(kgiCell(addon, 'growth').getValue()).toBe('');
    expect(planSheet(addon).getRange(kgiRow('kgiTarget'), 3).getValue()).toBe(t('ja', 'sheet.kgiRule'));
    addon.type(a1(addon, kgiRow('growth'), 2), '50%');
    expect(values(addon, 'KGI_TARGET')).toEqual([[12_000_000]]);
    expect(readBack(addon, 'ja')).toEqual(values(addon, 'MONTHLY_TARGETS'));
    kgiCell(addon, 'growth').clearContent();
    expect(values(addon, 'KGI_TARGET')).toEqual([[10_000_000]]);
  });

  test('built from last year and growth, clearing one falls back to the typed target', () => {
    const addon = built('en', (p) => {
      p.kgi = { ...p.kgi, target: undefined, baseline: 8_000_000, growthRate: 0.25 };
    });
    expect(values(addon, 'KGI_TARGET')).toEqual([[10_000_000]]);
    expect(kgiCell(addon, 'typedTarget').getValue()).toBe('');
    addon.type(a1(addon, kgiRow('typedTarget'), 2), 20_000_000);
    expect(values(addon, 'KGI_TARGET')).toEqual([[10_000_000]]);
    kgiCell(addon, 'baseline').clearContent();
    expect(values(addon, 'KGI_TARGET')).toEqual([[20_000_000]]);
    expect(readBack(addon, 'en')).toEqual(values(addon, 'MONTHLY_TARGETS'));
  });

  test('property: the report reads the same KGI as the sheet, for any mix of filled and blank inputs', () => {
    const addon = built('en');
    const amount = fc.option(fc.integer({ min: 1, max: 1e12 }), { nil: undefined });
    const growth = fc.option(
      fc.integer({ min: -9999, max: 100000 }).map((k) => k / 10000),
      { nil: undefined },
    );
    fc.assert(
      fc.property(amount, growth, amount, (baseline, g, typed) => {
        kgiCell(addon, 'baseline').setValue(baseline ?? '');
        kgiCell(addon, 'growth').setValue(g ?? '');
        kgiCell(addon, 'typedTarget').setValue(typed ?? '');
        const kgi = values(addon, 'KGI_TARGET')[0][0];
        const expected =
          baseline !== undefined && g !== undefined ? Math.round(baseline * (1 + g) * 1e6) / 1e6 : (typed ?? '');
        if (expected === '') expect(kgi).toBe('');
        else expect(kgi).toBeCloseTo(expected, 6);
        expect(readBack(addon, 'en')).toEqual(values(addon, 'MONTHLY_TARGETS'));
      }),
      { numRuns: 40 },
    );
  });
});
