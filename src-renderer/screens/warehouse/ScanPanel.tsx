/** 扫描发货: a keyboard wedge types the order no. + Enter, then the tracking no. + Enter; the answer is shown and heard. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../src-shared/contract/shipping';
import { CARRIERS } from '../../../src-shared/shipping';
import { carrierName } from '../../../src-shared/shipping-words';
import { client } from '../../api/client';
import { punctuation } from '../../i18n/punctuation';
import { BulkPaste } from './BulkPaste';
import { beepOk, beepRefused } from './sound';

/** `active`: the scan tab was just shown (F2 from another tab): the order no. takes the keys. */
export function ScanPanel({ active = true }: { active?: boolean } = {}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const qc = useQueryClient();
  const orderRef = useRef<InputRef>(null);
  const trackingRef = useRef<InputRef>(null);
  const [orderNo, setOrderNo] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [carrier, setCarrier] = useState<string>('');
  const [last, setLast] = useState<ScanResult | null>(null);
  const [bulk, setBulk] = useState(false);

  const scan = useMutation({
    mutationFn: (v: { orderNo: string; trackingNo: string }) => client.call('shipping.scan', { ...v, ...(carrier ? { carrier } : {}) }),
    onSuccess: (r) => {
      setLast(r);
      if (r.ok) beepOk();
      else beepRefused();
      setOrderNo('');
      setTrackingNo('');
      orderRef.current?.focus();
      void qc.invalidateQueries({ queryKey: ['shipping'] });
    },
  });

  useEffect(() => {
    if (active) setTimeout(() => orderRef.current?.focus({ cursor: 'all' }), 0);
  }, [active]);

  // F2 from anywhere on the screen: back to the order no. (the scan screen is one key away).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        orderRef.current?.focus({ cursor: 'all' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submitOrder = () => {
    if (orderNo.trim()) trackingRef.current?.focus();
  };
  const submitTracking = () => {
    if (!orderNo.trim()) return orderRef.current?.focus();
    if (trackingNo.trim() && !scan.isPending) scan.mutate({ orderNo: orderNo.trim(), trackingNo: trackingNo.trim() });
  };

  return (
    <Card
      size="small" title={t('shipping.scan.title')} data-testid="scan-panel" data-sound={last ? (last.ok ? 'ok' : 'refused') : ''}
      extra={<Button onClick={() => setBulk(true)} data-testid="bulk-open">{t('shipping.scan.bulk')}</Button>}
    >
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('shipping.scan.orderNo')}>
          <Input
            ref={orderRef} autoFocus value={orderNo} onChange={(e) => setOrderNo(e.target.value)} onPressEnter={submitOrder}
            placeholder={t('shipping.scan.orderPlaceholder')} style={{ width: 260 }} data-testid="scan-order" autoComplete="off"
          />
        </Form.Item>
        <Form.Item label={t('shipping.scan.trackingNo')}>
          <Input
            ref={trackingRef} value={trackingNo} onChange={(e) => setTrackingNo(e.target.value)} onPressEnter={submitTracking}
            placeholder={t('shipping.scan.trackingPlaceholder')} style={{ width: 280 }} data-testid="scan-tracking" autoComplete="off"
          />
        </Form.Item>
        <Form.Item label={t('shipping.scan.carrier')}>
          <Select
            value={carrier} onChange={setCarrier} style={{ width: 170 }} data-testid="scan-carrier"
            options={[{ value: '', label: t('shipping.scan.auto') }, ...CARRIERS.map((c) => ({ value: c, label: carrierName(c, lang) }))]}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0' }}>{t('shipping.scan.hint')}</Typography.Text>
      <Space direction="vertical" style={{ width: '100%' }} data-testid="scan-result">
        {last?.ok && (
          <Alert type="success" showIcon title={
            t('shipping.scan.shipped', { orderNo: last.orderNo, trackingNo: last.trackingNo, carrier: carrierName(last.carrier, lang) }) +
            (last.guessed ? t(last.guessed.sure ? 'shipping.scan.guessedSure' : 'shipping.scan.guessed') : '') + (last.partial ? t('shipping.scan.partial') : '')
          } />
        )}
        {last && !last.ok && <Alert type="error" showIcon title={`${t('shipping.refused')}${p.colon}${last.message}`} data-testid="scan-refusal" />}
      </Space>
      <BulkPaste open={bulk} onClose={() => { setBulk(false); orderRef.current?.focus(); }} />
    </Card>
  );
}
