import { CHANNEL_KIND_LABELS, type ChannelKind } from '../../src-shared/orders';
import type { Sqlite } from '../db';
import { BUILTIN_TEMPLATES } from '../imports/builtin-templates';
import { say, type Locale } from '../kernel/i18n';

/**
 * Where an order's data came from, in words: `poll:taobao` and `demo:taobao` → 淘宝/天猫接口,
 * `file:builtin:taobao-orders` → 文件导入：淘宝/天猫 订单报表, a saved template by its name.
 * The stored source stays the code (it keys raw payloads); only what people read changes.
 */
export class SourceWords {
  private readonly template;

  constructor(sqlite: Sqlite) {
    this.template = sqlite.prepare('SELECT name FROM import_templates WHERE id = ?').pluck();
  }

  text(source: string | null | undefined, locale: Locale): string {
    if (!source) return '';
    const [head, ...rest] = source.split(':');
    const tail = rest.join(':');
    const kind = CHANNEL_KIND_LABELS[tail as ChannelKind];
    // A store's tills have no API: their orders come as the store's data.
    if ((head === 'poll' || head === 'demo') && tail === 'pos') return say(locale, '线下门店数据', 'Store data');
    if ((head === 'poll' || head === 'demo') && kind) return say(locale, `${kind.zh}接口`, `${kind.en} API`);
    if (head === 'file') {
      const builtin = BUILTIN_TEMPLATES.find((t) => t.id === tail);
      const name = builtin?.name ?? (this.template.get(tail) as string | undefined);
      return say(locale, `文件导入：${name ?? '表格'}`, `File import: ${builtin?.nameEn ?? name ?? 'spreadsheet'}`);
    }
    if (source === 'reprocess') return say(locale, '按新的状态映射重新处理', 'Re-processed after a status mapping');
    return source;
  }
}
