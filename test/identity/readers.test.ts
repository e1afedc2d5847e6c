// The readers by identity: listPlans, getPlan without a plan, a legacy workbook, the colours only on
// the add-on's own Progress sheets, the plan's language for the add-on's words.
import { loadAddon } from '../../dev/harness';
import { basicPlan } from '../sheets/plans';
import { sheetOf } from './helpers';

describe('readers by identity', () => {
  test('no plan: getPlan is null, listPlans is empty', () => {
    const addon = loadAddon();
    expect(addon.run('getPlan')).toBeNull();
    expect(addon.run('listPlans')).toEqual([]);
    expect(() => addon.run('getPlan', 'abc')).toThrow(/getPlan: there is no plan with id "abc"/);
  });

  test('listPlans: build order, names, languages and each plan’s sheets (reports included)', () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    addon.run('createMonthlyReport', '2026-02');
    addon.run('buildWorkbook', basicPlan('ja'));
    expect(addon.run('listPlans')).toEqual([
      {
        id: expect.any(String),
        name: 'FY2026 plan',
        lang: 'en',
        sheets: ['KPI Tree', 'Plan', 'Actuals', 'Progress', 'Report 2026-02'],
      },
      { id: expect.any(String), name: '2026年度 計画', lang: 'ja', sheets: ['KPIツリー', '計画', '実績', '進捗'] },
    ]);
  });

  test('a workbook of the previous version (a note on Plan!A1) is refused with what to do', () => {
    const addon = loadAddon();
    const plan = addon.spreadsheet.insertSheet('Plan');
    plan.getRange('A1').setNote('KPI Planner {"lang":"en","name":"Old","startYear":2026,"startMonth":1}');
    addon.spreadsheet.setNamedRange('MONTHLY_TARGETS', plan.getRange('J25:U28'));
    expect(() => addon.run('getPlan')).toThrow(/earlier version of KPI Planner.*Build it again/);
    expect(() => addon.run('createMonthlyReport', '2026-02')).toThrow(/earlier version/);
  });

  test('reapplyProgressColours leaves a user’s sheet with ranges named PROGRESS and THRESHOLD_* alone', () => {
    const addon = loadAddon();
    const mine = addon.spreadsheet.getSheets()[0];
    addon.spreadsheet.setNamedRange('PROGRESS', mine.getRange('B2:M5'));
    addon.spreadsheet.setNamedRange('THRESHOLD_WARN', mine.getRange('A1'));
    addon.spreadsheet.setNamedRange('THRESHOLD_OK', mine.getRange('A2'));
    const before = addon.saveWorkbook().sheets[0];
    expect(() => addon.run('reapplyProgressColours')).toThrow(/No KPI plan found/);
    addon.run('buildWorkbook', basicPlan('en')); // its ranges get the _2 suffix
    expect(addon.run('reapplyProgressColours')).toEqual({ sheets: ['Progress'] });
    expect(addon.saveWorkbook().sheets[0]).toEqual(before);
    expect(sheetOf(addon, 'progress').getConditionalFormatRules().length).toBe(15); // KPIs, YTD, status, quarters, halves: 3 colours each
  });

  test('updateWorkbook writes only under the document lock', () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    const plan = addon.run('getPlan') as { ksfs: { kpis: { name: string }[] }[] };
    plan.ksfs[0].kpis[0].name = 'Leads (all)';
    addon.lock.history.length = 0;
    addon.run('updateWorkbook', plan);
    expect(addon.lock.unlockedWrites).toEqual([]);
    expect(addon.lock.history).toEqual(['acquire', 'release']);
    expect((addon.run('getPlan') as typeof plan).ksfs[0].kpis[0].name).toBe('Leads (all)');
  });
});
