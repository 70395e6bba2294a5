import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../../i18n/areas/orders';
import { eventText } from './eventText';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: { orders: orders.zh } }, en: { translation: { orders: orders.en } } }, interpolation: { escapeValue: false } });
});

describe('timeline detail in words', () => {
  it('ingestion and status changes read as labelled fields, not JSON', () => {
    expect(eventText('ingested', { source: 'poll:taobao', platformStatus: 'WAIT_SELLER_SEND_GOODS' }, i18n.t, 'zh')).toBe('来源：poll:taobao；平台状态：WAIT_SELLER_SEND_GOODS');
    expect(eventText('updated', { fields: ['trackingNo', 'status'], address: true }, i18n.t, 'zh')).toBe('变更字段：物流单号、状态；地址变更：是');
  });
  it('bulk actions show what changed', () => {
    expect(eventText('urgency_changed', { from: 'green', to: 'red', label: '紧急' }, i18n.t, 'zh')).toBe('正常 → 紧急');
    expect(eventText('tags_changed', { added: ['加急'], removed: ['赠品'], tags: ['加急'] }, i18n.t, 'zh')).toBe('+加急 −赠品');
    expect(eventText('note', { noteId: 'x', body: '客户要求改地址' }, i18n.t, 'zh')).toBe('客户要求改地址');
  });
  it('holds and merge hints use the grid words; English works too', () => {
    expect(eventText('hold_set', { hold: 'suspect_duplicate', duplicateOf: 'id' }, i18n.t, 'zh')).toBe('疑似重复');
    expect(eventText('merge_candidate', { mergeGroup: 'g', with: ['a', 'b'] }, i18n.getFixedT('en'), 'en')).toBe('Can ship together with 2 other orders');
    expect(eventText('whatever', null, i18n.t, 'zh')).toBe('');
  });
});
