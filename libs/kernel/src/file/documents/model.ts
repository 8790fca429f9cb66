/**
 * A printable document as data: what the HTML print view and the PDF both render, so the two never disagree.
 * Every value is already text as the reader should see it (dates, labels, masked numbers).
 */
export interface DocTable {
  columns: string[];
  rows: string[][];
  /** Shown instead of an empty table, so an empty section is visibly empty rather than forgotten. */
  empty: string;
  /** Relative column widths. */
  widths?: number[];
}

export interface DocSection {
  title: string;
  note?: string;
  fields?: [string, string][];
  tables: DocTable[];
}

export interface PrintDocument {
  title: string;
  subtitle: string;
  documentNo: string;
  /** The label of documentNo (default 文书编号; a credit report says 报告编号, as its page and the verify page do). */
  documentNoLabel?: string;
  /** Shown on every page: what the document is and where it came from. */
  footer: string;
  meta: [string, string][];
  sections: DocSection[];
  /** An optional verification QR code (PNG) printed beside the heading, with a caption (e.g. the verify address). */
  qr?: { png: Buffer; caption: string };
}
