/** Types of plugin-registry.mjs, for the TypeScript that imports it (the plugin generator, the registry test). */
export function registry(): string[];
export function pluginFolders(): string[];
export function expected(ids?: string[]): Record<string, string>;
export function check(ids?: string[]): string[];
export function generate(ids?: string[]): void;
export function register(id: string): void;
