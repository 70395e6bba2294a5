import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HostProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built headless host (`out/main/host.js`) as `npm run web` would, on a port
 * it picks (or `opts.port`), and waits for its "listening" line. A demo workspace opens at once
 * and fills in behind; unless `fillDemo: false`, this also waits until its orders are all there.
 */
export async function startHost(args: string[] = ['--demo'], opts: { dataDir?: string; env?: Record<string, string>; port?: number; fillDemo?: boolean } = {}): Promise<HostProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'orderhub-e2e-'));
  const child = spawn(process.execPath, [resolve('out/main/host.js'), '--data-dir', dataDir, '--port', String(opts.port ?? 0), ...args], {
    // The demo pictured at 08:00 Beijing whatever the hour CI runs (night orders still waiting for the shift).
    env: { ORDERHUB_DEMO_BEIJING_HOUR: '8', ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start in 90 s:\n${output}`)), 90_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /OrderHub web host listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`host exited with ${code}:\n${output}`)));
  });
  if (args.includes('--demo') && opts.fillDemo !== false) await demoFilled(url);
  return {
    url,
    dataDir,
    child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until a demo workspace's generated orders are all written (setup.status says it is no longer filling). */
export async function demoFilled(url: string, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${url}/api/setup.status`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const body = (await res.json()) as { data?: { seeding: unknown } };
    if (body.data && body.data.seeding === null) return;
    if (Date.now() > end) throw new Error('the demo workspace did not fill in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}
