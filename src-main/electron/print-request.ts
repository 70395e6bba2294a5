/**
 * What the window may ask the main process to print, checked before anything is written or shown:
 * a PDF (its bytes say so, whatever its name), of a sane size, under a plain file name, for a
 * session whose role may print warehouse sheets. Electron-free, so it is unit-tested in Node.
 */
import type { PrintPdfOutcome } from '../../src-shared/client';
import type { Permission } from '../../src-shared/roles';

/** Who may print pick lists and packing slips (the calls that make them need the same). */
export const PRINT_PERMISSION: Permission = 'fulfillment.ship';
/** A 5,000-order pick list is a few MB; far more is not a sheet from us. */
export const MAX_PRINT_BYTES = 64 * 1024 * 1024;

export interface PrintJob {
  fileName: string;
  pdf: Buffer;
  token: string;
}

const refused = (reason: 'invalid' | 'forbidden', message: string): { ok: false; outcome: PrintPdfOutcome } => ({ ok: false, outcome: { printed: false, reason, message } });

export function checkPrintRequest(raw: unknown): { ok: true; job: PrintJob } | { ok: false; outcome: PrintPdfOutcome } {
  const { fileName, contentBase64, token } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof token !== 'string' || !token) return refused('forbidden', '请先登录 / please sign in');
  if (typeof fileName !== 'string' || !/^[^/\\\0]{1,200}\.pdf$/i.test(fileName) || fileName.includes('..')) {
    return refused('invalid', `文件名不对：fileName = ${String(fileName).slice(0, 80)}`);
  }
  if (typeof contentBase64 !== 'string' || contentBase64.length > Math.ceil(MAX_PRINT_BYTES / 3) * 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) {
    return refused('invalid', `不是可打印的文件：${fileName}（内容不是 base64 或太大）`);
  }
  const pdf = Buffer.from(contentBase64, 'base64');
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return refused('invalid', `不是 PDF 文件：${fileName}`);
  return { ok: true, job: { fileName, pdf, token } };
}

/** The core's `auth.me` answer for the request's token: may this session print? */
export function mayPrint(me: unknown): boolean {
  const data = (me as { data?: { permissions?: unknown } } | null)?.data;
  return Array.isArray(data?.permissions) && data.permissions.includes(PRINT_PERMISSION);
}
