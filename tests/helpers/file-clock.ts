import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../../src-main/kernel/clock';

/**
 * A virtual clock kept in a file, so a test process, its simulators and a child process it kills
 * and restarts all read the same time (ManualClock's idea across processes). Sleeping advances it.
 */
export class FileClock implements Clock {
  constructor(private readonly file: string, start?: number) {
    if (start !== undefined) this.set(start);
  }

  now(): number {
    return Number(readFileSync(this.file, 'utf8'));
  }

  set(ms: number): void {
    writeFileSync(`${this.file}.tmp`, String(ms));
    renameSync(`${this.file}.tmp`, this.file);
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  async sleep(ms: number): Promise<void> {
    this.advance(ms);
    await new Promise((r) => setImmediate(r));
  }
}
