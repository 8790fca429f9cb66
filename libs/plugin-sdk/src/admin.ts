/**
 * The admin side of a plugin (browser-safe): menu entries, lazily imported pages, and the forms the console's generic
 * renderer draws from JSON Schema. A page module's default export is a declarative page the console renders (a table
 * over a list procedure, a form over a mutation, a report) so a plugin needs no React code for ordinary screens.
 */
import { z } from 'zod';
import type { PluginForm, PluginNavEntry } from '@chengxin/kernel';

export type AdminPage =
  | {
      kind: 'table';
      title: { zh: string; en: string };
      procedure: string;
      columns: {
        key: string;
        label: { zh: string; en: string };
        format?: 'money' | 'date' | 'state';
        /** Labels of the codes the column holds (an enumeration), so no code is shown as text. */
        labels?: Record<string, { zh: string; en: string }>;
      }[];
      createForm?: string;
      /** The mutation createForm sends to; defaults to the list procedure's sibling `create`. */ createProcedure?: string;
      rowActions?: { form: string; procedure: string; label: { zh: string; en: string } }[];
      /**
       * Warn before creating a likely duplicate: rows of the list (searched with `q` = the form's `search` field) whose
       * `fields` all equal the new entry's (same contract name and supplier). The user may still save.
       */
      duplicateCheck?: { search: string; fields: string[]; label: { zh: string; en: string } };
      /**
       * Filters above the table, each a select whose chosen value is sent to the list procedure as `param` (the list's
       * input must accept it); cleared, the parameter is left out.
       */
      filters?: {
        param: string;
        label: { zh: string; en: string };
        options: { value: string | boolean; label: { zh: string; en: string } }[];
      }[];
    }
  | {
      kind: 'report';
      title: { zh: string; en: string };
      procedure: string;
      params: string[];
      /** How the console draws the answer: labelled figures and tables (never raw JSON or keys as titles). */
      view?: ReportView;
      /**
       * A file the server makes from the same parameters (a query answering { filename, contentType, content,
       * encoding: 'utf8' | 'base64' }), offered as a download beside the report — e.g. the export for the level above.
       */
      file?: { procedure: string; label: { zh: string; en: string } };
    };

/** A value's format in a report: 元 from fen, a date, a percentage (the value is already in %), 是/否. */
export type ReportFormat = 'money' | 'date' | 'percent' | 'number' | 'text' | 'yesno';
export interface ReportColumn {
  /** Dotted path in the row (or, for facts and totals, in the answer). */
  key: string;
  label: { zh: string; en: string };
  format?: ReportFormat;
}
export interface ReportView {
  /** Single figures of the answer shown above the tables (as of, publish by, caps). */
  facts?: ReportColumn[];
  tables: {
    /** Dotted path of the row array in the answer; '' when the answer is the array. */
    rows: string;
    title?: { zh: string; en: string };
    columns: ReportColumn[];
    /** A totals row: values from the answer (or summed over the rows when `sum` is set). */
    totals?: { key: string; from?: string; sum?: boolean }[];
    /** Offer the table as a CSV download (Chinese headings). */
    exportName?: string;
  }[];
}

export interface AdminPlugin {
  id: string;
  nav: PluginNavEntry[];
  /** Route path → lazy page module; the console imports a page only when it is opened (not in the first bundle). */
  pages: Record<string, () => Promise<{ default: AdminPage }>>;
  forms: Record<string, PluginForm>;
}

export function defineAdminPlugin(input: AdminPlugin): AdminPlugin {
  for (const n of input.nav)
    if (!(n.path in input.pages))
      throw new Error(`${input.id}: nav entry ${n.key} points to ${n.path}, which has no page`);
  return input;
}

/**
 * What is wrong with an admin declaration, for a plugin's admin test: a page over another plugin's procedures (the
 * mount key is the id in camelCase), a form a page names that does not exist, a form without a Chinese title or one
 * that does not render as JSON Schema. Empty when all is well.
 */
export async function adminProblems(admin: AdminPlugin, mountKey: string): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of admin.nav) {
    const page = (await admin.pages[entry.path]!()).default;
    if (!page.procedure.startsWith(`${mountKey}.`))
      problems.push(`${entry.path}: ${page.procedure} is not a ${mountKey} procedure`);
    if (page.kind === 'table') {
      for (const form of [page.createForm, ...(page.rowActions ?? []).map((a) => a.form)])
        if (form && !admin.forms[form]) problems.push(`${entry.path}: no form ${form}`);
      if (page.createProcedure && !page.createProcedure.startsWith(`${mountKey}.`))
        problems.push(`${entry.path}: ${page.createProcedure} is not a ${mountKey} procedure`);
      for (const f of page.filters ?? [])
        if (!f.label.zh || f.options.some((o) => !o.label.zh))
          problems.push(`${entry.path}: filter ${f.param} has an option without a Chinese label`);
    } else if (page.file && !page.file.procedure.startsWith(`${mountKey}.`)) {
      problems.push(`${entry.path}: ${page.file.procedure} is not a ${mountKey} procedure`);
    }
  }
  for (const [key, form] of Object.entries(admin.forms)) {
    if (!form.title.zh) problems.push(`${key}: no Chinese title`);
    try {
      z.toJSONSchema(form.schema, { io: 'input', unrepresentable: 'any' });
    } catch (e) {
      problems.push(`${key}: ${(e as Error).message}`);
    }
  }
  return problems;
}
