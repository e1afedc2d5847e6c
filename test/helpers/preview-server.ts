/** The offline preview (`npm start`) as a child process for the browser tests: started on a free port. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

export interface PreviewServer {
  url: string;
  proc: ChildProcess;
  /** Everything the server printed so far. */
  output: () => string;
}

/** Starts `dev/start.mjs --port 0 …args` and resolves with its address once it prints it (60 s at most). */
export function startPreview(args: string[]): Promise<PreviewServer> {
  const proc = spawn(process.execPath, ['dev/start.mjs', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`preview did not start in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /preview on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1], proc, output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`preview exited with ${code}:\n${out}`));
    });
  });
}
