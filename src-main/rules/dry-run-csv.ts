import type { DryRunSampleRow } from '../../src-shared/contract/rules';
import { describeFacts, describeReason, urgencyWord } from '../../src-shared/rules-words';
import type { Cell, TabularColumn } from '../exports/writers';
import type { Locale } from '../kernel/i18n';

/** The dry run's CSV: one row per replayed order, in the reader's language. */
export function csvColumns(locale: Locale): TabularColumn[] {
  const zh = locale !== 'en';
  return [
    { header: zh ? '订单号' : 'Order no.', kind: 'id' },
    { header: zh ? '付款时间' : 'Paid at', kind: 'datetime' },
    { header: zh ? '触发的规则' : 'Rules fired' },
    { header: zh ? '依据' : 'Why' },
    { header: zh ? '加标签' : 'Tags added' },
    { header: zh ? '紧急度' : 'Urgency' },
    { header: zh ? '指派给' : 'Assigned to' },
    { header: zh ? '挂起' : 'Holds' },
    { header: zh ? '发货仓' : 'Ships from' },
    { header: zh ? '发货日' : 'Ship day' },
  ];
}

export function csvCells(s: DryRunSampleRow, locale: Locale, warehouseNames: Map<string, string>): Cell[] {
  const lang = locale === 'en' ? 'en' : 'zh';
  const sep = lang === 'zh' ? '；' : '; ';
  return [
    s.platformOrderId,
    s.paidAt,
    s.fired.map((f) => f.name).join(sep),
    s.fired.map((f) => describeFacts(f.facts, lang)).filter(Boolean).join(sep),
    s.addTags.join(sep),
    s.urgency ? urgencyWord(s.urgency, lang) : '',
    s.assignTo ?? '',
    s.holds.map((h) => describeReason(h, lang, (id) => warehouseNames.get(id) ?? id)).join(sep),
    s.warehouses.map((w) => w.warehouseName).join(sep),
    s.warehouses.map((w) => w.shipDay).join(sep),
  ];
}
