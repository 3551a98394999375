import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { DatabaseUnavailableError } from '../../db/unavailable.js';
import { mapError } from './errors.js';

/** A server error as node-postgres (and PGlite) raise it: a SQLSTATE and a severity. */
const serverError = (code: string, message = 'x') =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });
/** As Drizzle hands it on: wrapped with the query. */
const wrapped = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);

describe('mapError', () => {
  it('keeps an AppError status, code and field', () => {
    expect(mapError(new AppError(409, 'email_taken', 'taken', 'email'))).toEqual({
      status: 409,
      body: { code: 'email_taken', message: 'taken', field: 'email' },
    });
  });
  it('hides unexpected errors behind a generic 500', () => {
    const { status, body } = mapError(new Error('connection string postgres://secret@db leaked'));
    expect(status).toBe(500);
    expect(body.message).not.toContain('secret');
  });
  it('maps Fastify body errors to stable codes', () => {
    expect(
      mapError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).body
        .code,
    ).toBe('payload_too_large');
    expect(
      mapError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }))
        .status,
    ).toBe(415);
  });

  describe('a database that went away', () => {
    const unavailable = [
      [
        'a terminated backend (57P01)',
        serverError('57P01', 'terminating connection due to administrator command'),
      ],
      ['a crash shutdown (57P02)', serverError('57P02')],
      ['a server starting up (57P03)', serverError('57P03', 'the database system is starting up')],
      ['a connection exception (class 08)', serverError('08006')],
      ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
      ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
      ['a broken pipe', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
      ['a connection that died', new Error('Connection terminated unexpectedly')],
      ['a pool wait that timed out', new Error('timeout exceeded when trying to connect')],
      [
        'a client that lost its connection',
        new Error('Client has encountered a connection error and is not queryable'),
      ],
      ['no connection to be had at all', new DatabaseUnavailableError(serverError('55000'))],
    ] as const;
    it.each(unavailable)('maps %s to a 503', (_, err) => {
      expect(mapError(err)).toEqual({
        status: 503,
        body: { code: 'database_unavailable', message: expect.any(String) },
      });
    });
    it.each(unavailable)('sees %s through the wrapping Drizzle adds', (_, err) => {
      expect(mapError(wrapped(err)).status).toBe(503);
    });
    it('keeps ordinary database errors a 500, on PostgreSQL and PGlite alike', () => {
      // A server error is judged by its SQLSTATE, never by its words.
      expect(mapError(wrapped(serverError('23505', 'Connection terminated'))).status).toBe(500);
      expect(mapError(wrapped(serverError('42P01', 'relation "x" does not exist'))).status).toBe(500);
      expect(
        mapError(wrapped(serverError('57014', 'canceling statement due to statement timeout'))).status,
      ).toBe(500);
      expect(mapError(new Error('PGlite is closed')).status).toBe(500);
      expect(mapError(Object.assign(new Error('x'), { code: '08' })).status).toBe(500);
    });
    it('leaves an AppError as it is even when it wraps an outage', () => {
      const err = Object.assign(new AppError(502, 'platform_unavailable', 'down'), {
        cause: serverError('57P01'),
      });
      expect(mapError(err).status).toBe(502);
    });
  });
});
