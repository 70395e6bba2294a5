import { describe, expect, it } from 'vitest';
import { dingtalkSign, messageBody, readReply, signedUrl } from './robot-wire';
import { notBefore } from './policies';
import { pack } from './sender';
import { alertBlock, bytes, MAX_BYTES, messageText } from './render';
import type { QueuedAlert } from './outbox';

describe('robot wire formats (PLATFORMS.md §6)', () => {
  it('DingTalk 加签 gives the documented example signature, url-encoded in the query', () => {
    expect(encodeURIComponent(dingtalkSign(1577262236757, 'SECxxx'))).toBe('TajHYUQC5a6smO3qjKNgFiJalsQ51g5gqH0iiy2oY%2Bo%3D');
    const url = new URL(signedUrl('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxxx', 1577262236757));
    expect(url.search).toBe('?access_token=abc&timestamp=1577262236757&sign=TajHYUQC5a6smO3qjKNgFiJalsQ51g5gqH0iiy2oY%2Bo%3D');
    expect(signedUrl('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', undefined, 1)).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
  });

  it('reads both robots\' answers: ok, rate limited (retry later), refused (needs a person), offline', () => {
    expect(readReply(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(readReply(200, '{"errcode":45009,"errmsg":"api freq out of limit"}')).toMatchObject({ ok: false, retry: true, retryAfterMs: 60_000 });
    expect(readReply(200, '{"errmsg":"send too fast","errcode":130101}')).toMatchObject({ ok: false, retry: true, retryAfterMs: 600_000 });
    expect(readReply(200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, retry: false, error: '310000 sign not match' });
    expect(readReply(502, '<html>bad gateway</html>')).toMatchObject({ ok: false, retry: true });
  });

  it('markdown bodies: WeCom content, DingTalk title/text with @ by mobile', () => {
    expect(JSON.parse(messageBody('wecom', 't', '**x**', []))).toEqual({ msgtype: 'markdown', markdown: { content: '**x**' } });
    expect(JSON.parse(messageBody('dingtalk', 't', 'x', ['13800001111']))).toEqual({
      msgtype: 'markdown', markdown: { title: 't', text: 'x @13800001111' }, at: { atMobiles: ['13800001111'], atUserIds: [], isAtAll: false },
    });
  });
});

describe('quiet hours and packing', () => {
  const zone = 'Asia/Shanghai';
  const at = (h: number, m = 0) => Date.UTC(2026, 10, 20, h - 8, m);
  it('an alert inside quiet hours (22:00–08:00, across midnight) waits for their end; outside goes now; equal bounds mean none', () => {
    expect(notBefore(at(23, 10), 22 * 60, 8 * 60, zone)).toBe(at(32)); // 08:00 next day
    expect(notBefore(at(3, 0), 22 * 60, 8 * 60, zone)).toBe(at(8));
    expect(notBefore(at(12, 0), 22 * 60, 8 * 60, zone)).toBe(at(12));
    expect(notBefore(at(12, 0), 0, 0, zone)).toBe(at(12));
    expect(notBefore(at(12, 30), 12 * 60, 13 * 60, zone)).toBe(at(13));
  });

  it('packs queued alerts into messages under the 4096-byte limit, oldest first, none lost', () => {
    const alerts: QueuedAlert[] = Array.from({ length: 100 }, (_, i) => ({
      id: `a${i}`, target: 'robot:r', kind: 'exception', exceptionId: `e${i}`, severity: 'warning', createdAt: i, notBefore: 0,
      payload: { kind: 'exception', exceptionId: `e${i}`, detector: 'ship_overdue', severity: 'warning', escalated: false, causeParams: { overdueMinutes: 90 + i, status: 'to_ship' }, orderNo: `NO-${i}`, shopName: '天猫旗舰店', ownerName: null, ownerRole: 'ops_lead' },
    }));
    const groups = pack(alerts);
    expect(groups.flat().map((a) => a.id)).toEqual(alerts.map((a) => a.id));
    expect(groups.length).toBeLessThan(20);
    for (const g of groups) {
      const text = messageText(g.map((a) => alertBlock(a.payload)), '01234567-89ab-7def-8123-456789abcdef').text;
      expect(bytes(text)).toBeLessThanOrEqual(4096);
      expect(bytes(text)).toBeLessThanOrEqual(MAX_BYTES + 200);
    }
    expect(alertBlock(alerts[0]!.payload)).toContain('> 超过承诺时效 1 小时 30 分，当前待发货');
  });
});
