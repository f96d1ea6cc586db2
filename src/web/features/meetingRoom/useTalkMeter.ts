import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SpeechInterval } from '../../../domain/voiceActivity.js';
import { sendTalkIntervals, type TalkInterval } from '../../lib/talk.js';
import workletUrl from './talkWorklet.ts?worker&url';

export type MeterState = 'off' | 'starting' | 'on' | 'denied' | 'failed';

/**
 * While `enabled`, listens to this person's own microphone through the talk-meter worklet and sends
 * each closed speaking interval (start and length in samples, sample rate, level) to the server.
 * Audio stays in the browser. Stopping closes the microphone and sends the interval still open.
 */
export function useTalkMeter(meetingId: string, enabled: boolean): MeterState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<MeterState>('off');

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let stream: MediaStream | null = null;
    let context: AudioContext | null = null;
    let node: AudioWorkletNode | null = null;
    let anchor = 0;
    const send = (sampleRate: number, found: SpeechInterval[]) => {
      if (found.length === 0) return;
      const intervals: TalkInterval[] = found.map((i) => ({ anchor, start: i.start, duration: i.duration, sampleRate, level: Math.max(-120, Math.min(0, i.level)) }));
      sendTalkIntervals(meetingId, intervals)
        .then((b) => queryClient.setQueryData(['talk', meetingId], b))
        .catch(() => undefined);
    };
    setState('starting');
    (async () => {
      try {
        // The AudioContext is made after the microphone is granted (its rate is then the device's).
        stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: false } });
        if (cancelled) return;
        context = new AudioContext();
        await context.audioWorklet.addModule(workletUrl);
        if (cancelled) return;
        node = new AudioWorkletNode(context, 'talk-meter', { numberOfInputs: 1, numberOfOutputs: 0 });
        node.port.onmessage = (e: MessageEvent<{ sampleRate: number; intervals: SpeechInterval[] }>) => send(e.data.sampleRate, e.data.intervals);
        anchor = Date.now();
        context.createMediaStreamSource(stream).connect(node);
        setState('on');
      } catch (e) {
        if (!cancelled) setState(e instanceof DOMException && e.name === 'NotAllowedError' ? 'denied' : 'failed');
      }
    })();
    return () => {
      cancelled = true;
      node?.port.postMessage('stop');
      stream?.getTracks().forEach((t) => t.stop());
      // Give the worklet a moment to hand back the interval still open before the context closes.
      const closing = context;
      if (closing) setTimeout(() => void closing.close(), 200);
      setState('off');
    };
  }, [meetingId, enabled, queryClient]);

  return state;
}
