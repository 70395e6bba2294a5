import { ApiError } from '../../../src-shared/errors';
import type { Database } from '../../db';
import type { Handlers } from '../../kernel/call';
import type { BinBook } from './bin-book';
import { binsFromFile, binsFromText, FileError } from './bin-rows';

type BinCalls = 'shipping.bins' | 'shipping.setBins' | 'shipping.importBins';

/** 库位: the grid's rows, its inline edits, and paste / file imports (#11 follow-up). */
export function shippingBinHandlers(deps: { db: Database; bins: BinBook }): Pick<Handlers, BinCalls> {
  const { db, bins } = deps;
  return {
    'shipping.bins': (input) => bins.list(input.warehouseId, input),
    'shipping.setBins': (input, ctx) => {
      const rows = input.rows.map((r, i) => ({ rowNo: i + 1, ...r }));
      return db.writes.run(ctx.write(), (tx) => bins.apply(tx, input.warehouseId, rows, { emptyClears: true, lang: ctx.locale === 'en' ? 'en' : 'zh' }));
    },
    'shipping.importBins': async (input, ctx) => {
      let rows;
      try {
        rows = input.file ? await binsFromFile(input.file.name, Buffer.from(input.file.base64, 'base64')) : binsFromText(input.text ?? '');
      } catch (e) {
        if (e instanceof FileError) throw new ApiError('invalid_input', ctx.say(e.zh, e.en), input.file ? 'file' : 'text');
        throw e;
      }
      if (!rows.length) throw new ApiError('invalid_input', ctx.say('没有读到库位行（每行：SKU 编码 ↹ 库位）', 'no bin rows found (each row: SKU code ↹ bin)'), input.file ? 'file' : 'text');
      return db.writes.run(ctx.write(), (tx) => bins.apply(tx, input.warehouseId, rows, { emptyClears: false, lang: ctx.locale === 'en' ? 'en' : 'zh' }));
    },
  };
}
