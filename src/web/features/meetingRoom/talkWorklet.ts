/// <reference lib="webworker" />
import { VoiceActivityDetector } from '../../../domain/voiceActivity.js';

/**
 * The audio-thread side of the talk meter: runs the voice-activity detector on this person's own
 * microphone and posts only the closed speaking intervals (samples and a level) to the page. The
 * audio itself never leaves this processor.
 */
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

class TalkProcessor extends AudioWorkletProcessor {
  private readonly detector = new VoiceActivityDetector({ sampleRate });
  private stopped = false;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent) => {
      if (e.data === 'stop' && !this.stopped) {
        this.stopped = true;
        this.port.postMessage({ sampleRate, intervals: this.detector.flush(), final: true });
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    // The first channel is enough: the person's own voice is in every channel of their microphone.
    const channel = inputs[0]?.[0];
    if (channel) {
      const intervals = this.detector.push(channel);
      if (intervals.length > 0) this.port.postMessage({ sampleRate, intervals, final: false });
    }
    return true;
  }
}

registerProcessor('talk-meter', TalkProcessor);
