import { blobUrl, downloadBase64 } from '../orders/download';

/**
 * Opens a PDF the main process made in a new window, where the browser's (or Electron's) PDF
 * viewer prints it. False when the window was blocked: the screen then offers the download.
 */
export function openPdf(fileName: string, base64: string): boolean {
  const url = blobUrl(fileName, base64);
  const w = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 600_000);
  return w !== null;
}

export { downloadBase64 };
