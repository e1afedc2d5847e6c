// Channels and budget on the workbook (issue 17), through the named ranges of a built plan:
// exact channel × month volumes, budgets, CPA and allowable CPA against hand-computed values, the
// health-check warning, native budget formulas, the reader of the inputs, and a fixed number of calls.
import fc from 'fast-check';
import { loadAddon } from '../../dev/harness';
import { channelVolumes } from '../../src/core/channels';
import { splitTotal } from '../../src/core/monthly';
import type { Channel, Plan } from '../../src/core/plan';
import { normalizePlan } from '../../src/core/validate';
import {
  channelBlockRow, channelRows, channelSection, readChannels, readChannelsFrom, SUMMARY_ROWS, withChannelInputs,
} from '../../src/sheets/channels';
import { planRows } from '../../src/sheets/workbook';
import { basicPlan, bigPlan } from './plans';

type Addon = ReturnType<typeof loadAddon>;
const named = (addon: Addon, name: string) => addon.spreadsheet.getRangeByName(name);
const values = (addon: Addon, name: string) => named(addon, name)!.getValues() as number[][];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** basicPlan (250 leads → 100 meetings → 20 won, 500,000 a deal) with leads split over three channels. */
function channelPlan(lang: 'ja' | 'en' = 'ja', channels?: Channel[]): Plan {
  const p = basicPlan(lang);
  p.kgi.grossMargin = 0.5;
  p.kgi.acquisitionShare = 0.2;
  p.seasonality = [3, 1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 5];
  p.funnel.channels = channels ?? [
    { name: 'Web', share: 0.6, costPerUnit: 5000 },
    { name: 'Events', volume: 50, costPerUnit: 20000 },
    { name: 'Ads', share: 0.4, costPerUnit: 0 },
  ];
  return p;
}

function built(plan: Plan): Addon {
  const addon = loadAddon();
  addon.run('buildWorkbook', plan);
  return addon;
}

describe('the Plan sheet\'s channel block', () => {
  const addon = built(channelPlan('ja'));
  const plan = addon.spreadsheet.getSheetByName('計画')!;

  test('channel volumes: every month sums to the stage\'s monthly target, every channel to its annual volume', () => {
    const table = values(addon, 'CHANNEL_TARGETS');
    expect(table).toHaveLength(3);
    // The Leads KPI (stage 0) is the stage's monthly targets, as KPI_MONTHLY computed them on the sheet.
    const leads = values(addon, 'MONTHLY_TARGETS')[0];
    for (let m = 0; m < 12; m++) expect(sum(table.map((row) => row[m]))).toBe(leads[m]);
    // 250 leads: Events 50 fixed; Web 60% and Ads 40% of the other 200.
    expect(table.map(sum)).toEqual([120, 50, 80]);
    const first = named(addon, 'CHANNEL_TARGETS')!.getRow();
    const annual = plan.getRange(first, 5, 3, 1).getValues().flat();
    expect(annual).toEqual([120, 50, 80]);
    // Each cell within one of its exact share of the month.
    table.forEach((row, i) => row.forEach((v, m) => expect(Math.abs(v - (leads[m] * [120, 50, 80][i]) / 250)).toBeLessThan(1)));
  });

  test('budgets, BUDGET_TOTAL, CPA and ALLOWABLE_CPA against hand-computed values', () => {
    const budget = values(addon, 'CHANNEL_BUDGET');
    const volumes = values(addon, 'CHANNEL_TARGETS');
    expect(budget).toEqual(volumes.map((row, i) => row.map((v) => v * [5000, 20000, 0][i])));
    expect(budget.map(sum)).toEqual([600_000, 1_000_000, 0]);
    // 120 × ¥5,000 + 50 × ¥20,000 = ¥1,600,000; 20 wins: CPA ¥80,000; ¥500,000 × 50% × 20% = ¥50,000.
    expect(named(addon, 'BUDGET_TOTAL')!.getValue()).toBe(1_600_000);
    expect(named(addon, 'ALLOWABLE_CPA')!.getValue()).toBe(50_000);
    const row = channelBlockRow(named(addon, 'CHANNEL_TARGETS')!.getRow());
    const R = channelRows(3);
    const summary = plan.getRange(row + R.firstSummary, 2, SUMMARY_ROWS.length, 1).getValues().flat();
    const at = (id: (typeof SUMMARY_ROWS)[number]) => summary[SUMMARY_ROWS.indexOf(id)];
    expect(at('wins')).toBe(20);
    expect(at('cpa')).toBe(80_000);
    expect(at('returnOnBudget')).toBeCloseTo(10_000_000 / 1_600_000, 12);
    expect(String(at('cpaCheck'))).toContain('許容CPAを超えています');
    expect(named(addon, 'BUDGET_TOTAL')!.getNumberFormat()).toBe('"¥"#,##0');
  });

  test('a cost edit recomputes the budget at once (native formulas)', () => {
    const a = built(channelPlan('en'));
    const first = named(a, 'CHANNEL_TARGETS')!.getRow();
    const sheet = a.spreadsheet.getSheetByName('Plan')!;
    a.resetCustomFunctionCalls();
    sheet.getRange(first + 2, 4).setValue(1000); // Ads: 80 leads × 1,000
    expect(named(a, 'BUDGET_TOTAL')!.getValue()).toBe(1_680_000);
    expect(a.customFunctionCalls).toBe(0);
  });

  test('a plan whose CPA exceeds the allowable CPA is built with the warning', () => {
    const a = loadAddon();
    const result = a.run('buildWorkbook', channelPlan('en')) as { warnings: string[] };
    expect(result.warnings.some((w) => /CPA.*\$80,000\.00 is above the allowable CPA of \$50,000\.00/.test(w))).toBe(true);
  });

  test('cents: USD costs keep their cents, the CPA rounds up to the cent', () => {
    const p = channelPlan('en', [{ name: 'Web', share: 0.7, costPerUnit: 12.35 }, { name: 'Ads', share: 0.3, costPerUnit: 40.1 }]);
    p.kgi.target = 1_000_000;
    p.kgi.unitValue = 333; // 3004 wins → 7510 meetings → 18775 leads
    delete p.kgi.grossMargin;
    p.kgi.acquisitionShare = 0.15;
    const a = built(p);
    const stage = normalizePlan(p);
    const leads = values(a, 'FUNNEL_TARGETS').flat()[0];
    const wins = values(a, 'FUNNEL_TARGETS').flat()[2];
    const [web, ads] = channelVolumes(stage.funnel.channels!, leads);
    expect(values(a, 'CHANNEL_TARGETS').map(sum)).toEqual([web, ads]);
    const totalCents = web * 1235 + ads * 4010;
    expect(named(a, 'BUDGET_TOTAL')!.getValue()).toBe(totalCents / 100);
    const cpa = a.spreadsheet.getSheetByName('Plan')!
      .getRange(channelBlockRow(named(a, 'CHANNEL_TARGETS')!.getRow()) + channelRows(2).summary('cpa'), 2).getValue();
    expect(cpa).toBe(Math.ceil(totalCents / wins) / 100);
    // $333 × 15% = $49.95.
    expect(named(a, 'ALLOWABLE_CPA')!.getValue()).toBe(49.95);
    expect(named(a, 'BUDGET_TOTAL')!.getNumberFormat()).toBe('"$"#,##0.00');
  });

  test('a count KGI: the budget and CPA without a return on budget; an allowable CPA only from a deal size', () => {
    const p = channelPlan('en');
    p.kgi = { name: 'Deals won', unit: 'count', target: 20 };
    const a = built(p);
    expect(named(a, 'BUDGET_TOTAL')!.getValue()).toBe(1_600_000);
    expect(named(a, 'ALLOWABLE_CPA')!.getValue()).toBe('');
    const block = channelBlockRow(named(a, 'CHANNEL_TARGETS')!.getRow());
    const cell = (id: (typeof SUMMARY_ROWS)[number]) =>
      a.spreadsheet.getSheetByName('Plan')!.getRange(block + channelRows(3).summary(id), 2).getValue();
    expect(cell('cpa')).toBe(80_000);
    expect(cell('returnOnBudget')).toBe('');
    expect(cell('cpaCheck')).toBe('');
    // A deal size on a count KGI still gives the allowable CPA (as the health check computes it).
    p.kgi = { ...p.kgi, unitValue: 300_000, grossMargin: 0.5, acquisitionShare: 0.2 };
    const b = built(p);
    expect(named(b, 'ALLOWABLE_CPA')!.getValue()).toBe(30_000);
  });

  test('a plan without channels has no channel ranges; a second build suffixes them', () => {
    const a = built(basicPlan('en'));
    for (const n of ['CHANNEL_TARGETS', 'CHANNEL_BUDGET', 'BUDGET_TOTAL', 'ALLOWABLE_CPA']) expect(named(a, n)).toBeNull();
    a.run('buildWorkbook', channelPlan('en'));
    expect(named(a, 'PROGRESS_2')).not.toBeNull();
    expect(named(a, 'CHANNEL_TARGETS_2')!.getValues()).toHaveLength(3);
    expect(named(a, 'CHANNEL_TARGETS')).toBeNull();
  });

  test('readChannels gives the channel inputs back from the block (values and formulas)', () => {
    const range = named(addon, 'CHANNEL_TARGETS')!;
    const row = channelBlockRow(range.getRow());
    const R = channelRows(range.getNumRows());
    const box = plan.getRange(row, 1, R.height, 4);
    const read = readChannels(box.getValues(), box.getFormulas(), range.getNumRows(), planRows(3).firstStage);
    const p = channelPlan('ja');
    expect(read).toEqual({ channels: p.funnel.channels, channelStage: 0, grossMargin: 0.5, acquisitionShare: 0.2 });
  });
});

describe('channels read back from the workbook (for getPlan / updateWorkbook)', () => {
  test('found by name after rows are inserted above, with the user\'s edits; the plan rebuilds the same block', () => {
    const addon = built(channelPlan('en'));
    const ss = addon.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const sheet = addon.spreadsheet.getSheetByName('Plan')!;
    sheet.insertRowsBefore(3, 2);
    const first = named(addon, 'CHANNEL_TARGETS')!.getRow();
    sheet.getRange(first + 1, 4).setValue(25_000); // Events' cost
    sheet.getRange(channelBlockRow(first) + channelRows(3).summary('acquisitionShare'), 2).setValue(0.3);
    const read = readChannelsFrom(ss)!;
    expect(read.channels[1]).toEqual({ name: 'Events', volume: 50, costPerUnit: 25_000 });
    expect(read).toMatchObject({ channelStage: 0, grossMargin: 0.5, acquisitionShare: 0.3 });
    expect(readChannelsFrom(ss, '_2')).toBeUndefined();
    // The plan with what was read builds the budget the sheet shows: 600,000 + 50 × 25,000.
    const again = withChannelInputs(basicPlan('en'), read);
    const budget = channelSection(normalizePlan({ ...again, seasonality: channelPlan('en').seasonality }), {
      lang: 'en', row: 1, monthCol: 10, months: Array(12).fill(''), rn: (n) => n, firstStageRow: 18, stageCol: 1,
    })!.budget;
    expect(budget.budget).toBe(named(addon, 'BUDGET_TOTAL')!.getValue());
    expect(budget.budget).toBe(1_850_000);
    expect(budget.channels.map((c) => c.monthly)).toEqual(values(addon, 'CHANNEL_TARGETS'));
  });
});

describe('channel tracking on Actuals and Progress', () => {
  test('typed channel actuals give the achievement per channel; spend vs budget when spend is typed', () => {
    const addon = built(channelPlan('en'));
    const actuals = addon.spreadsheet.getSheetByName('Actuals')!;
    const progress = addon.spreadsheet.getSheetByName('Progress')!;
    const targets = values(addon, 'CHANNEL_TARGETS');
    const budgets = values(addon, 'CHANNEL_BUDGET');
    // The channel rows sit under the KPI table: 4 KPIs from row 4, a blank row, title, hint, header.
    const firstVolume = 4 + 4 + 1 + 3;
    const firstSpend = firstVolume + 3;
    addon.resetCustomFunctionCalls();
    actuals.getRange(firstVolume, 5, 1, 2).setValues([[targets[0][0], targets[0][1] / 2]]);
    actuals.getRange(firstSpend, 5).setValue(budgets[0][0] * 1.1);
    expect(addon.customFunctionCalls).toBe(0);
    const firstProgress = 6 + 4 + 1 + 2;
    const web = progress.getRange(firstProgress, 1, 1, 18).getValues()[0];
    expect(web[0]).toBe('Web');
    expect(web[3]).toBe(1);
    expect(web[4]).toBeCloseTo(0.5, 12);
    expect(web[5]).toBe('');
    // Year to date over the months with an actual.
    expect(web[15]).toBe(targets[0][0] + targets[0][1]);
    expect(web[16]).toBe(targets[0][0] + targets[0][1] / 2);
    const spendRow = progress.getRange(firstProgress + 3 + 3, 1, 1, 18).getValues()[0];
    expect(spendRow[3]).toBeCloseTo(1.1, 12);
    expect(spendRow[4]).toBe('');
    expect(spendRow[15]).toBe(budgets[0][0]);
    expect(spendRow[17]).toBeCloseTo(1.1, 12);
    // Coloured by the same thresholds as the KPIs: 100% green, 50% red.
    expect(addon.view(`'Progress'!D${firstProgress}:E${firstProgress}`).backgrounds).toEqual([['#b7e1cd', '#f4c7c3']]);
  });
});

describe('channel volumes are exact for any plan (fast-check over the block spec)', () => {
  test('rows sum to the channel volumes, columns to the stage\'s monthly targets, cells within one', () => {
    let checked = 0;
    const channel = fc.record({
      fixed: fc.boolean(), share: fc.integer({ min: 0, max: 1000 }), volume: fc.integer({ min: 0, max: 50 }),
      cost: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(fc.property(
      fc.array(channel, { minLength: 1, maxLength: 30 }),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 12, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
      fc.integer({ min: 1, max: 1e9 }),
      (raw, seasonality, target) => {
        const p = basicPlan('ja');
        p.kgi.target = target * 1000;
        p.kgi.unitValue = 1000;
        p.seasonality = seasonality;
        // Fixed volumes small enough to fit; the last channel always takes a share of the rest.
        const channels: Channel[] = raw.map((c, i) => (c.fixed && i < raw.length - 1
          ? { name: `C${i}`, volume: Math.min(c.volume, Math.floor(target / raw.length)), costPerUnit: c.cost }
          : { name: `C${i}`, share: c.share + 1, costPerUnit: c.cost }));
        const shares = channels.filter((c) => c.share !== undefined);
        const total = sum(shares.map((c) => c.share!));
        let left = 1;
        shares.forEach((c, k) => {
          c.share = k === shares.length - 1 ? Number(left.toFixed(6)) : Number((c.share! / total).toFixed(6));
          left -= c.share;
        });
        if (shares.some((c) => c.share! < 0)) return;
        p.funnel.channels = channels;
        let plan;
        try {
          plan = normalizePlan(p);
        } catch {
          return; // refused (e.g. shares rounding past the tolerance): validation's job, tested elsewhere
        }
        checked++;
        const section = channelSection(plan, {
          lang: 'ja', row: 40, monthCol: 10, months: Array(12).fill('m'), rn: (n) => n, firstStageRow: 18, stageCol: 1,
        })!;
        const { budget } = section;
        const stage = splitTotal(budget.channels.reduce((a, c) => a + c.volume, 0), seasonality);
        for (let m = 0; m < 12; m++) expect(sum(budget.channels.map((c) => c.monthly[m]))).toBe(stage[m]);
        for (const c of budget.channels) {
          expect(sum(c.monthly)).toBe(c.volume);
          c.monthly.forEach((v, m) => expect(Math.abs(v - (stage[m] * c.volume) / sum(stage))).toBeLessThan(1));
        }
      },
    ), { numRuns: 150 });
    // Most generated plans are valid ones (the property is not vacuous).
    expect(checked).toBeGreaterThan(100);
  });
});

describe('write calls stay fixed', () => {
  /** Counts the calls on SpreadsheetApp's objects (as test/sheets/calls.test.ts, by method name). */
  function calls(plan: Plan): string[] {
    const addon = loadAddon();
    const log: string[] = [];
    const raw = new WeakMap<object, object>();
    const unwrap = (a: unknown): unknown => (Array.isArray(a) ? a.map(unwrap) : (a && typeof a === 'object' && raw.get(a)) || a);
    const wrap = (obj: unknown, local: boolean): unknown => {
      if (Array.isArray(obj)) return obj.map((x) => wrap(x, local));
      if (typeof obj !== 'object' || obj === null) return obj;
      const proxy = new Proxy(obj, {
        get(target, key) {
          const v = Reflect.get(target, key, target);
          if (typeof v !== 'function' || typeof key !== 'string') return v;
          return (...args: unknown[]) => {
            // Builders (new…) are local objects, not document calls.
            const builder = local || key.startsWith('new');
            if (!builder) log.push(key);
            return wrap(v.apply(target, args.map(unwrap)), builder);
          };
        },
      });
      raw.set(proxy, obj);
      return proxy;
    };
    const g = addon.global as unknown as Record<string, unknown>;
    g.SpreadsheetApp = wrap(g.SpreadsheetApp, false);
    addon.run('buildWorkbook', plan);
    return log;
  }
  const withChannels = (p: Plan, n: number): Plan => {
    p.funnel.channels = Array.from({ length: n }, (_, i) => ({ name: `Channel ${i + 1}`, share: i ? 0.5 / (n - 1) : 0.5, costPerUnit: 100 + i }));
    return p;
  };

  test('2 and 12 channels: the same calls in the same order', () => {
    expect(calls(withChannels(basicPlan('en'), 12))).toEqual(calls(withChannels(basicPlan('en'), 2)));
  });

  test('with channels: no read after the first write', () => {
    const log = calls(withChannels(basicPlan('en'), 5));
    const first = log.findIndex((m) => /^(set|insert|delete|remove|hide|add)/.test(m));
    expect(first).toBeGreaterThan(0);
    expect(log.slice(first).filter((m) => /^(get|is|has)/.test(m) && m !== 'getRange' && m !== 'getActiveSpreadsheet')).toEqual([]);
  });

  test('5 and 60 KPIs with channels: the same calls in the same order', () => {
    expect(calls(withChannels(bigPlan(60), 4))).toEqual(calls(withChannels(bigPlan(5), 4)));
  });
});

describe('the named ranges equal src/core for plans not seen before (fast-check through the harness)', () => {
  test('CHANNEL_TARGETS, CHANNEL_BUDGET, BUDGET_TOTAL, ALLOWABLE_CPA and the CPA, in yen and in cents', () => {
    const money = (currency: 'JPY' | 'USD' | 'EUR') => (currency === 'JPY'
      ? fc.integer({ min: 0, max: 2_000_000 })
      : fc.integer({ min: 0, max: 2_000_000 }).map((cents) => cents / 100));
    const fraction = fc.integer({ min: 1, max: 1000 }).map((x) => x / 1000);
    fc.assert(fc.property(
      fc.constantFrom('JPY' as const, 'USD' as const, 'EUR' as const),
      fc.integer({ min: 0, max: 2 }),
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }),
      fc.option(fraction, { nil: undefined }),
      fc.option(fraction, { nil: undefined }),
      fc.integer({ min: 1_000, max: 10_000_000 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
      fc.integer({ min: 0, max: 1e6 }),
      (currency, stage, weights, grossMargin, acquisitionShare, unitValue, seasonality, seed) => {
        const p = basicPlan('en');
        p.kgi = { ...p.kgi, currency, target: unitValue * 97, unitValue, grossMargin, acquisitionShare };
        if (grossMargin === undefined) delete p.kgi.grossMargin;
        if (acquisitionShare === undefined) delete p.kgi.acquisitionShare;
        p.seasonality = seasonality;
        const total = sum(weights);
        let left = 1000;
        const costs = fc.sample(money(currency), { numRuns: weights.length, seed });
        p.funnel.channels = weights.map((w, i) => {
          const share = i === weights.length - 1 ? left : Math.round((w * 1000) / total);
          left -= share;
          return { name: `Channel ${i + 1}`, share: share / 1000, costPerUnit: costs[i] };
        });
        if (left < 0 || p.funnel.channels.some((c) => c.share! < 0)) return;
        p.funnel.channelStage = stage;
        const normal = normalizePlan(p);
        const expected = channelSection(normal, {
          lang: 'en', row: 1, monthCol: 10, months: Array(12).fill(''), rn: (n) => n, firstStageRow: 18, stageCol: 1,
        })!.budget;
        const addon = built(p);
        expect(values(addon, 'CHANNEL_TARGETS')).toEqual(expected.channels.map((c) => c.monthly));
        // Every month: the channels make the stage's monthly target as the sheet's own KPI on that stage has it.
        const stageKpi = values(addon, 'MONTHLY_TARGETS')[[0, 2, 3][stage]];
        const table = values(addon, 'CHANNEL_TARGETS');
        expect(stageKpi.map((_, m) => sum(table.map((r) => r[m])))).toEqual(stageKpi);
        expect(values(addon, 'CHANNEL_BUDGET')).toEqual(expected.channels.map((c) => c.monthlyBudget));
        expect(named(addon, 'BUDGET_TOTAL')!.getValue()).toBe(expected.budget);
        expect(named(addon, 'ALLOWABLE_CPA')!.getValue()).toBe(expected.allowableCpa);
        const row = channelBlockRow(named(addon, 'CHANNEL_TARGETS')!.getRow()) + channelRows(weights.length).summary('cpa');
        expect(addon.spreadsheet.getSheetByName('Plan')!.getRange(row, 2).getValue()).toBe(expected.cpa);
      },
    ), { numRuns: 20 });
  });
});
