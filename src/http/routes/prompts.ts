import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pageQuery } from '../../app/pagination.js';
import type { Services } from '../../app/services.js';
import { AppError } from '../../domain/errors.js';
import { ADMIN, STAFF, route } from '../route.js';
import { idParams, text } from './fields.js';

/** Content types a prompt upload may be sent as (the body is the Ogg/Opus file itself). */
export const PROMPT_UPLOAD_TYPES = ['audio/ogg', 'audio/opus', 'application/octet-stream'];
const UPLOAD_URL = '/api/prompts';

const promptName = text(1, 120);

/**
 * Lets the upload route take its audio as raw bytes (up to the route's body limit; larger → 413).
 * Any other route sent one of these types answers 415, as for every non-JSON body.
 */
export function acceptPromptUploads(app: FastifyInstance): void {
  app.addContentTypeParser(PROMPT_UPLOAD_TYPES, { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    if (req.method !== 'POST' || req.routeOptions.url !== UPLOAD_URL) {
      return done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'), undefined);
    }
    done(null, body);
  });
}

export function promptRoutes(s: Services) {
  return [
    route({
      method: 'GET', url: '/api/prompts', summary: 'Uploaded voice prompts with their duration and the channels using them', tags: ['prompts'], auth: STAFF,
      query: z.strictObject(pageQuery),
      handler: ({ actor, query }) => s.prompts.list(actor, query),
    }),
    route({
      method: 'GET', url: '/api/prompts/:id', summary: 'One voice prompt', tags: ['prompts'], auth: STAFF, params: idParams,
      handler: ({ actor, params }) => s.prompts.get(actor, params.id),
    }),
    route({
      method: 'POST', url: UPLOAD_URL,
      summary: 'Upload a voice prompt: the body is an Ogg/Opus file (Content-Type audio/ogg), checked page by page; 400 INVALID_AUDIO otherwise, 413 above the upload limit',
      tags: ['prompts'], auth: ADMIN, status: 201, rawBody: PROMPT_UPLOAD_TYPES, bodyLimit: s.prompts.uploadLimitBytes,
      query: z.strictObject({ name: promptName }),
      handler: ({ actor, query, body }) => {
        if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the audio file itself as ${PROMPT_UPLOAD_TYPES[0]}.`, { accepted: PROMPT_UPLOAD_TYPES });
        return s.prompts.upload(actor, { name: query.name, audio: body });
      },
    }),
    route({
      method: 'PATCH', url: '/api/prompts/:id', summary: 'Rename a voice prompt', tags: ['prompts'], auth: ADMIN, params: idParams,
      body: z.strictObject({ name: promptName }),
      handler: ({ actor, params, body }) => s.prompts.rename(actor, params.id, body),
    }),
    route({
      method: 'DELETE', url: '/api/prompts/:id', summary: 'Delete a voice prompt no channel uses (409 IN_USE naming the channels otherwise)', tags: ['prompts'], auth: ADMIN,
      params: idParams,
      handler: async ({ actor, params }) => {
        await s.prompts.remove(actor, params.id);
        return undefined;
      },
    }),
    route({
      method: 'GET', url: '/api/prompts/:id/audio', summary: 'The prompt\'s audio (Ogg/Opus)', tags: ['prompts'], auth: STAFF, params: idParams,
      handler: async ({ actor, params, reply }) => {
        const file = await s.prompts.audioFile(actor, params.id);
        const size = (await fs.promises.stat(file)).size;
        reply.header('content-type', 'audio/ogg');
        reply.header('content-length', size);
        reply.header('cache-control', 'private, no-store');
        return fs.createReadStream(file);
      },
    }),
  ];
}
