import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ChainHead } from './audit-chain';

/** What the checkpoint file beside the database says about the chain. */
export interface Checkpoint {
  v: 1;
  /** The chain's last record at the time of writing. */
  seq: number;
  hash: string;
  /** The first keyed record: every record from here on must carry a keyed hash. */
  keyedFrom: number;
  at: number;
  /** HMAC of the fields above with the chain key. */
  mac: string;
}

export type CheckpointRead = { state: 'missing' } | { state: 'unreadable'; why: string } | { state: 'forged' } | { state: 'ok'; checkpoint: Checkpoint };

function mac(key: Buffer, c: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', key).update(`orderhub-audit-checkpoint|${c.v}|${c.seq}|${c.hash}|${c.keyedFrom}|${c.at}`).digest('hex');
}

/**
 * The chain head, signed with the chain key, in a file beside the database (written after
 * every commit that added records; replaced atomically by rename). Someone holding only the
 * database can cut records off its end and rewrite the head kept in `meta`, but cannot make
 * this file agree: it lives outside the database and its MAC needs the key.
 */
export class CheckpointFile {
  constructor(
    readonly path: string,
    private readonly key: Buffer,
  ) {}

  write(head: ChainHead, keyedFrom: number): void {
    const body: Omit<Checkpoint, 'mac'> = { v: 1, seq: head.seq, hash: head.hash, keyedFrom, at: Date.now() };
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ ...body, mac: mac(this.key, body) })}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  read(): CheckpointRead {
    if (!existsSync(this.path)) return { state: 'missing' };
    let c: Checkpoint;
    try {
      c = JSON.parse(readFileSync(this.path, 'utf8')) as Checkpoint;
    } catch (e) {
      return { state: 'unreadable', why: (e as Error).message };
    }
    if (c.v !== 1 || typeof c.mac !== 'string' || !Number.isInteger(c.seq) || !Number.isInteger(c.keyedFrom)) return { state: 'unreadable', why: 'unknown format' };
    const { mac: given, ...body } = c;
    const expected = Buffer.from(mac(this.key, body), 'hex');
    const actual = Buffer.from(given, 'hex');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { state: 'forged' };
    return { state: 'ok', checkpoint: c };
  }
}
