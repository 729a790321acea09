import type { Answer, Refusal } from '../../../gateway/refusal.js';
import type { ParamLimits, Params } from '../params.js';
import type { KingdeeRequest } from '../request.js';

/** One Kingdee endpoint: its parameter limits and its handler (docs/protocols/kingdee.md §2, §9). */
export interface KingdeeEndpointHandler {
  /** Most values of a parameter, where the endpoint documents a limit. */
  limits: ParamLimits;
  handle(params: Params, request: KingdeeRequest): Answer | Refusal;
}
