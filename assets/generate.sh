#!/usr/bin/env bash
# Regenerates the demo prompts and hold music (Ogg/Opus, 20 ms frames, mono).
# Needs Debian's espeak-ng and opus-tools: apt-get install -y espeak-ng opus-tools
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say() { # name text
  espeak-ng -v en-us -s 150 -w "$tmp/$1.wav" "$2"
  opusenc --quiet --framesize 20 --bitrate 24 --downmix-mono "$tmp/$1.wav" "prompts/$1.opus"
}
say queue-entry "Thank you for calling. All our agents are busy right now. Please stay on the line."
say queue-waiting "You are still in the queue. An agent will be with you shortly."
say voicemail "Nobody can take your call right now. Please leave a message after the tone."
say callback "Hello, this is the call back you asked for. Please hold while we connect you to an agent."
# Hold music: a soft C major arpeggio with a fifth below, 8 s, looped by the bridge.
node -e '
const rate = 48000, notes = [523.25, 659.25, 783.99, 1046.5, 783.99, 659.25, 523.25, 392.0], noteS = 0.5, loops = 2;
const n = Math.round(rate * noteS) * notes.length * loops, pcm = Buffer.alloc(44 + n * 2);
pcm.write("RIFF", 0); pcm.writeUInt32LE(36 + n * 2, 4); pcm.write("WAVEfmt ", 8); pcm.writeUInt32LE(16, 16);
pcm.writeUInt16LE(1, 20); pcm.writeUInt16LE(1, 22); pcm.writeUInt32LE(rate, 24); pcm.writeUInt32LE(rate * 2, 28);
pcm.writeUInt16LE(2, 32); pcm.writeUInt16LE(16, 34); pcm.write("data", 36); pcm.writeUInt32LE(n * 2, 40);
const per = Math.round(rate * noteS);
for (let i = 0; i < n; i++) {
  const f = notes[Math.floor(i / per) % notes.length], t = (i % per) / rate, env = Math.min(1, t * 20, (noteS - t) * 8);
  const v = 0.25 * env * (Math.sin(2 * Math.PI * f * i / rate) + 0.4 * Math.sin(2 * Math.PI * f * 0.5 * i / rate));
  pcm.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), 44 + i * 2);
}
process.stdout.write(pcm);' > "$tmp/hold.wav"
opusenc --quiet --framesize 20 --bitrate 32 "$tmp/hold.wav" music/hold.opus
