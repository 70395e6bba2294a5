/** Rows pasted from Excel: "order no. ↹ tracking no. [↹ carrier]" (spaces or commas also separate). */
export interface PastedRow {
  orderNo: string;
  trackingNo: string;
  carrier?: string;
}

export function parseRows(text: string): { rows: PastedRow[]; bad: number[] } {
  const rows: PastedRow[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const cells = line.split(/\t|,|，|\s{2,}| /).map((c) => c.trim()).filter(Boolean);
    if (!cells.length) return;
    // A header row copied with the data ("订单号 物流单号").
    if (i === 0 && /订单|order/i.test(cells[0]!)) return;
    if (cells.length < 2) return void bad.push(i + 1);
    rows.push({ orderNo: cells[0]!, trackingNo: cells[1]!, ...(cells[2] ? { carrier: cells[2] } : {}) });
  });
  return { rows, bad };
}
