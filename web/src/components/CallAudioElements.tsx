import { useEffect, useRef } from 'react';
import { useRuntimeStore } from '../app/runtime-context.js';

/** Plays one remote stream; `kind` names it for the page (`data-remote-audio` or `data-monitor-audio`). */
export function RemoteAudio({ stream, index, kind = 'remote' }: { stream: MediaStream; index: number; kind?: 'remote' | 'monitor' }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = stream;
    void el.play().catch(() => {});
    return () => {
      el.srcObject = null;
    };
  }, [stream]);
  return <audio ref={ref} autoPlay {...{ [`data-${kind}-audio`]: index }} />;
}

/** Plays the caller (and a supervisor's whisper, on the second stream). */
export function CallAudioElements() {
  const streams = useRuntimeStore((r) => r.remoteStreams);
  return (
    <div hidden>
      {streams.map((s, i) => <RemoteAudio key={s.id} stream={s} index={i} />)}
    </div>
  );
}
