import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src-shared/contract';

/**
 * The Electron runtime cannot be downloaded here, so the built main bundle is loaded in
 * Node with a stand-in `electron` module that records what the shell asked for; its
 * utilityProcess.fork starts the built core entry in a real child process.
 */
describe('the Electron shell (built bundle, stand-in electron module)', () => {
  const run = spawnSync(process.execPath, ['tests/e2e/children/electron-smoke.mjs', JSON.stringify(CALL_NAMES)], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, ORDERHUB_DEMO: '1', ORDERHUB_DEMO_ORDERS: '200' },
  });
  const out = JSON.parse(run.stdout.trim().split('\n').pop() || 'null') as Record<string, any> | null;

  it('starts without errors and opens one window on the packaged renderer, with the core in its own process', () => {
    expect(run.stderr).not.toMatch(/Error/);
    expect(out).not.toBeNull();
    expect(out!.errors).toEqual([]);
    expect(out!.windowCount).toBe(1);
    expect(out!.url).toMatch(/^file:\/\/.*out\/renderer\/index\.html$/);
    expect(out!.utility[0]).toMatchObject({ modulePath: expect.stringMatching(/out\/main\/core\.js$/), serviceName: 'OrderHub core' });
    console.log('electron shell (stand-in):', JSON.stringify({ timings: out!.timings, memory: out!.memory, eventBefore: out!.eventBefore, eventAfter: out!.eventAfter }));
  });

  it('the window runs isolated, sandboxed, without Node', () => {
    expect(out!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(out!.webPreferences.preload).toMatch(/out\/preload\/index\.cjs$/);
  });

  it('every response carries the strict CSP', () => {
    expect(out!.csp).toContain("default-src 'self'");
    expect(out!.csp).toContain("script-src 'self'");
    expect(out!.csp).toContain("img-src 'self' data:");
    expect(out!.csp).not.toContain('unsafe-eval');
  });

  it('navigation away, window.open and permission prompts are denied', () => {
    expect(out!.navPrevented).toBe(true);
    expect(out!.ownNavPrevented).toBe(false);
    expect(out!.openResult).toEqual({ action: 'deny' });
    expect(out!.permissionGranted).toBe(false);
  });

  it('every contract call is relayed over IPC to the core\'s one dispatcher', () => {
    expect(out!.ipcChannels).toEqual(['orderhub:call', 'orderhub:pick-folder', 'orderhub:notify', 'orderhub:print-pdf']);
    expect(out!.ipcListeners).toEqual(['orderhub:listen']);
    // Desktop notifications are shown by the main process, for our window only.
    expect(out!.notified).toEqual([true, false]);
    expect(out!.notifications).toEqual([{ title: '已付款超时未发货 · 123', body: '超过承诺时效 2 小时', silent: false }]);
    for (const name of CALL_NAMES) {
      const r = out!.calls[name];
      // Reached the dispatcher: refused for lack of a session or input, or answered — never "no such call".
      expect(r, name).toBeTruthy();
      if ('error' in r) expect(r.error.code, name).not.toBe('not_found');
    }
    expect(out!.calls['setup.status'].data).toMatchObject({ demo: true });
    expect(out!.unknownCall.error.code).toBe('not_found');
  });

  it('IPC from anything but our window is refused', () => {
    expect(out!.stranger).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('a folder source\'s folder comes from the system folder picker, over our window only', () => {
    expect(out!.picked).toBe('/srv/shared/orders');
    expect(out!.pickedByStranger).toBeNull();
    expect(out!.folderDialogs).toHaveLength(1);
    expect(out!.folderDialogs[0]).toMatchObject({ owner: 1, options: { properties: ['openDirectory', 'createDirectory'] } });
  });

  it('a PDF the window received is printed by the main process: a hidden sandboxed window and the OS print dialog, for a session that may print', () => {
    const p = out!.printing;
    expect(p.viaBridge).toEqual({ printed: true });
    expect(p.prints).toHaveLength(1);
    expect(p.prints[0]).toMatchObject({ options: { silent: false }, head: '%PDF-', url: expect.stringMatching(/^file:.*\.pdf$/), fileLeft: false });
    expect(p.prints[0].windowOptions).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(p.stranger).toMatchObject({ printed: false, reason: 'forbidden' });
    expect(p.notPdf).toMatchObject({ printed: false, reason: 'invalid' });
    expect(p.finance).toMatchObject({ printed: false, reason: 'forbidden' });
    expect(p.windowsLeft).toBe(0);
  });

  it('the preload exposes one small object that only carries contract calls and events', () => {
    expect(out!.exposedKeys).toEqual(['orderhub']);
    expect(out!.bridgeKeys).toEqual(['transport', 'invoke', 'on', 'notify', 'pickFolder', 'printPdf']);
    expect(out!.bridgeUnknown).toMatchObject({ error: { code: 'not_found' } });
    expect(out!.unknownEventIgnored).toBe(true);
  });

  it('a committed change reaches the window as a pushed event', () => {
    expect(out!.demoFilled).toBe(true);
    expect(out!.eventBefore).toMatchObject({ ok: true, heard: true });
  });

  it('a crashed core is reported to the window, restarted, and calls and events work again', () => {
    expect(out!.reconnecting).toBe(true);
    expect(out!.reconnected).toBe(true);
    expect(out!.restartedPid).toBe(true);
    // A call made while it restarts waits for the new core (or says it is restarting), never hangs or blanks.
    expect(out!.duringRestart.data ?? out!.duringRestart.error).toBeTruthy();
    if (out!.duringRestart.error) expect(out!.duringRestart.error.code).toBe('unavailable');
    expect(out!.eventAfter).toMatchObject({ ok: true, heard: true });
    expect(out!.meAfter).toBe('owner'); // the session survived: it lives in the workspace, not in the process
  });
});
