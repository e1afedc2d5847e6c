// The preview server's JSON API, without a browser: the real built add-on (dist/, built by
// `npm test` before jest) on the harness's workbook, over HTTP on a free loopback port.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import { parseArgs, startPreview, type Preview } from '../../dev/preview/server';

const root = resolve(__dirname, '../..');
jest.setTimeout(60_000);

let dir: string;
let logs: string[];
const start = (extra: string[] = []): Promise<Preview> => {
  const opts = parseArgs(['--port', '0', '--data', join(dir, 'workbook.json'), ...extra], {}, root);
  opts.log = (m) => logs.push(m);
  return startPreview(opts);
};

interface Res {
  status: number;
  body: Record<string, any>;
  headers: Record<string, unknown>;
}
function http(
  p: Preview,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Res> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: p.port, method, path, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, any> = {};
          try {
            json = JSON.parse(text);
          } catch {
            json = { text };
          }
          ok({ status: res.statusCode ?? 0, body: json, headers: res.headers });
        });
      },
    );
    req.on('error', fail);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const get = (p: Preview, path: string) => http(p, 'GET', path);
const post = (p: Preview, path: string, body: unknown) => http(p, 'POST', path, JSON.stringify(body));
const run = (p: Preview, fn: string, args: unknown[] = []) => post(p, '/api/run', { fn, args });
const range = (p: Preview, ref: string) => get(p, `/api/range?ref=${encodeURIComponent(ref)}`);

/** A small English plan: ¥10,000,000 at ¥500,000 a deal, leads → meetings → won at 40% and 20%. */
const plan = () => ({
  name: 'Preview plan',
  locale: 'en',
  fiscalYear: { startYear: 2025, startMonth: 4 },
  kgi: { name: 'Revenue', unit: 'currency', currency: 'JPY', target: 10_000_000, unitValue: 500_000 },
  funnel: { stages: [{ name: 'Leads' }, { name: 'Meetings' }, { name: 'Won' }], rates: [0.4, 0.2] },
  ksfs: [
    {
      name: 'More meetings',
      kpis: [
        { name: 'Leads', unit: 'leads', owner: 'Marketing', stage: 0 },
        { name: 'Meetings', unit: 'meetings', owner: 'Sales', stage: 1 },
        { name: 'Won deals', unit: 'deals', owner: 'Sales', stage: 2 },
      ],
    },
  ],
});
const column = (values: unknown[][]) => values.map((row) => row[0]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-preview-'));
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('options', () => {
  test('--port wins over PORT; --data, --fresh; bad values are errors naming them', () => {
    expect(parseArgs([], { PORT: '9123' }, root).port).toBe(9123);
    expect(parseArgs(['--port', '9000'], { PORT: '9123' }, root).port).toBe(9000);
    expect(parseArgs(['--port=0'], {}, root).port).toBe(0);
    const o = parseArgs(['--data', 'x/wb.json', '--fresh'], {}, root);
    expect(o.dataFile).toBe(resolve('x/wb.json'));
    expect(parseArgs(['--data', 'wb.json'], {}, root, '/somewhere').dataFile).toBe('/somewhere/wb.json');
    expect(o.fresh).toBe(true);
    expect(parseArgs([], {}, root)).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataFile: join(root, '.preview', 'workbook.json'),
      fresh: false,
    });
    expect(() => parseArgs(['--port', 'http'], {}, root)).toThrow('--port: expected a port number 0–65535, got "http"');
    expect(() => parseArgs([], { PORT: '70000' }, root)).toThrow('PORT: expected a port number');
    expect(() => parseArgs(['--data'], {}, root)).toThrow('--data needs a value');
    expect(() => parseArgs(['--bogus'], {}, root)).toThrow('unknown option --bogus');
    expect(parseArgs(['--time-zone', 'Europe/Paris'], {}, root).timeZone).toBe('Europe/Paris');
  });

  test.each([
    [{ LANG: 'ja_JP.UTF-8' }, 'ja_JP'],
    [{ LANG: 'en_GB.UTF-8' }, 'en_GB'],
    [{ LANG: 'ja' }, 'ja_JP'],
    [{ LC_ALL: 'ja_JP.eucJP', LANG: 'en_US.UTF-8' }, 'ja_JP'],
    [{ LANG: 'C.UTF-8' }, 'en_US'],
    [{ LANG: 'POSIX' }, 'en_US'],
    [{}, 'en_US'],
  ])('the default locale follows the system (%j → %s); --locale wins', (env, locale) => {
    expect(parseArgs([], env, root).locale).toBe(locale);
    expect(parseArgs(['--locale', 'de_DE'], env, root).locale).toBe('de_DE');
  });
});

describe('the API on the real add-on', () => {
  let p: Preview;
  beforeEach(async () => {
    p = await start(['--fresh']);
  });
  afterEach(() => p.close());

  test('listens on loopback only and serves the page', async () => {
    expect(p.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(p.url).toBe(`http://127.0.0.1:${p.port}/`);
    const page = await get(p, '/');
    expect(page.status).toBe(200);
    expect(page.body.text).toContain('<script src="/preview.js"></script>');
    // no other site may frame it
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await get(p, '/preview.js')).status).toBe(200);
  });

  test('the workbook lists sheets, named ranges and the add-on menu', async () => {
    const wb = await get(p, '/api/workbook');
    expect(wb.status).toBe(200);
    expect(wb.body.sheets.length).toBeGreaterThanOrEqual(1);
    expect(wb.body.sheets[0]).toEqual(
      expect.objectContaining({ name: expect.any(String), rows: expect.any(Number), columns: expect.any(Number) }),
    );
    expect(wb.body.namedRanges).toEqual([]);
    expect(wb.body.menu.items.map((i: { functionName: string } | null) => i?.functionName)).toEqual(
      expect.arrayContaining(['showPlanner', 'showReportDialog', 'reapplyProgressColours', 'showHelp']),
    );
  });

  test('build a plan, read the funnel, edit the KGI and read it recalculated', async () => {
    const built = await run(p, 'buildWorkbook', [plan()]);
    expect(built.status).toBe(200);
    expect(built.body.result.sheets).toEqual(expect.arrayContaining(['KPI Tree', 'Plan', 'Actuals', 'Progress']));
    const funnel = await range(p, 'FUNNEL_TARGETS');
    expect(funnel.status).toBe(200);
    expect(funnel.body.values.flat()).toEqual([250, 100, 20]);
    expect(funnel.body.displayValues.flat()).toEqual(['250', '100', '20']);

    const wb = await get(p, '/api/workbook');
    const names = wb.body.namedRanges.map((n: { name: string }) => n.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'KGI_TARGET',
        'UNIT_VALUE',
        'FUNNEL_RATES',
        'FUNNEL_TARGETS',
        'MONTHLY_TARGETS',
        'ACTUALS',
        'PROGRESS',
      ]),
    );
    const kgi = wb.body.namedRanges.find((n: { name: string }) => n.name === 'KGI_TARGET').ref;

    const typed = await post(p, '/api/range', { ref: kgi, values: [['20,000,000']] });
    expect(typed.status).toBe(200);
    expect(typed.body.values).toEqual([[20_000_000]]);
    expect((await range(p, 'FUNNEL_TARGETS')).body.values.flat()).toEqual([500, 200, 40]);
  });

  test('writes as a person typing: numbers, %, thousands, formulas, quoted text, booleans, blanks', async () => {
    const sheet = (await get(p, '/api/workbook')).body.sheets[0].name as string;
    const ref = `'${sheet.replace(/'/g, "''")}'!A1:F1`;
    const w = await post(p, '/api/range', { ref, values: [['1,234', '10%', '=A1*2', "'=x", 'TRUE', 'リード']] });
    expect(w.status).toBe(200);
    const r = await range(p, ref);
    expect(r.body.values).toEqual([[1234, 0.1, 2468, '=x', true, 'リード']]);
    expect(r.body.formulas).toEqual([['', '', '=A1*2', '', '', '']]);
    expect(r.body.displayValues[0][1]).toBe('10%');
    expect(r.body).toHaveProperty('backgrounds');

    // one cell as the ref: the block is pasted from there; blank clears
    await post(p, '/api/range', { ref: `'${sheet}'!A1`, values: [['5'], ['']] });
    const after = await range(p, `'${sheet}'!A1:C2`);
    expect(after.body.values).toEqual([
      [5, 0.1, 10],
      ['', '', ''],
    ]);
  });

  test('typing is checked by the data validation on Actuals: text and negatives are refused with its message', async () => {
    await run(p, 'buildWorkbook', [plan()]);
    const actuals = (await get(p, '/api/workbook')).body.namedRanges.find((n: { name: string }) => n.name === 'ACTUALS')
      .ref as string;
    const m = /^(.*!)\$?([A-Z]+)\$?(\d+)/.exec(actuals)!;
    const cell = `${m[1]}${m[2]}${m[3]}`;
    for (const bad of ['lots', '-5']) {
      const r = await post(p, '/api/range', { ref: cell, values: [[bad]] });
      expect(r.status).toBe(422);
      expect(r.body.error.length).toBeGreaterThan(10);
    }
    expect((await range(p, cell)).body.values).toEqual([['']]);
    expect((await post(p, '/api/range', { ref: cell, values: [['1,200']] })).body.values).toEqual([[1200]]);
  });

  test('markup typed into a cell is stored and returned as text', async () => {
    const sheet = (await get(p, '/api/workbook')).body.sheets[0].name as string;
    await post(p, '/api/range', { ref: `'${sheet}'!B2`, values: [['<img src=x onerror=alert(1)>']] });
    expect((await range(p, `'${sheet}'!B2`)).body.displayValues).toEqual([['<img src=x onerror=alert(1)>']]);
  });

  test('menu items run; a sidebar comes back with a page that has the google.script shim', async () => {
    const r = await run(p, 'showPlanner');
    expect(r.status).toBe(200);
    expect(r.body.sidebars).toHaveLength(1);
    expect(r.body.sidebars[0]).toEqual(
      expect.objectContaining({ kind: 'sidebar', url: expect.stringMatching(/^\/ui\/\d+$/) }),
    );
    const page = await get(p, r.body.sidebars[0].url);
    expect(page.status).toBe(200);
    expect(page.body.text).toContain('withSuccessHandler');
    expect(page.headers['content-security-policy']).toMatch(/^sandbox allow-scripts/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(page.body.text.indexOf('withSuccessHandler')).toBeLessThan(
      page.body.text.indexOf('</head>') >= 0 ? page.body.text.indexOf('</head>') : Infinity,
    );
  });

  test('menu items that show alerts and toasts work: the alert is answered with OK and reported', async () => {
    const noPlan = await run(p, 'showReportDialog');
    expect(noPlan.status).toBe(200);
    expect(noPlan.body.alerts).toEqual([
      expect.objectContaining({ prompt: expect.stringContaining('Build one first'), answer: 'OK' }),
    ]);
    expect(noPlan.body.dialogs).toEqual([]);
    await run(p, 'buildWorkbook', [plan()]);
    const colours = await run(p, 'reapplyProgressColours');
    expect(colours.status).toBe(200);
    expect(colours.body.toasts).toEqual([expect.objectContaining({ message: expect.stringContaining('Progress') })]);
    const dialog = await run(p, 'showReportDialog');
    expect(dialog.body.dialogs).toEqual([
      expect.objectContaining({ kind: 'dialog', url: expect.stringMatching(/^\/ui\/\d+$/) }),
    ]);
    expect((await get(p, dialog.body.dialogs[0].url)).body.text).toContain('getReportDefaults');
  });

  test('POST /api/sheet makes a sheet active (a tab clicked); an unknown one is a 404', async () => {
    await run(p, 'buildWorkbook', [plan()]);
    const names = (await get(p, '/api/workbook')).body.sheets.map((s: { name: string }) => s.name);
    for (const name of [names[0], names[names.length - 1]]) {
      expect((await post(p, '/api/sheet', { name })).body).toEqual({ activeSheet: name });
      expect((await get(p, '/api/workbook')).body.activeSheet).toBe(name);
    }
    expect((await post(p, '/api/sheet', { name: 'No such sheet' })).status).toBe(404);
    expect((await post(p, '/api/sheet', { name: 3 })).status).toBe(400);
  });

  test('SPARKLINE cells come with the numbers they draw and their chart type', async () => {
    await post(p, '/api/range', {
      ref: 'Sheet1!A1',
      values: [
        ['3', '1', 'x', '4'],
        ['=SPARKLINE(A1:D1)', '=SPARKLINE(A1:D1, {"charttype","column";"color","red"})', '=SPARKLINE({1,2,3})', ''],
      ],
    });
    const sheet = (await get(p, '/api/sheet?name=Sheet1')).body;
    expect(sheet.sparklines).toEqual([
      { row: 2, column: 1, type: 'line', values: [3, 1, 4] },
      { row: 2, column: 2, type: 'column', values: [3, 1, 4], color: 'red' },
      { row: 2, column: 3, type: 'line', values: [1, 2, 3] },
    ]);
  });

  test('a monthly report through the API; its sheet and chart come back from /api/sheet', async () => {
    await run(p, 'buildWorkbook', [plan()]);
    const actuals = (await get(p, '/api/workbook')).body.namedRanges.find((n: { name: string }) => n.name === 'ACTUALS')
      .ref as string;
    const first = /^(.*!)\$?([A-Z]+)\$?(\d+)/.exec(actuals)!;
    expect(
      (await post(p, '/api/range', { ref: `${first[1]}${first[2]}${first[3]}`, values: [['30'], ['5'], ['']] })).status,
    ).toBe(200);
    const r = await run(p, 'createMonthlyReport', ['2025-04']);
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ sheet: 'Report 2025-04' });
    const sheet = await get(p, `/api/sheet?name=${encodeURIComponent('Report 2025-04')}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.displayValues.flat()).toEqual(expect.arrayContaining(['Leads', 'Meetings', 'Won deals']));
    // The KGI by month (target and actual), then the KPIs' month achievement against the two thresholds.
    expect(sheet.body.charts).toHaveLength(2);
    expect(sheet.body.charts[0]).toMatchObject({ type: 'column', title: 'KGI by month: target vs actual' });
    expect(sheet.body.charts[0].labels).toHaveLength(12);
    expect(sheet.body.charts[0].series.map((s: { name: string }) => s.name)).toEqual(['KGI target', 'KGI actual']);
    expect(sheet.body.charts[1]).toMatchObject({
      type: 'combo',
      labels: expect.arrayContaining(['Leads', 'Meetings', 'Won deals']),
    });
    expect(sheet.body.charts[1].series.map((s: { name: string }) => s.name)).toEqual([
      'Achievement',
      'At risk from',
      'On track from',
    ]);
    expect((await run(p, 'createMonthlyReport', ['1999-01'])).status).toBe(422);
    expect((await get(p, '/api/sheet?name=Nope')).status).toBe(404);
  });

  test('an error thrown by the add-on is a 422 with its message', async () => {
    const bad = plan();
    bad.funnel.rates = [1.4, 0.2];
    const r = await run(p, 'buildWorkbook', [bad]);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatch(/1\.4/);
    expect((await get(p, '/api/workbook')).body.namedRanges).toEqual([]);
  });

  test.each([
    'eval',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'KPI_TARGET',
    'SpreadsheetApp',
    '__kpi',
    'require',
    'process',
  ])('fn %j is not callable (403)', async (fn) => {
    const r = await run(p, fn);
    expect(r.status).toBe(403);
    expect(r.body.error).toContain(`${fn} is not a function the add-on exposes`);
  });

  test('malformed requests get a 4xx with a message, and the server keeps running', async () => {
    const cases: [Promise<Res>, number, string][] = [
      [http(p, 'POST', '/api/run', '{"fn": '), 400, 'malformed JSON'],
      [http(p, 'POST', '/api/run', ''), 400, 'empty'],
      [http(p, 'POST', '/api/run', '[1,2]'), 400, 'must be a JSON object'],
      [post(p, '/api/run', { fn: 42 }), 400, '"fn" must be the name'],
      [post(p, '/api/run', { fn: 'a.b' }), 400, '"fn" must be the name'],
      [post(p, '/api/run', { fn: 'showHelp', args: 'x' }), 400, '"args" must be an array'],
      [post(p, '/api/run', { fn: 'showHelp', answers: [{ text: 'x' }] }), 400, '"answers" must be an array'],
      [range(p, 'Nope!A1'), 404, 'unknown range'],
      [range(p, 'NO_SUCH_NAME'), 404, 'unknown range'],
      [get(p, '/api/range'), 400, '"ref" must be'],
      [post(p, '/api/range', { ref: 'A1', values: 'x' }), 400, '"values" must be a non-empty 2D array'],
      [post(p, '/api/range', { ref: 'A1:B1', values: [['1']] }), 400, 'is 1 × 1 but'],
      [post(p, '/api/range', { ref: 'A1', values: [[{}]] }), 400, '"values[0][0]"'],
      [post(p, '/api/range', { ref: 'Sheet1!Z1000', values: [[1, 2]] }), 400, 'does not fit'],
      [get(p, '/api/run'), 405, 'use POST'],
      [http(p, 'PUT', '/api/run', '{}'), 405, 'not allowed'],
      [http(p, 'DELETE', '/'), 405, 'not allowed'],
      [get(p, '/api/nothing'), 404, 'no API'],
      [get(p, '/../package.json'), 404, 'not found'],
      [get(p, '/%2e%2e/package.json'), 404, 'not found'],
      [get(p, '/dev/preview/server.ts'), 404, 'not found'],
      [get(p, '/ui/999'), 404, 'no sidebar or dialog'],
      [http(p, 'POST', '/api/run', '{"fn":"showHelp"}', { Origin: 'http://evil.example' }), 403, 'not allowed'],
      [http(p, 'GET', '/api/workbook', undefined, { Host: 'evil.example:80' }), 403, 'is not this preview'],
    ];
    for (const [res, status, message] of cases) {
      const r = await res;
      expect([r.status, r.body.error]).toEqual([status, expect.stringContaining(message)]);
    }
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const tooBig = await http(p, 'POST', '/api/run', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toContain('too large');
    expect((await get(p, '/api/workbook')).status).toBe(200);
  });
});

describe('the data file', () => {
  test('every change is saved; a restart finds the data', async () => {
    let p = await start(['--fresh']);
    expect((await run(p, 'buildWorkbook', [plan()])).status).toBe(200);
    const kgi = (await get(p, '/api/workbook')).body.namedRanges.find(
      (n: { name: string }) => n.name === 'KGI_TARGET',
    ).ref;
    await post(p, '/api/range', { ref: kgi, values: [['12,000,000']] });
    await p.close();
    expect(existsSync(join(dir, 'workbook.json'))).toBe(true);

    p = await start();
    try {
      expect((await range(p, 'KGI_TARGET')).body.values).toEqual([[12_000_000]]);
      expect((await range(p, 'FUNNEL_TARGETS')).body.values.flat()).toEqual([300, 120, 24]);
      expect((await get(p, '/api/workbook')).body.sheets.map((s: { name: string }) => s.name)).toEqual(
        expect.arrayContaining(['KPI Tree', 'Plan', 'Actuals', 'Progress']),
      );
    } finally {
      await p.close();
    }
  });

  test('--fresh starts empty and keeps the previous workbook aside', async () => {
    let p = await start(['--fresh']);
    await run(p, 'buildWorkbook', [plan()]);
    await p.close();
    const saved = readFileSync(join(dir, 'workbook.json'), 'utf8');
    p = await start(['--fresh']);
    try {
      expect((await get(p, '/api/workbook')).body.sheets.map((s: { name: string }) => s.name)).toEqual(['Sheet1']);
      const previous = readdirSync(dir).filter((f) => f.startsWith('workbook.json.previous-'));
      expect(previous).toHaveLength(1);
      expect(readFileSync(join(dir, previous[0]), 'utf8')).toBe(saved);
    } finally {
      await p.close();
    }
  });

  test.each([
    ['not JSON', '{"sheets": [ this is not json', 'is not a workbook saved by the preview (not JSON'],
    ['empty', '', 'is not a workbook saved by the preview (not JSON'],
    [
      'JSON but not a workbook (package.json)',
      '{"name": "kpi-planner", "version": "0.1.0"}',
      'is not a workbook saved by the preview (expected JSON',
    ],
    ['another version', '{"version": 2, "sheets": []}', 'is not a workbook saved by the preview (expected JSON'],
    [
      'a workbook with a broken sheet',
      '{"version": 1, "sheets": [{"name": 42, "cells": "x"}]}',
      'could not be loaded: workbook: sheets[0] has no name',
    ],
  ])(
    '--data naming a file that is %s is refused with a message, the file untouched',
    async (_what, content, message) => {
      const file = join(dir, 'workbook.json');
      writeFileSync(file, content);
      // --fresh keeps a real workbook aside (even a broken one), but never moves anything else.
      const modes = message.includes('could not be loaded') ? [[]] : [[], ['--fresh']];
      for (const extra of modes) {
        await expect(start(extra)).rejects.toThrow(`--data ${file} ${message}`);
        await expect(start(extra)).rejects.toThrow('Nothing was changed');
        expect(readdirSync(dir)).toEqual(['workbook.json']);
        expect(readFileSync(file, 'utf8')).toBe(content);
      }
    },
  );

  test('--data naming a directory is refused, the directory untouched', async () => {
    const inner = join(dir, 'inner');
    mkdirSync(inner);
    writeFileSync(join(inner, 'keep.txt'), 'mine');
    const opts = parseArgs(['--port', '0', '--data', inner], {}, root);
    await expect(startPreview({ ...opts, log: () => {} })).rejects.toThrow(
      `--data ${inner} is a directory, not a workbook file`,
    );
    await expect(startPreview({ ...opts, fresh: true, log: () => {} })).rejects.toThrow('is a directory');
    expect(readdirSync(dir)).toEqual(['inner']);
    expect(readdirSync(inner)).toEqual(['keep.txt']);
  });

  test('the command line: a refused --data exits 2 with the message and no stack', () => {
    const out = spawnSync(process.execPath, ['dev/start.mjs', '--port', '0', '--data', 'package.json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`--data ${join(root, 'package.json')} is not a workbook saved by the preview`);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'package.json'))).toBe(true);
  });
});
