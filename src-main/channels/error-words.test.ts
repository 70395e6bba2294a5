import { describe, expect, it } from 'vitest';
import { ConnectorError, emptyCredential } from './connector';
import { describeError } from './error-words';

describe('a poll failure in words', () => {
  it('names an empty credential by its label and where it is found, not by its key', () => {
    // Issue #15 item 11: today's "授权失效，请重新授权：taobao: credential app_key is empty".
    expect(describeError(emptyCredential('taobao', 'app_key'))).toBe('店铺设置缺少 App Key，请点击“编辑”填写（在 淘宝开放平台 › 控制台 › 应用管理 › 应用信息 中）');
    expect(describeError(emptyCredential('douyin', 'shop_id'))).toBe('店铺设置缺少 店铺 ID，请点击“编辑”填写（在 抖店商家后台 › 店铺 › 店铺基本信息 中）');
  });

  it('an empty token means the shop is not authorised yet', () => {
    expect(describeError(emptyCredential('taobao', 'session'))).toBe('尚未授权：授权令牌（SessionKey）为空，请点击“授权”');
    expect(describeError(emptyCredential('pdd', 'access_token'))).toBe('尚未授权：授权令牌为空，请点击“授权”');
  });

  it('other refusals keep the platform’s own words', () => {
    expect(describeError(new ConnectorError('auth', 'taobao: 27 Invalid session', { platformCode: '27' }))).toBe('授权失效，请重新授权：taobao: 27 Invalid session [27]');
  });
});
