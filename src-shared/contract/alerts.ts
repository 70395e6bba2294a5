import { z } from 'zod';
import { DETECTOR_CODES, SEVERITIES, type DetectorCode, type Severity } from '../exceptions';
import { call } from './define';
import type { ShipmentView } from './exceptions';

/** Alerts (#12 §4: robots, policies, the outbox, desktop notices) and logistics tracking settings (§5). Secrets are write-only. */

const id = z.string().trim().min(1).max(64);
/** Write-only: omitted = keep what is stored, '' = remove it. */
const secret = z.string().trim().max(500).optional();
const minuteOfDay = z.number().int().min(0).max(24 * 60 - 1);

export interface RobotView {
  id: string;
  kind: 'wecom' | 'dingtalk';
  name: string;
  enabled: boolean;
  perMinute: number;
  /** Whether the webhook (and DingTalk's signing secret) are stored on this PC; never the values. */
  webhookSet: boolean;
  secretSet: boolean;
  /** The webhook's host, to show where messages go (the key in its query is never shown). */
  host: string | null;
  queued: number;
  sentLastHour: number;
  lastError: string | null;
}

export interface PolicyView {
  detector: DetectorCode;
  robotIds: string[];
  desktop: boolean;
  minSeverity: Severity;
  quietFrom: number;
  quietTo: number;
  mention: string[];
}

export interface DeliveryView {
  id: string;
  target: string;
  targetName: string;
  state: 'sending' | 'sent' | 'failed' | 'retry';
  alertCount: number;
  createdAt: number;
  attemptAt: number;
  attempts: number;
  resent: boolean;
  sentAt: number | null;
  lastError: string | null;
}

export interface DesktopNotice {
  id: string;
  title: string;
  body: string;
  exceptionId: string | null;
  createdAt: number;
}

export interface TrackingSettings {
  enabled: boolean;
  customerSet: boolean;
  keySet: boolean;
  /** Null: Kuaidi100's official endpoint. */
  endpoint: string | null;
  active: number;
  dueNow: number;
  lastError: string | null;
}

export const alertCalls = {
  'alerts.robots.list': call<RobotView[]>()({
    input: z.object({}).strict(),
    access: 'alerts.manage',
    summary: 'WeCom / DingTalk group robots, whether their secrets are set, what waits and what went out.',
  }),
  'alerts.robots.save': call<RobotView>()({
    input: z.object({
      id: id.optional(),
      kind: z.enum(['wecom', 'dingtalk']),
      name: z.string().trim().min(1, '名称不能为空').max(60),
      enabled: z.boolean().default(true),
      /** The robot's webhook URL (WeCom ...send?key=…, DingTalk ...send?access_token=…). */
      webhook: secret,
      /** DingTalk 加签 secret (SEC…). */
      secret,
    }).strict(),
    access: 'alerts.manage',
    summary: 'Add or change a robot; the webhook and signing secret are sealed on this PC and never read back.',
  }),
  'alerts.robots.delete': call<{ ok: true }>()({
    input: z.object({ id }).strict(),
    access: 'alerts.manage',
    summary: 'Remove a robot (its queued alerts are dropped; policies forget it).',
  }),
  'alerts.robots.test': call<{ ok: boolean; message: string }>()({
    input: z.object({ id }).strict(),
    access: 'alerts.manage',
    summary: 'Queue a test message to the robot and send it at once.',
  }),
  'alerts.policies.list': call<PolicyView[]>()({
    input: z.object({}).strict(),
    access: 'alerts.manage',
    summary: 'Per detector: robots, desktop notifications, severity threshold, quiet hours.',
  }),
  'alerts.policies.save': call<PolicyView>()({
    input: z.object({
      detector: z.enum(DETECTOR_CODES),
      robotIds: z.array(id).max(20).default([]),
      desktop: z.boolean().default(true),
      minSeverity: z.enum(SEVERITIES).default('warning'),
      quietFrom: minuteOfDay.default(0),
      quietTo: minuteOfDay.default(0),
      mention: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    }).strict(),
    access: 'alerts.manage',
    summary: 'Who hears about a detector\'s exceptions, from which severity, and when not (quiet hours).',
  }),
  'alerts.outbox': call<DeliveryView[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    access: 'alerts.manage',
    summary: 'Messages sent or waiting, newest first, with their delivery ids.',
  }),
  'alerts.notices': call<DesktopNotice[]>()({
    input: z.object({}).strict(),
    access: 'exceptions.view',
    summary: 'Desktop notifications waiting for me, newest first (at most 20); all waiting ones are marked shown when read.',
  }),
  'tracking.settings.get': call<TrackingSettings>()({
    input: z.object({}).strict(),
    access: 'alerts.manage',
    summary: 'Kuaidi100 tracking: on/off, whether the customer id and key are set (never their values), polling state.',
  }),
  'tracking.settings.save': call<TrackingSettings>()({
    input: z.object({
      enabled: z.boolean().optional(),
      customer: secret,
      key: secret,
      /** '' = the official endpoint. */
      endpoint: z.string().trim().max(300).optional(),
    }).strict(),
    access: 'alerts.manage',
    summary: 'Set the Kuaidi100 account (sealed on this PC) and turn tracking on or off.',
  }),
  'tracking.shipment': call<ShipmentView | null>()({
    input: z.object({ orderId: id }).strict(),
    access: 'exceptions.view',
    summary: "An order's parcel and its tracking trail.",
  }),
  'tracking.pollNow': call<ShipmentView | null>()({
    input: z.object({ orderId: id }).strict(),
    access: 'exceptions.work',
    summary: "Ask the carrier about an order's parcel now.",
  }),
} as const;
