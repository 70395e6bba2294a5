import type { JournalEntry, JournalQuery } from '../../src-shared/contract/audit';
import type { Sqlite } from '../db';
import type { Locale } from '../kernel/i18n';
import { ACTION_WORDS, CALL_WORDS, ENTITY_WORDS, changeWords, maskPhones, pick } from './journal-words';

/**
 * The audit log read as a journal: one entry per thing a person (or the app) did, however many
 * records it wrote — a bulk urgency change on 300 orders is one line "设置紧急度：300 个订单" with
 * the orders listed — in words, with phone numbers masked. Records belong to one action when they
 * follow each other in the chain with the same actor, call and reason and were written in one
 * transaction (the write path stamps them with one time), or, for a job with a reason (an import of
 * a named file), in batches less than GROUP_MS apart.
 */
const GROUP_MS = 1000;
const CHUNK = 500;
/** Objects listed per entry; the count says how many there were. */
const LISTED = 50;
/** Records whose object is part of another's (an order's timeline line beside the order). */
const SECONDARY = new Set(['order_events', 'order_addresses', 'order_lines']);

interface Rec {
  seq: number; at: number; actor_id: string | null; actor_name: string | null; call: string; entity: string;
  entity_id: string | null; action: string; before_json: string | null; after_json: string | null; reason: string | null;
  actor_label: string | null;
}

export class AuditJournal {
  private readonly orderNo;
  private readonly userName;
  private readonly channelName;
  private readonly usersLike;
  private readonly ordersLike;

  constructor(private readonly sqlite: Sqlite) {
    this.orderNo = sqlite.prepare('SELECT platform_order_id FROM orders WHERE id = ?').pluck();
    this.userName = sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck();
    this.channelName = sqlite.prepare('SELECT name FROM channels WHERE id = ?').pluck();
    this.usersLike = sqlite.prepare('SELECT id FROM users WHERE lower(username) = lower(?) OR display_name = ?').pluck();
    this.ordersLike = sqlite.prepare(`SELECT id FROM orders WHERE platform_order_id = ? OR platform_order_id LIKE ? ESCAPE '\\' LIMIT 50`).pluck();
  }

  list(q: JournalQuery, locale: Locale): { entries: JournalEntry[]; next: number | null } {
    const where: string[] = ['a.seq < ?'];
    const params: unknown[] = [];
    if (q.actorId) (where.push('a.actor_id = ?'), params.push(q.actorId));
    if (q.from !== undefined) (where.push('a.at >= ?'), params.push(q.from));
    if (q.to !== undefined) (where.push('a.at < ?'), params.push(q.to));
    const text = q.q?.trim();
    if (text) {
      // A person (user name or display name) or an order (its number, or the start of it).
      const users = this.usersLike.all(text, text) as string[];
      const orders = this.ordersLike.all(text, `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as string[];
      const ors: string[] = [];
      if (users.length) ors.push(`a.actor_id IN (${users.map(() => '?').join(',')})`), params.push(...users);
      if (orders.length) {
        ors.push(`a.entity_id IN (${orders.map(() => '?').join(',')})`, ...orders.map(() => "a.after_json LIKE ? ESCAPE '\\'"));
        params.push(...orders, ...orders.map((id) => `%"orderId":"${id}"%`));
      }
      if (!ors.length) return { entries: [], next: null };
      where.push(`(${ors.join(' OR ')})`);
    }
    const stmt = this.sqlite.prepare(
      `SELECT a.seq, a.at, a.actor_id, a.actor_name, a.call, a.entity, a.entity_id, a.action, a.before_json, a.after_json, a.reason,
         u.display_name AS actor_label
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE ${where.join(' AND ')} ORDER BY a.seq DESC LIMIT ${CHUNK}`,
    );
    const groups: Rec[][] = [];
    let cursor = q.before ?? Number.MAX_SAFE_INTEGER;
    let more = true;
    while (more) {
      const chunk = stmt.all(cursor, ...params) as Rec[];
      more = chunk.length === CHUNK;
      for (const r of chunk) {
        const g = groups.at(-1);
        if (g && sameAction(g, r)) g.push(r);
        else if (groups.length === q.limit) return { entries: groups.map((x) => this.entry(x, locale)), next: g!.at(-1)!.seq };
        else groups.push([r]);
        cursor = r.seq;
      }
    }
    return { entries: groups.map((x) => this.entry(x, locale)), next: null };
  }

  private entry(recs: Rec[], locale: Locale): JournalEntry {
    const first = recs[0]!;
    const last = recs.at(-1)!;
    const main = recs.filter((r) => !SECONDARY.has(r.entity));
    const primary = main.length ? main : recs;
    const entity = primary[0]!.entity;
    const bulk = primary.filter((r) => r.action === 'bulk_insert');
    const ids = [...new Set(primary.filter((r) => r.entity === entity && r.entity_id && r.action !== 'bulk_insert').map((r) => r.entity_id!))];
    const count = bulk.length ? bulk.reduce((n, r) => n + (Number(json(r.after_json)?.count) || 0), 0) : Math.max(ids.length, 1);
    const entityWord = pick(locale, ENTITY_WORDS[entity] ?? { zh: '数据', en: 'record' });
    const called = CALL_WORDS[first.call];
    const action = called
      ? pick(locale, called)
      : `${pick(locale, ACTION_WORDS[primary[0]!.action] ?? { zh: '操作', en: 'Changed' })}${locale === 'en' ? ' ' : ''}${entityWord}`;
    const objects = ids.slice(0, LISTED).map((id) => this.label(entity, id, primary.find((r) => r.entity_id === id)!));
    const update = primary.find((r) => r.action === 'update');
    const changes = update ? changeWords(json(update.before_json), json(update.after_json), locale) : '';
    const of = locale === 'en' ? `${count} ${entityWord}${count > 1 ? 's' : ''}` : `${count.toLocaleString('zh-CN')} 个${entityWord}`;
    const subject = count === 1 && objects[0] ? objects[0] : of;
    return {
      seqFrom: last.seq,
      seqTo: first.seq,
      at: first.at,
      actor: first.actor_label ?? (first.actor_name && first.actor_name !== 'system' ? first.actor_name : pick(locale, { zh: '系统', en: 'System' })),
      action,
      subject,
      changes: maskPhones(changes),
      count,
      objects,
      reason: first.reason ? maskPhones(first.reason) : null,
    };
  }

  /** 订单 3466776484888886, 用户 李四, 店铺 禾木生活天猫旗舰店: the object as people name it. */
  private label(entity: string, id: string, r: Rec): string {
    const named = (json(r.after_json) ?? json(r.before_json)) as Record<string, unknown> | null;
    if (entity === 'orders') return (this.orderNo.get(id) as string | undefined) ?? String(named?.platformOrderId ?? '—');
    if (entity === 'users') return (this.userName.get(id) as string | undefined) ?? String(named?.displayName ?? '—');
    if (entity === 'channels') return (this.channelName.get(id) as string | undefined) ?? String(named?.name ?? '—');
    const name = named?.name ?? named?.displayName ?? named?.fileName ?? named?.month;
    return typeof name === 'string' ? maskPhones(name) : '';
  }
}

/** `r` (older than every record of group `g`) belongs to the same action. */
function sameAction(g: Rec[], r: Rec): boolean {
  const a = g[0]!;
  if (a.actor_id !== r.actor_id || a.call !== r.call || a.reason !== r.reason) return false;
  // One transaction stamps all its records with one time; a job that writes in batches (an
  // import, the demo) names itself in the reason and keeps writing without pause.
  return r.at === g.at(-1)!.at || (r.reason !== null && g.at(-1)!.at - r.at <= GROUP_MS);
}

function json(s: string | null): Record<string, unknown> | null {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
