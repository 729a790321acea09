/** Provider id stamped on every record, error and event. */
export const KINGDEE_PROVIDER_ID = 'kingdee';
