import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOggOpus } from '../../../src/media/ogg/validate-ogg-opus.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { as, createTenant, type TestTenant } from '../../support/fixtures.js';
import { insertChannel } from './support.js';

const LIMIT = 15_000;

/** Voice prompt uploads (SPEC §2): real Ogg/Opus only, a size limit, streamed back, referenced by channels, played by calls. */
describe('voice prompts', () => {
  let app: TestApp;
  let t: TestTenant;
  let other: TestTenant;
  let channel: string;
  let dataDir: string;
  let small: Buffer;
  let large: Buffer;

  beforeAll(async () => {
    dataDir = path.resolve('.tmp', `prompts-test-${crypto.randomBytes(4).toString('hex')}`);
    app = await createTestApp({ env: { DATA_DIR: dataDir, UPLOAD_LIMIT_BYTES: String(LIMIT) } });
    t = await createTenant(app, { agents: 1 });
    other = await createTenant(app, { agents: 1 });
    channel = await insertChannel(app, t.tenantId, 'Sales');
    small = await fs.readFile('assets/prompts/queue-waiting.opus');
    large = await fs.readFile('assets/prompts/queue-entry.opus');
    expect(small.length).toBeLessThan(LIMIT);
    expect(large.length).toBeGreaterThan(LIMIT);
  });
  afterAll(async () => {
    await app.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const upload = (user: { token: string }, name: string, body: Buffer | string, contentType = 'audio/ogg') =>
    app.http.inject({
      method: 'POST', url: `/api/prompts?name=${encodeURIComponent(name)}`, payload: body,
      headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
    });

  it('an admin uploads an Ogg/Opus prompt: stored under DATA_DIR/prompts/<tenant>/<id>.opus, listed with its duration, streamed back', async () => {
    const res = await upload(t.admin, 'Welcome', small);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    const expected = validateOggOpus(small);
    if (!expected.ok) throw new Error(expected.reason);
    expect(p).toMatchObject({ name: 'Welcome', size_bytes: small.length, duration_ms: expected.durationMs, used_by: [], audio_url: `/api/prompts/${p.id}/audio` });
    expect(p.duration_ms).toBeGreaterThan(500);
    expect(p.sha256).toBe(crypto.createHash('sha256').update(small).digest('hex'));
    const stored = await fs.readFile(path.join(dataDir, 'prompts', t.tenantId, `${p.id}.opus`));
    expect(stored.equals(small)).toBe(true);

    const list = await as(app, t.supervisor).get('/api/prompts');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const audio = await app.http.inject({ method: 'GET', url: p.audio_url, headers: { authorization: `Bearer ${t.supervisor.token}` } });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/ogg');
    expect(audio.rawPayload.equals(small)).toBe(true);
    // Other content types the upload accepts.
    expect((await upload(t.admin, 'Welcome 2', small, 'application/octet-stream')).statusCode).toBe(201);
    expect((await upload(t.admin, 'welcome', small)).json().error.code).toBe('DUPLICATE_NAME');
  });

  it('anything that is not real Ogg/Opus is refused with 400 INVALID_AUDIO, and nothing is stored', async () => {
    const before = (await as(app, t.admin).get('/api/prompts')).body.items.length;
    const corrupt = Buffer.from(small);
    corrupt[corrupt.length - 100]! ^= 0xff; // breaks the last page's CRC
    const cases: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['noise', crypto.randomBytes(4000)],
      ['corrupt crc', corrupt],
      ['truncated', small.subarray(0, 200)],
      ['wav', Buffer.concat([Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '), crypto.randomBytes(200)])],
    ];
    for (const [what, body] of cases) {
      const res = await upload(t.admin, what, body);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.code, what).toBe('INVALID_AUDIO');
      expect(res.json().error.message, what).toMatch(/Ogg\/Opus/);
    }
    expect((await as(app, t.admin).get('/api/prompts')).body.items.length).toBe(before);
    const files = await fs.readdir(path.join(dataDir, 'prompts', t.tenantId));
    expect(files.filter((f) => !f.endsWith('.opus'))).toEqual([]);
    expect(files.length).toBe(before);
  });

  it('a body over UPLOAD_LIMIT_BYTES answers 413; JSON or text bodies answer 415', async () => {
    const big = await upload(t.admin, 'Too long', large);
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await as(app, t.admin).post('/api/prompts?name=json', { audio: 'base64...' });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload(t.admin, 'text', 'hello', 'text/plain')).statusCode).toBe(415);
    // Audio bodies are for the upload route only.
    const elsewhere = await app.http.inject({ method: 'POST', url: '/api/tags', payload: small, headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'audio/ogg' } });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('only admins upload, rename and delete; supervisors listen; agents do neither', async () => {
    expect((await upload(t.supervisor, 'Sup', small)).statusCode).toBe(403);
    expect((await upload(t.agent, 'Agent', small)).statusCode).toBe(403);
    expect((await as(app, t.agent).get('/api/prompts')).status).toBe(403);
    const p = (await as(app, t.admin).get('/api/prompts')).body.items[0];
    expect((await as(app, t.admin).patch(`/api/prompts/${p.id}`, { name: 'Welcome (new)' })).body.name).toBe('Welcome (new)');
    expect((await as(app, t.supervisor).delete(`/api/prompts/${p.id}`)).status).toBe(403);
  });

  it('a channel plays an uploaded prompt: its ids are checked, the call engine resolves it to the file, and a prompt in use cannot be deleted', async () => {
    const admin = as(app, t.admin);
    const p = (await upload(t.admin, 'Queue entry', small)).json();
    const set = await admin.patch(`/api/channels/${channel}`, { prompts: { queue_entry: p.id } });
    expect(set.status).toBe(200);
    expect(set.body.prompts).toEqual({ queue_entry: p.id });

    const ch = await app.database.db.selectFrom('channels').select('prompts').where('id', '=', channel).executeTakeFirstOrThrow();
    const file = await app.services.prompts.resolve(t.tenantId, ch.prompts.queue_entry!);
    expect(file).toBe(path.join(dataDir, 'prompts', t.tenantId, `${p.id}.opus`));
    expect((await fs.readFile(file!)).equals(small)).toBe(true);
    // Another tenant's id never resolves to this tenant's file.
    expect(await app.services.prompts.resolve(other.tenantId, p.id)).toBeNull();

    expect((await admin.get(`/api/prompts/${p.id}`)).body.used_by).toEqual([{ channel_id: channel, channel_name: 'Sales', role: 'queue_entry' }]);
    const refused = await admin.delete(`/api/prompts/${p.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'IN_USE', details: { used_by: [{ channel_id: channel, role: 'queue_entry' }] } });

    // Unknown ids, and ids of another tenant's prompts, are refused naming the field.
    const foreign = (await upload(other.admin, 'Theirs', small)).json();
    for (const id of [crypto.randomUUID(), foreign.id]) {
      const bad = await admin.patch(`/api/channels/${channel}`, { prompts: { hold_music: id } });
      expect(bad.status).toBe(404);
      expect(bad.body.error.details).toMatchObject({ field: 'body.prompts.hold_music', prompt_ids: [id] });
    }
    expect((await admin.get(`/api/channels/${channel}`)).body.prompts).toEqual({ queue_entry: p.id });

    await admin.patch(`/api/channels/${channel}`, { prompts: { queue_entry: null } });
    expect((await admin.delete(`/api/prompts/${p.id}`)).status).toBe(204);
    await expect(fs.access(file!)).rejects.toThrow();
    expect(await app.services.prompts.resolve(t.tenantId, p.id)).toBeNull();
    expect((await admin.get(`/api/prompts/${p.id}/audio`)).status).toBe(404);
  });

  it('tenant isolation: another tenant cannot list, fetch, stream, rename or delete a prompt', async () => {
    const p = (await as(app, t.admin).get('/api/prompts')).body.items[0];
    const them = as(app, other.admin);
    expect((await them.get('/api/prompts')).body.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await them.get(`/api/prompts/${p.id}`)).status).toBe(404);
    expect((await them.get(`/api/prompts/${p.id}/audio`)).status).toBe(404);
    expect((await them.patch(`/api/prompts/${p.id}`, { name: 'mine now' })).status).toBe(404);
    expect((await them.delete(`/api/prompts/${p.id}`)).status).toBe(404);
  });
});
