import type { AddressInput, CustomerHit, SkuHit } from '../../../src-shared/contract/lifecycle';
import type { CustomerGrade } from '../../../src-shared/orders';
import type { Sqlite } from '../../db';
import { hashPhone } from '../../ingest/steps/customer-match';

type Raw = Record<string, unknown>;

/** The manual order form's look-ups: SKUs by code, barcode or title; customers by nick, name or phone. */
export class OrderLookups {
  private readonly skus;
  private readonly customers;
  private readonly lastAddress;
  private readonly orderCount;

  constructor(sqlite: Sqlite) {
    // Exact code or barcode first, then codes that start with it, then titles that contain it.
    this.skus = sqlite.prepare(
      `SELECT code, title, spec, price_fen AS priceFen, gift_group AS giftGroup FROM skus
       WHERE code = @q OR barcode = @q OR code LIKE @prefix ESCAPE '\\' OR title LIKE @contains ESCAPE '\\'
       ORDER BY (code = @q OR barcode = @q) DESC, (code LIKE @prefix ESCAPE '\\') DESC, code LIMIT @limit`,
    );
    this.customers = sqlite.prepare(
      `SELECT id, nick, name_masked AS name, phone_masked AS phone, grade FROM customers
       WHERE nick LIKE @like ESCAPE '\\' OR name_masked LIKE @like ESCAPE '\\' OR phone_masked LIKE @like ESCAPE '\\' OR phone_hash = @hash
       ORDER BY (phone_hash = @hash) DESC, updated_at DESC LIMIT @limit`,
    );
    this.lastAddress = sqlite.prepare(
      `SELECT receiver_name AS receiverName, receiver_phone AS receiverPhone, province, city, district, address_detail AS detail
       FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT 1`,
    );
    this.orderCount = sqlite.prepare('SELECT count(*) FROM orders WHERE customer_id = ?').pluck();
  }

  searchSkus(q: string, limit: number): SkuHit[] {
    const like = escapeLike(q);
    return this.skus.all({ q, prefix: `${like}%`, contains: `%${like}%`, limit }) as SkuHit[];
  }

  searchCustomers(q: string, limit: number): CustomerHit[] {
    return (this.customers.all({ like: `%${escapeLike(q)}%`, hash: hashPhone(q) ?? '', limit }) as Raw[]).map((c) => {
      const a = this.lastAddress.get(c.id) as Raw | undefined;
      return {
        id: c.id as string, nick: (c.nick as string | null) ?? null, name: (c.name as string | null) ?? null,
        phone: (c.phone as string | null) ?? null, grade: c.grade as CustomerGrade, orders: this.orderCount.get(c.id) as number,
        lastAddress: a && a.receiverName ? {
          receiverName: a.receiverName as string, receiverPhone: (a.receiverPhone as string | null) ?? '', province: (a.province as string | null) ?? '',
          city: (a.city as string | null) ?? '', district: (a.district as string | null) ?? '', detail: (a.detail as string | null) ?? '',
        } satisfies AddressInput : null,
      };
    });
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
