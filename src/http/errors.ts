import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, errorCatalog, type ErrorCode } from '../domain/errors.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> | null };
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, details: details ?? null } };
}

export function zodDetails(err: ZodError, where: string): { issues: { path: string; message: string; code: string }[] } {
  return {
    issues: err.issues.map((i) => {
      const keys = i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys ?? [] : [];
      const base = [where, ...i.path.map(String)].join('.');
      return {
        path: keys.length === 1 ? `${base}.${keys[0]}` : base,
        message: keys.length > 0 ? `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` : i.message,
        code: i.code,
      };
    }),
  };
}

/** Maps anything thrown to the one error shape; only a bug becomes a 500. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof AppError) return { status: err.status, body: errorBody(err.code, err.message, err.details), unexpected: false };
  if (err instanceof ZodError) {
    return { status: 400, body: errorBody('VALIDATION_FAILED', 'The request is invalid.', zodDetails(err, 'body')), unexpected: false };
  }
  const fe = err as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'), unexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'), unexpected: false };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: errorBody('INVALID_JSON', 'The body is not valid JSON.'), unexpected: false };
    default:
      break;
  }
  if (err instanceof SyntaxError || fe?.statusCode === 400) {
    return { status: 400, body: errorBody('INVALID_JSON', 'The body is not valid JSON.'), unexpected: false };
  }
  if (fe?.statusCode === 413) return { status: 413, body: errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'), unexpected: false };
  if (fe?.statusCode === 415) return { status: 415, body: errorBody('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type.'), unexpected: false };
  return { status: 500, body: errorBody('INTERNAL', 'Something went wrong on our side.'), unexpected: true };
}

export function sendError(reply: FastifyReply, req: FastifyRequest, err: unknown): FastifyReply {
  const { status, body, unexpected } = toErrorResponse(err);
  if (unexpected) {
    req.log.error({ err }, 'unexpected error');
    body.error.details = { request_id: req.id };
  }
  return reply.status(status).send(body);
}

export const statusOf = (code: ErrorCode): number => errorCatalog[code].status;
