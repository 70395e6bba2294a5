import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src-main/log';
import { tempApp } from '../helpers/temp-app';

describe('closing a workspace stops the exception detectors', () => {
  it('a workspace closed within 2 s of opening runs no detector pass afterwards (no "exception detectors failed" on a closed database)', async () => {
    const errors: unknown[][] = [];
    const log: Logger = { info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => void errors.push(a) };
    // The detectors start as in the app: a first pass 2 s after start, then every minute.
    const app = await tempApp({ log, risk: { autostart: true } });
    app.dispose();
    await new Promise((r) => setTimeout(r, 2_500));
    expect(errors).toEqual([]);
  });
});
