/**
 * The admin side of a plugin (browser-safe): menu entries, lazily imported pages, and the forms the console's generic
 * renderer draws from JSON Schema. A page module's default export is a declarative page the console renders (a table
 * over a list procedure, a form over a mutation, a report) so a plugin needs no React code for ordinary screens.
 */
import type { PluginForm, PluginNavEntry } from '@chengxin/kernel';

export type AdminPage =
  | { kind: 'table'; title: { zh: string; en: string }; procedure: string; columns: { key: string; label: { zh: string; en: string }; format?: 'money' | 'date' | 'state' }[]; createForm?: string; rowActions?: { form: string; procedure: string; label: { zh: string; en: string } }[] }
  | { kind: 'report'; title: { zh: string; en: string }; procedure: string; params: string[] };

export interface AdminPlugin {
  id: string;
  nav: PluginNavEntry[];
  /** Route path → lazy page module; the console imports a page only when it is opened (not in the first bundle). */
  pages: Record<string, () => Promise<{ default: AdminPage }>>;
  forms: Record<string, PluginForm>;
}

export function defineAdminPlugin(input: AdminPlugin): AdminPlugin {
  for (const n of input.nav) if (!(n.path in input.pages)) throw new Error(`${input.id}: nav entry ${n.key} points to ${n.path}, which has no page`);
  return input;
}
