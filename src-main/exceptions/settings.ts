import type { ConfirmRole, DetectorCode, Severity } from '../../src-shared/exceptions';
import type { Role } from '../../src-shared/roles';
import type { Sqlite, WriteTx } from '../db';
import { DETECTORS, type DetectorDef } from './detectors';

/** A detector as this workspace runs it: the built-in definition with the workspace's changes. */
export interface DetectorConfig extends DetectorDef {
  enabled: boolean;
  ownerUserId: string | null;
  ownerName: string | null;
}

export interface DetectorChange {
  enabled?: boolean;
  severity?: Severity | null;
  ownerRole?: Role | null;
  ownerUserId?: string | null;
  confirmations?: ConfirmRole[] | null;
  targetMinutes?: number | null;
  limits?: Record<string, number> | null;
}

interface SettingsRow {
  detector: DetectorCode;
  enabled: number;
  severity: Severity | null;
  ownerRole: Role | null;
  ownerUserId: string | null;
  ownerName: string | null;
  confirmations: string | null;
  targetMinutes: number | null;
  thresholds: string | null;
}

/** The detectors with the workspace's settings (synced table `detector_settings`), read fresh each pass. */
export class DetectorSettings {
  private readonly rows;
  private readonly one;

  constructor(sqlite: Sqlite) {
    this.rows = sqlite.prepare(
      `SELECT s.detector, s.enabled, s.severity, s.owner_role AS ownerRole, s.owner_user_id AS ownerUserId, u.display_name AS ownerName,
         s.confirmations_json AS confirmations, s.target_minutes AS targetMinutes, s.thresholds_json AS thresholds
       FROM detector_settings s LEFT JOIN users u ON u.id = s.owner_user_id`,
    );
    this.one = sqlite.prepare('SELECT 1 FROM detector_settings WHERE detector = ?').pluck();
  }

  all(): DetectorConfig[] {
    const saved = new Map((this.rows.all() as SettingsRow[]).map((r) => [r.detector, r]));
    return DETECTORS.map((d) => merge(d, saved.get(d.code)));
  }

  save(tx: WriteTx, code: DetectorCode, change: DetectorChange, now: number): void {
    const row: Record<string, unknown> = { updatedAt: now };
    if (change.enabled !== undefined) row.enabled = change.enabled;
    if (change.severity !== undefined) row.severity = change.severity;
    if (change.ownerRole !== undefined) row.ownerRole = change.ownerRole;
    if (change.ownerUserId !== undefined) row.ownerUserId = change.ownerUserId;
    if (change.confirmations !== undefined) row.confirmationsJson = change.confirmations === null ? null : JSON.stringify(change.confirmations);
    if (change.targetMinutes !== undefined) row.targetMinutes = change.targetMinutes;
    if (change.limits !== undefined) row.thresholdsJson = change.limits === null ? null : JSON.stringify(change.limits);
    if (this.one.get(code)) tx.update('detector_settings', code, row);
    else tx.insert('detector_settings', { detector: code, enabled: true, ...row });
  }
}

function merge(d: DetectorDef, s: SettingsRow | undefined): DetectorConfig {
  if (!s) return { ...d, enabled: true, ownerUserId: null, ownerName: null };
  const limits = s.thresholds ? { ...d.limits, ...(JSON.parse(s.thresholds) as Record<string, number>) } : d.limits;
  return {
    ...d,
    enabled: s.enabled === 1,
    severity: s.severity ?? d.severity,
    owner: s.ownerRole ?? d.owner,
    ownerUserId: s.ownerUserId,
    ownerName: s.ownerUserId ? s.ownerName : null,
    confirmations: s.confirmations ? (JSON.parse(s.confirmations) as ConfirmRole[]) : d.confirmations,
    targetMinutes: s.targetMinutes ?? d.targetMinutes,
    limits,
  };
}
