// The build's service calls, counted and ordered on a wrapped SpreadsheetApp (as the outside
// checks count them): every read before the first write, formulas only through setFormulas,
// plain cells keep the Automatic number format, and a fixed number of calls for 5 or 60 KPIs.
import { loadAddon } from '../../dev/harness';
import { bigPlan, basicPlan } from './plans';

type Addon = ReturnType<typeof loadAddon>;
interface Call {
  method: string;
  args: unknown[];
}

const WRITE = /^(set|insert|delete|remove|hide|show|clear|merge|move|add|append|copy|sort|protect)/;
const READ = /^(get|is|has)/;
/** Calls that only name a range or give an object back, reading nothing of the document. */
// getSheetId: the id a Sheet object was created with (insertSheet's answer), not a read of the document.
const REFERENCE = new Set(['getRange', 'getActiveSpreadsheet', 'getSheetId']);

/**
 * Replaces the script's SpreadsheetApp by a proxy that logs every call on it and on every object
 * it hands out. Builders (new…) are local objects, not document calls, and are not logged.
 */
function instrument(addon: Addon): Call[] {
  const log: Call[] = [];
  const targets = new WeakMap<object, object>();
  const unwrap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(unwrap);
    return (typeof v === 'object' && v !== null && targets.get(v)) || v;
  };
  const wrap = (obj: unknown, local: boolean): unknown => {
    if (Array.isArray(obj)) return obj.map((x) => wrap(x, local));
    if (typeof obj !== 'object' || obj === null) return obj;
    const proxy = new Proxy(obj, {
      get(target, key) {
        const v = Reflect.get(target, key, target);
        if (typeof v !== 'function' || typeof key !== 'string') return v;
        return (...args: unknown[]) => {
          const builder = local || key.startsWith('new');
          if (!builder) log.push({ method: key, args });
          return wrap(v.apply(target, args.map(unwrap)), builder);
        };
      },
    });
    targets.set(proxy, obj);
    return proxy;
  };
  const g = addon.global as unknown as Record<string, unknown>;
  g.SpreadsheetApp = wrap(g.SpreadsheetApp, false);
  return log;
}

function buildLogged(n: number) {
  const addon = loadAddon();
  const log = instrument(addon);
  addon.run('buildWorkbook', bigPlan(n));
  return { addon, log };
}

describe('buildWorkbook on a wrapped SpreadsheetApp', () => {
  const five = buildLogged(5);
  const sixty = buildLogged(60);

  test('zero reads after the first write', () => {
    for (const { log } of [five, sixty]) {
      const first = log.findIndex((c) => WRITE.test(c.method));
      expect(first).toBeGreaterThan(0);
      const late = log
        .slice(first)
        .filter((c) => READ.test(c.method) && !REFERENCE.has(c.method))
        .map((c) => c.method);
      expect(late).toEqual([]);
    }
  });

  test('formulas only through setFormulas; setValues carries no formula', () => {
    const { log } = sixty;
    const values = log
      .filter((c) => c.method === 'setValues' || c.method === 'setValue')
      .flatMap((c) => [c.args[0]].flat(2));
    expect(values.length).toBeGreaterThan(1000);
    expect(values.filter((v) => typeof v === 'string' && v.startsWith('='))).toEqual([]);
    const formulas = log
      .filter((c) => c.method === 'setFormulas')
      .flatMap((c) => (c.args[0] as string[][]).flat())
      .filter(Boolean);
    expect(formulas.every((f) => f.startsWith('='))).toBe(true);
    // Every formula cell of the workbook came that way.
    const inSheets = sixty.addon.spreadsheet
      .getSheets()
      .flatMap((s) => s.getDataRange().getFormulas().flat().filter(Boolean));
    expect(formulas.length).toBe(inSheets.length);
  });

  test('the same calls, in the same order, for 5 and 60 KPIs', () => {
    expect(sixty.log.map((c) => c.method)).toEqual(five.log.map((c) => c.method));
    const counts = (log: Call[]) => ({
      reads: log.filter((c) => READ.test(c.method) && !REFERENCE.has(c.method)).length,
      writes: log.filter((c) => WRITE.test(c.method)).length,
    });
    expect(counts(five.log)).toEqual(counts(sixty.log));
    // A fixed number: about 160 (Plan's hidden months are two formula rectangles, Plan is wider than 26 columns).
    expect(counts(five.log).writes).toBeLessThan(165);
  });

  test('plain cells keep the Automatic number format: no format is written for them', () => {
    const formats = five.log.filter((c) => c.method.startsWith('setNumberFormat')).flatMap((c) => [c.args[0]].flat(2));
    expect(formats.length).toBeGreaterThan(0);
    expect(formats).not.toContain('0.###############');
    expect(formats.every((f) => typeof f === 'string' && f !== '')).toBe(true);
    // A label cell reads back as Automatic.
    const plan = five.addon.spreadsheet.getSheetByName('Plan')!;
    expect(plan.getRange('A5').getNumberFormat()).toBe(plan.getRange('Z900').getNumberFormat());
  });

  test('chart options and data are set with documented keys (no dotted keys)', () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    const log = instrument(addon);
    addon.run('createMonthlyReport', '2026-03');
    const charts = addon.spreadsheet.getSheetByName('Report 2026-03')!.getCharts();
    expect(charts).toHaveLength(2);
    expect(charts[0].getOptions().get('vAxis')).toEqual({ format: 'short' });
    const options = charts[1].getOptions();
    expect(options.get('vAxis')).toEqual({ format: 'percent' });
    expect(options.get('legend')).toEqual({ position: 'bottom' });
    expect(options.get('series')).toEqual({ 1: { type: 'line' }, 2: { type: 'line' } });
    expect(log.some((c) => c.method === 'insertChart')).toBe(true);
  });
});

describe('createMonthlyReport on a wrapped SpreadsheetApp', () => {
  test('zero reads after the first write, first run and rerun alike', () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    const log = instrument(addon);
    for (const run of ['first', 'rerun']) {
      log.length = 0;
      expect((addon.run('createMonthlyReport', '2026-03') as { replaced: boolean }).replaced).toBe(run === 'rerun');
      const first = log.findIndex((c) => WRITE.test(c.method));
      expect(
        log
          .slice(first)
          .filter((c) => READ.test(c.method) && !REFERENCE.has(c.method))
          .map((c) => c.method),
      ).toEqual([]);
    }
  });
});

describe('Sheets limits and the document lock', () => {
  test('a text longer than a cell holds is refused before anything is written, naming the limit', () => {
    const addon = loadAddon();
    const log = instrument(addon);
    const plan = basicPlan('en');
    plan.ksfs[0].kpis[0].name = 'x'.repeat(50_001);
    let message = '';
    try {
      addon.run('buildWorkbook', plan);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/50,000/);
    expect(log.filter((c) => WRITE.test(c.method))).toEqual([]);
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  });

  test('no document lock (getDocumentLock() is null): a clear error, nothing written', () => {
    const addon = loadAddon();
    const lockService = (addon.global as unknown as { LockService: { getDocumentLock: () => unknown } }).LockService;
    lockService.getDocumentLock = () => null;
    expect(() => addon.run('buildWorkbook', basicPlan('en'))).toThrow(
      /could not be locked for writing \(no document lock\)/,
    );
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  });
});
