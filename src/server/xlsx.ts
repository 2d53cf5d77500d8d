// Spreadsheet exports (.xlsx, opened in Excel or WPS) through exceljs: one sheet of text cells, a bold frozen header
// row, column widths and wrapped multi-line cells.
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
export async function xlsxOf(sheet: Sheet, at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '宝宝屋';
  workbook.created = at;
  workbook.modified = at;
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.header.map((header, i) => ({ header, width: sheet.widths?.[i] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) {
    const added = ws.addRow(row.map((cell) => cell.replace(NOT_XML, '')));
    added.alignment = { vertical: 'top', wrapText: row.some((cell) => cell.includes('\n')) };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
