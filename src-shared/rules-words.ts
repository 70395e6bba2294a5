/**
 * Rule outcomes in words, in either language: the order timeline (renderer) and the dry-run CSV
 * (main) both use these, so a reason reads the same everywhere. Reasons are stored as code + params.
 */
import { formatYuan } from './money';
import { PLATFORM_PHASE_LABELS, URGENCY_LABELS, type PlatformPhase, type Urgency } from './orders';
import { FACT_FIELDS, REVIEW_REASON_LABELS, type Reason, type ReviewReason } from './rules';

export type Lang = 'zh' | 'en';
const FIELDS = new Map(FACT_FIELDS.map((f) => [f.name, f]));

/** "实付金额 ¥520.00；买家留言 “请发顺丰”" */
export function describeFacts(facts: Record<string, unknown>, lang: Lang): string {
  return Object.entries(facts)
    .map(([name, v]) => {
      const f = FIELDS.get(name);
      const label = f ? f[lang] : name;
      return `${label}${lang === 'zh' ? ' ' : ': '}${factValue(f?.kind, name, v, lang)}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

function factValue(kind: string | undefined, name: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return lang === 'zh' ? '（空）' : '(empty)';
  if (kind === 'money' && typeof v === 'number') return formatYuan(v);
  if (kind === 'boolean') return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  if (name === 'platformPhase') return PLATFORM_PHASE_LABELS[v as PlatformPhase]?.[lang] ?? String(v);
  if (Array.isArray(v)) return v.length ? v.join(lang === 'zh' ? '、' : ', ') : lang === 'zh' ? '（无）' : '(none)';
  if (typeof v === 'string') return lang === 'zh' ? `“${v.slice(0, 60)}”` : `"${v.slice(0, 60)}"`;
  return String(v);
}

export function urgencyWord(u: Urgency, lang: Lang): string {
  return URGENCY_LABELS[u][lang];
}

/** A hold or route reason in words; `warehouseName` turns ids into names where it can. */
export function describeReason(r: Reason, lang: Lang, warehouseName: (id: string) => string = (id) => id): string {
  const p = (r.params ?? {}) as Record<string, unknown>;
  const zh = lang === 'zh';
  switch (r.code) {
    case 'review_hold': {
      const label = REVIEW_REASON_LABELS[p.reason as ReviewReason]?.[lang] ?? String(p.reason);
      const facts = p.facts && typeof p.facts === 'object' ? describeFacts(p.facts as Record<string, unknown>, lang) : '';
      const note = p.note ? (zh ? `（${String(p.note)}）` : ` (${String(p.note)})`) : '';
      return zh
        ? `审单挂起：${label}${note}，规则“${String(p.rule)}”v${String(p.version)}${facts ? `，依据：${facts}` : ''}`
        : `Held for review: ${label}${note}, rule "${String(p.rule)}" v${String(p.version)}${facts ? `, because ${facts}` : ''}`;
    }
    case 'stock_short': {
      const missing = (p.missing as { skuCode: string; warehouseId?: string; need: number; available: number }[] | undefined) ?? [];
      const list = missing.map((m) => (zh
        ? `${m.skuCode} 需 ${m.need} 件，${m.warehouseId ? `${warehouseName(m.warehouseId)}` : ''}可用 ${m.available} 件，缺 ${m.need - m.available} 件`
        : `${m.skuCode}: need ${m.need}, ${m.warehouseId ? `${warehouseName(m.warehouseId)} ` : ''}has ${m.available}, short ${m.need - m.available}`));
      return zh ? `缺货待发：${list.join('；')}` : `Waiting for stock: ${list.join('; ')}`;
    }
    case 'capacity_full': {
      const ws = (p.warehouses as { warehouseId: string; shipDay: string }[] | undefined) ?? [];
      const list = ws.map((w) => `${warehouseName(w.warehouseId)} ${w.shipDay}`).join(zh ? '、' : ', ');
      return zh ? `仓库当日产能已满：${list}` : `Warehouse capacity full: ${list}`;
    }
    case 'no_warehouse':
      return zh ? `没有可用仓库${p.rule ? `（规则“${String(p.rule)}”）` : ''}` : `No warehouse to ship from${p.rule ? ` (rule "${String(p.rule)}")` : ''}`;
    case 'rule':
      return zh ? `按规则“${String(p.rule)}”v${String(p.version)}` : `by rule "${String(p.rule)}" v${String(p.version)}`;
    case 'split':
      return zh ? `按规则“${String(p.rule)}”v${String(p.version)}拆单发货` : `split by rule "${String(p.rule)}" v${String(p.version)}`;
    case 'default_stock':
      return zh ? '默认分仓：按仓库优先级选有货的仓' : 'default routing: first warehouse by priority with the stock';
    case 'manual':
      return zh ? `人工指定（${String(p.by)}：${String(p.note)}）` : `set by hand (${String(p.by)}: ${String(p.note)})`;
    default:
      return r.code;
  }
}
