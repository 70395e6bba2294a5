/**
 * What a simulated shop knows of shipments (发货回传): per order, the parcels confirmed with their
 * carrier code and tracking number, in the order they arrived. The simulators' shipment calls
 * write here; tests read it ("confirmed exactly once, with the right number") and can hold the
 * shop's answer after it recorded a shipment (a crash test kills the sender right then).
 */
export interface SimParcel {
  orderId: string;
  carrierCode: string;
  trackingNo: string;
  lines: string[] | null;
  at: number;
}

export class ShipmentBook {
  readonly parcels: SimParcel[] = [];
  /** Awaited after a shipment is recorded and before the shop answers (crash tests). */
  afterRecord: ((p: SimParcel) => Promise<void>) | null = null;
  /** Orders the shop will refuse to ship, with the reason it gives (refunded, closed …). */
  readonly refuse = new Map<string, string>();

  of(orderId: string): SimParcel[] {
    return this.parcels.filter((p) => p.orderId === orderId);
  }

  /** The order that already carries this tracking number, if another. */
  usedBy(trackingNo: string, orderId: string): string | null {
    return this.parcels.find((p) => p.trackingNo === trackingNo && p.orderId !== orderId)?.orderId ?? null;
  }

  async record(p: Omit<SimParcel, 'at'>, now: number): Promise<void> {
    const parcel = { ...p, at: now };
    this.parcels.push(parcel);
    if (this.afterRecord) await this.afterRecord(parcel);
  }
}
