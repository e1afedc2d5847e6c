// Issue 12: every read a write batch needs comes before its first write (a read after a write makes
// Apps Script flush its write buffer to the server). Counted by the harness's own call log on the
// real dist/Code.js, for the build, the monthly report and an update in place.
import { loadAddon } from '../../dev/harness';
import type { Plan } from '../../src/core/plan';
import { basicPlan } from './plans';

type Addon = ReturnType<typeof loadAddon>;
const readsAfterFirstWrite = (addon: Addon) => {
  const first = addon.callLog.findIndex((c) => c.kind === 'write');
  return addon.callLog
    .slice(first)
    .filter((c) => c.kind === 'read')
    .map((c) => `${c.object}.${c.method}`);
};

test.each([5, 60])('buildWorkbook with %i KPIs: no read after the first write, formulas only by setFormulas', (n) => {
  const addon = loadAddon();
  const plan = basicPlan('en');
  const template = plan.ksfs[0].kpis[0];
  plan.ksfs[0].kpis = Array.from({ length: n - 3 }, (_, i) => ({ ...template, name: `KPI ${i + 1}` }));
  addon.resetCallLog();
  addon.run('buildWorkbook', plan);
  expect(addon.callLog.some((c) => c.kind === 'write')).toBe(true);
  expect(readsAfterFirstWrite(addon)).toEqual([]);
  expect(addon.flushes).toBe(0);
  expect(addon.callLog.filter((c) => c.formulas).map((c) => `${c.object}.${c.method}`)).toEqual([]);
});

test('the monthly report and updateWorkbook read everything before they write', () => {
  const addon = loadAddon();
  addon.run('buildWorkbook', basicPlan('en'));
  const { months } = addon.run('getReportDefaults') as { months: { key: string }[] };
  addon.resetCallLog();
  addon.run('createMonthlyReport', months[0].key);
  expect(readsAfterFirstWrite(addon)).toEqual([]);
  const plan = addon.run('getPlan') as Plan;
  plan.ksfs[0].kpis[0].name = 'Renamed';
  addon.resetCallLog();
  addon.run('updateWorkbook', plan);
  expect(readsAfterFirstWrite(addon)).toEqual([]);
});

test('a typed KGI actual survives updateWorkbook (its Actuals row is keyed like the KPIs’)', () => {
  const addon = loadAddon();
  addon.run('buildWorkbook', basicPlan('en'));
  const kgiActuals = () => addon.spreadsheet.getRangeByName('KGI_ACTUALS')!;
  const first = kgiActuals();
  addon.type(`'${first.getSheet().getName()}'!${first.getCell(1, 2).getA1Notation()}`, 1_234_567);
  const plan = addon.run('getPlan') as Plan;
  plan.ksfs[0].kpis.push({ name: 'Added KPI', unit: 'leads', target: 120 });
  addon.run('updateWorkbook', plan);
  expect(kgiActuals().getValues()[0].slice(0, 3)).toEqual(['', 1_234_567, '']);
});
