import { mulberry32, type Rng } from '../../trading/simulator/random.js';

/**
 * Speech-like audio for the simulated PBX's call recordings: a two-voice conversation made by a small
 * formant synthesiser (a glottal pulse train through three resonators per vowel, noise bursts for
 * consonants, syllable envelopes, words, phrases and turns), written as a WAV file — 8 kHz mono 16-bit
 * PCM, the format telephony recordings usually come in. Nothing is said; it only sounds like talking,
 * so a player, its seek bar and its speed control have something real to work on.
 */
export const WAV_SAMPLE_RATE = 8_000;
export const WAV_HEADER_BYTES = 44;

/** The vowel formants (F1, F2, F3 in Hz) of an average adult voice. */
const VOWELS: readonly (readonly [number, number, number])[] = [
  [730, 1090, 2440], // a
  [530, 1840, 2480], // e
  [270, 2290, 3010], // i
  [570, 840, 2410], // o
  [300, 870, 2240], // u
];
const BANDWIDTHS = [80, 110, 170] as const;

/** One speaker: the pitch their voice rests on and how loud they come through the line. */
interface Voice {
  f0: number;
  gain: number;
}

/** The 44-byte RIFF/WAVE header of mono 16-bit PCM audio holding `samples` samples. */
export function wavHeader(samples: number, sampleRate = WAV_SAMPLE_RATE): Buffer {
  const data = samples * 2;
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data, 40);
  return h;
}

/**
 * A complete WAV file of `durationSec` seconds of two people talking; the same seed gives the same
 * bytes. `durationSec` is capped by the caller (the PBX caps a call's length).
 */
export function speechWav(durationSec: number, seed: number, sampleRate = WAV_SAMPLE_RATE): Buffer {
  const samples = Math.max(0, Math.round(durationSec * sampleRate));
  const out = Buffer.alloc(WAV_HEADER_BYTES + samples * 2);
  wavHeader(samples, sampleRate).copy(out, 0);
  const pcm = synthesise(samples, sampleRate, mulberry32(seed));
  for (let i = 0; i < samples; i++) out.writeInt16LE(pcm[i]!, WAV_HEADER_BYTES + i * 2);
  return out;
}

/** The conversation as 16-bit samples: turns of 1.5–4.5 s, one voice then the other, with pauses. */
function synthesise(samples: number, sr: number, rng: Rng): Int16Array {
  const pcm = new Int16Array(samples);
  const staff: Voice = { f0: 105 + rng() * 30, gain: 1 };
  const client: Voice = { f0: 185 + rng() * 50, gain: 0.8 };
  // A short silence while the line opens, then turns until the end.
  let at = Math.round(sr * 0.3);
  let speaker = rng() < 0.5 ? staff : client;
  while (at < samples) {
    const turnEnd = Math.min(samples, at + Math.round(sr * (1.5 + rng() * 3)));
    at = speakTurn(pcm, at, turnEnd, speaker, sr, rng);
    at += Math.round(sr * (0.25 + rng() * 0.6));
    speaker = speaker === staff ? client : staff;
  }
  return pcm;
}

/** Words of 1–4 syllables with short gaps, until `end`; returns where the turn stopped. */
function speakTurn(pcm: Int16Array, start: number, end: number, voice: Voice, sr: number, rng: Rng): number {
  let at = start;
  const turnLength = end - start;
  while (at < end) {
    const syllables = 1 + Math.floor(rng() * 4);
    for (let s = 0; s < syllables && at < end; s++) {
      const length = Math.round(sr * (0.12 + rng() * 0.14));
      // The pitch falls a little over the turn (a statement) and moves within each syllable.
      const declination = 1 - 0.15 * ((at - start) / Math.max(1, turnLength));
      syllable(
        pcm,
        at,
        Math.min(length, end - at),
        voice,
        voice.f0 * declination * (0.9 + rng() * 0.25),
        sr,
        rng,
      );
      at += length;
    }
    at += Math.round(sr * (0.04 + rng() * 0.12));
  }
  return at;
}

/** One consonant–vowel syllable: a noise burst, then a voiced vowel gliding towards the next vowel. */
function syllable(
  pcm: Int16Array,
  start: number,
  length: number,
  voice: Voice,
  f0: number,
  sr: number,
  rng: Rng,
): void {
  if (length <= 0) return;
  const from = VOWELS[Math.floor(rng() * VOWELS.length)]!;
  const to = VOWELS[Math.floor(rng() * VOWELS.length)]!;
  const burst = rng() < 0.7 ? Math.round(length * (0.12 + rng() * 0.15)) : 0;
  const glide = 0.85 + rng() * 0.3; // the pitch rises or falls through the syllable
  const res = [new Resonator(), new Resonator(), new Resonator()];
  let phase = 0;
  let prevSource = 0;
  let prevNoise = 0;
  for (let i = 0; i < length; i++) {
    const t = i / length;
    // Envelope: quick attack, steady, smooth release.
    const env = Math.min(1, t / 0.08) * Math.min(1, (1 - t) / 0.25);
    let sample = 0;
    if (i < burst) {
      // A consonant: high-passed noise (the difference of two draws), fading into the vowel.
      const noise = rng() * 2 - 1;
      sample += (noise - prevNoise) * 0.18 * (1 - i / burst);
      prevNoise = noise;
    }
    const pitch = f0 * (1 + (glide - 1) * t);
    phase += pitch / sr;
    if (phase >= 1) phase -= 1;
    // A Rosenberg-like glottal pulse, differentiated (lip radiation).
    const source = phase < 0.4 ? Math.sin((Math.PI * phase) / 0.4) ** 2 : 0;
    let voiced = source - prevSource;
    prevSource = source;
    for (let f = 0; f < 3; f++) {
      const freq = from[f]! + (to[f]! - from[f]!) * t;
      voiced = res[f]!.step(voiced, freq, BANDWIDTHS[f]!, sr);
    }
    sample += voiced * 0.9 * (i < burst ? i / burst : 1);
    const value = Math.round(sample * env * voice.gain * 18_000);
    const at = start + i;
    if (at < pcm.length) pcm[at] = Math.max(-32_768, Math.min(32_767, value));
  }
}

/** A two-pole resonator (one formant, Klatt-style: unity gain at 0 Hz). */
class Resonator {
  private y1 = 0;
  private y2 = 0;

  step(x: number, freq: number, bandwidth: number, sr: number): number {
    const r = Math.exp((-Math.PI * bandwidth) / sr);
    const b = 2 * r * Math.cos((2 * Math.PI * freq) / sr);
    const c = -r * r;
    const a = 1 - b - c;
    const y = a * x + b * this.y1 + c * this.y2;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}
