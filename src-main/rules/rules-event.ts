import { uuidv7 } from '../kernel/ids';
import type { StageDecision } from '../../src-shared/rules';

/** The `rules_applied` timeline event of one stage: the rule version, what fired and why, what it did. */
export function rulesEvent(orderId: string, d: StageDecision, extra: Record<string, unknown>, at: number): Record<string, unknown> {
  return {
    id: uuidv7(), orderId, at, type: 'rules_applied', actorId: null, actorName: 'rules',
    fromStatus: null, toStatus: null,
    detailJson: JSON.stringify({
      stage: d.stage, version: d.version,
      fired: d.fired.map((f) => ({ ruleId: f.ruleId, name: f.name, facts: f.facts })),
      addTags: d.addTags, urgency: d.urgency, assignTo: d.assignTo?.userName ?? null, ...extra,
    }),
  };
}
