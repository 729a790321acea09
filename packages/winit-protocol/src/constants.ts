/** Gateway origins (docs/protocols/winit.md §1 [documented]); requests go to `<origin>/openapi/service`. */
export const WINIT_BASE_URLS = Object.freeze({
  production: 'https://openapi.winit.com.cn',
  sandbox: 'https://sandboxopenapi.winit.com.cn',
} as const);

/** The single service path every action is posted to (§1). */
export const WINIT_SERVICE_PATH = '/openapi/service';
