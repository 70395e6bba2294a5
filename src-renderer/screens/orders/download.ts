/** Saves a file the main process returned as base64: a Blob and an a[download] click (works in Electron and the browser). */
export function downloadBase64(fileName: string, base64: string): void {
  const url = blobUrl(fileName, base64);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the blob asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const TYPES: [string, string][] = [
  ['.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['.pdf', 'application/pdf'],
];

/** A blob: URL for a file the main process returned as base64 (typed by its extension). */
export function blobUrl(fileName: string, base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const type = TYPES.find(([ext]) => fileName.endsWith(ext))?.[1] ?? 'text/csv;charset=utf-8';
  return URL.createObjectURL(new Blob([bytes], { type }));
}
