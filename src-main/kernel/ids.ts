import { randomFillSync } from 'node:crypto';

/**
 * Row ids: UUIDv7 (RFC 9562) in the layout of the `uuidv7` package, which made every id stored so
 * far — 48 bits of Unix milliseconds, then a 42-bit counter that starts at a random value each
 * millisecond and counts up within it, then 32 random bits. So ids sort by creation time, and
 * within a process by creation order (ties in "oldest first" are broken by id), and an index on
 * them is appended to, not written all over.
 *
 * Written out here because the package builds a UUID object, a byte array and a string of 36
 * one-character pieces per id: ~1.2 KB of garbage each, 12 % of everything an ingested order
 * allocates. This one writes the 36 characters into one reused buffer and reads them out as one
 * string.
 */
export class IdGenerator {
  /** Milliseconds + 1 of the last id (0: none yet), as the package keeps it. */
  private lastMsBiased = 0;
  private counter = 0;
  private readonly random = new Uint32Array(1024);
  private randomAt = this.random.length;
  private readonly text = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    let ms = this.now() + 1;
    if (ms > this.lastMsBiased) {
      this.lastMsBiased = ms;
      this.resetCounter();
    } else if (ms + ROLLBACK_ALLOWANCE_MS >= this.lastMsBiased) {
      // The clock stood still or stepped back a little: go on from the last id, one up.
      this.counter++;
      if (this.counter > MAX_COUNTER) {
        this.lastMsBiased++;
        this.resetCounter();
      }
    } else {
      // The clock went back more than 10 s: start again from it (order is broken, as the package does).
      this.lastMsBiased = ms;
      this.resetCounter();
    }
    ms = this.lastMsBiased - 1;
    const randA = Math.trunc(this.counter / 2 ** 30); // the counter's top 12 bits
    const randBHi = this.counter % 2 ** 30; // its low 30
    const randBLo = this.nextUint32();
    const t = this.text;
    hexByte(t, 0, ms / 2 ** 40);
    hexByte(t, 2, ms / 2 ** 32);
    hexByte(t, 4, ms / 2 ** 24);
    hexByte(t, 6, ms / 2 ** 16);
    hexByte(t, 9, ms / 2 ** 8);
    hexByte(t, 11, ms);
    hexByte(t, 14, 0x70 | (randA >>> 8));
    hexByte(t, 16, randA);
    hexByte(t, 19, 0x80 | (randBHi >>> 24));
    hexByte(t, 21, randBHi >>> 16);
    hexByte(t, 24, randBHi >>> 8);
    hexByte(t, 26, randBHi);
    hexByte(t, 28, randBLo >>> 24);
    hexByte(t, 30, randBLo >>> 16);
    hexByte(t, 32, randBLo >>> 8);
    hexByte(t, 34, randBLo);
    return t.toString('latin1', 0, 36);
  }

  private resetCounter(): void {
    this.counter = this.nextUint32() * 0x400 + (this.nextUint32() & 0x3ff);
  }

  /** Random words drawn 1,024 at a time: one system call per ~300 ids, not one per ~3. */
  private nextUint32(): number {
    if (this.randomAt === this.random.length) {
      randomFillSync(this.random);
      this.randomAt = 0;
    }
    return this.random[this.randomAt++]!;
  }
}

const MAX_COUNTER = 2 ** 42 - 1;
const ROLLBACK_ALLOWANCE_MS = 10_000;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** The low 8 bits of `value` as two hex digits at `at`. */
function hexByte(into: Buffer, at: number, value: number): void {
  const b = value & 0xff;
  into[at] = HEX[b >>> 4]!;
  into[at + 1] = HEX[b & 0xf]!;
}

const ids = new IdGenerator();

/** A new row id (UUIDv7). */
export function uuidv7(): string {
  return ids.next();
}
