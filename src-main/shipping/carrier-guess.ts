import type { Carrier } from '../../src-shared/shipping';

/**
 * Which carrier a tracking number belongs to, from its shape. How far to trust it:
 * - letter prefixes are the carriers' own and reliable: SF…, YT…, JD…, JT…, and the UPU S10
 *   form (two letters, nine digits, CN) that China Post / EMS use;
 * - all-digit numbers are habits, not rules (carriers reuse ranges and lengths overlap): ZTO's
 *   12/14 digits from 7/5/6/2, STO's 13 from 77/88/66/55, Yunda's 13 from 3/4, EMS's 13 from 1/9.
 *   These come back as `likely`; the screen shows the guess and a person (or the batch's carrier)
 *   can override it. A number no pattern knows needs the carrier chosen.
 */
export interface CarrierGuess {
  carrier: Carrier;
  sure: boolean;
}

const SURE: [RegExp, Carrier][] = [
  [/^SF\d{12,13}$/, 'SF'],
  [/^YT\d{13,16}$/, 'YTO'],
  [/^JD[A-Z0-9]{10,16}$/, 'JD'],
  [/^JT\d{13}$/, 'JT'],
  [/^[A-Z]{2}\d{9}CN$/, 'EMS'],
];

const LIKELY: [RegExp, Carrier][] = [
  [/^7[0-9]\d{12}$/, 'ZTO'],
  [/^(7[0-9]|5[0-9]|6[0-9]|2[0-9])\d{10}$/, 'ZTO'],
  [/^(77|88|66|55)\d{11}$/, 'STO'],
  [/^(3[0-9]|4[0-9])\d{11}$/, 'YD'],
  [/^(1[0-9]|9[0-9])\d{11}$/, 'EMS'],
];

export function guessCarrier(trackingNo: string): CarrierGuess | null {
  const t = trackingNo.trim().toUpperCase();
  for (const [re, carrier] of SURE) if (re.test(t)) return { carrier, sure: true };
  for (const [re, carrier] of LIKELY) if (re.test(t)) return { carrier, sure: false };
  return null;
}

/** A carrier as a person or a spreadsheet names it (code, Chinese name) → our code. */
export function parseCarrier(word: string | null | undefined): Carrier | null {
  const w = word?.trim().toUpperCase().replace(/(快递|速运|速递|物流|EXPRESS|\s)/g, '');
  if (!w) return null;
  const table: Record<string, Carrier> = {
    SF: 'SF', 顺丰: 'SF', ZTO: 'ZTO', 中通: 'ZTO', YTO: 'YTO', 圆通: 'YTO', YD: 'YD', YUNDA: 'YD', 韵达: 'YD',
    STO: 'STO', 申通: 'STO', JD: 'JD', 京东: 'JD', EMS: 'EMS', 邮政: 'EMS', JT: 'JT', 极兔: 'JT',
  };
  return table[w] ?? null;
}
