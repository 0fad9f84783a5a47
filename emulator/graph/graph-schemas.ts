import { z } from 'zod';
import { invalidParameter, type GraphError } from './graph-error.js';

/** Request bodies of the Graph endpoints, written from Meta's reference (not from the product's adapter). */

const messagingProduct = z.literal('whatsapp', { error: 'messaging_product must be "whatsapp"' });

const session = (sdpType: 'offer' | 'answer') =>
  z.object({
    sdp_type: z.literal(sdpType, { error: `session.sdp_type must be "${sdpType}"` }),
    sdp: z.string({ error: 'session.sdp is required' }).min(1, 'session.sdp is required'),
  });

export const connectBody = z.object({
  messaging_product: messagingProduct,
  action: z.literal('connect'),
  to: z.string().regex(/^\+?\d{6,15}$/, 'to must be a phone number in E.164 digits').optional(),
  recipient: z.string().optional(),
  session: session('offer'),
  biz_opaque_callback_data: z.string().max(512, 'biz_opaque_callback_data is limited to 512 characters').optional(),
  recording: z.looseObject({}).optional(),
  transcription: z.looseObject({}).optional(),
});

export const answerBody = (action: 'pre_accept' | 'accept') =>
  z.object({
    messaging_product: messagingProduct,
    action: z.literal(action),
    call_id: z.string().min(1, 'call_id is required'),
    session: session('answer'),
    biz_opaque_callback_data: z.string().max(512).optional(),
    recording: z.looseObject({}).optional(),
  });

export const simpleCallActionBody = (action: 'reject' | 'terminate') =>
  z.object({ messaging_product: messagingProduct, action: z.literal(action), call_id: z.string().min(1, 'call_id is required') });

export const CALL_ACTIONS = ['connect', 'pre_accept', 'accept', 'reject', 'terminate'] as const;

export const messageBody = z.looseObject({
  messaging_product: messagingProduct,
  recipient_type: z.literal('individual').optional(),
  to: z.string().regex(/^\+?[\d\s()-]{6,20}$/, 'to must be a phone number'),
  type: z.enum(['text', 'interactive', 'template'], { error: 'type must be one of text, interactive, template' }).default('text'),
  context: z.object({ message_id: z.string() }).optional(),
  text: z.looseObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }).optional(),
  interactive: z.looseObject({ type: z.string().min(1), action: z.looseObject({}).optional(), body: z.looseObject({ text: z.string() }).optional() }).optional(),
  template: z
    .looseObject({
      name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'template.name must be lowercase letters, digits and underscores'),
      language: z.looseObject({ code: z.string().min(2) }),
      components: z.array(z.looseObject({ type: z.string() })).optional(),
    })
    .optional(),
});
export type MessageBody = z.infer<typeof messageBody>;

const onOff = z.enum(['ENABLED', 'DISABLED']);
export const settingsBody = z.object({
  calling: z.strictObject({
    status: onOff.optional(),
    call_icon_visibility: z.enum(['DEFAULT', 'DISABLE_ALL']).optional(),
    call_icons: z.looseObject({ restrict_to_user_countries: z.array(z.string().length(2)).optional() }).optional(),
    call_hours: z
      .looseObject({
        status: onOff,
        timezone_id: z.string().optional(),
        weekly_operating_hours: z
          .array(z.object({ day_of_week: z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']), open_time: z.string().regex(/^\d{4}$/), close_time: z.string().regex(/^\d{4}$/) }))
          .optional(),
        holiday_schedule: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), start_time: z.string().regex(/^\d{4}$/), end_time: z.string().regex(/^\d{4}$/) })).max(20).optional(),
      })
      .optional(),
    callback_permission_status: onOff.optional(),
    sip: z.looseObject({ status: onOff, servers: z.array(z.looseObject({ hostname: z.string(), port: z.number().int().optional() })).optional() }).optional(),
    srtp_key_exchange_protocol: z.enum(['DTLS', 'SDES']).optional(),
    audio: z.looseObject({ additional_codecs: z.array(z.enum(['PCMA', 'PCMU'])).optional() }).optional(),
  }),
});

/** Parses with a schema, turning the first problem into Graph's code-100 error with details. */
export function parseGraph<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw graphValidationError(result.error);
}

export function graphValidationError(error: z.ZodError): GraphError {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  const details = issue.message.includes(path) || !path ? issue.message : `${path}: ${issue.message}`;
  return invalidParameter(details);
}
