/**
 * Which shop a file's orders go into (issue 15, item 7): the user picks one, or names a new
 * one; the platform the file came from is suggested and its shops listed first. Nothing is
 * created behind the user's back.
 */
import { Alert, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../src-shared/contract/imports';
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS, type ChannelKind } from '../../../src-shared/orders';
import { punctuation } from '../../i18n/punctuation';

export type ShopChoice = { channelId: string } | { newShop: { name: string; kind: ChannelKind } } | null;
const NEW = '__new__';

/** The first choice to offer: the only shop of the suggested platform, if there is exactly one. */
export function initialShop(preview: ImportPreview): ShopChoice {
  // A sheet no template knows is most often a shop's own (offline) list.
  const kind = preview.channelKind ?? (preview.template ? null : 'pos');
  const same = preview.shops.filter((s) => s.kind === kind);
  return same.length === 1 ? { channelId: same[0]!.id } : null;
}

export function ShopPicker({ preview, value, onChange, kind }: { preview: ImportPreview; value: ShopChoice; onChange(v: ShopChoice): void; kind?: ChannelKind }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const suggested = kind ?? preview.channelKind;
  const isNew = value !== null && 'newShop' in value;
  const platform = (k: ChannelKind) => CHANNEL_KIND_LABELS[k][lang];
  const options = [
    ...preview.shops.map((s) => ({ value: s.id, label: `${s.name}${p.paren(platform(s.kind))}` })),
    { value: NEW, label: t('importChoice.newShop') },
  ];
  return (
    <Space direction="vertical" size={4} data-testid="shop-picker">
      <Space wrap>
        <span>{t('importChoice.shop')}</span>
        <Select
          style={{ width: 260 }}
          data-testid="shop-select"
          placeholder={t('importChoice.shopPlaceholder')}
          value={isNew ? NEW : value && 'channelId' in value ? value.channelId : undefined}
          onChange={(v: string) => onChange(v === NEW ? { newShop: { name: '', kind: suggested ?? 'pos' } } : { channelId: v })}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
        />
        {isNew && (
          <>
            <Input style={{ width: 200 }} data-testid="new-shop-name" placeholder={t('importChoice.newShopName')} value={value.newShop.name}
              onChange={(e) => onChange({ newShop: { ...value.newShop, name: e.target.value } })} />
            <Select<ChannelKind> style={{ width: 150 }} aria-label={t('importChoice.newShopKind')} value={value.newShop.kind}
              onChange={(k) => onChange({ newShop: { ...value.newShop, kind: k } })}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: platform(k) }))} />
          </>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {suggested ? t('importChoice.suggested', { platform: platform(suggested) }) : t('importChoice.suggestedNone')}
      </Typography.Text>
    </Space>
  );
}

/** The choice as imports.upload takes it; null while incomplete. */
export function shopInput(v: ShopChoice): { channelId: string } | { newShop: { name: string; kind: ChannelKind } } | null {
  if (!v) return null;
  if ('channelId' in v) return v;
  return v.newShop.name.trim() ? { newShop: { name: v.newShop.name.trim(), kind: v.newShop.kind } } : null;
}

export function NeedShop() {
  const { t } = useTranslation();
  return <Alert type="info" showIcon title={t('importChoice.needShop')} />;
}
