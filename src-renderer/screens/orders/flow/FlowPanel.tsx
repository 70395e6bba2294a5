/**
 * The drawer's top: where the order stands (our status beside the platform's phase, both SLA
 * clocks, its machine version), the moves this person may make, its holds and its split/merge
 * family, and the actions that reshape it (split, merge undo, address, gift).
 */
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Divider, Dropdown, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyOrder } from '../../../../src-shared/contract/lifecycle';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { PLATFORM_PHASE_LABELS } from '../../../../src-shared/orders';
import { formatInZone } from '../../../../src-shared/time';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { punctuation } from '../../../i18n/punctuation';
import { useSession } from '../../../session/session';
import { statusLabel } from '../cells';
import { AddressDialog } from './AddressDialog';
import { GiftDialog } from './GiftDialog';
import { HoldsList } from './HoldsList';
import { MoveDialog, type MoveTarget } from './MoveDialog';
import { SlaClock } from './SlaClock';
import { SplitDialog } from './SplitDialog';

const RESHAPEABLE = ['pending_review', 'to_route', 'to_ship'];

interface Props { detail: OrderDetail; onOpen(id: string): void; onChanged(): void }

export function FlowPanel({ detail, onOpen, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { can } = useSession();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const o = detail.order;
  const view = useQuery({ queryKey: ['orders.lifecycle', o.id], queryFn: () => client.call('orders.lifecycle', { id: o.id }) });
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}), staleTime: 60_000 });
  const [move, setMove] = useState<MoveTarget | null>(null);
  const [dialog, setDialog] = useState<'split' | 'address' | null>(null);
  const [gift, setGift] = useState<{ orderId: string; lineId: string; title: string; version: number } | null>(null);
  const changed = () => {
    void qc.invalidateQueries({ queryKey: ['orders.get', o.id] });
    void qc.invalidateQueries({ queryKey: ['orders.lifecycle', o.id] });
    onChanged();
  };
  const undo = useMutation({
    mutationFn: (kind: 'unsplit' | 'unmerge') => client.call(kind === 'unsplit' ? 'orders.unsplit' : 'orders.unmerge', { id: o.id, expectedVersion: o.version }),
    onSuccess: (_r, kind) => {
      void message.success(t(kind === 'unsplit' ? 'lifecycle.split.unsplitDone' : 'lifecycle.merge.unmergeDone'));
      changed();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const v = view.data;
  if (!v) return null;

  const moves = v.moves.filter((m) => m.allowed);
  const reshapeable = RESHAPEABLE.includes(v.status) && can('orders.edit');
  const family = v.family;
  const link = (f: FamilyOrder) => (
    <Typography.Link key={f.id} onClick={() => onOpen(f.id)} style={{ marginInlineEnd: 8 }}>{f.platformOrderId}{p.paren(statusLabel(f.status, lang))}</Typography.Link>
  );
  const gifts = detail.lines.filter((l) => l.gift);

  return (
    <section data-testid="order-flow">
      <Descriptions
        size="small" column={2}
        items={[
          { key: 's', label: t('orders.col.status'), children: <Tag color="blue" data-testid="flow-status">{statusLabel(v.status, lang)}</Tag> },
          { key: 'p', label: t('lifecycle.sla.phase'), children: v.platformPhase ? PLATFORM_PHASE_LABELS[v.platformPhase][lang] : t('orders.hold.unmapped_status') },
          { key: 'st', label: t('lifecycle.sla.state'), children: <SlaClock dueAt={v.clock.stateDueAt} showDue /> },
          { key: 'sh', label: t('lifecycle.sla.ship'), children: <SlaClock dueAt={v.clock.shipDueAt} showDue /> },
          { key: 'since', label: t('lifecycle.sla.statusSince'), children: v.statusAt ? formatInZone(v.statusAt) : '—' },
          { key: 'm', label: t('lifecycle.machine.title'), children: t('lifecycle.sla.machine', { version: v.machineVersion }) },
          ...(v.addressChangedAt ? [{ key: 'a', label: t('orders.detail.address'), span: 2, children: <Typography.Text type="warning"><ExclamationCircleOutlined /> {t('lifecycle.sla.addressChanged')}{p.paren(formatInZone(v.addressChangedAt))}</Typography.Text> }] : []),
        ]}
      />
      <Space wrap style={{ margin: '8px 0' }} data-testid="flow-actions">
        {moves.map((m) => (
          <Button key={m.to} data-testid={`move-${m.to}`} type={m.to === 'cancelled' || m.to === 'closed' ? 'default' : 'primary'} danger={m.to === 'cancelled'}
            onClick={() => setMove({ to: m.to, requires: m.requires, force: false })}
          >
            {t('lifecycle.move.to', { status: statusLabel(m.to, lang) })}
          </Button>
        ))}
        {!moves.length && <Typography.Text type="secondary">{t('lifecycle.move.noMoves')}</Typography.Text>}
        {(reshapeable || (can('orders.edit') && (family.parts.length > 0 || family.members.length > 0 || family.parent))) && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                ...(reshapeable && !family.parent && !family.members.length ? [{ key: 'split', label: t('lifecycle.split.button') }] : []),
                ...(family.parts.length || family.parent ? [{ key: 'unsplit', label: t('lifecycle.split.unsplit') }] : []),
                ...(family.members.length ? [{ key: 'unmerge', label: t('lifecycle.merge.unmerge') }] : []),
                ...(can('orders.edit') && ['pending_payment', ...RESHAPEABLE, 'picking', 'packed'].includes(v.status) ? [{ key: 'address', label: t('lifecycle.address.button') }] : []),
              ],
              onClick: ({ key }) => {
                if (key === 'split' || key === 'address') setDialog(key);
                else modal.confirm({ title: t(key === 'unsplit' ? 'lifecycle.split.confirmUnsplit' : 'lifecycle.merge.confirmUnmerge'), onOk: () => undo.mutateAsync(key as 'unsplit' | 'unmerge') });
              },
            }}
          >
            <Button data-testid="flow-edit">{t('lifecycle.family.title')} / {t('lifecycle.address.button')}</Button>
          </Dropdown>
        )}
        {can('orders.edit') && RESHAPEABLE.includes(v.status) && gifts.map((g) => (
          <Button key={g.id} data-testid="gift-swap" onClick={() => setGift({ orderId: o.id, lineId: g.id, title: g.title, version: o.version })}>{t('lifecycle.gift.button')}{p.colon}{g.title}</Button>
        ))}
        {can('orders.intervene') && (
          <Button danger type="dashed" data-testid="move-force" onClick={() => setMove({ to: null, requires: ['reason'], force: true })}>{t('lifecycle.move.force')}</Button>
        )}
      </Space>
      <Divider titlePlacement="start" style={{ margin: '8px 0' }}>{t('lifecycle.hold.title')}</Divider>
      <HoldsList orderId={o.id} version={o.version} holds={v.holds} onChanged={changed} />
      {(family.parent || family.parts.length > 0 || family.mergedInto || family.members.length > 0) && (
        <div data-testid="order-family" style={{ marginTop: 8 }}>
          {family.parent && <div>{t('lifecycle.family.parent')}{p.colon}{link(family.parent)}</div>}
          {family.parts.length > 0 && <div>{t('lifecycle.family.parts')}{p.colon}{family.parts.map(link)}</div>}
          {family.mergedInto && <div>{t('lifecycle.family.mergedInto')}{p.colon}{link(family.mergedInto)}</div>}
          {family.members.length > 0 && <div>{t('lifecycle.family.members')}{p.colon}{family.members.map(link)}</div>}
        </div>
      )}
      <MoveDialog
        target={move} orders={[{ id: o.id, version: o.version, no: o.platformOrderId }]} warehouses={facets.data?.warehouses ?? []}
        onClose={() => setMove(null)} onDone={changed}
      />
      <SplitDialog open={dialog === 'split'} orderId={o.id} version={o.version} lines={detail.lines} onClose={() => setDialog(null)} onDone={changed} />
      <AddressDialog open={dialog === 'address'} order={o} onClose={() => setDialog(null)} onDone={changed} />
      <GiftDialog gift={gift} onClose={() => setGift(null)} onDone={changed} />
    </section>
  );
}
