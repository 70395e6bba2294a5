import { z } from 'zod';
import type { ChannelAuthView } from '../channel-auth';
import type { AuthMode } from '../channel-credentials';
import { CHANNEL_KINDS, PLATFORM_PHASES, type ChannelKind, type PlatformPhase } from '../orders';
import { call } from './define';
import { bilingual } from './bilingual';

export type ChannelRunState = 'active' | 'paused' | 'reauth' | 'error';

export interface ChannelHealth {
  state: ChannelRunState;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  /** The last failure in words (Chinese, with the platform's own message). */
  lastError: string | null;
  nextPollAt: number | null;
  ordersPerMinute: number;
  polling: boolean;
  /** Everything before this time is fetched and committed. */
  cursorAt: number | null;
  /** Present while the shop is catching up (first backfill, or after the PC was off). */
  backfill: { from: number; to: number; progress: number } | null;
  /** Gaps in the coverage ledger waiting to be re-fetched (a warning when > 0). */
  gaps: number;
  openQuarantine: number;
  unmappedStatuses: number;
  /** 发货回传 to this shop: what keeps failing or was refused. */
  confirmations: ChannelConfirmHealth;
}

export interface ChannelConfirmHealth {
  /** Shipments whose confirmation failed several times in a row and still waits for a retry. */
  failing: number;
  /** Shipments the shop refused in the last 7 days (each also an exception on its order). */
  refused: number;
  /** The latest failure or refusal as code + params (words: confirmErrorText in shipping-words.ts). */
  last: { code: string; params: Record<string, unknown>; at: number; trackingNo: string; orderNo: string } | null;
}

export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  paused: boolean;
  /** Non-secret settings only: endpoint, pollIntervalSeconds, backfillFrom and non-secret credential names. */
  config: Record<string, string | number>;
  /** Which secret fields hold a value; the values never leave the main process. */
  secretsSet: string[];
  health: ChannelHealth;
  /** Which team PC polls this shop (null: this PC, before it joins a team), and whether that is this PC. */
  poller: { deviceId: string | null; thisPc: boolean; failoverMinutes: number };
  /** How 授权 works for this shop (null: the platform has none here). */
  authMode: AuthMode | null;
  /** The shop's 授权 on this PC: expiry, renewal, what went wrong; null before the first 授权. */
  auth: ChannelAuthView | null;
  /** A demo shop: its health, last poll and coverage come from the demo data, not a platform. */
  demo: boolean;
  /** What the warehouse prints for this shop: amounts on its packing slips (发货单) or not. */
  printing: { packingSlipAmounts: boolean };
}

/** What 授权 did: a direct one is finished; a callback one waits for the browser (channels.authorizeStatus). */
export type AuthorizeResult =
  | { mode: 'direct'; accessExpiresAt: number | null; shopName: string | null }
  | { mode: 'callback'; flowId: string; authorizeUrl: string; redirectUri: string; expiresAt: number };

export interface AuthorizeFlowView {
  flowId: string;
  channelId: string;
  status: 'waiting' | 'exchanging' | 'done' | 'failed' | 'expired';
  /** Why it failed, in the reader's language. */
  problem: string | null;
  expiresAt: number;
}

/** A status word the workspace mapped itself (status_overrides), applied to every shop of the platform. */
export interface StatusOverrideView {
  platform: string;
  platformStatus: string;
  /** The platform's side the word means (the state machine decides OrderHub's status from it). */
  standard: PlatformPhase;
  zh: string;
  updatedAt: number;
}

/** Where channels may send their credentials (channels.endpoints). */
export interface EndpointPolicyView {
  /** The owner allows endpoints other than the platforms' own (simulators, sandboxes, a self-built mall). */
  customEndpoints: boolean;
  /** Each platform's official API origins; Shopify's is a pattern (https://{shop}.myshopify.com). */
  official: Partial<Record<ChannelKind, string[]>>;
}

export interface ConnectorInfo {
  kind: ChannelKind;
  credentialFields: string[];
  secretFields: string[];
  /** Secret fields a new shop must be given (tokens come from 授权). */
  requiredSecrets: string[];
  maxWindowMinutes: number;
}

export interface PollSummary {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  windows: number;
  state: ChannelRunState;
  error?: string;
}

export interface CoverageWindowView {
  windowFrom: number;
  windowTo: number;
  fetchedAt: number;
  ordersSeen: number;
  platformTotal: number | null;
  status: 'ok' | 'gap' | 'refetched';
  note: string | null;
}

export interface CoverageDay {
  /** YYYY-MM-DD in the workspace zone. */
  day: string;
  windows: CoverageWindowView[];
  ordersSeen: number;
  /** Share of the day (up to the cursor) covered by committed windows, 0..1. */
  covered: number;
  gaps: { from: number; to: number; why: 'hole' | 'count_mismatch' }[];
}

export interface QuarantineView {
  id: string;
  platformOrderId: string | null;
  /** Verbatim payload as received. */
  payload: string;
  field: string;
  value: string;
  reason: string;
  receivedAt: number;
  resolvedAt: number | null;
  attempts: number;
}

export interface UnmappedStatusView {
  platformStatus: string;
  count: number;
  firstSeenAt: number;
  lastSeenAt: number;
  samplePlatformOrderId: string | null;
}

const id = z.object({ id: z.string().min(1).max(64) });
/** Credential names are the platform's own (app_key, app_secret, session, ...). */
const config = z.record(z.string().min(1).max(64), z.union([z.string().max(4000), z.number()]));
const configOf = config.superRefine((c, ctx) => {
  const interval = c.pollIntervalSeconds;
  if (interval !== undefined && !(Number(interval) >= 2 && Number(interval) <= 86_400)) {
    ctx.addIssue({ code: 'custom', path: ['pollIntervalSeconds'], message: bilingual('应为 2 到 86,400 秒', 'must be 2 to 86,400 seconds') });
  }
  const endpoint = c.endpoint;
  if (endpoint !== undefined && endpoint !== '' && !/^https?:\/\/\S+$/.test(String(endpoint))) {
    ctx.addIssue({ code: 'custom', path: ['endpoint'], message: bilingual('应为 http:// 或 https:// 开头的网址', 'must be an http(s) web address') });
  }
});

export const channelCalls = {
  'channels.kinds': call<ConnectorInfo[]>()({
    input: z.object({}),
    access: 'channels.view',
    runs: 'read',
    summary: 'Platforms that can be added as shops, with their credential field names.',
  }),
  'channels.list': call<ChannelView[]>()({
    input: z.object({}),
    access: 'channels.view',
    summary: 'Every shop with its health: state, last success, last error in words, next poll, orders/min, backfill progress.',
  }),
  'channels.create': call<ChannelView>()({
    input: z.object({ kind: z.enum(CHANNEL_KINDS), name: z.string().trim().min(1).max(100), config: configOf }),
    access: 'channels.manage',
    summary: 'Add a shop; secret fields are sealed and never returned.',
  }),
  'channels.update': call<ChannelView>()({
    input: id.extend({ name: z.string().trim().min(1).max(100).optional(), config: configOf.optional() }),
    access: 'channels.manage',
    summary: 'Change a shop; a secret left empty keeps its stored value.',
  }),
  'channels.setPrinting': call<ChannelView>()({
    input: z.object({ id: z.string().min(1), packingSlipAmounts: z.boolean() }),
    access: 'channels.manage',
    summary: "A shop's printing settings: whether its packing slips (发货单) show prices and the amount paid (audited).",
  }),
  'channels.pause': call<ChannelView>()({ input: id, access: 'channels.manage', summary: 'Stop polling a shop.' }),
  'channels.resume': call<ChannelView>()({ input: id, access: 'channels.manage', summary: 'Resume polling (also after re-authorising).' }),
  'channels.setPoller': call<ChannelView>()({
    input: z.object({
      id: z.string().min(1),
      /** The team PC (sync device id) that polls this shop. */
      deviceId: z.string().min(1).max(40),
      /** Another PC takes over after the poller has been silent this long. */
      failoverMinutes: z.number().int().min(2).max(24 * 60),
    }),
    access: 'channels.manage',
    summary: 'Choose which PC polls a shop (two PCs never poll the same shop) and when another takes over.',
  }),
  'channels.test': call<{ ok: boolean; shopName?: string; error?: string }>()({
    input: id,
    access: 'channels.manage',
    summary: 'One cheap authenticated call to prove endpoint and credentials.',
  }),
  'channels.pollNow': call<PollSummary>()({
    input: id,
    access: 'channels.manage',
    summary: 'Poll now; returns when the poll ends with its counts.',
  }),
  'channels.coverage': call<{ days: CoverageDay[]; gaps: number }>()({
    input: id.extend({ from: z.number().int(), to: z.number().int() }).refine((v) => v.to > v.from && v.to - v.from <= 93 * 86_400_000, {
      message: bilingual('须晚于开始时间，且最多相隔 93 天', 'must be after the start, at most 93 days later'), path: ['to'],
    }),
    access: 'channels.view',
    runs: 'read',
    summary: 'The coverage ledger per day: windows fetched, orders seen, platform totals, gaps.',
  }),
  'channels.quarantine': call<QuarantineView[]>()({
    input: id.extend({ includeResolved: z.boolean().default(false) }),
    access: 'channels.view',
    runs: 'read',
    summary: 'Payloads that could not be ingested, verbatim, with the field, value and reason.',
  }),
  'channels.reprocess': call<{ tried: number; ingested: number; stillQuarantined: number; remapped: number }>()({
    input: id,
    access: 'channels.manage',
    runs: 'job',
    summary: 'Re-normalise quarantined payloads and unmapped-status orders with the current connector code and dictionary.',
  }),
  'channels.endpoints': call<EndpointPolicyView>()({
    input: z.object({}),
    access: 'channels.view',
    summary: "Each platform's official API hosts, and whether this workspace allows custom endpoints.",
  }),
  'workspace.setCustomEndpoints': call<{ enabled: boolean }>()({
    input: z.object({ enabled: z.boolean() }),
    access: 'settings.manage',
    summary: "Owner only: allow shop endpoints other than the platforms' official hosts (simulators, sandboxes, a self-built mall); audited.",
  }),
  'channels.authorize': call<AuthorizeResult>()({
    input: id,
    access: 'channels.manage',
    summary: "授权: a direct platform (Douyin/Youzan self-use, Shopify own store) is authorised now; a callback platform gets its authorise URL, the code returning through the team cloud.",
  }),
  'channels.authorizeStatus': call<AuthorizeFlowView>()({
    input: z.object({ flowId: z.string().uuid() }),
    access: 'channels.manage',
    summary: 'Where a callback 授权 stands: waiting for the browser, exchanging the code, done, failed or expired.',
  }),
  'channels.mapStatus': call<{ override: StatusOverrideView; tried: number; remapped: number }>()({
    input: id.extend({
      platformStatus: z.string().trim().min(1).max(100),
      standard: z.enum(PLATFORM_PHASES),
      zh: z.string().trim().min(1).max(60),
    }),
    access: 'channels.manage',
    summary: "Map a platform status word the dictionary does not know (a workspace override, synced) and re-process the orders held for it on every shop of that platform.",
  }),
  'channels.statusOverrides': call<StatusOverrideView[]>()({
    input: z.object({ kind: z.enum(CHANNEL_KINDS) }),
    access: 'channels.view',
    summary: "The workspace's own status words for a platform.",
  }),
  'channels.unmapped': call<UnmappedStatusView[]>()({
    input: id,
    access: 'channels.view',
    runs: 'read',
    summary: 'Platform status words the dictionary does not map, seen on this shop.',
  }),
} as const;
