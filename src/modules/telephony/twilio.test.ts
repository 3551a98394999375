import { describe, expect, it } from 'vitest';
import {
  twilioMediaHeaders,
  twilioRecordingEvent,
  twilioSignature,
  twilioStatusEvent,
  verifyTwilio,
} from './twilio.js';

describe('Twilio adapter', () => {
  // Twilio's documented example (https://www.twilio.com/docs/usage/security#validating-requests).
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };
  it('signs like Twilio: HMAC-SHA1 of the URL and the sorted parameters', () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(verifyTwilio(['wrong', '12345'], '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
    expect(verifyTwilio(['12345'], '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, { ...params, Digits: '1235' })).toBe(
      false,
    );
    expect(verifyTwilio(['12345'], undefined, url, params)).toBe(false);
  });

  it('maps voice statuses and recordings to call events', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const base = { CallSid: 'CA1', From: '+442079460958', To: '+442079460000', Direction: 'inbound' };
    expect(twilioStatusEvent({ ...base, CallStatus: 'initiated' }, {}, now)).toBeNull();
    expect(twilioStatusEvent({ ...base, CallStatus: 'ringing' }, {}, now)).toMatchObject({
      provider: 'twilio',
      eventId: 'CA1:ringing',
      kind: 'ringing',
      direction: 'inbound',
      at: now.toISOString(),
    });
    expect(
      twilioStatusEvent(
        {
          ...base,
          CallStatus: 'completed',
          CallDuration: '61',
          Timestamp: 'Mon, 07 Dec 2026 10:01:01 +0000',
        },
        { callId: 'c1' },
        now,
      ),
    ).toMatchObject({
      kind: 'ended',
      cause: 'completed',
      durationSec: 61,
      callId: 'c1',
      at: '2026-12-07T10:01:01.000Z',
    });
    expect(twilioStatusEvent({ ...base, CallStatus: 'no-answer' }, {}, now)).toMatchObject({
      cause: 'no_answer',
    });
    expect(
      twilioRecordingEvent(
        {
          CallSid: 'CA1',
          RecordingSid: 'RE1',
          RecordingUrl: 'https://api.twilio.com/r/RE1',
          RecordingDuration: '60',
        },
        {},
        now,
      ),
    ).toMatchObject({ kind: 'recording_ready', eventId: 'RE1:recording', durationSec: 60 });
  });
});

describe('Twilio recording media credentials', () => {
  const sid = 'AC0123456789abcdef0123456789abcdef';
  const headers = twilioMediaHeaders(sid, 'tok_secret');
  const media = `https://api.twilio.com/2010-04-01/Accounts/${sid}/Recordings/RE1.wav`;
  it('go to api.twilio.com over https for the account’s own recordings only', () => {
    expect(headers(new URL(media))).toEqual({
      authorization: `Basic ${Buffer.from(`${sid}:tok_secret`).toString('base64')}`,
    });
    expect(headers(new URL(media.replace('https:', 'http:')))).toEqual({});
    // Twilio's redirect to signed storage, a look-alike host, another account: nothing sent.
    expect(headers(new URL('https://s3.amazonaws.com/com.twilio.prod/RE1.wav'))).toEqual({});
    expect(headers(new URL(media.replace('api.twilio.com', 'api.twilio.com.evil.test')))).toEqual({});
    expect(headers(new URL(media.replace(sid, 'AC' + 'f'.repeat(32))))).toEqual({});
    // The SID as the console shows it (upper-case hex) still matches Twilio's URL.
    expect(twilioMediaHeaders(sid.toUpperCase().replace(/^AC/, 'AC'), 'tok')(new URL(media))).toHaveProperty(
      'authorization',
    );
  });
});
