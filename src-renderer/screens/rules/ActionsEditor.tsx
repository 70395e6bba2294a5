/** The actions of one rule: which ones the stage may take, each with its own few inputs. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { URGENCIES, URGENCY_LABELS } from '../../../src-shared/orders';
import { ACTIONS_BY_STAGE, REVIEW_REASON_LABELS, REVIEW_REASONS, type RuleAction, type RuleStage } from '../../../src-shared/rules';
import { client } from '../../api/client';

function blank(type: RuleAction['type'], firstWarehouse: string): RuleAction {
  switch (type) {
    case 'addTag': return { type, tag: '' };
    case 'setUrgency': return { type, urgency: 'red' };
    case 'hold': return { type, reason: 'other' };
    case 'assignTo': return { type, userId: null, userName: '' };
    case 'assignWarehouse': return { type, warehouseId: firstWarehouse, fallback: true };
    case 'splitByWarehouse': return { type, warehouseIds: firstWarehouse ? [firstWarehouse] : [] };
  }
}

export function ActionsEditor({ stage, value, onChange }: { stage: RuleStage; value: RuleAction[]; onChange: (a: RuleAction[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}) });
  const warehouses = (facets.data?.warehouses ?? []).map((w) => ({ value: w.id, label: w.name }));
  const set = (i: number, a: RuleAction) => onChange(value.map((x, j) => (j === i ? a : x)));
  const allowed = ACTIONS_BY_STAGE[stage];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="actions-editor">
      {value.map((a, i) => (
        <Space key={i} wrap align="center" data-testid={`action-${i}`}>
          <Select
            style={{ width: 130 }}
            value={a.type}
            aria-label={t('rules.editor.actions')}
            options={allowed.map((type) => ({ value: type, label: t(`rules.action.${type}`) }))}
            onChange={(type) => set(i, blank(type, warehouses[0]?.value ?? ''))}
          />
          {a.type === 'addTag' && <Input style={{ width: 160 }} placeholder={t('rules.action.tag')} value={a.tag} onChange={(e) => set(i, { ...a, tag: e.target.value })} />}
          {a.type === 'setUrgency' && (
            <Select style={{ width: 120 }} value={a.urgency} onChange={(urgency) => set(i, { ...a, urgency })} options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u][lang] }))} />
          )}
          {a.type === 'hold' && (
            <>
              <Select style={{ width: 170 }} value={a.reason} onChange={(reason) => set(i, { ...a, reason })} options={REVIEW_REASONS.map((r) => ({ value: r, label: REVIEW_REASON_LABELS[r][lang] }))} />
              <Input style={{ width: 180 }} placeholder={t('rules.action.note')} value={a.note ?? ''} onChange={(e) => set(i, { ...a, note: e.target.value || undefined })} />
            </>
          )}
          {a.type === 'assignTo' && <Input style={{ width: 160 }} placeholder={t('rules.action.person')} value={a.userName} onChange={(e) => set(i, { ...a, userName: e.target.value })} />}
          {a.type === 'assignWarehouse' && (
            <>
              <Select style={{ width: 150 }} value={a.warehouseId} options={warehouses} onChange={(warehouseId) => set(i, { ...a, warehouseId })} aria-label={t('rules.action.warehouse')} />
              <Checkbox checked={Boolean(a.fallback)} onChange={(e) => set(i, { ...a, fallback: e.target.checked })}>{t('rules.action.fallback')}</Checkbox>
            </>
          )}
          {a.type === 'splitByWarehouse' && (
            <Select mode="multiple" style={{ minWidth: 260 }} value={a.warehouseIds} options={warehouses} placeholder={t('rules.action.warehouses')} onChange={(warehouseIds) => set(i, { ...a, warehouseIds })} />
          )}
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('rules.remove')} onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...value, blank(allowed[0]!, warehouses[0]?.value ?? '')])} data-testid="add-action">
        {t('rules.editor.addAction')}
      </Button>
    </Space>
  );
}
