import type { TempApp } from './temp-app';

/**
 * Simulators and fakes live on 127.0.0.1, not on the platforms' official hosts: the owner
 * turns on custom endpoints for the workspace first, as a merchant testing against a sandbox would.
 */
export async function allowCustomEndpoints(app: TempApp, ownerToken?: string): Promise<void> {
  await app.call('workspace.setCustomEndpoints', { enabled: true }, ownerToken ?? (await app.login('owner')));
}
