/**
 * Where a pick list's PDF is drawn. The writer moves the orders and records the list; drawing
 * thousands of orders takes seconds of CPU, so with job workers (the core) it runs on one of them —
 * that worker reads the committed orders from its own connection and renders — and the writer's
 * loop stays free for other writes meanwhile. Without job workers (a single-process app, tests)
 * it renders here. Either way the same function draws the same sheet.
 */
import type { JobHost } from '../../kernel/jobs';
import type { PickLists } from './pick-list';
import { renderPickList, type PickSheetHead } from './pick-pdf';

/** Plain data: it crosses to a job worker. */
export interface PickPdfParams {
  warehouseId: string;
  orderIds: string[];
  head: PickSheetHead;
}

/** The job kind's name (`src-main/jobs.ts`). */
export const PICK_PDF_JOB = 'pickListPdf';

/** Reads the list's orders, lines and bins and draws the PDF; answers base64 (plain data for the trip back). */
export async function renderPickHere(picks: PickLists, p: PickPdfParams): Promise<string> {
  const pdf = await renderPickList(picks.model(p.warehouseId, p.orderIds), p.head);
  return pdf.toString('base64');
}

export type PickRenderer = (p: PickPdfParams) => Promise<string>;

export function pickRenderer(picks: PickLists, jobs: JobHost | undefined): PickRenderer {
  if (!jobs) return (p) => renderPickHere(picks, p);
  return async (p) => {
    const out = await jobs.run(PICK_PDF_JOB, p);
    if (typeof out !== 'string') throw new Error(`${PICK_PDF_JOB} answered ${typeof out}, not a PDF`);
    return out;
  };
}
