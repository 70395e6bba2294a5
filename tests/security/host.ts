import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The real headless host (`src-main/host/cli.ts`, as `npm run web` runs it, from the sources
 * through tsx so no build is needed) in its own process on 127.0.0.1:0 with its own data folder.
 * The security suite replays each probe against it over real HTTP.
 */
export interface Host {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  /** Stops the host and removes its data folder. */
  dispose(): Promise<void>;
}

export async function startHost(args: string[] = ['--demo', '0'], opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Host> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'orderhub-sec-'));
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('src-main/host/cli.ts'), '--data-dir', dataDir, '--port', '0', ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`host did not start in 90 s:\n${out}`)), 90_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /OrderHub web host listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`host exited with ${code}:\n${out}`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    dataDir,
    child,
    output: () => out,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The same host (openApp + startHttpHost, wired as cli.ts wires them) inside the test process:
 * real HTTP on 127.0.0.1, a real SQLite file, the real dispatcher, started and stopped in well
 * under a second. For probes that restart the host many times; those that measure the host's
 * own process (memory, timing, file modes) use `startHost`.
 */
export async function startInProcessHost(args: string[] = ['--demo', '0'], opts: { dataDir?: string; ownerPassword?: string } = {}): Promise<Host> {
  const { openApp } = await import('../../src-main/app');
  const { startHttpHost } = await import('../../src-main/host/http-server');
  const { parseHostArgs } = await import('../../src-main/host/args');
  const { createLogger } = await import('../../src-main/log');
  const a = parseHostArgs(args);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'orderhub-sec-'));
  const app = await openApp({ dataDir, demo: a.demo, demoOrders: a.demoOrders, ownerPassword: opts.ownerPassword, log: createLogger(dataDir, { console: false }) });
  const http = await startHttpHost({ api: app.api, version: 'test', rendererDir: join(dataDir, 'no-renderer'), port: 0, allowedHosts: a.allowedHosts });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await http.close();
    app.close();
  };
  return {
    url: http.url,
    port: Number(new URL(http.url).port),
    pid: process.pid,
    dataDir,
    child: process as unknown as ChildProcess,
    output: () => '',
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  text: string;
  // eslint-style "any": replies are inspected field by field in the tests
  json: any;
  ms: number;
}

/** Many sockets at once: 400 concurrent requests really are concurrent. */
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * One raw HTTP request, with full control over what a browser or an attacker would send:
 * any Host, Origin or Content-Type, a raw body, and the local address the request comes from
 * (127.0.0.2 is another "source" on the same loopback).
 */
export function send(
  host: Host,
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | Buffer; from?: string; token?: string } = {},
): Promise<Reply> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: o.method ?? 'GET', headers, agent, ...(o.from ? { localAddress: o.from } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON (a page): the test looks at text
          }
          ok({ status: res.statusCode ?? 0, text, json, ms: performance.now() - started });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
}

/** A JSON call as the renderer makes it (POST, application/json), optionally from another source address. */
export function call(host: Host, name: string, input: unknown, o: { token?: string; from?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return send(host, `/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...o.headers },
    body: typeof input === 'string' ? input : JSON.stringify(input),
    ...(o.token ? { token: o.token } : {}),
    ...(o.from ? { from: o.from } : {}),
  });
}

export async function login(host: Host, username: string, password = 'orderhub-demo', from?: string): Promise<string> {
  const r = await call(host, 'auth.login', { username, password }, from ? { from } : {});
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.text}`);
  return r.json.data.token as string;
}

/** Resident memory of a process now and at its peak (Linux /proc), in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Bytes straight onto a socket, for requests no well-behaved client would send; resolves with the reply's status line and body. */
export function rawRequest(host: Host, head: string, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const socket = connect(host.port, '127.0.0.1');
    let data = '';
    socket.on('data', (b) => (data += b.toString('utf8')));
    socket.on('error', fail);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      ok({ status, text: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(`${head.replace(/\n/g, '\r\n')}\r\n\r\n${body}`);
    setTimeout(() => socket.end(), 3000);
  });
}
