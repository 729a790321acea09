/**
 * `GET /jdy/v2/inv/inv_synchronous` (docs/protocols/kingdee.md §9.1): rows by id, at most 100 ids, in
 * request order; unknown ids are omitted. The documented request answers the documented sample.
 */
import { INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT, KINGDEE_MAX_IDS } from '@inv/kingdee-protocol';
import { Refusal } from '../../../gateway/refusal.js';
import type { KingdeeInventoryState } from '../dataset-types.js';
import { success } from '../envelope.js';
import { listParam } from '../params.js';
import type { KingdeeEndpointHandler } from './endpoint.js';

// Encoded once: the documented sample is answered byte for byte on every replay (§9.1 [assumed]), and a
// string would be measured and encoded again for each answer.
const SAMPLE_BYTES = Buffer.from(INV_SYNCHRONOUS_RESPONSE_SAMPLE_TEXT, 'utf8');

export function invSynchronousEndpoint(state: KingdeeInventoryState): KingdeeEndpointHandler {
  return {
    limits: { ids: KINGDEE_MAX_IDS },
    handle(params) {
      const values = params.get('ids');
      // The documented example `ids=[],d=true` is one value; the leaked `,d=true` is ignored (§11.1).
      const cleaned = values?.map((value) => value.replace(/,d=true$/, ''));
      const empty =
        cleaned === undefined ||
        (cleaned.length === 1 && /^\s*(\[\s*\])?\s*$/.test(cleaned[0] ?? ''));
      if (empty) {
        // §9.1 [assumed]: the documented request answers the documented response sample verbatim.
        return { status: 200, body: SAMPLE_BYTES, verdict: 'accepted (documented sample)' };
      }
      const ids = listParam('ids', cleaned, KINGDEE_MAX_IDS, true);
      if (ids instanceof Refusal) return ids;
      return success({ rows: state.rowsByIds(ids) });
    },
  };
}
