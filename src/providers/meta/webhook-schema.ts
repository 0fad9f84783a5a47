import { z } from 'zod';

/**
 * Meta's webhook payloads, as documented (reference §1). Objects are loose: Meta adds fields over
 * time and an unknown field must never make us drop an event. Timestamps are decimal strings
 * (integers accepted too); the newer BSUID fields (`*_user_id`) are optional and the phone may be
 * omitted for users who adopted a username.
 */
const ts = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => Number(v));

const optionalText = z.string().optional();

export const metadataSchema = z.looseObject({
  display_phone_number: optionalText,
  phone_number_id: z.string().min(1),
});

export const contactSchema = z.looseObject({
  wa_id: optionalText,
  user_id: optionalText,
  parent_user_id: optionalText,
  profile: z.looseObject({ name: optionalText, username: optionalText }).optional(),
});
export type Contact = z.output<typeof contactSchema>;

// Documented lowercase; accepted in any case since the flow pages are inconsistent about casing.
const sdpType = z.string().transform((v) => v.toLowerCase()).pipe(z.enum(['offer', 'answer']));
const sessionSchema = z.looseObject({ sdp_type: sdpType, sdp: z.string().min(1) });

export const callEventSchema = z.looseObject({
  id: z.string().min(1),
  from: optionalText,
  to: optionalText,
  from_user_id: optionalText,
  from_parent_user_id: optionalText,
  to_user_id: optionalText,
  to_parent_user_id: optionalText,
  event: z.string(),
  timestamp: ts,
  direction: z.string().optional(),
  session: sessionSchema.optional(),
  // Legacy duplicate of the SDP; the 2024 sample wraps a JSON object inside the string.
  connection: z.looseObject({ webrtc: z.looseObject({ sdp: z.string() }).optional() }).optional(),
  status: optionalText,
  start_time: ts.optional(),
  end_time: ts.optional(),
  duration: ts.optional(),
  biz_opaque_callback_data: optionalText,
  deeplink_payload: optionalText,
  cta_payload: optionalText,
});
export type CallEvent = z.output<typeof callEventSchema>;

export const callStatusSchema = z.looseObject({
  id: z.string().min(1),
  timestamp: ts,
  type: z.literal('call'),
  status: z.string(),
  recipient_id: optionalText,
  recipient_user_id: optionalText,
  recipient_parent_user_id: optionalText,
  biz_opaque_callback_data: optionalText,
});
export type CallStatus = z.output<typeof callStatusSchema>;

export const messageStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: ts,
  recipient_id: optionalText,
  recipient_user_id: optionalText,
  type: optionalText,
  errors: z.array(z.looseObject({ code: z.number().optional(), title: optionalText, message: optionalText })).optional(),
});

export const graphErrorItemSchema = z.looseObject({
  code: z.number().int(),
  message: optionalText,
  title: optionalText,
  href: optionalText,
  error_data: z.looseObject({ details: optionalText }).optional(),
});

const permissionReplySchema = z.looseObject({
  response: z.enum(['accept', 'reject']),
  is_permanent: z.boolean().optional(),
  // Documented as an integer, sampled as a string: both are accepted.
  expiration_timestamp: ts.optional(),
  response_source: z.enum(['user_action', 'automatic']).optional(),
});

const media = (extra: Record<string, z.ZodType> = {}) =>
  z.looseObject({ id: z.string(), mime_type: optionalText, caption: optionalText, ...extra }).optional();

export const inboundMessageSchema = z.looseObject({
  from: optionalText,
  from_user_id: optionalText,
  from_parent_user_id: optionalText,
  id: z.string().min(1),
  timestamp: ts,
  type: z.string(),
  context: z.looseObject({ from: optionalText, id: optionalText }).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      call_permission_reply: permissionReplySchema.optional(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.looseObject({ text: optionalText, payload: optionalText }).optional(),
  image: media(),
  audio: media({ voice: z.boolean().optional() }),
  video: media(),
  document: media({ filename: optionalText }),
  sticker: media(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number(), name: optionalText }).optional(),
});
export type InboundMessage = z.output<typeof inboundMessageSchema>;

export const changeValueSchema = z.looseObject({
  messaging_product: optionalText,
  metadata: metadataSchema.optional(),
  contacts: z.array(contactSchema).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  calls: z.array(z.unknown()).optional(),
  errors: z.array(graphErrorItemSchema).optional(),
});

export const changeSchema = z.looseObject({ field: z.string(), value: z.unknown() });

export const entrySchema = z.looseObject({
  id: z.string().min(1),
  time: ts.optional(),
  changes: z.array(z.unknown()),
});

/** Only the outer shape: entries and changes are parsed one by one so one bad item drops nothing else. */
export const envelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.unknown()),
});
export type Envelope = z.output<typeof envelopeSchema>;

export const accountSettingsUpdateSchema = z.looseObject({
  type: optionalText,
  phone_number_settings: z.looseObject({ phone_number_id: optionalText, calling: z.looseObject({}).optional() }).optional(),
});

export const accountUpdateSchema = z.looseObject({
  phone_number: optionalText,
  event: z.string(),
  violation_info: z.looseObject({ violation_type: z.string() }).optional(),
  restriction_info: z
    .array(z.looseObject({ restriction_type: z.string(), expiration: z.union([z.string(), z.number()]).optional() }))
    .optional(),
});
