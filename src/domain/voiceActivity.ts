/**
 * Voice activity from one person's own microphone, computed in their browser (an AudioWorklet runs
 * this on the audio thread). Only the resulting intervals — where speech started and how long it
 * lasted, counted in samples — ever leave the browser; the audio never does (ADR 0190).
 *
 * Per 10 ms frame: the energy (dBFS) and the spectrum between 150 Hz and 4 kHz divided by the learnt
 * noise spectrum (an adaptive noise floor per frequency). Speech stands well above that floor and is
 * harmonic, so its excess is peaky (a low spectral flatness); steady white, pink or brown noise
 * divided by itself is flat whatever its colour, and keyboard clicks are too short for the onset.
 * The floor adapts quickly from frames that do not look like speech, slowly from frames that do,
 * and never from exact zeros (a capture device opens with digital silence).
 */

/** A stretch of speech: first sample, length in samples, and its mean energy in dBFS. */
export interface SpeechInterval {
  start: number;
  duration: number;
  level: number;
}

export interface DetectorOptions {
  sampleRate: number;
  /** Speech-like frames needed in a row before speech counts (ms). */
  onsetMs?: number;
  /** Gaps shorter than this are part of the same interval (ms). */
  hangoverMs?: number;
}

/** The thresholds, measured on synthetic and spoken test signals (ADR 0190). */
export const detectorTuning = {
  frameMs: 10,
  fftSize: 1024,
  /** How far above the learnt noise spectrum, on average over the band, a speech frame must be (dB). */
  marginDb: 9,
  /** Nothing quieter than this is speech, whatever the noise (dBFS). */
  absoluteMinDb: -55,
  /** Frames whose excess over the noise is flatter than this look like noise (voiced speech is peaky). */
  maxFlatness: 0.2,
  /** Non-zero frames averaged, whatever they sound like, before the noise spectrum is trusted. */
  learningFrames: 20,
  /**
   * Per-frame smoothing of the noise spectrum towards a frame near the floor, and towards a loud but
   * flat frame (a new noise, a fricative). Speech-like frames teach nothing: their harmonic peaks,
   * hundreds of times the floor, would lift it within a syllable.
   */
  noiseFast: 0.1,
  noiseMedium: 0.02,
  bandLowHz: 150,
  bandHighHz: 4000,
} as const;

/** In-place iterative radix-2 FFT of (re, im); n must be a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

/** The features of one frame: energy in dBFS (null for exact zeros), excess over the noise (dB) and its flatness (0–1). */
export interface FrameFeatures {
  energyDb: number | null;
  excessDb: number;
  flatness: number;
}

/**
 * Streams mono samples in, speech intervals out. Counting is in samples from the first sample
 * pushed, so the caller anchors them to a clock once.
 */
export class VoiceActivityDetector {
  readonly sampleRate: number;
  private readonly hop: number;
  private readonly onsetFrames: number;
  private readonly hangoverFrames: number;
  private readonly window: Float64Array;
  private readonly history: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly lowBin: number;
  private readonly highBin: number;
  private pending: number[] = [];
  private frameIndex = 0;
  /** The learnt noise power per band bin, and how many non-zero frames taught it. */
  private readonly noise: Float64Array;
  private readonly power: Float64Array;
  private learnt = 0;
  /** Consecutive speech-like frames, and where the run began. */
  private run = 0;
  private runStart = 0;
  private runLevel = 0;
  /** The open interval, in frames: first frame, last speech frame, energy sum and count. */
  private open: { first: number; last: number; levelSum: number; frames: number } | null = null;

  constructor(options: DetectorOptions) {
    const { sampleRate } = options;
    this.sampleRate = sampleRate;
    this.hop = Math.round((sampleRate * detectorTuning.frameMs) / 1000);
    this.onsetFrames = Math.max(1, Math.round((options.onsetMs ?? 40) / detectorTuning.frameMs));
    this.hangoverFrames = Math.max(1, Math.round((options.hangoverMs ?? 500) / detectorTuning.frameMs));
    const n = detectorTuning.fftSize;
    this.window = new Float64Array(n).map((_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
    this.history = new Float64Array(n);
    this.re = new Float64Array(n);
    this.im = new Float64Array(n);
    this.lowBin = Math.max(1, Math.floor((detectorTuning.bandLowHz * n) / sampleRate));
    this.highBin = Math.min(n / 2 - 1, Math.ceil((detectorTuning.bandHighHz * n) / sampleRate));
    this.noise = new Float64Array(this.highBin - this.lowBin + 1);
    this.power = new Float64Array(this.highBin - this.lowBin + 1);
  }

  /** How many non-zero frames have taught the noise spectrum (exact zeros never do). */
  get framesLearnt(): number {
    return this.learnt;
  }

  /** Adds samples; returns the intervals that closed (their hangover ran out) meanwhile. */
  push(samples: ArrayLike<number>): SpeechInterval[] {
    const closed: SpeechInterval[] = [];
    for (let i = 0; i < samples.length; i++) {
      this.pending.push(samples[i]!);
      if (this.pending.length === this.hop) {
        const done = this.frame(this.pending);
        this.pending = [];
        if (done) closed.push(done);
      }
    }
    return closed;
  }

  /** Ends the stream (the person stops measuring): closes the open interval, if any. */
  flush(): SpeechInterval[] {
    const done = this.close();
    return done ? [done] : [];
  }

  /**
   * The features of a hop of samples (with the samples before it for the FFT window): energy in
   * dBFS, and the excess of the spectrum over the learnt noise spectrum — its mean (dB) and flatness.
   */
  features(hop: readonly number[]): FrameFeatures {
    const n = detectorTuning.fftSize;
    const h = this.history;
    const shift = Math.min(hop.length, n);
    h.copyWithin(0, shift);
    let sum = 0;
    let zeros = true;
    for (let i = 0; i < hop.length; i++) {
      const x = hop[i]!;
      if (x !== 0) zeros = false;
      sum += x * x;
      const at = n - hop.length + i;
      if (at >= 0) h[at] = x;
    }
    if (zeros) return { energyDb: null, excessDb: 0, flatness: 1 };
    const energyDb = 10 * Math.log10(sum / hop.length + 1e-12);
    for (let i = 0; i < n; i++) {
      this.re[i] = h[i]! * this.window[i]!;
      this.im[i] = 0;
    }
    fft(this.re, this.im);
    const bins = this.highBin - this.lowBin + 1;
    const power = this.power;
    for (let k = 0; k < bins; k++) {
      const b = k + this.lowBin;
      power[k] = this.re[b]! * this.re[b]! + this.im[b]! * this.im[b]! + 1e-18;
    }
    if (this.learnt === 0) this.noise.set(power);
    let logSum = 0;
    let linSum = 0;
    for (let k = 0; k < bins; k++) {
      const r = power[k]! / this.noise[k]!;
      logSum += Math.log(r);
      linSum += r;
    }
    const mean = linSum / bins;
    return { energyDb, excessDb: 10 * Math.log10(mean), flatness: Math.exp(logSum / bins) / mean };
  }

  private frame(hop: readonly number[]): SpeechInterval | null {
    const index = this.frameIndex++;
    const { energyDb, excessDb, flatness } = this.features(hop);
    let speechLike = false;
    if (energyDb !== null) {
      const learning = this.learnt < detectorTuning.learningFrames;
      const peaky = flatness < detectorTuning.maxFlatness;
      speechLike = !learning && peaky && excessDb > detectorTuning.marginDb && energyDb > detectorTuning.absoluteMinDb;
      // Noise is learnt from every frame at first (a running mean), then quickly from frames near the
      // floor, slowly from loud flat ones, never from speech. Exact zeros teach nothing.
      const rate = learning
        ? 1 / (this.learnt + 1)
        : excessDb < detectorTuning.marginDb
          ? detectorTuning.noiseFast
          : speechLike
            ? 0
            : detectorTuning.noiseMedium;
      this.learnt++;
      // A bin rises by at most `rate × 3` of itself per frame: a harmonic peak in a quiet moment of
      // speech cannot carry the floor up with it, while a new steady noise is learnt within a second.
      const cap = learning ? Infinity : 4;
      for (let k = 0; k < this.noise.length; k++) {
        const target = Math.min(this.power[k]!, this.noise[k]! * cap);
        this.noise[k] = this.noise[k]! + rate * (target - this.noise[k]!);
      }
    }
    let closed: SpeechInterval | null = null;
    if (speechLike) {
      if (this.run === 0) {
        this.runStart = index;
        this.runLevel = 0;
      }
      this.run++;
      this.runLevel += energyDb!;
      if (this.open) {
        this.open.last = index;
        this.open.levelSum += energyDb!;
        this.open.frames++;
      } else if (this.run >= this.onsetFrames) {
        this.open = { first: this.runStart, last: index, levelSum: this.runLevel, frames: this.run };
      }
    } else {
      this.run = 0;
      if (this.open && index - this.open.last > this.hangoverFrames) closed = this.close();
    }
    return closed;
  }

  /** The open interval as samples, ending with its last speech frame (the hangover is not speech). */
  private close(): SpeechInterval | null {
    const o = this.open;
    this.open = null;
    if (!o) return null;
    return { start: o.first * this.hop, duration: (o.last - o.first + 1) * this.hop, level: Math.round((o.levelSum / o.frames) * 10) / 10 };
  }
}

/** Runs the detector over a whole signal (tests, measurements). */
export function detectSpeech(samples: ArrayLike<number>, options: DetectorOptions): SpeechInterval[] {
  const d = new VoiceActivityDetector(options);
  return [...d.push(samples), ...d.flush()];
}
