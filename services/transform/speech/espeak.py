"""The local draft voice: espeak-ng, run as a subprocess (no shell, the text on stdin, a
timeout), giving a mono WAV. CPU work: run it on the pool."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from shared.errors import PermanentError

ESPEAK = "espeak-ng"
BASE_WPM = 175
"""espeak-ng's default speaking rate, in words a minute."""
TIMEOUT_S = 60.0


def espeak_path() -> str | None:
    """Where espeak-ng is installed, or None (`make system` installs it)."""
    return shutil.which(ESPEAK)


def speak(text: str, language: str, voice: str, speed: float = 1.0) -> bytes:
    """`text` said in `language` by `voice` (an espeak-ng variant), `speed` times the default
    rate, as WAV; raises `PermanentError` `speech_unavailable` or `speech_failed`."""
    program = espeak_path()
    if program is None:
        raise PermanentError("speech_unavailable", "the local voice (espeak-ng) is not installed")
    rate = str(round(BASE_WPM * speed))
    with tempfile.TemporaryDirectory(prefix="espeak-") as folder:
        output = Path(folder) / "speech.wav"  # a file: its WAV header then holds the length
        args = [program, "-v", f"{language}+{voice}", "-s", rate, "-b", "1", "--stdin"]
        done = _run([*args, "-w", str(output)], text)
        wav = output.read_bytes() if output.exists() else b""
    if done.returncode != 0 or wav[:4] != b"RIFF":
        reason = done.stderr.decode(errors="replace").strip()[:200] or "no audio"
        raise PermanentError("speech_failed", f"the local voice failed: {reason}")
    return wav


def _run(args: list[str], text: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            args, input=text.encode(), capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise PermanentError("speech_failed", f"the local voice took over {TIMEOUT_S:g} s") from exc
