import type { Refusal } from '../../../gateway/refusal.js';

/** What an action answers: data for the success envelope, or a documented answer's exact text. */
export type ActionResult = { data: unknown } | { text: string } | Refusal;

/** One Winit action (docs/protocols/winit.md §10): answers the request's `data`. */
export type WinitActionHandler = (data: unknown) => ActionResult;
