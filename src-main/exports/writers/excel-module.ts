import type ExcelJSType from 'exceljs';

type ExcelJS = typeof ExcelJSType;
let loaded: ExcelJS | null = null;

/**
 * exceljs is big (~8 MB of heap per thread): it is loaded on first use, so core workers that never
 * read or write a spreadsheet (the readers) do not carry it.
 */
export async function loadExcel(): Promise<ExcelJS> {
  return (loaded ??= (await import('exceljs')).default);
}

/** The loaded module; callers that write synchronously awaited loadExcel() first. */
export function excel(): ExcelJS {
  if (!loaded) throw new Error('exceljs is not loaded yet: await loadExcel() first');
  return loaded;
}
