/** One rule in a drawer: name, kind, priority, the visual condition and the actions. */
import { Alert, Button, Drawer, Form, Input, InputNumber, Radio, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleGroupType } from 'react-querybuilder';
import type { Rule, RuleAction, RuleStage } from '../../../src-shared/rules';
import { ActionsEditor } from './ActionsEditor';
import { ConditionBuilder } from './ConditionBuilder';
import { fromCondition, toCondition } from './conditionQuery';

export function RuleEditor({ rule, onClose, onSave }: { rule: Rule | null; onClose: () => void; onSave: (r: Rule) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [stage, setStage] = useState<RuleStage>('review');
  const [priority, setPriority] = useState(10);
  const [enabled, setEnabled] = useState(true);
  const [query, setQuery] = useState<RuleGroupType>({ combinator: 'and', rules: [] });
  const [actions, setActions] = useState<RuleAction[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!rule) return;
    setName(rule.name);
    setStage(rule.stage);
    setPriority(rule.priority);
    setEnabled(rule.enabled);
    setQuery(fromCondition(rule.when));
    setActions(rule.actions);
    setProblem(null);
  }, [rule]);

  const ok = () => {
    if (!name.trim()) return setProblem(t('rules.editor.needName'));
    if (!actions.length) return setProblem(t('rules.editor.needAction'));
    if (stage === 'route' && !actions.some((a) => a.type === 'assignWarehouse' || a.type === 'splitByWarehouse')) return setProblem(t('rules.editor.routeNeedsWarehouse'));
    onSave({ id: rule!.id, name: name.trim(), stage, priority, enabled, when: toCondition(query), actions });
  };

  return (
    <Drawer
      open={!!rule}
      onClose={onClose}
      width={760}
      // A rule just added has no name yet; a saved one always has one.
      title={t(rule && !rule.name ? 'rules.editor.newTitle' : 'rules.editor.title')}
      destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('rules.editor.cancel')}</Button><Button type="primary" onClick={ok} data-testid="rule-ok">{t('rules.editor.ok')}</Button></Space>}
    >
      <Form layout="vertical">
        <Space size="large" wrap>
          <Form.Item label={t('rules.editor.name')} required>
            <Input style={{ width: 240 }} value={name} onChange={(e) => setName(e.target.value)} data-testid="rule-name" maxLength={60} />
          </Form.Item>
          <Form.Item label={t('rules.editor.stage')}>
            <Radio.Group
              optionType="button"
              value={stage}
              onChange={(e) => { setStage(e.target.value as RuleStage); setActions([]); }}
              options={[{ value: 'review', label: t('rules.stage.review') }, { value: 'route', label: t('rules.stage.route') }]}
            />
          </Form.Item>
          <Form.Item label={t('rules.editor.priority')}>
            <InputNumber min={0} max={100000} value={priority} onChange={(v) => setPriority(v ?? 0)} />
          </Form.Item>
          <Form.Item label={t('rules.editor.enabled')}>
            <Switch checked={enabled} onChange={setEnabled} />
          </Form.Item>
        </Space>
        <Form.Item label={t('rules.editor.when')}>
          <ConditionBuilder value={query} onChange={setQuery} />
        </Form.Item>
        <Form.Item label={t('rules.editor.actions')} required>
          <ActionsEditor stage={stage} value={actions} onChange={setActions} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} data-testid="rule-problem" />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12 }}>{t('rules.qb.listHint')}</Typography.Paragraph>
    </Drawer>
  );
}
