/**
 * The 审单 queue: reasons on the left with their counts, the held orders (oldest first) on the
 * right; a reviewer releases, approves or cancels the selected ones with one reason.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef, GridApi, RowSelectionOptions, SelectionColumnDef } from 'ag-grid-community';
import { ClientSideRowModelModule, ModuleRegistry } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Badge, Button, Empty, Form, Menu, Modal, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { QueueRow } from '../../../src-shared/contract/lifecycle';
import { formatYuan } from '../../../src-shared/money';
import type { OrderHold } from '../../../src-shared/orders';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { gridLocale, gridTheme, registerGridModules } from '../orders/agGrid';
import { statusLabel } from '../orders/cells';
import { holdText, refusalText } from '../orders/flow/flowText';
import { SlaClock } from '../orders/flow/SlaClock';
import { ReasonFields, toReason, type ReasonValues } from '../orders/flow/ReasonFields';
import { useFillHeight } from '../orders/useFillHeight';

registerGridModules();
ModuleRegistry.registerModules([ClientSideRowModelModule]);

const SELECTION: RowSelectionOptions<QueueRow> = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false };
const SELECTION_COL: SelectionColumnDef = { pinned: 'left', width: 44, lockPosition: 'left' };
type Bucket = { type: OrderHold | null | undefined; code: string | undefined };
type Action = 'release' | 'approve' | 'cancel';

export function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [bucket, setBucket] = useState<Bucket>({ type: undefined, code: undefined });
  const [api, setApi] = useState<GridApi<QueueRow> | null>(null);
  const [selected, setSelected] = useState<QueueRow[]>([]);
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<ReasonValues>();
  const { ref, height } = useFillHeight<HTMLDivElement>();
  const queue = useQuery({
    queryKey: ['orders.reviewQueue', bucket],
    queryFn: () => client.call('orders.reviewQueue', { ...(bucket.type !== undefined ? { type: bucket.type } : {}), ...(bucket.code ? { code: bucket.code } : {}), limit: 500 }),
  });
  const act = useMutation({
    mutationFn: async (v: ReasonValues): Promise<{ ok: number; failed: string[] }> => {
      const reason = toReason(v)!;
      if (action === 'release') {
        const r = await client.call('orders.releaseHolds', { items: selected.filter((x) => x.hold).map((x) => ({ id: x.id, holdId: x.hold!.id, expectedVersion: x.version })), reason });
        return { ok: r.results.filter((x) => x.ok).length, failed: r.results.flatMap((x) => (x.ok ? [] : [x.message])) };
      }
      const ids = [...new Set(selected.map((x) => x.id))];
      const r = await client.call('orders.transition', {
        ids, to: action === 'approve' ? 'to_route' : 'cancelled', reason, versions: Object.fromEntries(selected.map((x) => [x.id, x.version])),
      });
      return { ok: r.results.filter((x) => x.ok).length, failed: r.results.flatMap((x) => (x.ok ? [] : [refusalText(x.refusal, t, lang)])) };
    },
    onSuccess: (r) => {
      if (r.failed.length) void message.warning(t('lifecycle.queue.failed', { count: r.failed.length, first: r.failed[0] }));
      else void message.success(t('lifecycle.move.done', { ok: r.ok }));
      setAction(null);
      api?.deselectAll();
      void qc.invalidateQueries({ queryKey: ['orders.reviewQueue'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const columns = useMemo<ColDef<QueueRow>[]>(() => [
    {
      colId: 'no', headerName: t('orders.col.platformOrderId'), field: 'platformOrderId', width: 200, pinned: 'left',
      cellRenderer: (p: { data?: QueueRow }) => p.data ? <Typography.Link onClick={() => navigate(`/orders/${encodeURIComponent(p.data!.id)}`)}>{p.data.platformOrderId}</Typography.Link> : null,
    },
    { colId: 'hold', headerName: t('lifecycle.queue.held'), tooltipValueGetter: (p) => p.value as string, flex: 1, minWidth: 220, valueGetter: (p) => (p.data?.hold ? holdText(p.data.hold, t, lang) : t('lifecycle.queue.waiting')) },
    { headerName: t('orders.col.status'), width: 96, valueGetter: (p) => statusLabel(p.data?.status, lang) },
    { headerName: t('lifecycle.queue.sla'), width: 120, field: 'slaDueAt', cellRenderer: (p: { data?: QueueRow }) => <SlaClock dueAt={p.data?.slaDueAt} /> },
    { headerName: t('lifecycle.queue.openedAt'), width: 150, valueGetter: (p) => (p.data?.hold ? formatInZone(p.data.hold.openedAt) : p.data?.paidAt ? formatInZone(p.data.paidAt) : '') },
    { headerName: t('orders.col.channelId'), width: 140, field: 'shopName' },
    { headerName: t('orders.col.buyerNick'), width: 110, field: 'buyerNick' },
    { headerName: t('orders.col.paidFen'), width: 100, type: 'rightAligned', valueGetter: (p) => (p.data?.paidFen == null ? '' : formatYuan(p.data.paidFen)) },
  ], [t, lang, navigate]);

  const b = queue.data?.buckets ?? [];
  const key = (x: Bucket) => `${x.type === undefined ? '*' : x.type ?? 'waiting'}|${x.code ?? ''}`;
  const menu = [
    { key: key({ type: undefined, code: undefined }), label: <Space>{t('lifecycle.queue.allHeld')}<Badge count={b.filter((x) => x.type).reduce((s, x) => s + x.count, 0)} showZero color="#fa541c" /></Space> },
    { key: key({ type: null, code: undefined }), label: <Space>{t('lifecycle.queue.waiting')}<Badge count={b.find((x) => x.type === null)?.count ?? 0} showZero color="#1677ff" /></Space> },
    ...b.filter((x) => x.type).map((x) => ({
      key: key({ type: x.type, code: x.code ?? undefined }),
      label: <Space data-testid={`bucket-${x.type}-${x.code}`}>{holdText({ type: x.type!, code: x.code!, params: {} }, t, lang)}<Badge count={x.count} color="#fa541c" /></Space>,
    })),
  ];
  const waiting = bucket.type === null;
  const rows = queue.data?.rows ?? [];

  return (
    <div style={{ display: 'flex', gap: 12 }} data-testid="review-queue">
      <Menu
        style={{ width: 260, flex: 'none' }} selectedKeys={[key(bucket)]} items={menu}
        onClick={({ key: k }) => {
          const [type, code] = k.split('|');
          setBucket({ type: type === '*' ? undefined : type === 'waiting' ? null : (type as OrderHold), code: code || undefined });
        }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('orders.total', { count: queue.data?.total ?? 0 })}</Typography.Text>
          {selected.length > 0 && <Typography.Text>{t('lifecycle.queue.selected', { count: selected.length })}</Typography.Text>}
          {can('orders.review') && !waiting && <Button type="primary" data-testid="queue-release" disabled={!selected.length} onClick={() => { form.resetFields(); setAction('release'); }}>{t('lifecycle.queue.release')}</Button>}
          {can('orders.review') && waiting && <Button type="primary" data-testid="queue-approve" disabled={!selected.length} onClick={() => { form.resetFields(); setAction('approve'); }}>{t('lifecycle.queue.approve')}</Button>}
          {can('orders.close') && <Button danger data-testid="queue-cancel" disabled={!selected.length} onClick={() => { form.resetFields(); setAction('cancel'); }}>{t('lifecycle.queue.cancel')}</Button>}
        </Space>
        <div ref={ref}>
          {rows.length || queue.isLoading ? (
            <div style={{ height }}>
              <AgGridReact<QueueRow>
                theme={gridTheme} localeText={gridLocale(i18n.language, {})} rowData={rows} columnDefs={columns} rowSelection={SELECTION} selectionColumnDef={SELECTION_COL}
                getRowId={(p) => `${p.data.id}|${p.data.hold?.id ?? ''}`} onGridReady={(e) => setApi(e.api)}
                onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())} loading={queue.isLoading}
              />
            </div>
          ) : <Empty description={t('lifecycle.queue.empty')} />}
        </div>
      </div>
      <Modal
        open={!!action} destroyOnHidden onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={act.isPending} data-testid="queue-dialog"
        title={action ? t(`lifecycle.queue.confirm${action === 'release' ? 'Release' : action === 'approve' ? 'Approve' : 'Cancel'}`, { count: selected.length }) : ''}
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => act.mutate(v)}>
          <ReasonFields required />
        </Form>
      </Modal>
    </div>
  );
}
