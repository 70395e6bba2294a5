import { describe, expect, it } from 'vitest';
import { pddSign } from './sign';

// The computed example of PLATFORMS.md §2.1 (md5 of secret + sorted k+v + secret).
const example = {
  type: 'pdd.order.number.list.increment.get', client_id: 'cid123', access_token: 'tok456',
  timestamp: '1717200000', data_type: 'JSON', is_lucky_flag: '0', order_status: '5', refund_status: '5',
  start_updated_at: '1717198200', end_updated_at: '1717200000', page: '1', page_size: '100', use_has_next: 'true',
};

describe('PDD signing', () => {
  it('reproduces the documented example 4AD70185719374229E68194BEC3299EB', () => {
    expect(pddSign(example, 'sec789')).toBe('4AD70185719374229E68194BEC3299EB');
  });

  it('signs numbers and booleans by their text, drops nulls and ignores an existing sign', () => {
    const typed = { ...example, timestamp: 1717200000, is_lucky_flag: 0, use_has_next: true, sign: 'OLD', trade_type: null };
    expect(pddSign(typed, 'sec789')).toBe('4AD70185719374229E68194BEC3299EB');
  });

  it('changes with the secret', () => {
    expect(pddSign(example, 'other')).not.toBe('4AD70185719374229E68194BEC3299EB');
  });
});
