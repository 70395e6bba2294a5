/**
 * 手工录单 (phone, QQ, fax, offline B2B), keyboard first: find the customer (their last address
 * fills in), type SKUs (Enter adds, price from the SKU), Ctrl+Enter submits. The order enters
 * the same pipeline, state machine and rules as a shop's.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AddressInput, CustomerHit } from '../../../src-shared/contract/lifecycle';
import { formatYuan, yuanToFen } from '../../../src-shared/money';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { punctuation } from '../../i18n/punctuation';
import { statusLabel } from '../orders/cells';
import { LinesEditor, useDebounced, type DraftLine } from './LinesEditor';

const SOURCES = ['phone', 'qq', 'wechat', 'fax', 'offline'] as const;
const PAYMENTS = ['paid', 'cod', 'credit', 'unpaid'] as const;

interface Values {
  source: (typeof SOURCES)[number];
  payment: (typeof PAYMENTS)[number];
  channelId?: string;
  buyerNick?: string;
  address: AddressInput;
  discountYuan?: number;
  postageYuan?: number;
  remark?: string;
}

export function ManualOrderScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [customer, setCustomer] = useState<CustomerHit | null>(null);
  const [who, setWho] = useState('');
  const [created, setCreated] = useState<{ id: string; no: string; status: string } | null>(null);
  const term = useDebounced(who.trim());
  const customers = useQuery({ queryKey: ['customers.search', term], queryFn: () => client.call('customers.search', { q: term, limit: 8 }), enabled: term.length > 1 });
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}), staleTime: 60_000 });
  const discount = Form.useWatch('discountYuan', form) ?? 0;
  const postage = Form.useWatch('postageYuan', form) ?? 0;
  const goods = lines.reduce((s, l) => s + l.qty * l.unitPriceFen, 0);

  const create = useMutation({
    mutationFn: (v: Values) => client.call('orders.createManual', {
      source: v.source, payment: v.payment, address: v.address, ...(v.channelId ? { channelId: v.channelId } : {}),
      ...(customer ? { customerId: customer.id } : {}), ...(v.buyerNick?.trim() ? { buyerNick: v.buyerNick.trim() } : {}),
      ...(v.remark?.trim() ? { remark: v.remark.trim() } : {}),
      discountFen: yuanToFen(v.discountYuan ?? 0), postageFen: yuanToFen(v.postageYuan ?? 0),
      lines: lines.map((l) => ({ skuCode: l.sku.code, qty: l.qty, unitPriceFen: l.unitPriceFen, gift: l.gift })),
    }),
    onSuccess: (r) => {
      setCreated({ id: r.id, no: r.platformOrderId, status: statusLabel(r.status, lang) });
      setLines([]);
      setCustomer(null);
      setWho('');
      form.resetFields();
    },
    onError: (e) => {
      form.setFields(fieldErrors(e));
      void message.error(errorText(e));
    },
  });
  const submit = () => (lines.length ? form.submit() : void message.warning(t('lifecycle.manualForm.noLines')));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const pickCustomer = (id: string) => {
    const c = customers.data?.customers.find((x) => x.id === id);
    if (!c) return;
    setCustomer(c);
    setWho(c.nick ?? c.name ?? '');
    form.setFieldsValue({ buyerNick: c.nick ?? undefined, ...(c.lastAddress ? { address: c.lastAddress } : {}) });
  };
  const addr = (k: keyof AddressInput, span: number, required: boolean) => (
    <Col span={span}>
      <Form.Item name={['address', k]} label={t(`lifecycle.manualForm.${k}`)} rules={required ? [{ required: true, whitespace: true, message: t(`lifecycle.manualForm.${k}`) }] : []}>
        <Input data-testid={`manual-${k}`} />
      </Form.Item>
    </Col>
  );

  return (
    <div data-testid="manual-order" style={{ maxWidth: 1100 }}>
      {created && (
        <Alert
          type="success" showIcon closable onClose={() => setCreated(null)} style={{ marginBottom: 12 }} data-testid="manual-created"
          title={t('lifecycle.manualForm.created', { no: created.no, status: created.status })}
          action={<Button size="small" onClick={() => navigate(`/orders/${encodeURIComponent(created.id)}`)}>{t('lifecycle.manualForm.openOrder')}</Button>}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ source: 'phone', payment: 'paid' }} onFinish={(v) => create.mutate(v)}>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap size="large">
            <Form.Item name="source" label={t('lifecycle.manualForm.source')} style={{ marginBottom: 0 }}>
              <Radio.Group optionType="button" options={SOURCES.map((s) => ({ value: s, label: t(`lifecycle.manualForm.sources.${s}`) }))} />
            </Form.Item>
            <Form.Item name="payment" label={t('lifecycle.manualForm.payment')} style={{ marginBottom: 0 }}>
              <Radio.Group optionType="button" options={PAYMENTS.map((p) => ({ value: p, label: t(`lifecycle.manualForm.payments.${p}`) }))} />
            </Form.Item>
            <Form.Item name="channelId" label={t('lifecycle.manualForm.shop')} style={{ marginBottom: 0, width: 220 }}>
              <Select allowClear placeholder={t('lifecycle.manualForm.defaultShop')} options={(facets.data?.channels ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Space>
        </Card>
        <Card size="small" title={t('lifecycle.manualForm.customer')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item label={t('lifecycle.manualForm.customerSearch')}>
                <AutoComplete
                  value={who} onChange={(v) => { setWho(v); if (customer) setCustomer(null); }} onSelect={pickCustomer} autoFocus data-testid="manual-customer"
                  aria-label={t('lifecycle.manualForm.customerSearch')}
                  options={(customers.data?.customers ?? []).map((c) => ({ value: c.id, label: `${c.nick ?? c.name ?? ''} · ${c.phone ?? ''} · ${c.lastAddress?.detail ?? ''}` }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="buyerNick" label={t('lifecycle.manualForm.buyerNick')}><Input data-testid="manual-nick" /></Form.Item>
            </Col>
            <Col span={8}>{customer && <Typography.Text type="secondary" data-testid="manual-known">{t('lifecycle.manualForm.known', { count: customer.orders, grade: customer.grade })}</Typography.Text>}</Col>
          </Row>
          <Row gutter={12}>
            {addr('receiverName', 5, true)}{addr('receiverPhone', 5, true)}{addr('province', 4, true)}{addr('city', 5, false)}{addr('district', 5, false)}
          </Row>
          <Row gutter={12}>{addr('detail', 24, true)}</Row>
        </Card>
        <Card size="small" title={t('lifecycle.manualForm.lines')} style={{ marginBottom: 12 }}>
          <LinesEditor lines={lines} onChange={setLines} />
          <Space size="large" style={{ marginTop: 12 }} align="end">
            <Form.Item name="discountYuan" label={t('lifecycle.manualForm.discount')} style={{ marginBottom: 0 }}><InputNumber min={0} step={1} precision={2} /></Form.Item>
            <Form.Item name="postageYuan" label={t('lifecycle.manualForm.postage')} style={{ marginBottom: 0 }}><InputNumber min={0} step={1} precision={2} /></Form.Item>
            <Typography.Text strong data-testid="manual-total">
              {t('lifecycle.manualForm.total')}{p.colon}{formatYuan(Math.max(0, goods - yuanToFen(discount) + yuanToFen(postage)))}
            </Typography.Text>
          </Space>
        </Card>
        <Form.Item name="remark" label={t('lifecycle.manualForm.remark')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Space>
          <Button type="primary" onClick={submit} loading={create.isPending} data-testid="manual-submit">{t('lifecycle.manualForm.submit')}</Button>
          <Typography.Text type="secondary">{t('lifecycle.manualForm.shortcut')}</Typography.Text>
        </Space>
      </Form>
    </div>
  );
}
