import { extractText, getDocumentProxy } from 'unpdf';

/** The text a PDF reader extracts from a generated PDF (pdf.js, through its ToUnicode maps), pages joined. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text, pages: totalPages };
}
