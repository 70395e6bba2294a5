/** The visual condition editor: react-querybuilder with its Ant Design controls, over the documented order shape. */
import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import { client } from '../../api/client';
import { ruleFields } from './conditionQuery';

export function ConditionBuilder({ value, onChange }: { value: RuleGroupType; onChange: (q: RuleGroupType) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}) });
  const fields = useMemo(
    () => ruleFields(lang, (op) => t(`rules.qb.ops.${op}`, { defaultValue: op }), facets.data?.channels ?? [], t('rules.qb.yuan')),
    [lang, t, facets.data],
  );
  const translations = {
    addRule: { label: t('rules.qb.addRule'), title: t('rules.qb.addRule') },
    addGroup: { label: t('rules.qb.addGroup'), title: t('rules.qb.addGroup') },
    removeRule: { label: '×', title: t('rules.qb.remove') },
    removeGroup: { label: '×', title: t('rules.qb.remove') },
    notToggle: { label: t('rules.qb.not'), title: t('rules.qb.not') },
  };
  return (
    <div data-testid="condition-builder">
      <QueryBuilderAntD>
        <QueryBuilder
          fields={fields}
          query={value}
          onQueryChange={onChange}
          combinators={[{ name: 'and', value: 'and', label: t('rules.qb.and') }, { name: 'or', value: 'or', label: t('rules.qb.or') }]}
          translations={translations}
          showNotToggle
          resetOnFieldChange
          listsAsArrays
        />
      </QueryBuilderAntD>
    </div>
  );
}
