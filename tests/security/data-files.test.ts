import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startHost, type Host } from './host';

/** Issue #8 item 16: the database, its WAL, logs and secrets are private to the user (POSIX modes). */

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('#8.16 data files are private to the user', () => {
  let host: Host;
  beforeAll(async () => {
    // Started the way a user would, from a shell whose umask lets everybody read new files.
    const before = process.umask(0o022);
    try {
      host = await startHost(['--demo', '50']);
    } finally {
      process.umask(before);
    }
    const token = await login(host, 'owner');
    await call(host, 'auth.login', { username: 'owner', password: 'wrong-password' }); // something in the log
    await call(host, 'users.list', {}, { token });
  });
  afterAll(() => host.dispose());

  it('the data folder and the logs folder are 0700', () => {
    expect(mode(host.dataDir).toString(8)).toBe('700');
    expect(mode(join(host.dataDir, 'logs')).toString(8)).toBe('700');
  });

  it('the database, its WAL and SHM, the keys, the audit checkpoint and the logs are 0600', () => {
    const files = readdirSync(host.dataDir).filter((n) => statSync(join(host.dataDir, n)).isFile());
    for (const name of ['orderhub.db', 'orderhub.db-wal', 'orderhub.db-shm', 'secret.key', 'audit-chain.key', 'orderhub.db.audit-head']) {
      expect(files).toContain(name);
    }
    for (const name of files) expect(`${name} ${mode(join(host.dataDir, name)).toString(8)}`).toBe(`${name} 600`);
    const logs = readdirSync(join(host.dataDir, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    for (const name of logs) expect(`${name} ${mode(join(host.dataDir, 'logs', name)).toString(8)}`).toBe(`${name} 600`);
  });
});
