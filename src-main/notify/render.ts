import { causeText, durationText, type Lang } from '../../src-shared/exception-words';
import { DETECTOR_LABELS, SEVERITY_LABELS, type DetectorCode, type Severity } from '../../src-shared/exceptions';
import { ROLE_LABELS, type Role } from '../../src-shared/roles';

/** What an alert says, as data (stored in the outbox; words are applied when it is sent). */
export type AlertPayload =
  | {
      kind: 'exception';
      exceptionId: string;
      detector: DetectorCode;
      severity: Severity;
      escalated: boolean;
      causeParams: Record<string, unknown>;
      orderNo: string | null;
      shopName: string | null;
      ownerName: string | null;
      ownerRole: Role | null;
    }
  | {
      kind: 'digest';
      ownerName: string;
      /** The three longest-open of this person's (or their role's) exceptions. */
      top: { detector: DetectorCode; orderNo: string | null; openMinutes: number; causeParams: Record<string, unknown> }[];
      open: number;
      halfLifeMs: number | null;
      day: string;
    }
  | { kind: 'test'; robotName: string };

/** WeCom's markdown content is at most 4096 bytes; keep room for the delivery id line. */
export const MAX_BYTES = 3800;

const owner = (p: { ownerName: string | null; ownerRole: Role | null }, lang: Lang) => p.ownerName ?? (p.ownerRole ? ROLE_LABELS[p.ownerRole][lang] : '');

/** One alert as a markdown block (a heading line and a few lines of detail). */
export function alertBlock(p: AlertPayload, lang: Lang = 'zh'): string {
  const zh = lang === 'zh';
  if (p.kind === 'test') return zh ? `**测试消息**\n> 机器人「${p.robotName}」已连通 OrderHub` : `**Test message**\n> Robot "${p.robotName}" reaches OrderHub`;
  if (p.kind === 'digest') {
    const head = zh ? `**${p.ownerName} 的每日异常摘要（${p.day}）**` : `**Daily exceptions for ${p.ownerName} (${p.day})**`;
    const hl = p.halfLifeMs === null ? (zh ? '昨日半衰期：未过半' : "Yesterday's half-life: not yet half closed") : `${zh ? '昨日半衰期：' : "Yesterday's half-life: "}${durationText(p.halfLifeMs / 60_000, lang)}`;
    const lines = p.top.map((t, i) => `${i + 1}. ${DETECTOR_LABELS[t.detector][lang]}${t.orderNo ? ` · ${t.orderNo}` : ''} · ${zh ? '已开' : 'open'} ${durationText(t.openMinutes, lang)}`);
    return [head, `> ${zh ? '未关闭' : 'Open'}：${p.open} · ${hl}`, ...lines].join('\n');
  }
  const color = p.severity === 'critical' ? 'warning' : 'comment';
  const title = `<font color="${color}">【${SEVERITY_LABELS[p.severity][lang]}】</font>**${DETECTOR_LABELS[p.detector][lang]}**${p.escalated ? (zh ? '（已升级）' : ' (escalated)') : ''}`;
  const where = p.orderNo ? `> ${zh ? '订单' : 'Order'} ${p.orderNo}${p.shopName ? `（${p.shopName}）` : ''}` : null;
  const who = owner(p, lang);
  return [title, where, `> ${causeText(p.detector, p.causeParams, lang)}`, who ? `> ${zh ? '负责人' : 'Owner'}：${who}` : null].filter(Boolean).join('\n');
}

/** The message: its blocks, then the delivery id that makes a repeat recognisable. */
export function messageText(blocks: string[], deliveryId: string, lang: Lang = 'zh'): { title: string; text: string } {
  const title = blocks.length > 1 ? (lang === 'zh' ? `OrderHub：${blocks.length} 条异常提醒` : `OrderHub: ${blocks.length} alerts`) : 'OrderHub';
  const head = blocks.length > 1 ? `**${title}**\n\n` : '';
  return { title, text: `${head}${blocks.join('\n\n')}\n\n<font color="comment">${lang === 'zh' ? '编号' : 'id'} ${deliveryId}</font>` };
}

export const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
