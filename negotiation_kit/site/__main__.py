"""``python -m negotiation_kit.site OUT``: build the lessons' website into the folder ``OUT``.

Every misuse or failure gets a one-line message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .build import Links, SiteError, build


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m negotiation_kit.site",
        description="Build the lessons as a static website (and printable handouts).",
    )
    parser.add_argument("out", type=Path, help="the folder to write the pages to")
    parser.add_argument("--root", type=Path, default=Path("."), help="the kit's folder")
    parser.add_argument(
        "--repo",
        default=Links.repo,
        help="GitHub owner/name of the repository students open (the student bundle's)",
    )
    parser.add_argument("--branch", default=Links.branch, help="its branch")
    parser.add_argument("--hub", default=Links.hub, help="your JupyterHub's address")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per cell")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="lessons run at a time"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        print(f"error: {args.out} is a file; give a folder for the pages", file=sys.stderr)
        return 2
    try:
        site = build(args.root, args.out, Links(args.repo, args.branch, args.hub), args.timeout)
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"open {site.out / 'index.html'} in a browser; print any page for a handout")
    return 0


if __name__ == "__main__":
    sys.exit(main())
