import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toneLevel } from '../../../src/media/testing/goertzel.js';
import { readRecording } from '../../../src/media/testing/read-recording.js';
import { as } from '../../support/fixtures.js';
import { eventually } from '../../support/desk.js';
import { callRow, connectAgentAudio, customerCalls, customerHears, waitStatus } from '../../support/calls.js';
import { createWorld, type World } from '../../support/world.js';

describe('call recording', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld({ mediaWorkers: 1, agents: 2, ringGroup: { mode: 'round_robin', agents: [0] } });
    await w.app.database.db.updateTable('channels').set({ recording_enabled: true }).where('id', '=', w.channel.id).execute();
    await w.desk(w.tenant.agents[0]!);
  });
  afterAll(async () => w?.stop());

  it('records one stereo file per call (caller left, agent right), served with Range to allowed users, deleted with the record', async () => {
    const agent = w.tenant.agents[0]!;
    await as(w.app, agent).put('/api/me/presence', { status: 'available' });
    const call = await customerCalls(w, { tone: 440 });
    await w.desks[0]!.next('call.offered', (m) => m.id === call.callId);
    await as(w.app, agent).post(`/api/calls/${call.callId}/accept`);
    const client = await connectAgentAudio(w.desks[0]!, call.callId, 1000);
    try {
      await eventually(async () => ((await customerHears(w, call.providerCallId, [1000]))['1000'] ?? 0) > 0.2, 'audio up', 20_000);
      await new Promise((r) => setTimeout(r, 1500));
      await as(w.app, agent).post(`/api/calls/${call.callId}/hangup`);
    } finally {
      client.close();
    }
    await waitStatus(w, call.callId, 'ended');
    const file = await eventually(async () => (await callRow(w, call.callId)).recording_path, 'recording path');
    await eventually(() => fs.existsSync(file) && fs.statSync(file).size > 1000, 'file written');
    const rec = await readRecording(file);
    expect(rec.channels).toBe(2);
    expect(toneLevel(rec.left, 48000, 440)).toBeGreaterThan(5 * toneLevel(rec.left, 48000, 1000));
    expect(toneLevel(rec.right, 48000, 1000)).toBeGreaterThan(5 * toneLevel(rec.right, 48000, 440));

    const listed = await as(w.app, w.tenant.supervisor).get(`/api/calls/${call.callId}`);
    expect(listed.body).toMatchObject({ has_recording: true, recording_url: `/api/calls/${call.callId}/recording` });
    const full = await w.app.http.inject({ method: 'GET', url: `/api/calls/${call.callId}/recording`, headers: { authorization: `Bearer ${w.tenant.supervisor.token}` } });
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toContain('audio/ogg');
    expect(full.rawPayload.subarray(0, 4).toString()).toBe('OggS');
    const part = await w.app.http.inject({ method: 'GET', url: `/api/calls/${call.callId}/recording`, headers: { authorization: `Bearer ${w.tenant.supervisor.token}`, range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.length).toBe(100);
    // An agent of another channel cannot see it; another tenant gets 404.
    const outsider = w.tenant.agents[1]!;
    await w.app.database.db.deleteFrom('channel_members').where('user_id', '=', outsider.id).execute();
    expect((await as(w.app, outsider).get(`/api/calls/${call.callId}/recording`)).status).toBe(404);

    expect((await as(w.app, w.tenant.admin).delete(`/api/calls/${call.callId}`)).status).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await as(w.app, w.tenant.admin).get(`/api/calls/${call.callId}`)).status).toBe(404);
  });
});
