import { uuidv7 } from '../../kernel/ids';
import { machineDefinition, type MachineDefinition, type MachineVersion } from '../../../src-shared/lifecycle';
import type { Sqlite, WriteTx } from '../../db';
import { DEFAULT_MACHINE } from './default-machine';

/**
 * Versions of the state machine: 1 is built in, later ones are rows of lifecycle_machines.
 * A version never changes once saved, so parsed definitions are cached for good.
 */
export class MachineStore {
  private readonly cache = new Map<number, MachineVersion>();
  private readonly latestStmt;
  private readonly byVersion;
  private readonly listStmt;

  constructor(sqlite: Sqlite) {
    this.latestStmt = sqlite.prepare('SELECT max(version) FROM lifecycle_machines').pluck();
    this.byVersion = sqlite.prepare(
      `SELECT version, definition_json AS json, note, saved_at AS savedAt, saved_by_name AS savedBy FROM lifecycle_machines WHERE version = ?`,
    );
    this.listStmt = sqlite.prepare(
      'SELECT version, note, saved_at AS savedAt, saved_by_name AS savedBy FROM lifecycle_machines ORDER BY version DESC LIMIT 200',
    );
    this.cache.set(1, { version: 1, definition: DEFAULT_MACHINE, savedAt: null, savedBy: null, note: null });
  }

  latestVersion(): number {
    return (this.latestStmt.get() as number | null) ?? 1;
  }

  latest(): MachineVersion {
    return this.get(this.latestVersion());
  }

  /** The machine an order entered under; an unknown version (a newer PC synced it first) falls back to the latest known. */
  get(version: number): MachineVersion {
    const hit = this.cache.get(version);
    if (hit) return hit;
    const row = this.byVersion.get(version) as { version: number; json: string; note: string | null; savedAt: number; savedBy: string | null } | undefined;
    if (!row) return this.latest(); // not here (yet): the latest known machine decides
    const mv: MachineVersion = {
      version: row.version, definition: machineDefinition.parse(JSON.parse(row.json)), savedAt: row.savedAt, savedBy: row.savedBy, note: row.note,
    };
    this.cache.set(version, mv);
    return mv;
  }

  /** Every saved version, newest first (the built-in one last). */
  history(): Omit<MachineVersion, 'definition'>[] {
    const rows = this.listStmt.all() as Omit<MachineVersion, 'definition'>[];
    return [...rows, { version: 1, savedAt: null, savedBy: null, note: null }];
  }

  /** Saves a new version (the caller has checked the version the editor started from). */
  save(tx: WriteTx, definition: MachineDefinition, note: string | null, now: number): MachineVersion {
    const version = this.latestVersion() + 1;
    tx.insert('lifecycle_machines', {
      id: uuidv7(), version, definitionJson: JSON.stringify(definition), note, savedAt: now,
      savedById: tx.ctx.actor.id, savedByName: tx.ctx.actor.name,
    });
    return { version, definition, savedAt: now, savedBy: tx.ctx.actor.name, note };
  }
}
