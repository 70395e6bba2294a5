/** Each shop, the ERP bridge and sync: working, failing for how long (with its last error), or paused; and what is not connected yet. */
import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { durationText } from '../../../src-shared/exception-words';
import type { HealthView } from '../../../src-shared/contract/board';
import { formatInZone } from '../../../src-shared/time';
import { punctuation } from '../../i18n/punctuation';
import { langOf } from '../exceptions/words';

export function HealthList({ health, missing, onOpen }: { health: HealthView[]; missing: string[]; onOpen(h: HealthView): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const p = punctuation(lang);
  return (
    <>
      <List size="small" dataSource={health} data-testid="health" locale={{ emptyText: '—' }}
        renderItem={(h) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen(h)}>
            <span>{h.name}</span>
            <span>
              {h.paused ? <Tag>{t('exceptions.board.healthPaused')}</Tag>
                : h.failing ? <Tag color="red" title={h.lastError ?? ''}>{t('exceptions.board.healthFailing', { d: durationText(h.failingMinutes ?? 0, lang) })}</Tag>
                : <Tag color="green">{t('exceptions.board.healthOk')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.lastSuccessAt ? t('exceptions.board.lastSuccess', { time: formatInZone(h.lastSuccessAt).slice(5, 16) }) : t('exceptions.board.never')}
                {h.backlog ? ` · ${t('exceptions.board.backlog', { n: h.backlog })}` : ''}
              </Typography.Text>
            </span>
          </List.Item>
        )} />
      {missing.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('exceptions.board.missing', { what: p.list(missing.map((m) => t(`exceptions.board.${m}`))) })}</Typography.Text>}
    </>
  );
}
