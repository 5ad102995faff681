"""``python -m negotiation_kit.lecture 03``: lesson 3's lecture view in Voila, at projector size.

Every misuse gets a one-line message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import webbrowser
from collections.abc import Sequence
from pathlib import Path

from .build import KIT, LectureError, build, find, lessons


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m negotiation_kit.lecture",
        description=(
            "Show a lesson as a lecture: its headings, explorers and key points at projector "
            "size, no code (Voila). Without a lesson, every lesson's lecture view is listed "
            "in the browser."
        ),
    )
    parser.add_argument("lesson", nargs="?", help="the lesson: 03, 3, 4b or 03_tied_hands")
    parser.add_argument("--list", action="store_true", help="list the lessons and stop")
    parser.add_argument("--port", type=int, default=8866, help="Voila's port (default 8866)")
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open a browser (print the address)"
    )
    parser.add_argument(
        "--build",
        type=Path,
        metavar="OUT",
        help="only write the lecture notebooks into the folder OUT (no Voila)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the kit's folder (default: this folder if it has notebooks/, else the kit's)",
    )
    return parser


def _root(given: Path | None) -> Path:
    if given is not None:
        return given
    return Path.cwd() if (Path.cwd() / "notebooks").is_dir() else KIT


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _serve(folder: Path, page: str, port: int, open_browser: bool) -> int:
    """Run Voila on ``folder`` until Ctrl-C; open ``page`` (a path on it) once Voila answers."""
    url = f"http://localhost:{port}/{page}"
    command = [
        sys.executable, "-m", "voila", str(folder), f"--port={port}", "--no-browser",
        "--theme=light", "--Voila.ip=localhost",
    ]  # fmt: skip
    print("Starting Voila (this can take half a minute)...", flush=True)
    process = subprocess.Popen(command, cwd=folder)
    for name in ("SIGTERM", "SIGHUP"):  # a closed terminal stops Voila too (no SIGHUP on Windows)
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        while process.poll() is None:
            try:
                urllib.request.urlopen(f"http://localhost:{port}/voila/tree", timeout=5).close()
            except OSError:
                time.sleep(0.3)
                continue
            print(f"\nThe lecture is at {url}  (press Ctrl-C here to stop it)\n", flush=True)
            if open_browser:
                webbrowser.open(url)
            break
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        if process.poll() is None:
            process.kill()
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = _root(args.root)
    try:
        if args.list:
            for lesson in lessons(root):
                print(f"{lesson.id:4} {lesson.title}")
            return 0
        names = None if args.lesson is None else [args.lesson]
        if args.build is not None:
            for path in build(root, args.build, names):
                print(f"wrote {path}")
            return 0
        chosen = None if args.lesson is None else find(root, args.lesson)
        if importlib.util.find_spec("voila") is None:
            raise LectureError(
                "Voila is not installed in this Python; install the kit's requirements "
                "(pip install -r requirements.txt) and try again"
            )
        if not 0 < args.port < 65536:
            raise LectureError(f"--port must be between 1 and 65535, got {args.port}")
        if not _port_free(args.port):
            raise LectureError(
                f"port {args.port} is in use (another lecture still running?); "
                "stop it or give another, e.g. --port 8870"
            )
        with tempfile.TemporaryDirectory(prefix="negotiation_kit-lecture-") as folder:
            out = Path(folder)
            build(root, out, names)
            page = "voila/tree" if chosen is None else f"voila/render/{chosen.path.name}"
            return _serve(out, page, args.port, not args.no_browser)
    except LectureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
