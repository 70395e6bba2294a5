import { channels } from './channels';
import { orders } from './orders';
import { imports } from './imports';
import { finance } from './finance';
import { live } from './live';
import { lifecycle } from './lifecycle';
import { rules } from './rules';
import { stock } from './stock';
import { exceptions } from './exceptions';
import { sync } from './sync';
import { erp } from './erp';
import { shipping } from './shipping';
import { floor } from './floor';
import { find } from './find';
import { importChoice } from './import-choice';
import { start } from './start';
import { localCopies } from './local-copies';

/**
 * Each capability keeps its UI words in its own file here (`{ zh, en }`), and adds one
 * line below; the key becomes the i18n prefix (e.g. `orders.title`).
 */
export const AREAS: Record<string, { zh: Record<string, unknown>; en: Record<string, unknown> }> = {
  orders,
  imports,
  finance,
  channels,
  live,
  lifecycle,
  rules,
  stock,
  exceptions,
  sync,
  erp,
  shipping,
  floor,
  find,
  importChoice,
  start,
  localCopies,
};
