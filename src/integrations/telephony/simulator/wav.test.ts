import { describe, expect, it } from 'vitest';
import { speechWav, WAV_HEADER_BYTES, WAV_SAMPLE_RATE } from './wav.js';

function header(wav: Buffer) {
  return {
    riff: wav.toString('ascii', 0, 4),
    riffSize: wav.readUInt32LE(4),
    wave: wav.toString('ascii', 8, 12),
    fmt: wav.toString('ascii', 12, 16),
    fmtSize: wav.readUInt32LE(16),
    format: wav.readUInt16LE(20),
    channels: wav.readUInt16LE(22),
    sampleRate: wav.readUInt32LE(24),
    byteRate: wav.readUInt32LE(28),
    blockAlign: wav.readUInt16LE(32),
    bits: wav.readUInt16LE(34),
    data: wav.toString('ascii', 36, 40),
    dataSize: wav.readUInt32LE(40),
  };
}

describe('speech-like WAV recordings', () => {
  it('is a valid RIFF/WAVE file: 8 kHz mono 16-bit PCM whose length is the duration', () => {
    const wav = speechWav(7, 1);
    expect(header(wav)).toEqual({
      riff: 'RIFF',
      riffSize: wav.length - 8,
      wave: 'WAVE',
      fmt: 'fmt ',
      fmtSize: 16,
      format: 1,
      channels: 1,
      sampleRate: 8_000,
      byteRate: 16_000,
      blockAlign: 2,
      bits: 16,
      data: 'data',
      dataSize: 7 * WAV_SAMPLE_RATE * 2,
    });
    expect(wav.length).toBe(WAV_HEADER_BYTES + 112_000);
    const seconds = header(wav).dataSize / header(wav).byteRate;
    expect(seconds).toBe(7);
  });

  it('sounds like talk: loud syllables and quiet pauses, never clipped, same seed same bytes', () => {
    const wav = speechWav(20, 42);
    const n = (wav.length - WAV_HEADER_BYTES) / 2;
    // Energy in 20 ms windows: speech alternates between voiced windows and near-silent gaps.
    const win = WAV_SAMPLE_RATE / 50;
    let loud = 0;
    let quiet = 0;
    let peak = 0;
    for (let w = 0; w + win <= n; w += win) {
      let sq = 0;
      for (let i = w; i < w + win; i++) {
        const v = wav.readInt16LE(WAV_HEADER_BYTES + i * 2);
        sq += v * v;
        peak = Math.max(peak, Math.abs(v));
      }
      const rms = Math.sqrt(sq / win);
      if (rms > 1_000) loud++;
      else if (rms < 100) quiet++;
    }
    const windows = Math.floor(n / win);
    expect(loud / windows).toBeGreaterThan(0.3);
    expect(quiet / windows).toBeGreaterThan(0.08);
    expect(peak).toBeLessThan(32_767);
    expect(peak).toBeGreaterThan(8_000);
    expect(speechWav(20, 42).equals(wav)).toBe(true);
    expect(speechWav(20, 43).equals(wav)).toBe(false);
  });

  it('a zero-length call is a header with no samples', () => {
    const wav = speechWav(0, 1);
    expect(wav.length).toBe(WAV_HEADER_BYTES);
    expect(header(wav).dataSize).toBe(0);
  });
});
