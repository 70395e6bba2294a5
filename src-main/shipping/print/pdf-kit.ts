/**
 * What every printed sheet shares: the document with an embedded CJK font, a Code 128 barcode
 * drawn as vector bars, text clipped to a width without measuring every string (fast at 5,000
 * orders), and the finished bytes.
 *
 * The font is Noto Sans SC (OFL) from the npm package @expo-google-fonts/noto-sans-sc, so every
 * install has it (a user's PC need not have any Chinese font); pdfkit embeds only the glyphs used
 * (a subset). A packaged build ships that one .ttf (10 MB): electron-builder.yml keeps the Regular
 * weight, unpacked, and leaves the package's other weights out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const nodeRequire = createRequire(import.meta.url);
const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
/** jsbarcode's Code 128 encoder (A/B/C chosen per run), without its DOM renderer. */
const Code128 = (nodeRequire('jsbarcode/bin/barcodes/CODE128/CODE128_AUTO.js') as { default: new (text: string, o: object) => { valid(): boolean; encode(): { data: string } } }).default;

let font: Buffer | null = null;
/**
 * Read once per process: 10 MB, parsed by each document (≈ 80 ms). In a packaged app the file is
 * unpacked beside the asar archive (electron-builder.yml), where worker threads read it with plain fs.
 */
function fontBytes(): Buffer {
  if (!font) {
    const path = nodeRequire.resolve(FONT_FILE);
    const unpacked = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    font = readFileSync(unpacked !== path && existsSync(unpacked) ? unpacked : path);
  }
  return font;
}

export type Doc = PDFKit.PDFDocument;
export const RED = '#cf1322';
export const GREY = '#666666';

const ASCII = /^[\x20-\x7e]*$/;
/** How far (in em) Helvetica text is lowered to sit on the CJK font's baseline. */
const drop = new WeakMap<Doc, number>();
/** The font and colour a document was last set to: pdfkit looks both up on every call otherwise. */
const current = new WeakMap<Doc, { font: string; color: string }>();

export function newDoc(size: 'A4' | 'A5', title: string): { doc: Doc; done: () => Promise<Buffer> } {
  const doc = new PDFDocument({ size, margin: 28, autoFirstPage: true, info: { Title: title, Creator: 'OrderHub 订单中枢' } });
  doc.registerFont('zh', fontBytes());
  // Both fonts' ascenders (1/1000 em): pdfkit sets text by its top, so Helvetica is lowered to share Noto's baseline.
  const ascender = (name: string) => (doc.font(name) as unknown as { _font: { ascender: number } })._font.ascender;
  drop.set(doc, (ascender('zh') - ascender('Helvetica')) / 1000);
  doc.font('zh');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = () => new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
  return { doc, done };
}

/** CJK, full-width and the CJK font's wide signs (×) take one em. */
const wide = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x2e80 || c === 0xd7;
};

/** Width of a string, estimated: wide characters are one em, the rest about half. */
export function estWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += wide(ch) ? size : size * 0.56;
  return w;
}

/** The text cut to fit `width` points, ending in … when cut. */
export function clip(text: string, width: number, size: number): string {
  if (estWidth(text, size) <= width) return text;
  let out = '';
  let w = size; // room for the ellipsis
  for (const ch of text) {
    w += wide(ch) ? size : size * 0.56;
    if (w > width) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * One line of text at a point, never wrapped (pdfkit's line wrapper is the slow path). Plain ASCII
 * (order numbers, SKU codes, quantities) is set in the PDF's built-in Helvetica: no shaping and
 * nothing to embed, where the CJK font would lay out every new number glyph by glyph.
 */
export function put(doc: Doc, text: string, x: number, y: number, size: number, o: { width?: number; color?: string; align?: 'right' } = {}): void {
  const t = o.width ? clip(text, o.width, size) : text;
  const dx = o.align === 'right' && o.width ? o.width - estWidth(t, size) : 0;
  const font = ASCII.test(t) ? 'Helvetica' : 'zh';
  const color = o.color ?? 'black';
  const was = current.get(doc) ?? { font: '', color: '' };
  if (was.font !== font) doc.font(font);
  if (was.color !== color) doc.fillColor(color);
  current.set(doc, { font, color });
  const dy = font === 'Helvetica' ? (drop.get(doc) ?? 0) * size : 0;
  doc.fontSize(size).text(t, x + dx, y + dy, { lineBreak: false });
}

/**
 * A Code 128 barcode of `text` in the box (bars merged into runs, one fill). False when the
 * text cannot be encoded (non-ASCII): the caller prints the number alone.
 */
export function barcode(doc: Doc, text: string, x: number, y: number, width: number, height: number): boolean {
  const code = new Code128(text, {});
  if (!code.valid()) return false;
  const bits = code.encode().data;
  const module = width / bits.length;
  for (let i = 0; i < bits.length; ) {
    if (bits[i] !== '1') { i++; continue; }
    let j = i;
    while (bits[j] === '1') j++;
    doc.rect(x + i * module, y, (j - i) * module, height);
    i = j;
  }
  doc.fillColor('black').fill();
  const was = current.get(doc);
  if (was) was.color = 'black';
  return true;
}

/** A thin rule across the sheet. */
export function rule(doc: Doc, y: number, color = '#999999'): void {
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(0.5).strokeColor(color).stroke();
}
