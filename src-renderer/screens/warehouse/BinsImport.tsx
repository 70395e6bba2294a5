/**
 * 批量设置库位: "SKU ↹ 库位" rows pasted from Excel, or a CSV/xlsx file. Rows refused stay in the box
 * (the saved ones leave it) and are listed with the row, the field and the value, to fix and save again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BinRejection, BinsSaved } from '../../../src-shared/contract/shipping-bins';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';

const toBase64 = (f: File) => new Promise<string>((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
  r.onerror = () => reject(r.error ?? new Error(f.name));
  r.readAsDataURL(f);
});

export function BinsImport({ open, warehouseId, warehouseName, onClose }: { open: boolean; warehouseId: string; warehouseName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [result, setResult] = useState<BinsSaved | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const done = (r: BinsSaved, keep: (rows: BinRejection[]) => void) => {
    setResult(r);
    keep(r.rejected);
    void qc.invalidateQueries({ queryKey: ['shipping', 'bins'] });
  };
  const paste = useMutation({
    mutationFn: () => client.call('shipping.importBins', { warehouseId, text }),
    // The refused rows stay, as they were typed, for fixing; the saved ones leave the box.
    onSuccess: (r) => done(r, (bad) => setText(bad.map((b) => `${b.skuCode}\t${b.bin}`).join('\n'))),
  });
  const upload = useMutation({
    mutationFn: async (f: File) => client.call('shipping.importBins', { warehouseId, file: { name: f.name, base64: await toBase64(f) } }),
    onSuccess: (r) => done(r, () => undefined),
  });
  const error = paste.error ?? upload.error;
  const close = () => {
    setText('');
    setResult(null);
    paste.reset();
    upload.reset();
    onClose();
  };
  return (
    <Modal open={open} width={760} title={t('floor.bins.importTitle', { warehouse: warehouseName })} onCancel={close} destroyOnHidden
      footer={[
        <Button key="file" onClick={() => file.current?.click()} loading={upload.isPending} data-testid="bins-file-button">{t('floor.bins.file')}</Button>,
        <Button key="close" onClick={close}>{t('floor.bins.close')}</Button>,
        <Button key="save" type="primary" disabled={!text.trim()} loading={paste.isPending} onClick={() => paste.mutate()} data-testid="bins-paste-save">{t('floor.bins.savePaste')}</Button>,
      ]}>
      <Typography.Paragraph type="secondary">{t('floor.bins.help')}</Typography.Paragraph>
      <input ref={file} type="file" accept=".csv,.xlsx" style={{ display: 'none' }} data-testid="bins-file"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) upload.mutate(f); e.target.value = ''; }} />
      <Input.TextArea rows={7} value={text} onChange={(e) => setText(e.target.value)} data-testid="bins-paste" style={{ fontFamily: 'monospace' }}
        placeholder={'SKU-001\tA-01-03\nSKU-002\tB-02-11'} />
      {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginTop: 8 }} /> : null}
      {result && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="bins-result">
          <Alert type={result.rejected.length ? 'warning' : 'success'} showIcon
            title={t('floor.bins.done', { saved: result.saved, unchanged: result.unchanged, rejected: result.rejected.length })} />
          {result.rejected.length > 0 && (
            <Table<BinRejection> size="small" rowKey={(r) => `${r.rowNo}-${r.field}`} dataSource={result.rejected} pagination={false} scroll={{ y: 180 }} data-testid="bins-rejected"
              columns={[
                { title: t('floor.bins.row'), dataIndex: 'rowNo', width: 60 },
                { title: t('floor.bins.field'), dataIndex: 'field', width: 90, render: (f: BinRejection['field']) => t(`floor.bins.fields.${f}`) },
                { title: t('floor.bins.value'), dataIndex: 'value', width: 160, render: (v: string) => <span data-user-text>{v || t('floor.bins.blank')}</span> },
                { title: t('floor.bins.reason'), dataIndex: 'message' },
              ]} />
          )}
        </Space>
      )}
    </Modal>
  );
}
