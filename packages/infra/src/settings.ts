import { environmentVariables } from '@store-front/sdk/resources';

/**
 * The environment that gives a handler its `StorefrontConfig` settings, keyed by setting name
 * (`tables.orders`, `cursorSecretArn`, …). The variable names come from the SDK's own list, so a
 * renamed variable cannot leave a function misconfigured; an unknown setting fails the synth.
 *
 * @example
 * ```ts
 * settingsEnvironment({ 'tables.orders': table.tableName }); // { STOREFRONT_ORDERS_TABLE: '…' }
 * ```
 */
export function settingsEnvironment(values: Readonly<Record<string, string>>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [setting, value] of Object.entries(values)) {
    const variable = environmentVariables.find((candidate) => candidate.setting === setting);
    if (!variable) throw new Error(`No environment variable sets the StorefrontConfig setting ${setting}`);
    environment[variable.name] = value;
  }
  return environment;
}
