import { describe, expect, it } from 'vitest';
import { noticeText, type NoticeWords } from './notice-words';

const late = { overdueMinutes: 90, status: 'to_ship' };

describe('desktop notices in the reader’s language', () => {
  it('an escalated exception: the Chinese that notices always said, and English without Chinese', () => {
    const w: NoticeWords = { kind: 'exception', detector: 'ship_overdue', causeParams: late, orderNo: 'EX-1', escalated: true };
    expect(noticeText(w, 'zh')).toEqual({ title: '【已升级】已付款超时未发货 · EX-1', body: '超过承诺时效 1 小时 30 分，当前待发货' });
    expect(noticeText(w, 'en')).toEqual({ title: '[Escalated] Paid, not shipped past its SLA · EX-1', body: '1 h 30 min past its SLA, now To ship' });
    expect(noticeText({ ...w, escalated: false, orderNo: null }, 'en').title).toBe('Paid, not shipped past its SLA');
  });

  it('the morning digest: a count in the title, one line per exception', () => {
    const w: NoticeWords = { kind: 'digest', open: 4, top: [{ detector: 'ship_overdue', orderNo: 'EX-1', causeParams: late }, { detector: 'ship_overdue', orderNo: null, causeParams: late }] };
    expect(noticeText(w, 'zh')).toEqual({ title: '今日异常摘要：4 条未关闭', body: '1. 已付款超时未发货 EX-1：超过承诺时效 1 小时 30 分，当前待发货\n2. 已付款超时未发货：超过承诺时效 1 小时 30 分，当前待发货' });
    expect(noticeText(w, 'en')).toEqual({ title: "Today's exceptions: 4 open", body: '1. Paid, not shipped past its SLA EX-1: 1 h 30 min past its SLA, now To ship\n2. Paid, not shipped past its SLA: 1 h 30 min past its SLA, now To ship' });
  });
});
