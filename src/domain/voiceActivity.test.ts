import { describe, expect, it } from 'vitest';
import { detectSpeech, VoiceActivityDetector } from './voiceActivity.js';
import { seededRandom } from './random.js';

const RATE = 44_100;
const seconds = (s: number) => Math.round(s * RATE);


const gain = (db: number) => 10 ** (db / 20);

/** A voiced, speech-like sound: a gliding 120–180 Hz fundamental with ten harmonics, syllable-shaped. */
function voiced(length: number, db = -20): Float32Array {
  const out = new Float32Array(length);
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const f0 = 150 + 30 * Math.sin((2 * Math.PI * i) / RATE / 0.7);
    phase += (2 * Math.PI * f0) / RATE;
    let x = 0;
    for (let h = 1; h <= 10; h++) x += Math.sin(h * phase) / h;
    // Syllables: a 4 Hz envelope that never falls to silence.
    const envelope = 0.6 + 0.4 * Math.sin((2 * Math.PI * 4 * i) / RATE);
    out[i] = x * envelope * gain(db) * 0.7;
  }
  return out;
}

function white(length: number, db: number, seed = 1): Float32Array {
  const r = seededRandom(seed);
  return Float32Array.from({ length }, () => (r() * 2 - 1) * gain(db) * 1.7);
}

/** Pink noise by Paul Kellet's filter of white noise. */
function pink(length: number, db: number, seed = 2): Float32Array {
  const r = seededRandom(seed);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const w = r() * 2 - 1;
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) * 0.11 * gain(db) * 3;
    b6 = w * 0.115926;
  }
  return out;
}

/** Brown noise: leaky integration of white noise. */
function brown(length: number, db: number, seed = 3): Float32Array {
  const r = seededRandom(seed);
  let y = 0;
  return Float32Array.from({ length }, () => {
    y = 0.998 * y + (r() * 2 - 1) * 0.05;
    return y * gain(db) * 1.5;
  });
}

/** Keyboard-like clicks: 3 ms decaying bursts eight times a second. */
function clicks(length: number, db: number, seed = 4): Float32Array {
  const r = seededRandom(seed);
  const out = new Float32Array(length);
  for (let at = 0; at < length; at += Math.round(RATE / 8)) {
    for (let i = 0; i < seconds(0.003) && at + i < length; i++) out[at + i] = (r() * 2 - 1) * gain(db) * Math.exp(-i / 40) * 4;
  }
  return out;
}

/** A quiet room: a microphone's own hiss at -75 dBFS (real capture is never exact zeros after it opens). */
const quiet = (length: number) => white(length, -75, 9);

const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const total = (intervals: { duration: number }[]) => intervals.reduce((n, i) => n + i.duration, 0) / RATE;

describe('the voice-activity detector', () => {
  it('measures speech-like bursts of known length within 2 %, each where it is', () => {
    const lengths = [0.8, 2.5, 1.2];
    const signal = concat(
      quiet(seconds(0.5)),
      voiced(seconds(lengths[0]!)),
      quiet(seconds(1.5)),
      voiced(seconds(lengths[1]!), -30),
      quiet(seconds(2)),
      voiced(seconds(lengths[2]!), -12),
      quiet(seconds(1)),
    );
    const found = detectSpeech(signal, { sampleRate: RATE });
    expect(found).toHaveLength(3);
    found.forEach((f, i) => expect(Math.abs(f.duration / RATE - lengths[i]!)).toBeLessThan(lengths[i]! * 0.02));
    expect(Math.abs(found[0]!.start / RATE - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(found[1]!.start / RATE - 2.8)).toBeLessThan(0.02);
    // Louder speech reports a higher level (the one-room mode compares them).
    expect(found[2]!.level).toBeGreaterThan(found[0]!.level);
    expect(found[0]!.level).toBeGreaterThan(found[1]!.level);
  });

  it('joins pauses shorter than the hangover and splits at longer ones', () => {
    const signal = concat(quiet(seconds(0.5)), voiced(seconds(1)), quiet(seconds(0.3)), voiced(seconds(1)), quiet(seconds(0.8)), voiced(seconds(1)), quiet(seconds(1)));
    const found = detectSpeech(signal, { sampleRate: RATE });
    expect(found.map((f) => Math.round((f.duration / RATE) * 10) / 10)).toEqual([2.3, 1]);
  });

  it('ignores a burst shorter than the onset', () => {
    const signal = concat(quiet(seconds(0.5)), voiced(seconds(0.025)), quiet(seconds(1)));
    expect(detectSpeech(signal, { sampleRate: RATE })).toEqual([]);
  });

  it.each([
    ['white', white],
    ['pink', pink],
    ['brown', brown],
    ['keyboard clicks', clicks],
  ])('counts %s noise alone as silence, quiet or loud, after exact zeros', (_name, noise) => {
    for (const db of [-50, -35, -20]) {
      const signal = concat(new Float32Array(seconds(0.5)), noise(seconds(6), db));
      expect(total(detectSpeech(signal, { sampleRate: RATE })), `${_name} at ${db} dB`).toBe(0);
    }
  });

  // Known gap: speech whose loudness swings (the 4 Hz syllable envelope) over steady white or pink
  // noise 15–20 dB below it is under-counted — the quiet moments teach the floor. Brown noise passes.
  it.todo('finds syllabic speech over steady white and pink noise 15–20 dB below it');

  it('never learns its floor from exact zeros, and gives the same answer however the samples are cut', () => {
    const d = new VoiceActivityDetector({ sampleRate: RATE });
    d.push(new Float32Array(seconds(1)));
    expect(d.framesLearnt).toBe(0);
    const signal = concat(quiet(seconds(0.3)), voiced(seconds(1.5)), quiet(seconds(1)));
    const whole = detectSpeech(signal, { sampleRate: RATE });
    const pieces = new VoiceActivityDetector({ sampleRate: RATE });
    const found = [];
    for (let at = 0; at < signal.length; at += 128) found.push(...pieces.push(signal.subarray(at, at + 128)));
    found.push(...pieces.flush());
    expect(found).toEqual(whole);
  });

  it('closes the open interval when measuring stops mid-speech', () => {
    const d = new VoiceActivityDetector({ sampleRate: 48_000 });
    expect(d.push(concat(white(24_000, -75), voiced(48_000)))).toEqual([]);
    const [last] = d.flush();
    expect(last!.duration / 48_000).toBeCloseTo(1, 1);
    expect(d.flush()).toEqual([]);
  });
});
