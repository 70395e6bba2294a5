import { z } from 'zod';
import { call } from './define';
import { bilingual } from './bilingual';

export const FINANCE_BASES = ['paid', 'completed'] as const;
export type FinanceBasis = (typeof FINANCE_BASES)[number];
export const FINANCE_FORMATS = ['csv', 'xlsx'] as const;
export const CSV_ENCODINGS = ['utf8bom', 'gb18030'] as const;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, bilingual('应为“年-月”，如 2026-10', 'must be YYYY-MM, e.g. 2026-10'));

export const financeExportInput = z.object({
  month,
  basis: z.enum(FINANCE_BASES).default('paid'),
  format: z.enum(FINANCE_FORMATS).default('xlsx'),
  /** CSV only: UTF-8 with BOM opens in current Excel/WPS; GB18030 for older Excel. */
  encoding: z.enum(CSV_ENCODINGS).default('utf8bom'),
  /** The caller's id for this export: its row count is readable with jobs.progress, and jobs.cancel stops it. */
  jobId: z.string().trim().min(8).max(64).optional(),
});
export type FinanceExportInput = z.output<typeof financeExportInput>;

export interface FinanceFile {
  fileName: string;
  contentBase64: string;
  orderCount: number;
  lineCount: number;
  sha256: string;
}

export const financeScheduleInput = z.object({
  enabled: z.boolean(),
  /** A folder path on this PC or a shared drive; the previous month's file is written there. */
  folder: z.string().trim().max(1000),
  /** Day of the month to write last month's file (1–28, so every month has it). */
  dayOfMonth: z.number().int().min(1).max(28),
  hour: z.number().int().min(0).max(23).default(6),
  basis: z.enum(FINANCE_BASES).default('paid'),
  format: z.enum(FINANCE_FORMATS).default('xlsx'),
  encoding: z.enum(CSV_ENCODINGS).default('utf8bom'),
});
export type FinanceSchedule = z.output<typeof financeScheduleInput>;

export interface FinanceScheduleView {
  schedule: FinanceSchedule | null;
  /** When the schedule fires next (UTC ms), null when off. */
  nextRunAt: number | null;
  lastRun: { at: number; month: string; ok: boolean; file: string | null; error: string | null } | null;
}

export const financeCalls = {
  'exports.finance': call<FinanceFile>()({
    input: financeExportInput,
    access: 'finance.export',
    runs: 'job',
    summary: 'Monthly reconciliation by shop (summary, orders, lines) as CSV or XLSX; audited.',
  }),
  'exports.financeSchedule': call<FinanceScheduleView>()({
    input: z.object({}),
    access: 'finance.export',
    summary: 'The monthly export schedule and how its last run went.',
  }),
  'exports.financeScheduleSave': call<FinanceScheduleView>()({
    input: financeScheduleInput,
    access: 'finance.export',
    summary: 'Set the monthly export to a folder (day of month, basis, format); writes last month each time.',
  }),
} as const;
