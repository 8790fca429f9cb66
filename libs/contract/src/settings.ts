/**
 * The deployment's settings as the server's configuration module (apps/server/src/config.ts) read and checked them:
 * that module is the only code that reads the process environment; it hands the checked values here once at start
 * (`useSettings`), and the kernel, the SDK and the plugins read them by name (`settingValue`) — never the environment itself.
 * Browser-safe: in a browser nothing is installed and every setting is unset. Tests install the live environment
 * (tools/scripts/test-setup.ts), so a test that sets a variable sees it at once.
 */
export type SettingsSource = Readonly<Record<string, string | undefined>>;

let source: SettingsSource = {};

/** Install the checked settings (the configuration module at start; the test setup with the live environment). */
export function useSettings(values: SettingsSource): void {
  source = values;
}

/** The value of one setting, or undefined when it is not set. */
export function settingValue(name: string): string | undefined {
  return source[name];
}

/** Every setting in force (for helpers that take a map, e.g. the mailer). */
export const settings = (): SettingsSource => source;
