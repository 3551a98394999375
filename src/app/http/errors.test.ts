import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { mapError } from './errors.js';

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
});
