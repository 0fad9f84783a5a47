import { z } from 'zod';

/**
 * Meta's webhook payloads, as documented (reference §1). Objects are loose: Meta adds fields over
 * time and an unknown field must never make us drop an event. Timestamps are decimal strings.
 */
const ts = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform((v) => Number(v));

export const metadataSchema = z.looseObject({
  display_phone_number: z.string().optional(),
  phone_number_id: z.string().min(1),
});

export const contactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

const sessionSchema = z.looseObject({ sdp_type: z.enum(['offer', 'answer']), sdp: z.string().min(1) });

export const callEventSchema = z.looseObject({
  id: z.string().min(1),
  from: z.string().optional(),
  to: z.string().optional(),
  from_user_id: z.string().optional(),
  to_user_id: z.string().optional(),
  event: z.string(),
  timestamp: ts,
  direction: z.enum(['USER_INITIATED', 'BUSINESS_INITIATED']).optional(),
  session: sessionSchema.optional(),
  // Legacy duplicate of the SDP; the 2024 sample wraps a JSON object inside the string.
  connection: z.looseObject({ webrtc: z.looseObject({ sdp: z.string() }).optional() }).optional(),
  status: z.string().optional(),
  start_time: ts.optional(),
  end_time: ts.optional(),
  duration: z.union([z.number(), z.string().regex(/^\d+$/)]).transform((v) => Number(v)).optional(),
  biz_opaque_callback_data: z.string().optional(),
  deeplink_payload: z.string().optional(),
  cta_payload: z.string().optional(),
});
export type CallEvent = z.output<typeof callEventSchema>;

export const callStatusSchema = z.looseObject({
  id: z.string().min(1),
  timestamp: ts,
  type: z.literal('call'),
  status: z.string(),
  recipient_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
});
export type CallStatus = z.output<typeof callStatusSchema>;

export const messageStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: ts,
  recipient_id: z.string().optional(),
  type: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional() })).optional(),
});

export const graphErrorItemSchema = z.looseObject({
  code: z.number().int(),
  message: z.string().optional(),
  title: z.string().optional(),
  href: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});

const permissionReplySchema = z.looseObject({
  response: z.enum(['accept', 'reject']),
  is_permanent: z.boolean().optional(),
  expiration_timestamp: ts.optional(),
  response_source: z.enum(['user_action', 'automatic']).optional(),
});

export const inboundMessageSchema = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: ts,
  type: z.string(),
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      call_permission_reply: permissionReplySchema.optional(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  image: z.looseObject({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() }).optional(),
  audio: z.looseObject({ id: z.string(), mime_type: z.string().optional(), voice: z.boolean().optional() }).optional(),
  video: z.looseObject({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() }).optional(),
  document: z.looseObject({ id: z.string(), mime_type: z.string().optional(), filename: z.string().optional(), caption: z.string().optional() }).optional(),
  sticker: z.looseObject({ id: z.string() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().optional() }).optional(),
});
export type InboundMessage = z.output<typeof inboundMessageSchema>;

export const changeValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: metadataSchema.optional(),
  contacts: z.array(contactSchema).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  calls: z.array(z.unknown()).optional(),
  errors: z.array(graphErrorItemSchema).optional(),
});

export const envelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.looseObject({}) })),
    }),
  ),
});
export type Envelope = z.output<typeof envelopeSchema>;

export const accountSettingsUpdateSchema = z.looseObject({
  type: z.string().optional(),
  phone_number_settings: z
    .looseObject({ phone_number_id: z.string().optional(), calling: z.looseObject({}).optional() })
    .optional(),
});

export const accountUpdateSchema = z.looseObject({
  phone_number: z.string().optional(),
  event: z.string(),
  violation_info: z.looseObject({ violation_type: z.string() }).optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.union([z.string(), z.number()]).optional() }))
    .optional(),
});
