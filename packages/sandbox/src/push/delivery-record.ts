/** A delivery of a push and its attempts, as `GET /_sandbox/deliveries` shows them. */
/** One attempt of a delivery. */
export interface DeliveryAttempt {
  attempt: number;
  /** When it was sent (ISO). */
  at: string;
  /** HTTP status, or `null` when no answer came (timeout, network error, dropped). */
  status: number | null;
  /** Milliseconds from sending to the answer (or failure). */
  ms: number;
  /** Start of the receiver's answer (at most 200 characters), e.g. its refusal reason. */
  answer?: string | undefined;
  error?: string | undefined;
  /** Delivery faults applied to this attempt. */
  faults?: string[] | undefined;
  /** A byte-for-byte copy sent by a `duplicate` fault. */
  copy?: true | undefined;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryRecord {
  deliveryId: string;
  url: string;
  ids: string[];
  /** When the batch was formed (ISO). */
  createdAt: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
}
