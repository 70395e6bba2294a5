import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src-shared/contract';

/**
 * The Electron runtime cannot be downloaded here, so the built main bundle is loaded in
 * Node with a stand-in `electron` module that records what the shell asked for.
 */
describe('the Electron shell (built bundle, stand-in electron module)', () => {
  const run = spawnSync(process.execPath, ['tests/e2e/children/electron-smoke.mjs', JSON.stringify(CALL_NAMES)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ORDERHUB_DEMO: '1', ORDERHUB_DEMO_ORDERS: '0' },
  });
  const out = JSON.parse(run.stdout.trim().split('\n').pop() || 'null') as Record<string, any> | null;

  it('starts without errors and opens one window on the packaged renderer', () => {
    expect(run.stderr).not.toMatch(/Error/);
    expect(out).not.toBeNull();
    expect(out!.errors).toEqual([]);
    expect(out!.windowCount).toBe(1);
    expect(out!.url).toMatch(/^file:\/\/.*out\/renderer\/index\.html$/);
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

  it('every contract call is bound to IPC through the one dispatcher', () => {
    expect(out!.ipcChannels).toEqual(['orderhub:call', 'orderhub:pick-folder', 'orderhub:notify']);
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

  it('the preload exposes one small object that only carries contract calls', () => {
    expect(out!.exposedKeys).toEqual(['orderhub']);
    expect(out!.bridgeKeys).toEqual(['transport', 'invoke', 'notify', 'pickFolder']);
    expect(out!.bridgeUnknown).toMatchObject({ error: { code: 'not_found' } });
  });
});
