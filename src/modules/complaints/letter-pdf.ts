import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ComplaintCategory, ComplaintOutcome, Jurisdiction } from '../../shared/complaints.js';
import { fill, letterLanguage, longDate, moneyText, ombudsman, wordsFor } from './templates.js';

// Fonts shipped inside npm packages (Noto Sans: Latin, Cyrillic; Noto Sans Arabic), read from
// node_modules: nothing is downloaded at run time. pdfkit embeds only the glyphs used (a subset).
const require = createRequire(import.meta.url);
const FONTS = {
  latin: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  latinBold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  arabic: require.resolve('@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf'),
  arabicBold: require.resolve('@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf'),
};
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

export interface LetterInput {
  language: string;
  jurisdiction: Jurisdiction;
  firmCode: string;
  reference: string;
  clientName: string;
  account: string;
  category: ComplaintCategory;
  outcome: ComplaintOutcome;
  redressAmount: number | null;
  redressCurrency: string | null;
  receivedAt: Date;
  sentAt: Date;
  timeZone: string;
  body: string;
  signedBy: string;
}

/**
 * The final response letter as a PDF (A4), in the client's language; Arabic right to left. Each line
 * is set in the font of its script (a paragraph with Arabic letters in Noto Sans Arabic, others in Noto
 * Sans). Returns the bytes.
 */
export function renderLetter(input: LetterInput): Promise<Buffer> {
  const lang = letterLanguage(input.language);
  const w = wordsFor(lang);
  const rtl = lang === 'ar';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${w.letterTitle} ${input.reference}`, Author: input.firmCode },
    lang,
  });
  doc.registerFont('latin', FONTS.latin);
  doc.registerFont('latinBold', FONTS.latinBold);
  doc.registerFont('arabic', FONTS.arabic);
  doc.registerFont('arabicBold', FONTS.arabicBold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const fontFor = (text: string, bold = false) =>
    ARABIC.test(text) ? (bold ? 'arabicBold' : 'arabic') : bold ? 'latinBold' : 'latin';
  const para = (text: string, opts: { bold?: boolean; size?: number; gap?: number } = {}) => {
    const size = opts.size ?? 11;
    if (rtl) rtlParagraph(doc, text, { left, width, size, bold: opts.bold ?? false, fontFor });
    else doc.font(fontFor(text, opts.bold)).fontSize(size).text(text, left, doc.y, { width, lineGap: 2 });
    doc.moveDown(opts.gap ?? 0.6);
  };
  // Dates: in the letter's language; Arabic letters show dates and amounts in Latin digits as their own
  // left-to-right values, so no bidirectional reordering is needed inside a line.
  const date = (at: Date) =>
    rtl ? at.toLocaleDateString('en-GB', { timeZone: input.timeZone }) : longDate(at, lang, input.timeZone);

  // Letterhead: firm and date.
  para(input.firmCode, { bold: true, size: 16, gap: 0.2 });
  para(date(input.sentAt), { gap: 1.2 });
  para(input.clientName, { bold: true, gap: 1 });
  para(w.letterTitle, { bold: true, size: 15, gap: 0.8 });

  // The facts, as label / value rows.
  const redress =
    input.redressAmount && input.redressCurrency
      ? moneyText(input.redressAmount, input.redressCurrency)
      : w.none;
  const rows: [string, string][] = [
    [w.labels.reference, input.reference],
    [w.labels.received, date(input.receivedAt)],
    [w.labels.account, input.account],
    [w.labels.category, w.categories[input.category]],
    [w.labels.outcome, w.outcomes[input.outcome]],
    [w.labels.redress, redress],
  ];
  const labelWidth = 150;
  for (const [label, value] of rows) {
    const y = doc.y;
    const cell = (text: string, x: number, cellWidth: number, bold: boolean) => {
      if (rtl) rtlParagraph(doc, text, { left: x, width: cellWidth, size: 10.5, bold, fontFor, top: y });
      else doc.font(fontFor(text, bold)).fontSize(10.5).text(text, x, y, { width: cellWidth });
      return doc.y;
    };
    const afterLabel = cell(label, rtl ? left + width - labelWidth : left, labelWidth, true);
    const afterValue = cell(value, rtl ? left : left + labelWidth + 10, width - labelWidth - 10, false);
    doc.y = Math.max(afterLabel, afterValue) + 3;
  }
  doc.moveDown(1);

  para(fill(w.greeting, { name: input.clientName }));
  para(w.decision, { bold: true, size: 12 });
  for (const paragraph of input.body.split(/\n{2,}/)) if (paragraph.trim()) para(paragraph.trim());
  doc.moveDown(0.4);
  para(fill(w.referral, { ombudsman: ombudsman(input.jurisdiction) }));
  doc.moveDown(0.6);
  para(w.closing, { gap: 0.2 });
  para(input.signedBy, { gap: 0.2 });
  para(input.firmCode, { bold: true });
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * A right-to-left paragraph laid out here, a run at a time: pdfkit shapes Arabic (fontkit) but drops
 * the space before a line's last word and has no bidirectional reordering. So the text is cut into runs
 * — each Arabic word, and each stretch of left-to-right words (Latin, digits) kept together in reading
 * order — each run set in its script's font without spaces inside Arabic, placed from the right edge
 * leftwards, wrapped at the width.
 */
function rtlParagraph(
  doc: Doc,
  text: string,
  o: {
    left: number;
    width: number;
    size: number;
    bold: boolean;
    fontFor: (t: string, bold?: boolean) => string;
    top?: number;
  },
): void {
  const runs: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = runs.length - 1;
    if (!ARABIC.test(word) && last >= 0 && !ARABIC.test(runs[last]!)) runs[last] += ` ${word}`;
    else runs.push(word);
  }
  const measure = (run: string) => doc.font(o.fontFor(run, o.bold)).fontSize(o.size).widthOfString(run);
  const space = doc.font(o.fontFor('\u0627', o.bold)).fontSize(o.size).widthOfString(' ');
  const lineHeight = doc.font(o.fontFor('\u0627', o.bold)).fontSize(o.size).currentLineHeight(true) + 2;
  let y = o.top ?? doc.y;
  let x = o.left + o.width;
  for (const run of runs) {
    const w = Math.min(measure(run), o.width);
    if (x - w < o.left - 0.01 && x < o.left + o.width) {
      y += lineHeight;
      x = o.left + o.width;
    }
    doc
      .font(o.fontFor(run, o.bold))
      .fontSize(o.size)
      .text(run, x - w, y, { lineBreak: false, width: w + 1 });
    x -= w + space;
  }
  doc.x = o.left;
  doc.y = y + lineHeight;
}
