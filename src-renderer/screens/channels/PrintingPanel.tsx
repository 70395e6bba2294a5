import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../src-shared/contract/channels';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';

/** What the warehouse prints for this shop: amounts on its packing slips (发货单) or not. */
export function PrintingPanel({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (on: boolean) => client.call('channels.setPrinting', { id: channel.id, packingSlipAmounts: on }),
    onSuccess: (c) => {
      void message.success(t('channels.printing.saved', { state: t(c.printing.packingSlipAmounts ? 'channels.printing.on' : 'channels.printing.off') }));
      // The answer is the shop as saved: the switch shows it at once, the list refreshes behind.
      qc.setQueryData<ChannelView[]>(['channels.list'], (list) => list?.map((x) => (x.id === c.id ? c : x)));
      void qc.invalidateQueries({ queryKey: ['channels.list'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const mayChange = can('channels.manage');
  return (
    <div data-testid="printing-panel">
      <Typography.Paragraph type="secondary">{t('channels.printing.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('channels.printing.amounts')} extra={mayChange ? t('channels.printing.amountsHelp') : t('channels.printing.readOnly')}>
          <Switch checked={channel.printing.packingSlipAmounts} loading={save.isPending} disabled={!mayChange} onChange={(on) => save.mutate(on)}
            data-testid="packing-slip-amounts" aria-label={t('channels.printing.amounts')} />
        </Form.Item>
      </Form>
    </div>
  );
}
