import { useEffect, useRef } from 'react';
import { useRuntimeStore } from '../app/runtime-context.js';

function RemoteAudio({ stream, index }: { stream: MediaStream; index: number }) {
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
  return <audio ref={ref} autoPlay data-remote-audio={index} />;
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
