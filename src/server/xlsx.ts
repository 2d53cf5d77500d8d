// Spreadsheets through exceljs: exports (.xlsx, opened in Excel or WPS: one sheet of text cells, a bold frozen header
// row, column widths, wrapped multi-line cells) and reading an uploaded list (its first sheet's headings and rows).
import ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  /** Column headers (row 1, bold, frozen). */
  header: string[];
  rows: string[][];
  /** Column widths in characters (Excel's unit); a CJK character counts about two. */
  widths?: number[];
}

// Characters XML 1.0 cannot hold (control characters other than tab, newline, carriage return) are dropped: a stray
// one in a detail would otherwise make a file Excel refuses to open.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this is the list of characters to remove
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** The .xlsx file of one sheet. `at` is the workbook's creation time (the platform's clock, not the process's). */
export function xlsxOf(sheet: Sheet, at: Date): Promise<Buffer> {
  return xlsxOfSheets([sheet], at);
}

/** The .xlsx file of several sheets, in order (a report with one sheet per target). */
export async function xlsxOfSheets(sheets: readonly Sheet[], at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '宝宝屋';
  workbook.created = at;
  workbook.modified = at;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.header.map((header, i) => ({ header, width: sheet.widths?.[i] ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map((cell) => cell.replace(NOT_XML, '')));
      added.alignment = { vertical: 'top', wrapText: row.some((cell) => cell.includes('\n')) };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The most rows an uploaded list may have (a street's births of several years fit many times over). */
export const MAX_SHEET_ROWS = 5000;

/** The first sheet of an .xlsx: row 1 as headings, then each non-empty row's cell values (dates as Date). */
export async function readSheet(file: Buffer): Promise<{ headings: string[]; rows: { row: number; cells: unknown[] }[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const ws = workbook.worksheets[0];
  if (!ws) return { headings: [], rows: [] };
  const value = (v: ExcelJS.CellValue): unknown => {
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      if ('richText' in v) return v.richText.map((r) => r.text).join('');
      if ('result' in v) return v.result; // a formula: its last computed value
      if ('text' in v) return v.text; // a hyperlink
    }
    return v;
  };
  const cellsOf = (r: ExcelJS.Row) => (r.values as ExcelJS.CellValue[]).slice(1).map(value);
  const headings = cellsOf(ws.getRow(1)).map((h) => String(h ?? '').trim());
  const rows: { row: number; cells: unknown[] }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const cells = cellsOf(r);
    if (cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) rows.push({ row: n, cells });
  });
  return { headings, rows };
}
