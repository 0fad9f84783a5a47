import { z } from 'zod';
import { settingsBody } from '../graph/graph-schemas.js';
import { ControlError } from './control-error.js';

/** Inputs of the control API (HTTP bodies and the typed in-process functions alike). */

const phone = z.string().regex(/^\+?[\d\s()-]{5,24}$/, 'must be a phone number such as +6281234567890');

export const chaosInput = z.strictObject({
  duplicate: z.boolean().optional(),
  reorder: z.boolean().optional(),
  delay_ms: z.number().int().min(0).max(3_600_000).optional(),
});

export const phoneNumberInput = z.strictObject({
  display_phone_number: phone,
  waba_id: z.string().regex(/^\d+$/, 'must be digits'),
  access_token: z.string().min(1),
  app_secret: z.string().min(1),
  webhook_url: z.url().optional(),
  verify_token: z.string().optional(),
  calling: settingsBody.shape.calling.optional(),
  connected_call_limit: z.number().int().min(1).max(10_000).optional(),
  chaos: chaosInput.optional(),
});
export type PhoneNumberInput = z.input<typeof phoneNumberInput>;

export const audioInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tone'), frequency_hz: z.number().min(20).max(20_000).default(440), amplitude: z.number().min(0).max(1).optional() }),
  z.strictObject({ kind: z.literal('silence') }),
  z.strictObject({ kind: z.literal('file'), path: z.string().min(1) }),
]);
export type AudioInput = z.input<typeof audioInput>;

export const policyInput = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('manual') }),
  z.strictObject({ mode: z.literal('ignore') }),
  z.strictObject({ mode: z.literal('answer'), after_ms: z.number().int().min(0).default(0) }),
  z.strictObject({ mode: z.literal('decline'), after_ms: z.number().int().min(0).default(0) }),
]);
export type PolicyInput = z.input<typeof policyInput>;

export const userInput = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  policy: policyInput.optional(),
  audio: audioInput.optional(),
});
export type UserInput = z.input<typeof userInput>;

export const sendMessageInput = z.strictObject({ from: phone, to: z.string().min(1), text: z.string().min(1).max(4096) });
export type SendMessageInput = z.input<typeof sendMessageInput>;

export const placeCallInput = z.strictObject({
  from: phone,
  to: z.string().min(1),
  name: z.string().min(1).optional(),
  audio: audioInput.optional(),
  /** Shorthand for `audio: {kind:"tone", frequency_hz}`. */
  tone: z.number().min(20).max(20_000).optional(),
  deeplink_payload: z.string().max(512).optional(),
  cta_payload: z.string().max(512).optional(),
});
export type PlaceCallInput = z.input<typeof placeCallInput>;

export const permissionInput = z.strictObject({
  from: phone,
  to: z.string().min(1),
  permanent: z.boolean().optional(),
  /** auto: reply to the open request if there is one, else grant from the business profile. */
  via: z.enum(['auto', 'request', 'profile']).optional(),
  context_id: z.string().optional(),
});
export type PermissionInput = z.input<typeof permissionInput>;

export const dtmfInput = z.strictObject({ digits: z.string().regex(/^[0-9*#A-Da-d]+$/, 'digits may hold 0-9 * # A-D') });
export const advanceInput = z.strictObject({ ms: z.number().min(0) });
export const setClockInput = z.strictObject({ time: z.union([z.string().min(1), z.number()]) });
export const accountUpdateInput = z.looseObject({ event: z.string().min(1) });
export const verifyWebhookInput = z.strictObject({ verify_token: z.string().optional() });
export const resetInput = z.strictObject({ phone_numbers: z.boolean().optional() });

export function parseControl<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  throw new ControlError(400, 'invalid_request', details);
}
