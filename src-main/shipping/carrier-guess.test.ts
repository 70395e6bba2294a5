import { describe, expect, it } from 'vitest';
import { guessCarrier, parseCarrier } from './carrier-guess';

describe('carrier from the tracking number', () => {
  it('is sure of the carriers\' own letter prefixes', () => {
    expect(guessCarrier('SF1234567890123')).toEqual({ carrier: 'SF', sure: true });
    expect(guessCarrier('yt7512345678901')).toEqual({ carrier: 'YTO', sure: true });
    expect(guessCarrier('JDVA12345678901')).toEqual({ carrier: 'JD', sure: true });
    expect(guessCarrier('EA123456789CN')).toEqual({ carrier: 'EMS', sure: true });
  });
  it('only guesses all-digit numbers, and says so', () => {
    expect(guessCarrier('73123456789012')).toEqual({ carrier: 'ZTO', sure: false });
    expect(guessCarrier('7712345678901')).toEqual({ carrier: 'STO', sure: false });
    expect(guessCarrier('4312345678901')).toEqual({ carrier: 'YD', sure: false });
    expect(guessCarrier('1012345678901')).toEqual({ carrier: 'EMS', sure: false });
  });
  it('gives up on numbers no pattern knows', () => {
    expect(guessCarrier('ABC123')).toBeNull();
    expect(guessCarrier('812345')).toBeNull();
  });
  it('reads carriers as people write them', () => {
    expect(parseCarrier('顺丰速运')).toBe('SF');
    expect(parseCarrier('yunda')).toBe('YD');
    expect(parseCarrier('中通快递')).toBe('ZTO');
    expect(parseCarrier('DHL')).toBeNull();
  });
});
