/**
 * The preview killed (kill -9) while it saves: the data file is always a whole workbook that the
 * next start loads, and what the killed server left behind is cleaned up. Saves are debounced, so
 * edits made while the server is being killed may be lost, but never the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bigPlan } from '../sheets/plans';

const root = resolve(__dirname, '../..');
jest.setTimeout(180_000);

interface Server {
  url: string;
  proc: ChildProcess;
}

function startServer(args: string[]): Promise<Server> {
  const proc = spawn(process.execPath, ['dev/start.mjs', '--port', '0', '--locale', 'en_US', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((ok, fail) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /preview on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) ok({ url: m[1], proc });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => fail(new Error(`preview exited with ${code}:\n${out}`)));
  });
}

async function call(
  server: Server,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, any> }> {
  const res = await fetch(
    new URL(path, server.url),
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const killed = (proc: ChildProcess) => new Promise((ok) => proc.once('exit', ok));

let dir: string;
let server: Server | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-crash-'));
});
afterAll(() => {
  server?.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('kill -9 at any moment of a save leaves a workbook that loads, and no stray temporary file', async () => {
  const data = join(dir, 'workbook.json');
  server = await startServer(['--fresh', '--data', data]);
  // A workbook big enough that writing it takes a while.
  expect((await call(server, '/api/run', { fn: 'buildWorkbook', args: [bigPlan(20)] })).status).toBe(200);
  const actuals = (await call(server, '/api/workbook')).json.namedRanges.find(
    (n: { name: string }) => n.name === 'ACTUALS',
  ).ref as string;
  const first = actuals.replace(/:.*$/, '').replace(/\$/g, '');
  // The build is saved shortly after it (saves are debounced): wait for the file.
  while (!existsSync(data)) await new Promise((ok) => setTimeout(ok, 50));
  // Milliseconds between the edits and the kill: before, during and after the debounced save.
  const delays = [0, 60, 150, 200, 400, 1100];
  for (const [round, delay] of delays.entries()) {
    const edits = Array.from({ length: 5 }, (_, i) =>
      call(server!, '/api/range', { ref: first, values: [[String(round * 10 + i + 1)]] }),
    );
    await new Promise((ok) => setTimeout(ok, delay));
    server.proc.kill('SIGKILL');
    await killed(server.proc);
    await Promise.allSettled(edits);
    server = await startServer(['--data', data]);
    const wb = (await call(server, '/api/workbook')).json;
    expect(wb.sheets.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(['KPI Tree', 'Plan', 'Actuals', 'Progress']),
    );
    expect(readdirSync(dir).filter((f) => f.includes('.saving-'))).toEqual([]);
  }
  // A clean stop writes everything: the last value is there after a restart.
  expect((await call(server, '/api/range', { ref: first, values: [['4242']] })).status).toBe(200);
  server.proc.kill('SIGTERM');
  await killed(server.proc);
  server = await startServer(['--data', data]);
  expect((await call(server, `/api/range?ref=${encodeURIComponent(first)}`)).json.values).toEqual([[4242]]);
});
