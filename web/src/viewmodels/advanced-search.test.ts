import { describe, expect, it } from 'vitest';
import { changeField, changeOp, newRow, opsFor, parseDuration, toSearchBody, valueInput, type SearchRow } from './advanced-search.js';

const refs = { channels: [{ id: 'ch', name: 'Demo' }], agents: [{ id: 'a1', name: 'Agus' }], agentGroups: [] };
const label = (_f: string, v: string) => v.toUpperCase();

describe('advanced search builder', () => {
  it('offers the operators each field takes, with empty / not empty where a field may be empty', () => {
    expect(opsFor('direction')).toEqual(['eq', 'neq', 'in']);
    expect(opsFor('result')).toEqual(['eq', 'neq', 'in', 'empty', 'not_empty']);
    expect(opsFor('customer_number')).toContain('contains');
    expect(opsFor('talk_seconds')).toEqual(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty']);
    expect(opsFor('created_at')).not.toContain('empty');
  });

  it('picks the value control from the field and operator', () => {
    expect(valueInput(newRow(1, 'result'), refs, label)).toMatchObject({ kind: 'select', multiple: false, choices: expect.arrayContaining([{ value: 'missed', label: 'MISSED' }]) });
    expect(valueInput({ ...newRow(1, 'agent_id'), op: 'in' }, refs, label)).toEqual({ kind: 'select', multiple: true, choices: [{ value: 'a1', label: 'Agus' }] });
    expect(valueInput({ ...newRow(1, 'agent_id'), op: 'empty' }, refs, label)).toEqual({ kind: 'none' });
    expect(valueInput(newRow(1, 'created_at'), refs, label)).toEqual({ kind: 'time' });
    expect(valueInput(newRow(1, 'wait_seconds'), refs, label).kind).toBe('duration');
  });

  it('keeps what still fits when the field or operator changes', () => {
    const r: SearchRow = { id: 1, field: 'result', op: 'neq', value: 'missed' };
    expect(changeField(r, 'direction')).toEqual({ id: 1, field: 'direction', op: 'neq', value: '' });
    expect(changeField({ ...r, op: 'empty' }, 'direction').op).toBe('eq');
    expect(changeOp(r, 'in')).toMatchObject({ op: 'in', value: ['missed'] });
    expect(changeOp({ ...r, op: 'in', value: ['a', 'b'] }, 'eq')).toMatchObject({ value: 'a' });
  });

  it('reads durations as seconds, mm:ss or HH:mm:ss', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('1:30')).toBe(90);
    expect(parseDuration('01:00:05')).toBe(3605);
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('abc')).toBeNull();
  });

  it('builds the search request with typed values', () => {
    const rows: SearchRow[] = [
      { id: 1, field: 'result', op: 'in', value: ['missed', 'rejected'] },
      { id: 2, field: 'talk_seconds', op: 'gt', value: '1:00' },
      { id: 3, field: 'customer_number', op: 'contains', value: ' +6281 ' },
      { id: 4, field: 'agent_id', op: 'empty', value: '' },
      { id: 5, field: 'created_at', op: 'gte', value: '2026-11-25T08:00' },
      { id: 6, field: 'cost_minor', op: 'lte', value: '5000' },
      { id: 7, field: 'customer_number', op: 'in', value: '+62811, +62812' },
    ];
    expect(toSearchBody(rows, 'any', 'Asia/Jakarta')).toEqual({
      ok: true,
      body: {
        match: 'any',
        conditions: [
          { field: 'result', op: 'in', value: ['missed', 'rejected'] },
          { field: 'talk_seconds', op: 'gt', value: 60 },
          { field: 'customer_number', op: 'contains', value: '+6281' },
          { field: 'agent_id', op: 'eq', value: null },
          { field: 'created_at', op: 'gte', value: '2026-11-25T01:00:00.000Z' },
          { field: 'cost_minor', op: 'lte', value: 5000 },
          { field: 'customer_number', op: 'in', value: ['+62811', '+62812'] },
        ],
      },
    });
  });

  it('names the rows that cannot be sent', () => {
    const rows: SearchRow[] = [
      { id: 1, field: 'result', op: 'eq', value: '' },
      { id: 2, field: 'wait_seconds', op: 'gt', value: 'soon' },
      { id: 3, field: 'cost_minor', op: 'gt', value: '1.5' },
      { id: 4, field: 'ended_at', op: 'lt', value: 'yesterday' },
      { id: 5, field: 'agent_id', op: 'in', value: [] },
      { id: 6, field: 'direction', op: 'eq', value: 'inbound' },
    ];
    expect(toSearchBody(rows, 'all', 'UTC')).toEqual({
      ok: false,
      errors: { 1: 'search.error.value', 2: 'search.error.duration', 3: 'search.error.number', 4: 'search.error.time', 5: 'search.error.chooseOne' },
    });
  });

  it('an empty search matches every call', () => {
    expect(toSearchBody([], 'all', 'UTC')).toEqual({ ok: true, body: { match: 'all', conditions: [] } });
  });
});
