import { createHash } from 'node:crypto';
import { uuidv7 } from '../../kernel/ids';
import type { Sqlite, WriteTx } from '../../db';
import type { NormalizedOrder } from '../normalized-order';

/**
 * Finds (or creates) the buyer: first by the platform's buyer id within the channel kind,
 * then by the hash of a full phone number when one was given in the clear. Masked or
 * encrypted values never produce a hash.
 */
export class CustomerMatcher {
  private readonly byBuyer;
  private readonly byPhone;

  constructor(sqlite: Sqlite) {
    this.byBuyer = sqlite.prepare('SELECT id FROM customers WHERE channel_kind = ? AND platform_buyer_id = ? LIMIT 1').pluck();
    this.byPhone = sqlite.prepare('SELECT id FROM customers WHERE phone_hash = ? ORDER BY created_at LIMIT 1').pluck();
  }

  /**
   * The buyer's customer id, creating the customer (through the write path) the first time;
   * null when the order names no buyer id and no full phone. The upsert stores it on the order.
   */
  resolve(tx: WriteTx, channelKind: string, o: NormalizedOrder, now: number): string | null {
    const buyerId = o.buyer?.platformBuyerId?.trim() || null;
    const phoneHash = hashPhone(o.buyer?.phone) ?? hashPhone(o.address?.receiverPhone);
    const found = (buyerId ? (this.byBuyer.get(channelKind, buyerId) as string | undefined) : undefined)
      ?? (phoneHash ? (this.byPhone.get(phoneHash) as string | undefined) : undefined);
    if (found) return found;
    if (!buyerId && !phoneHash) return null;
    const id = uuidv7();
    tx.insert('customers', {
      id, channelKind, platformBuyerId: buyerId, nick: o.buyer?.nick ?? null,
      nameMasked: o.address?.receiverName ?? null, phoneMasked: maskPhone(o.address?.receiverPhone ?? o.buyer?.phone),
      phoneHash, grade: 'C', createdAt: now, updatedAt: now,
    });
    return id;
  }
}

/** SHA-256 of a full mainland mobile / phone number; null for masked, encrypted or short values. */
export function hashPhone(phone: string | null | undefined): string | null {
  if (!phone || /[*~$]/.test(phone)) return null;
  let digits = phone.replace(/[\s\-()+]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (digits.length < 7) return null;
  return createHash('sha256').update(digits).digest('hex');
}

/** What we keep to show: the platform's mask when it masked it, else our own 138****0000. */
function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (/[*~$]/.test(phone)) return phone.length <= 32 ? phone : null;
  const d = phone.replace(/\D/g, '');
  return d.length >= 7 ? `${d.slice(0, 3)}****${d.slice(-4)}` : null;
}
