/** 质检拦截: freeze a batch number (every order carrying it that has not left is held), see what it holds, release it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyOrder, QualityHoldView } from '../../../src-shared/contract/lifecycle';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { punctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { statusLabel } from '../orders/cells';
import { reasonText } from '../orders/flow/flowText';
import { ReasonFields, toReason, type ReasonValues } from '../orders/flow/ReasonFields';
import { count } from '../../components/numbers';

function HeldOrders({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const orders = useQuery({ queryKey: ['quality.orders', id], queryFn: () => client.call('quality.orders', { id }) });
  return <Space wrap>{(orders.data?.orders ?? []).map((o) => <Tag key={o.id} color={o.held ? 'volcano' : 'default'}>{o.platformOrderId} · {statusLabel(o.status, lang)}</Tag>)}</Space>;
}

export function QualityHolds() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReasonValues & { batchNo: string; skuCode?: string }>();
  const [left, setLeft] = useState<FamilyOrder[] | null>(null);
  const list = useQuery({ queryKey: ['quality.list'], queryFn: () => client.call('quality.list', {}) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['quality.list'] });
  const freeze = useMutation({
    mutationFn: (v: ReasonValues & { batchNo: string; skuCode?: string }) =>
      client.call('quality.freeze', { batchNo: v.batchNo, ...(v.skuCode ? { skuCode: v.skuCode } : {}), reason: toReason(v)! }),
    onSuccess: (r, v) => {
      void message.success(t('lifecycle.quality.frozen', { batchNo: v.batchNo, count: r.held }));
      setLeft(r.alreadyLeft);
      form.resetFields();
      refresh();
    },
    onError: (e) => { form.setFields(fieldErrors(e)); void message.error(errorText(e)); },
  });
  const release = useMutation({
    mutationFn: (q: QualityHoldView) => client.call('quality.release', { id: q.id, reason: { code: 'checked_ok', params: {} } }),
    onSuccess: (r) => { void message.success(t('lifecycle.quality.releaseDone', { count: r.released })); refresh(); },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="quality-holds">
      {can('quality.hold') && (
        <Card size="small" title={t('lifecycle.quality.freeze')}>
          <Form form={form} layout="inline" onFinish={(v) => freeze.mutate(v)} style={{ rowGap: 8 }}>
            <Form.Item name="batchNo" label={t('lifecycle.quality.batchNo')} rules={[{ required: true, whitespace: true, message: t('lifecycle.quality.batchNo') }]}>
              <Input data-testid="quality-batch" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="skuCode" label={t('lifecycle.quality.sku')}><Input style={{ width: 140 }} /></Form.Item>
            <div style={{ width: '100%' }} />
            <div style={{ width: 420 }}><ReasonFields required /></div>
            <Button type="primary" danger htmlType="submit" data-testid="quality-freeze" loading={freeze.isPending}>{t('lifecycle.quality.freeze')}</Button>
          </Form>
        </Card>
      )}
      {left && left.length > 0 && (
        <Alert type="warning" showIcon closable onClose={() => setLeft(null)} title={t('lifecycle.quality.left', { count: left.length })}
          description={p.list(left.map((o) => `${o.platformOrderId}${p.paren(statusLabel(o.status, lang))}`))} />
      )}
      <Table
        size="small" rowKey="id" data-testid="quality-list" dataSource={list.data?.holds ?? []} pagination={false}
        expandable={{ expandedRowRender: (q) => <HeldOrders id={q.id} /> }}
        columns={[
          { title: t('lifecycle.quality.batchNo'), dataIndex: 'batchNo', render: (v: string, q) => <>{v}{q.skuCode && <Typography.Text type="secondary"> · {q.skuCode}</Typography.Text>}</> },
          { title: t('lifecycle.move.reason'), render: (_, q) => reasonText(q.code, q.params, t, lang) },
          { title: t('lifecycle.quality.frozenBy'), dataIndex: 'frozenBy', width: 100 },
          { title: t('lifecycle.quality.frozenAt'), width: 150, render: (_, q) => formatInZone(q.frozenAt) },
          { title: t('lifecycle.quality.heldOrders'), dataIndex: 'heldOrders', width: 90, align: 'right', render: count },
          {
            title: '', width: 120,
            render: (_, q) => (q.releasedAt !== null ? <Tag>{t('lifecycle.quality.released')}</Tag> : can('quality.hold') && (
              <Button size="small" data-testid="quality-release" onClick={() => modal.confirm({ title: t('lifecycle.quality.confirmRelease', { batchNo: q.batchNo }), onOk: () => release.mutateAsync(q) })}>
                {t('lifecycle.quality.release')}
              </Button>
            )),
          },
        ]}
      />
    </Space>
  );
}
