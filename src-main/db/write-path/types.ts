/** The shapes every writer and listener of the write path shares. */

export interface Actor {
  id: string | null;
  name: string | null;
}

/** Who is writing, through which call, and why: every audit record carries this. */
export interface WriteContext {
  actor: Actor;
  call: string;
  reason?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** What one committed transaction changed: ids per synced table, and the orders they belong to. */
export interface Committed {
  ctx: WriteContext;
  entities: ReadonlyMap<string, ReadonlySet<string>>;
  /** Orders changed directly or through a child row (line, address, event, note). */
  orderIds: ReadonlySet<string>;
}

/**
 * The proof that a write of an owned field comes from its owner (orders.status: the state
 * machine). Only the owner asks for it (`claim`); a write of the field without it throws.
 */
export interface FieldKey {
  readonly field: string;
}
