import type { DetectorCode } from '../../src-shared/exceptions';
import { causeText, detectorText, type Lang } from '../../src-shared/exception-words';

/**
 * What a desktop notice says, kept as data: a notice is written when an exception opens (or at
 * the morning digest), long before the person who reads it asks, in whichever language that
 * person's window uses. `alerts.notices` puts it in words then.
 */
export type NoticeWords =
  | { kind: 'exception'; detector: DetectorCode; causeParams: Record<string, unknown>; orderNo: string | null; escalated: boolean }
  | { kind: 'digest'; open: number; top: { detector: DetectorCode; orderNo: string | null; causeParams: Record<string, unknown> }[] };

export function noticeText(w: NoticeWords, lang: Lang): { title: string; body: string } {
  const zh = lang === 'zh';
  if (w.kind === 'exception') {
    const flag = w.escalated ? (zh ? '【已升级】' : '[Escalated] ') : '';
    return {
      title: `${flag}${detectorText(w.detector, lang)}${w.orderNo ? ` · ${w.orderNo}` : ''}`,
      body: causeText(w.detector, w.causeParams, lang),
    };
  }
  const lines = w.top.map((t, i) => `${i + 1}. ${detectorText(t.detector, lang)}${t.orderNo ? ` ${t.orderNo}` : ''}${zh ? '：' : ': '}${causeText(t.detector, t.causeParams, lang)}`);
  return {
    title: zh ? `今日异常摘要：${w.open} 条未关闭` : `Today's exceptions: ${w.open} open`,
    body: lines.join('\n'),
  };
}
