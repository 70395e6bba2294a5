import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Space, Spin, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../src-shared/contract/imports';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { JobView } from './JobView';
import { MappingPanel } from './MappingPanel';
import { initialShop, NeedShop, ShopPicker, shopInput, type ShopChoice } from './ShopPicker';
import { readFileBase64 } from './readFile';

interface Loaded {
  file: { fileName: string; contentBase64: string };
  preview: ImportPreview;
}

/**
 * Drop or pick a file → the main process reads its header row: a known template imports
 * straight away; an unknown sheet goes to the mapping panel. Then the job's progress.
 */
export function ImportPanel({ jobId, onJob }: { jobId: string | null; onJob(jobId: string | null): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [shop, setShop] = useState<ShopChoice>(null);

  const preview = useMutation({
    mutationFn: async (f: File) => {
      setReading(f.name);
      const file = { fileName: f.name, contentBase64: await readFileBase64(f) };
      return { file, preview: await client.call('imports.preview', file) };
    },
    onSuccess: (l) => {
      setLoaded(l);
      setShop(initialShop(l.preview));
      onJob(null);
    },
    onSettled: () => setReading(null),
  });
  const upload = useMutation({
    mutationFn: (l: Loaded) => client.call('imports.upload', { ...l.file, templateId: l.preview.template!.id, allOrNothing, ...(shopInput(shop) ?? {}) }),
    onSuccess: (r) => started(r.jobId),
  });
  const started = (id: string) => {
    setLoaded(null);
    onJob(id);
    void qc.invalidateQueries({ queryKey: ['imports.jobs'] });
  };
  const error = preview.error ?? upload.error;
  const ordersFile = loaded?.preview.template?.kind === 'orders';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div data-testid="import-dropzone">
      <Upload.Dragger
        accept=".xlsx,.csv,.xls,.txt"
        multiple={false}
        showUploadList={false}
        disabled={preview.isPending}
        beforeUpload={(f) => {
          preview.mutate(f);
          return false; // we send it ourselves, through the API
        }}
      >
        <p className="ant-upload-drag-icon">{reading ? <Spin /> : <InboxOutlined />}</p>
        <p className="ant-upload-text">{reading ? t('imports.drop.reading', { file: reading }) : t('imports.drop.title')}</p>
        <p className="ant-upload-hint">{t('imports.drop.hint')}</p>
      </Upload.Dragger>
      </div>
      <Checkbox checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} data-testid="all-or-nothing">
        {t('imports.allOrNothing')}
      </Checkbox>
      {error && <Alert type="error" showIcon title={errorText(error)} data-testid="import-error" />}
      {loaded?.preview.template && (
        <Card size="small" data-testid="import-recognised">
          <Space direction="vertical">
            <Alert type="success" showIcon title={t('imports.recognised', { name: loaded.preview.template.name })} />
            {ordersFile && <ShopPicker preview={loaded.preview} value={shop} onChange={setShop} />}
            <Space wrap>
              <Button type="primary" disabled={ordersFile && !shopInput(shop)} loading={upload.isPending} onClick={() => upload.mutate(loaded)} data-testid="import-start">{t('imports.start')}</Button>
              <Button onClick={() => setLoaded(null)}>{t('imports.chooseAnother')}</Button>
            </Space>
            {ordersFile && !shopInput(shop) && <NeedShop />}
          </Space>
        </Card>
      )}
      {loaded && !loaded.preview.template && (
        <>
          <Alert type="warning" showIcon title={t('imports.notRecognised')} />
          <MappingPanel preview={loaded.preview} file={loaded.file} allOrNothing={allOrNothing} onStarted={started} shop={shop} onShop={setShop} />
        </>
      )}
      {jobId && <JobView key={jobId} jobId={jobId} />}
    </Space>
  );
}
