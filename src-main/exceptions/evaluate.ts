import { SEVERITY_RANK, type Severity } from '../../src-shared/exceptions';
import { factAt, matches, referencedVars } from '../rules/jsonlogic';
import type { DetectorDef } from './detectors';

/** The exception a detector already has open on a subject, as the decision needs it. */
export interface OpenException {
  id: string;
  severity: Severity;
}

export type Decision =
  | { kind: 'none' }
  | { kind: 'open'; severity: Severity; params: Record<string, unknown> }
  | { kind: 'escalate'; severity: Severity; params: Record<string, unknown> }
  | { kind: 'clear'; params: Record<string, unknown> }
  /** The condition cleared after a person closed the last one: the detector may open it again next time. */
  | { kind: 'rearm' };

/**
 * The values a condition read, keyed by the last part of each path ("order.overdueMinutes" →
 * overdueMinutes): stored as the cause's (or the clearance's) parameters and shown in words.
 */
export function why(detector: DetectorDef, facts: object, escalated: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const vars = referencedVars(detector.when);
  if (escalated && detector.escalate) vars.push(...referencedVars(detector.escalate.when));
  vars.push(...(detector.show ?? []));
  for (const path of vars) {
    const key = path.split('.').pop()!;
    if (!(key in out)) out[key] = factAt(facts, path);
  }
  if (escalated) out.escalated = true;
  return out;
}

/**
 * One detector over one subject's facts (with the detector's limits merged in as `limits`):
 * open, escalate, clear or nothing. `silenced`: a person closed the last one while the condition
 * held; it opens again only after the condition has cleared once.
 */
export function decide(detector: DetectorDef, facts: object, open: OpenException | null, silenced: boolean): Decision {
  const holds = matches(detector.when, facts);
  if (!holds) return open ? { kind: 'clear', params: why(detector, facts, false) } : silenced ? { kind: 'rearm' } : { kind: 'none' };
  const high = detector.escalate && matches(detector.escalate.when, facts) ? detector.escalate.severity : null;
  const severity = high && SEVERITY_RANK[high] > SEVERITY_RANK[detector.severity] ? high : detector.severity;
  if (!open) return silenced ? { kind: 'none' } : { kind: 'open', severity, params: why(detector, facts, severity !== detector.severity) };
  if (SEVERITY_RANK[severity] > SEVERITY_RANK[open.severity]) return { kind: 'escalate', severity, params: why(detector, facts, true) };
  return { kind: 'none' };
}
