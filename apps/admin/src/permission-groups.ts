/**
 * The permission catalogue grouped for people: the kernel's by area (a Chinese heading each), every plugin's under the
 * plugin's own name. Each permission is shown by its label from the catalogue, never by its name.
 */
import { patternPermits } from './session';

type Label = { zh: string; en: string };

const KERNEL_GROUPS: { label: Label; resources: string[] }[] = [
  { label: { zh: '单位与人员', en: 'Bodies and persons' }, resources: ['orgs', 'persons'] },
  { label: { zh: '信用记录', en: 'Credit records' }, resources: ['records', 'rules'] },
  {
    label: { zh: '诚信档案', en: 'Integrity files' },
    resources: [
      'files',
      'eligibility',
      'assessments',
      'training',
      'commendations',
      'confidential',
      'coverage',
      'reporting',
    ],
  },
  {
    label: { zh: '办理事项', en: 'Cases' },
    resources: [
      'objections',
      'repairs',
      'complaints',
      'rectifications',
      'supervision',
      'leads',
      'notices',
      'selfCorrections',
    ],
  },
  { label: { zh: '政务诚信评价', en: 'Evaluation' }, resources: ['evaluation', 'rollups'] },
  { label: { zh: '数据交换', en: 'Data exchange' }, resources: ['exchange'] },
  {
    label: { zh: '系统管理', en: 'Administration' },
    resources: ['users', 'roles', 'tokens', 'audit', 'calendar', 'plugins', 'jobs'],
  },
];
const OTHER: Label = { zh: '其他基础功能', en: 'Other kernel permissions' };

export interface PermissionGroup {
  key: string;
  label: Label;
  permissions: { name: string; zh: string; en: string }[];
}

/** `pluginLabel(owner)`: the plugin's name for its permissions' owner (`local-debt` → 地方政府债务). */
export function groupPermissions(
  catalogue: readonly { name: string; zh: string; en: string }[],
  pluginLabel: (owner: string) => Label | undefined,
): PermissionGroup[] {
  const groups = new Map<string, PermissionGroup>();
  const add = (key: string, label: Label, p: { name: string; zh: string; en: string }) => {
    const g = groups.get(key) ?? groups.set(key, { key, label, permissions: [] }).get(key)!;
    g.permissions.push(p);
  };
  for (const p of catalogue) {
    const [owner, resource] = p.name.split('.');
    if (owner === 'kernel') {
      const i = KERNEL_GROUPS.findIndex((g) => g.resources.includes(resource ?? ''));
      add(i < 0 ? 'kernel:other' : `kernel:${i}`, i < 0 ? OTHER : KERNEL_GROUPS[i]!.label, p);
    } else {
      add(`plugin:${owner}`, pluginLabel(owner!) ?? { zh: '插件功能', en: 'Plugin' }, p);
    }
  }
  const order = (k: string) =>
    k.startsWith('kernel:') ? (k === 'kernel:other' ? 100 : Number(k.slice(7))) : 200 + (k.charCodeAt(7) || 0);
  return [...groups.values()].sort((a, b) => order(a.key) - order(b.key));
}

/** A role's entries (names or patterns such as `procurement.*`) as the catalogue's names they allow. */
export function expandEntries(entries: readonly string[], catalogue: readonly { name: string }[]): string[] {
  return catalogue.filter((p) => entries.some((e) => patternPermits(e, p.name))).map((p) => p.name);
}
