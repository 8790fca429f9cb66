import type { Role } from './labels';

/**
 * The kernel's permission catalogue, named `<owner>.<resource>.<action>`. Every procedure declares one of these (or
 * 'public' / 'authenticated') in its meta; plugins will add their own.
 */
export const KERNEL_PERMISSIONS = {
  'kernel.orgs.read': '查看单位',
  'kernel.orgs.write': '维护单位',
  'kernel.persons.read': '查看人员',
  'kernel.persons.write': '维护人员与任职',
  'kernel.records.read': '查看信用记录',
  'kernel.records.write': '录入、提交、更正信用记录',
  'kernel.records.ingest': '批量报送信用记录',
  'kernel.records.review': '审核、公示、撤销信用记录',
  'kernel.files.read': '查看诚信档案',
  'kernel.rules.read': '查看规则表',
  'kernel.users.manage': '管理用户',
} as const;

export type Permission = keyof typeof KERNEL_PERMISSIONS;
export type Access = Permission | 'public' | 'authenticated';

const READ: Permission[] = ['kernel.orgs.read', 'kernel.persons.read', 'kernel.records.read', 'kernel.files.read', 'kernel.rules.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: Object.keys(KERNEL_PERMISSIONS) as Permission[],
  officer: [...READ, 'kernel.records.write', 'kernel.records.ingest', 'kernel.persons.write'],
  reviewer: [...READ, 'kernel.records.review'],
  viewer: READ,
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}
