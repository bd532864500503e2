"""A sound card for tests: plays a WAV stream from standard input into the next numbered file in a folder, at the speed
a loudspeaker would, so speech that is cut short is cut short in the file too.

    espeak-ng --stdout "words" | python tests/realtime_sink.py FOLDER   ->  FOLDER/001.wav, 002.wav, ...

Ended by SIGTERM (as self-voicing ends a voice when a key is pressed), it closes the file as it stands.
"""

from __future__ import annotations

import signal
import sys
import time
import wave
from pathlib import Path

CHUNK_S = 0.02


def main(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 1 + max((int(p.stem) for p in folder.glob("*.wav") if p.stem.isdigit()), default=0)
    stream = sys.stdin.buffer
    head = stream.read(44)  # espeak-ng's WAV header (its sizes are placeholders on a stream)
    if len(head) < 44:
        return 0
    channels = int.from_bytes(head[22:24], "little")
    rate = int.from_bytes(head[24:28], "little")
    width = int.from_bytes(head[34:36], "little") // 8
    out = wave.open(str(folder / f"{n:03d}.wav"), "wb")  # noqa: SIM115 - closed by hand, also from the SIGTERM handler
    out.setnchannels(channels)
    out.setsampwidth(width)
    out.setframerate(rate)

    def stop(*_: object) -> None:
        out.close()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    chunk = int(rate * CHUNK_S) * width * channels
    start = time.monotonic()
    played = 0
    while True:
        data = stream.read(chunk)
        if not data:
            break
        out.writeframes(data)
        played += len(data)
        ahead = start + played / (rate * width * channels) - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)  # a loudspeaker takes as long as the sound lasts
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
