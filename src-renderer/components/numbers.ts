import { groupDigits } from '../i18n';

/**
 * A count or quantity in a table cell, grouped by thousands (20,004, not 20004), like the numbers
 * the translated sentences carry (i18n/index.ts). `render: count` on any numeric column.
 */
export const count = (n: number | null | undefined): string => (typeof n === 'number' && Number.isFinite(n) ? groupDigits(n) : '');
