/** 批量发货: "order no. ↹ tracking no." rows pasted from Excel; each row shipped or refused on its own. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Input, List, Modal, Typography, type ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client';
import { parseRows } from './parse-rows';
import { beepOk, beepRefused } from './sound';

export function BulkPaste({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const parsed = useMemo(() => parseRows(text), [text]);
  const ship = useMutation({
    mutationFn: () => client.call('shipping.bulk', { rows: parsed.rows }),
    onSuccess: (r) => {
      if (r.refused) beepRefused();
      else beepOk();
      void qc.invalidateQueries({ queryKey: ['shipping'] });
    },
  });
  const refused = ship.data?.results.filter((r) => !r.ok) ?? [];
  return (
    <Modal
      open={open} title={t('shipping.bulk.title')} width={720} onCancel={() => { setText(''); ship.reset(); onClose(); }}
      okText={t('shipping.bulk.submit')} onOk={() => ship.mutate()} okButtonProps={{ disabled: !parsed.rows.length, loading: ship.isPending, 'data-testid': 'bulk-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('shipping.bulk.help')}</Typography.Paragraph>
      <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} data-testid="bulk-text" style={{ fontFamily: 'monospace' }} />
      <Typography.Text>{parsed.rows.length ? t('shipping.bulk.rows', { n: parsed.rows.length }) : t('shipping.bulk.empty')}</Typography.Text>
      {parsed.bad.map((line) => <Alert key={line} type="warning" title={t('shipping.bulk.bad', { line })} style={{ marginTop: 4 }} />)}
      {ship.data && (
        <div data-testid="bulk-result" style={{ marginTop: 8 }}>
          <Alert type={ship.data.refused ? 'warning' : 'success'} showIcon title={t('shipping.bulk.done', { shipped: ship.data.shipped, refused: ship.data.refused })} />
          {refused.length > 0 && (
            <List size="small" dataSource={refused} style={{ maxHeight: 200, overflow: 'auto' }}
              renderItem={(r) => <List.Item>{!r.ok && r.message}</List.Item>} />
          )}
        </div>
      )}
    </Modal>
  );
}
