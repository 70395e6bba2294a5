import type { TFunction } from 'i18next';
import { blobUrl, downloadBase64 } from '../orders/download';

/** What a print request came to: shown (a dialog or a viewer opened) or why not. */
export type PrintShown = { shown: true } | { shown: false; why: 'popup' | 'refused' | 'forbidden'; message?: string };

/**
 * Prints a PDF the main process made. In Electron the main process prints it (a hidden window and
 * the OS print dialog: the app's window may not open windows); in a browser it opens in a new
 * window whose PDF viewer prints it, and a blocked window says so (the screen then offers the download).
 */
export async function printPdf(fileName: string, base64: string): Promise<PrintShown> {
  const bridge = typeof window !== 'undefined' ? window.orderhub : undefined;
  if (bridge?.printPdf) {
    const r = await bridge.printPdf(fileName, base64);
    if (r.printed || r.reason === 'cancelled') return { shown: true };
    // Forbidden is said by the screen, in its reader's language; a failure carries the OS's own words.
    return { shown: false, why: r.reason === 'forbidden' ? 'forbidden' : 'refused', message: r.message };
  }
  return openPdf(fileName, base64) ? { shown: true } : { shown: false, why: 'popup' };
}

/** Why a print did not show, in words; null when it did. */
export function printProblem(p: PrintShown, t: TFunction): string | null {
  if (p.shown) return null;
  if (p.why === 'popup') return t('floor.pick.popup');
  if (p.why === 'forbidden') return t('floor.pick.printForbidden');
  return t('floor.pick.printFailed', { why: p.message ?? '' });
}

/** The browser's way: the PDF in a new window. False when the window was blocked. */
export function openPdf(fileName: string, base64: string): boolean {
  const url = blobUrl(fileName, base64);
  const w = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 600_000);
  return w !== null;
}

export { downloadBase64 };
