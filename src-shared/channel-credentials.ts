import type { ChannelKind } from './orders';

/**
 * What a shop's credential fields are called in words and where a merchant finds each value
 * (the platform's own console), for the shop form and for errors that name a field. Field keys
 * stay the platform's own names (app_key, session, …); people never read them in zh-CN.
 */
export interface CredentialLabel {
  zh: string;
  en: string;
  /** One line: where the value is found (or that 授权 fills it in). */
  whereZh: string;
  whereEn: string;
}

type Labels = Record<string, CredentialLabel>;

const TOKEN_ZH = '点击“授权”后自动填写；也可粘贴已有的令牌';
const TOKEN_EN = 'Filled in by Authorise; an existing token may be pasted';

const taobao: Labels = {
  app_key: { zh: 'App Key', en: 'App Key', whereZh: '在 淘宝开放平台 › 控制台 › 应用管理 › 应用信息 中', whereEn: 'Taobao Open Platform › Console › App management › App info' },
  app_secret: { zh: 'App Secret', en: 'App Secret', whereZh: '在 淘宝开放平台 › 控制台 › 应用管理 › 应用证书 中', whereEn: 'Taobao Open Platform › Console › App management › App certificate' },
  session: { zh: '授权令牌（SessionKey）', en: 'Session key', whereZh: TOKEN_ZH, whereEn: TOKEN_EN },
  sign_method: { zh: '签名方式', en: 'Sign method', whereZh: '一般选 md5；与 应用证书 页上的签名方法一致', whereEn: 'Usually md5; as on the app certificate page' },
};

const pdd: Labels = {
  client_id: { zh: 'Client ID', en: 'Client ID', whereZh: '在 拼多多开放平台 › 应用列表 › 应用详情 中', whereEn: 'PDD Open Platform › Apps › App details' },
  client_secret: { zh: 'Client Secret', en: 'Client Secret', whereZh: '在 拼多多开放平台 › 应用列表 › 应用详情 中', whereEn: 'PDD Open Platform › Apps › App details' },
  access_token: { zh: '授权令牌', en: 'Access token', whereZh: TOKEN_ZH, whereEn: TOKEN_EN },
};

const jd: Labels = {
  app_key: { zh: 'App Key', en: 'App Key', whereZh: '在 京东宙斯开放平台 › 我的应用 › 应用详情 中', whereEn: 'JD JOS › My apps › App details' },
  app_secret: { zh: 'App Secret', en: 'App Secret', whereZh: '在 京东宙斯开放平台 › 我的应用 › 应用详情 中', whereEn: 'JD JOS › My apps › App details' },
  access_token: { zh: '授权令牌', en: 'Access token', whereZh: TOKEN_ZH, whereEn: TOKEN_EN },
};

const douyin: Labels = {
  app_type: { zh: '应用类型', en: 'App type', whereZh: '自用型应用直接授权；工具型应用经服务市场授权（在 抖店开放平台 › 应用管理 中可见）', whereEn: 'Self-use apps authorise directly; tool apps through the service market' },
  app_key: { zh: 'App Key', en: 'App Key', whereZh: '在 抖店开放平台 › 控制台 › 应用管理 › 应用信息 中', whereEn: 'Doudian Open Platform › Console › App management › App info' },
  app_secret: { zh: 'App Secret', en: 'App Secret', whereZh: '在 抖店开放平台 › 控制台 › 应用管理 › 应用信息 中', whereEn: 'Doudian Open Platform › Console › App management › App info' },
  shop_id: { zh: '店铺 ID', en: 'Shop ID', whereZh: '在 抖店商家后台 › 店铺 › 店铺基本信息 中', whereEn: 'Doudian merchant backend › Shop › Basic info' },
  service_id: { zh: '服务 ID（工具型应用）', en: 'Service ID (tool apps)', whereZh: '在 抖店开放平台 › 服务市场 › 服务管理 中', whereEn: 'Doudian Open Platform › Service market › Services' },
  access_token: { zh: '授权令牌', en: 'Access token', whereZh: TOKEN_ZH, whereEn: TOKEN_EN },
};

const youzan: Labels = {
  client_id: { zh: 'Client ID', en: 'Client ID', whereZh: '在 有赞云控制台 › 应用管理 › 应用凭证 中', whereEn: 'Youzan Cloud console › Apps › Credentials' },
  client_secret: { zh: 'Client Secret', en: 'Client Secret', whereZh: '在 有赞云控制台 › 应用管理 › 应用凭证 中', whereEn: 'Youzan Cloud console › Apps › Credentials' },
  grant_id: { zh: '授权店铺 ID', en: 'Shop ID (kdt_id)', whereZh: '在 有赞云控制台 › 应用管理 › 授权店铺 中', whereEn: 'Youzan Cloud console › Apps › Authorised shops' },
  access_token: { zh: '授权令牌', en: 'Access token', whereZh: TOKEN_ZH, whereEn: TOKEN_EN },
};

const shopify: Labels = {
  client_id: { zh: 'Client ID', en: 'Client ID', whereZh: '在 Shopify Dev Dashboard › 应用 › Settings › Credentials 中', whereEn: 'Shopify Dev Dashboard › App › Settings › Credentials' },
  client_secret: { zh: 'Client Secret', en: 'Client secret', whereZh: '在 Shopify Dev Dashboard › 应用 › Settings › Credentials 中', whereEn: 'Shopify Dev Dashboard › App › Settings › Credentials' },
  access_token: { zh: 'Admin API 访问令牌', en: 'Admin API access token', whereZh: '点击“授权”后自动获取；旧版自定义应用可粘贴 shpat_ 开头的令牌', whereEn: 'Fetched by Authorise; a legacy custom app’s shpat_ token may be pasted' },
  read_all_orders: { zh: '可读取全部历史订单', en: 'Reads all orders', whereZh: '应用已获“读取全部订单”权限时填 true（否则只能读近 60 天的订单）', whereEn: 'true when the app has read_all_orders (else the last 60 days only)' },
};

const generic: Labels = {
  token: { zh: '接口令牌', en: 'API token', whereZh: '在 自建商城后台 › 接口设置 中生成', whereEn: "Your mall's admin › API settings" },
  status_map: { zh: '状态对照表', en: 'Status map', whereZh: 'JSON：商城的状态词 → 订单状态，例如 {"paid":"to_ship"}', whereEn: 'JSON: your status word → order status, e.g. {"paid":"to_ship"}' },
};

export const CREDENTIAL_LABELS: Partial<Record<ChannelKind, Labels>> = { taobao, pdd, jd, douyin, youzan, shopify, generic };

/** The label of a field in a language; the field's own name only when nothing is known about it. */
export function credentialLabel(kind: ChannelKind, field: string, lang: 'zh' | 'en' = 'zh'): string {
  const l = CREDENTIAL_LABELS[kind]?.[field];
  return l ? l[lang] : field;
}

/**
 * Secret fields 授权 fills in (the token the poller sends); refresh_token is kept beside them,
 * sealed, and never shown in the form.
 */
export const TOKEN_FIELDS: Partial<Record<ChannelKind, readonly string[]>> = {
  taobao: ['session'], pdd: ['access_token'], jd: ['access_token'], douyin: ['access_token'], youzan: ['access_token'], shopify: ['access_token'],
};

/**
 * How 授权 works for a shop: 'direct' — this PC asks the platform itself, no browser (Douyin and
 * Youzan self-use apps, Shopify's client-credentials grant for one's own store); 'callback' — a
 * browser page on the platform sends a code to the team cloud's registered callback (Taobao,
 * Pinduoduo, JD, Douyin tool apps); null — the platform has no 授权 here.
 */
export type AuthMode = 'direct' | 'callback';

export function authMode(kind: ChannelKind, config: Readonly<Record<string, unknown>>): AuthMode | null {
  switch (kind) {
    case 'taobao':
    case 'pdd':
    case 'jd':
      return 'callback';
    case 'douyin':
      return config.app_type === 'tool' ? 'callback' : 'direct';
    case 'youzan':
    case 'shopify':
      return 'direct';
    default:
      return null;
  }
}

/** The fields that must hold a value before 授权 can start, by mode. */
export function authPrerequisites(kind: ChannelKind, mode: AuthMode): readonly string[] {
  switch (kind) {
    case 'taobao':
    case 'jd':
      return ['app_key', 'app_secret'];
    case 'pdd':
      return ['client_id', 'client_secret'];
    case 'douyin':
      return mode === 'direct' ? ['app_key', 'app_secret', 'shop_id'] : ['app_key', 'app_secret', 'service_id'];
    case 'youzan':
      return ['client_id', 'client_secret', 'grant_id'];
    case 'shopify':
      return ['client_id', 'client_secret'];
    default:
      return [];
  }
}
