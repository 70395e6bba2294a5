/** One exception: why, who, its confirmations, its history, the parcel's trail; note, confirm, close; open the order. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Drawer, Empty, Input, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actorText } from '../../../src-shared/actor-words';
import { SEVERITY_LABELS, SHIPMENT_STATE_LABELS } from '../../../src-shared/exceptions';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { punctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { RISK_KEY, riskChanged } from './live';
import { detectorWord, eventLine, exceptionCause, exceptionClose, langOf, ownerText, roleText, SEVERITY_COLOR } from './words';

const time = (ms: number) => formatInZone(ms).slice(0, 16);

export function ExceptionDrawer({ id, onClose, onOrder, onCloseIt }: { id: string | null; onClose(): void; onOrder(orderId: string): void; onCloseIt(id: string): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const p = punctuation(lang);
  const { message } = App.useApp();
  const { me, can } = useSession();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const q = useQuery({ queryKey: [RISK_KEY, 'exception', id], queryFn: () => client.call('exceptions.get', { id: id! }), enabled: !!id });
  const done = () => riskChanged(qc);
  const addNote = useMutation({ mutationFn: () => client.call('exceptions.note', { id: id!, body: note }), onSuccess: () => { setNote(''); done(); }, onError: (e) => message.error(errorText(e)) });
  const confirm = useMutation({ mutationFn: () => client.call('exceptions.confirm', { id: id!, ...(note.trim() ? { note: note.trim() } : {}) }), onSuccess: () => { setNote(''); done(); }, onError: (e) => message.error(errorText(e)) });
  const [expected, setExpected] = useState<Dayjs | null>(null);
  const mark = useMutation({
    mutationFn: async (skus: string[]) => {
      for (const skuCode of skus) await client.call('purchases.mark', { skuCode, expectedAt: expected!.endOf('day').valueOf(), note: null, qty: null });
    },
    onSuccess: () => { setExpected(null); message.success(t('exceptions.settings.saved')); done(); },
    onError: (e) => message.error(errorText(e)),
  });
  const poll = useMutation({ mutationFn: (orderId: string) => client.call('tracking.pollNow', { orderId }), onSuccess: done, onError: (e) => message.error(errorText(e)) });

  const e = q.data?.exception;
  const ship = q.data?.shipment ?? null;
  const myRole = me?.role;
  const mayConfirm = !!e && e.state !== 'closed' && !!myRole && e.confirmations.includes(myRole as never) && !e.confirmed.some((c) => c.role === myRole);
  return (
    <Drawer open={!!id} onClose={onClose} width={560} title={e ? detectorWord(e, lang) : t('exceptions.ws.detail')} destroyOnHidden data-testid="exception-drawer">
      {e && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('exceptions.ws.col.severity')}><Tag color={SEVERITY_COLOR[e.severity]}>{SEVERITY_LABELS[e.severity][lang]}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('exceptions.ws.col.state')}>{t(`exceptions.ws.state.${e.state}`)}{e.overdue ? <Tag color="red" style={{ marginLeft: 8 }}>{t('exceptions.ws.overdue')}</Tag> : null}</Descriptions.Item>
            <Descriptions.Item label={t('exceptions.ws.col.cause')} span={2}><span data-testid="exception-cause">{exceptionCause(e, lang)}</span></Descriptions.Item>
            {e.orderId && <Descriptions.Item label={t('exceptions.ws.col.order')}><a data-testid="drawer-order" onClick={() => onOrder(e.orderId!)}>{e.platformOrderId}</a></Descriptions.Item>}
            {e.shopName && <Descriptions.Item label={t('exceptions.ws.col.shop')}>{e.shopName}</Descriptions.Item>}
            <Descriptions.Item label={t('exceptions.ws.col.owner')}>{ownerText(e, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('exceptions.ws.col.dueAt')}>{time(e.dueAt)}</Descriptions.Item>
            {e.state === 'closed' && <Descriptions.Item label={t('exceptions.ws.closeKind')} span={2}>{exceptionClose(e, lang)}</Descriptions.Item>}
          </Descriptions>
          {e.confirmations.length > 0 && (
            <div data-testid="confirmations">
              <Typography.Text strong>{t('exceptions.ws.confirmations')}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                {e.confirmations.map((r) => {
                  const c = e.confirmed.find((x) => x.role === r);
                  return <Tag key={r} color={c ? 'green' : 'default'}>{c ? t('exceptions.ws.confirmedBy', { role: roleText(r, lang), name: c.name ?? '' }) : t('exceptions.ws.waitingFor', { role: roleText(r, lang) })}</Tag>;
                })}
              </div>
            </div>
          )}
          {e.state !== 'closed' && can('exceptions.work') && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={2} value={note} onChange={(x) => setNote(x.target.value)} placeholder={t('exceptions.ws.notePlaceholder')} maxLength={1000} data-testid="exception-note" />
              <Space wrap>
                <Button disabled={!note.trim()} loading={addNote.isPending} onClick={() => addNote.mutate()}>{t('exceptions.ws.addNote')}</Button>
                {mayConfirm && <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="exception-confirm">{t('exceptions.ws.confirm')}</Button>}
                <Button danger onClick={() => onCloseIt(e.id)} data-testid="exception-close">{t('exceptions.ws.close')}</Button>
                {e.orderId && <Button onClick={() => onOrder(e.orderId!)}>{t('exceptions.ws.openOrder')}</Button>}
              </Space>
            </Space>
          )}
          {e.detector === 'stock_short_no_purchase' && e.state !== 'closed' && can('stock.manage') && Array.isArray(e.causeParams.missingSkus) && (
            // 采购协同失效: say that a purchase is under way and when it arrives; the exception clears on the next pass.
            <Space wrap data-testid="purchase-mark">
              <Typography.Text>{t('exceptions.settings.purchaseMark')}{p.paren(p.list(e.causeParams.missingSkus as string[]))}</Typography.Text>
              <DatePicker size="small" value={expected} onChange={setExpected} placeholder={t('exceptions.settings.purchaseExpected')} />
              <Button size="small" disabled={!expected} loading={mark.isPending} onClick={() => mark.mutate(e.causeParams.missingSkus as string[])}>{t('exceptions.settings.save')}</Button>
            </Space>
          )}
          <div>
            <Typography.Text strong>{t('exceptions.ws.history')}</Typography.Text>
            <Timeline style={{ marginTop: 8 }} data-testid="exception-history"
              items={(q.data?.events ?? []).map((ev) => ({ children: <span>{time(ev.at)} · {actorText(ev.actorName, lang, t('exceptions.ws.system'))} · {eventLine(ev, e, t, lang, time)}</span> }))} />
          </div>
          {e.orderId && (
            <div data-testid="shipment">
              <Space><Typography.Text strong>{t('exceptions.ws.shipment')}</Typography.Text>
                {ship?.active && <Button size="small" loading={poll.isPending} onClick={() => poll.mutate(e.orderId!)}>{t('exceptions.ws.pollNow')}</Button>}</Space>
              {!ship ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exceptions.ws.noShipment')} /> : (
                <>
                  <div style={{ margin: '4px 0' }}>{ship.carrier ?? ''} {ship.trackingNo} · <Tag>{SHIPMENT_STATE_LABELS[ship.state][lang]}</Tag></div>
                  {ship.events.length ? <Timeline items={ship.events.slice(0, 8).map((x) => ({ children: `${time(x.at)} ${x.context}` }))} /> : <Typography.Text type="secondary">{t('exceptions.ws.noTrail')}</Typography.Text>}
                </>
              )}
            </div>
          )}
        </Space>
      )}
    </Drawer>
  );
}
