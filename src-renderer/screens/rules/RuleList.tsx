/** The rule set as a table: priority, kind, name, condition and actions in words, on/off, edit/delete. */
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { URGENCY_LABELS } from '../../../src-shared/orders';
import { REVIEW_REASON_LABELS, type Rule, type RuleAction } from '../../../src-shared/rules';
import { client } from '../../api/client';
import { punctuation } from '../../i18n/punctuation';
import { conditionText } from './conditionText';

export function RuleList({ rules, canEdit, onEdit, onChange }: { rules: Rule[]; canEdit: boolean; onEdit: (r: Rule) => void; onChange: (rules: Rule[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}) });
  const wh = (id: string) => facets.data?.warehouses.find((w) => w.id === id)?.name ?? id;
  const shop = (id: string) => facets.data?.channels.find((c) => c.id === id)?.name ?? id;
  const actionText = (a: RuleAction): string => {
    const head = t(`rules.action.${a.type}`);
    switch (a.type) {
      case 'addTag': return t('rules.event.tag', { v: a.tag });
      case 'setUrgency': return `${head}${p.colon}${URGENCY_LABELS[a.urgency][lang]}`;
      case 'hold': return `${head}${p.colon}${REVIEW_REASON_LABELS[a.reason][lang]}`;
      case 'assignTo': return `${head} ${a.userName}`;
      case 'assignWarehouse': return `${head} ${wh(a.warehouseId)}${a.fallback ? p.paren(t('rules.action.fallback')) : ''}`;
      case 'splitByWarehouse': return `${head} ${a.warehouseIds.map(wh).join(' → ')}`;
    }
  };
  const sorted = [...rules].sort((a, b) => (a.stage === b.stage ? a.priority - b.priority : a.stage === 'review' ? -1 : 1));
  return (
    <Table<Rule>
      rowKey="id"
      size="small"
      data-testid="rule-list"
      pagination={false}
      dataSource={sorted}
      columns={[
        { title: t('rules.col.stage'), dataIndex: 'stage', width: 70, render: (s: Rule['stage']) => <Tag color={s === 'review' ? 'orange' : 'blue'}>{t(`rules.stage.${s}`)}</Tag> },
        { title: t('rules.col.priority'), dataIndex: 'priority', width: 70 },
        { title: t('rules.col.name'), dataIndex: 'name', width: 150, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
        { title: t('rules.col.when'), render: (_, r) => <Typography.Text style={{ fontSize: 12 }}>{conditionText(r.when, lang, shop)}</Typography.Text> },
        { title: t('rules.col.actions'), render: (_, r) => <Space size={4} wrap>{r.actions.map((a, i) => <Tag key={i}>{actionText(a)}</Tag>)}</Space> },
        {
          title: t('rules.col.enabled'), dataIndex: 'enabled', width: 60,
          render: (on: boolean, r) => <Switch size="small" checked={on} disabled={!canEdit} aria-label={`${r.name} ${t('rules.col.enabled')}`} onChange={(v) => onChange(rules.map((x) => (x.id === r.id ? { ...x, enabled: v } : x)))} />,
        },
        {
          title: t('rules.col.ops'), width: 90,
          render: (_, r) => canEdit && (
            <Space size={0}>
              <Button type="link" size="small" icon={<EditOutlined />} aria-label={`${t('rules.edit')} ${r.name}`} onClick={() => onEdit(r)} />
              <Popconfirm title={t('rules.confirmRemove', { name: r.name })} onConfirm={() => onChange(rules.filter((x) => x.id !== r.id))}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('rules.remove')} ${r.name}`} />
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}
