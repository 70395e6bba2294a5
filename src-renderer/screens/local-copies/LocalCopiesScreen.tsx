import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { byteSize } from '../../../src-shared/bytes';
import type { LocalCopies, LocalCopy } from '../../../src-shared/contract/local-copies';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';

/**
 * The database copies kept on this PC (before updates, before joining a team): what each takes,
 * and deleting the ones no longer wanted, each after a confirmation that says it cannot be undone.
 */
export function LocalCopiesScreen() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const copies = useQuery({ queryKey: ['workspace.copies'], queryFn: () => client.call('workspace.copies', {}) });
  const remove = useMutation({
    mutationFn: (c: LocalCopy) => client.call('workspace.deleteCopy', { name: c.name }),
    onSuccess: (next, c) => {
      qc.setQueryData<LocalCopies>(['workspace.copies'], next);
      void message.success(t('localCopies.deleted', { name: c.name, size: byteSize(c.bytes) }));
    },
    onError: (e) => {
      void message.error(errorText(e));
      void qc.invalidateQueries({ queryKey: ['workspace.copies'] });
    },
  });
  const kindWord = (c: LocalCopy) => t(c.kind === 'update' ? 'localCopies.kindUpdate' : 'localCopies.kindJoin');
  const confirm = (c: LocalCopy) =>
    modal.confirm({
      title: t('localCopies.confirmTitle'),
      content: (
        <Space direction="vertical">
          <span>{t('localCopies.confirmBody', { kind: kindWord(c), time: formatInZone(c.madeAt), size: byteSize(c.bytes) })}</span>
          {c.kind === 'join' && <Typography.Text type="warning">{t('localCopies.confirmJoin')}</Typography.Text>}
        </Space>
      ),
      okText: t('localCopies.confirmOk'),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(c),
    });
  const d = copies.data;
  const total = d ? d.copies.reduce((sum, c) => sum + c.bytes, 0) : 0;
  return (
    <Card title={t('localCopies.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('localCopies.intro')}</Typography.Paragraph>
        {d && (
          <Typography.Text data-testid="copies-summary">
            {d.freeBytes === null
              ? t('localCopies.summaryNoFree', { database: byteSize(d.databaseBytes), copies: byteSize(total) })
              : t('localCopies.summary', { database: byteSize(d.databaseBytes), copies: byteSize(total), free: byteSize(d.freeBytes) })}
          </Typography.Text>
        )}
        {d && <Typography.Text type="secondary">{t('localCopies.folder', { folder: d.folder })}</Typography.Text>}
        <Table<LocalCopy>
          rowKey="name"
          size="small"
          loading={copies.isLoading}
          dataSource={d?.copies ?? []}
          pagination={false}
          locale={{ emptyText: t('localCopies.none') }}
          columns={[
            { title: t('localCopies.kind'), key: 'kind', render: (_, c) => <Tag color={c.kind === 'join' ? 'gold' : 'blue'}>{kindWord(c)}</Tag> },
            { title: t('localCopies.madeAt'), key: 'madeAt', render: (_, c) => formatInZone(c.madeAt) },
            { title: t('localCopies.size'), key: 'size', align: 'right', render: (_, c) => byteSize(c.bytes) },
            { title: t('localCopies.file'), dataIndex: 'name', render: (name: string) => <Typography.Text code>{name}</Typography.Text> },
            {
              title: t('localCopies.actions'),
              key: 'actions',
              render: (_, c) => (
                <Button size="small" danger loading={remove.isPending && remove.variables?.name === c.name} onClick={() => confirm(c)}>
                  {t('localCopies.delete')}
                </Button>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
