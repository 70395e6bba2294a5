/** 审单: held orders by reason (and orders waiting for review), today's 可合单, and 质检拦截 (frozen batches). */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { MergeCandidates } from './MergeCandidates';
import { QualityHolds } from './QualityHolds';
import { ReviewQueue } from './ReviewQueue';

export function ReviewScreen() {
  const { t } = useTranslation();
  return (
    <div data-testid="review-screen">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'queue', label: t('lifecycle.review.queue'), children: <ReviewQueue /> },
          { key: 'merge', label: t('lifecycle.review.merge'), children: <MergeCandidates /> },
          { key: 'quality', label: t('lifecycle.review.quality'), children: <QualityHolds /> },
        ]}
      />
    </div>
  );
}
