import type { FormInstance } from 'antd';
import { CallError } from '../api/client';

/** What to show a person for a failed call: the main process already wrote it in their language. */
export function errorText(e: unknown): string {
  if (e instanceof CallError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** For antd forms: put the message under the field the main process named. */
type FieldData<Values> = Parameters<FormInstance<Values>['setFields']>[0][number];

export function fieldErrors<Values>(e: unknown): FieldData<Values>[] {
  // The field name comes from the contract's schema, which the form mirrors.
  return e instanceof CallError && e.field ? [{ name: e.field as FieldData<Values>['name'], errors: [e.message] }] : [];
}
