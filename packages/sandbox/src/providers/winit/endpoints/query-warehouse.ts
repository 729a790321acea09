import type { WinitSandboxState } from '../dataset-types.js';
import type { WinitActionHandler } from './endpoint.js';

/** `queryWarehouse` (docs/protocols/winit.md §10.3): the warehouses, whatever the data. */
export const queryWarehouse =
  (state: WinitSandboxState): WinitActionHandler =>
  () => ({ data: state.warehouses().map((warehouse) => ({ ...warehouse })) });
