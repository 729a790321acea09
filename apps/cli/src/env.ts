/** Environment variables `inv` reads, and the provider option each sets. Documented in the README. */
export const ENVIRONMENT_VARIABLES = Object.freeze({
  INV_KINGDEE_CLIENT_ID: ['kingdee', 'clientId'],
  INV_KINGDEE_CLIENT_SECRET: ['kingdee', 'clientSecret'],
  INV_KINGDEE_OUTER_INSTANCE_ID: ['kingdee', 'outerInstanceId'],
  INV_KINGDEE_BASE_URL: ['kingdee', 'baseURL'],
  INV_WINIT_APP_KEY: ['winit', 'appKey'],
  INV_WINIT_TOKEN: ['winit', 'token'],
  INV_WINIT_CLIENT_ID: ['winit', 'clientId'],
  INV_WINIT_CLIENT_SECRET: ['winit', 'clientSecret'],
  INV_WINIT_WAREHOUSE_CODE: ['winit', 'warehouseCode'],
  INV_WINIT_BASE_URL: ['winit', 'baseURL'],
} as const satisfies Record<string, readonly ['kingdee' | 'winit', string]>);

/** The variable that sets `option` of `provider`, if there is one. */
export function variableFor(provider: string, option: string): string | undefined {
  for (const [variable, [section, name]] of Object.entries(ENVIRONMENT_VARIABLES)) {
    if (section === provider && name === option) return variable;
  }
  return undefined;
}
