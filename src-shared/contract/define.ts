import type { z } from 'zod';
import type { Permission } from '../roles';

/**
 * Who may make a call:
 * - a Permission: an authenticated session whose role has it;
 * - 'authenticated': any signed-in user (auth.me, auth.logout);
 * - 'public': no session (login, first-run setup, health).
 */
export type Access = Permission | 'authenticated' | 'public';

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  readonly summary: string;
  /** Phantom: carries the output type to the client; never read at run time. */
  readonly output?: O;
}

/** Declares one call: `call<Output>()({ input, access, summary })`. */
export function call<O>() {
  return <I extends z.ZodType>(spec: { input: I; access: Access; summary: string }): CallSpec<I, O> => spec;
}
