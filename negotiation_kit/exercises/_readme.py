"""The README of a student bundle, with launch links when the students' repository is known.

>>> place = Repository.parse("https://github.com/our-dept/negotiation-kit-student")
>>> place.name, place.github
('negotiation-kit-student', 'our-dept/negotiation-kit-student')
>>> "mybinder.org/v2/gh/our-dept/negotiation-kit-student/main" in student_readme(place)
True
>>> Repository.parse("our-dept/negotiation-kit-student").url
'https://github.com/our-dept/negotiation-kit-student'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

START = "notebooks/00_start_here.ipynb"


@dataclass(frozen=True)
class Repository:
    """Where the students' copy lives: a git URL, its folder name, and ``ORG/NAME`` on GitHub."""

    url: str
    name: str
    github: str | None
    branch: str = "main"

    @classmethod
    def parse(cls, text: str, branch: str = "main") -> Repository:
        """Read ``https://github.com/ORG/NAME``, ``ORG/NAME`` or any ``https://`` git URL."""
        text = text.strip().removesuffix("/").removesuffix(".git")
        short = re.fullmatch(r"([\w.-]+)/([\w.-]+)", text)
        hub = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", text)
        if short or hub:
            org, name = (short or hub).groups()  # type: ignore[union-attr]
            return cls(f"https://github.com/{org}/{name}", name, f"{org}/{name}", branch)
        if re.fullmatch(r"https://[\w.-]+(:\d+)?/[\w./~-]+", text):
            return cls(text, text.rsplit("/", 1)[-1], None, branch)
        raise ValueError(
            "--repo must be the students' repository, like https://github.com/ORG/NAME or "
            f"ORG/NAME; got {text!r}"
        )

    def binder(self) -> str:
        """A mybinder.org link that opens lesson 0 of this repository in JupyterLab."""
        where = f"gh/{self.github}" if self.github else f"git/{quote(self.url, safe='')}"
        return f"https://mybinder.org/v2/{where}/{self.branch}?urlpath=lab/tree/{START}"

    def colab(self, notebook: str = START) -> str | None:
        """A Colab link to one notebook (Colab opens notebooks from GitHub only)."""
        if self.github is None:
            return None
        return (
            f"https://colab.research.google.com/github/{self.github}/blob/{self.branch}/{notebook}"
        )

    def nbgitpuller(self, hub: str) -> str:
        """A JupyterHub link that clones (or updates) this repository and opens lesson 0."""
        return (
            f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(self.url, safe='')}"
            f"&branch={self.branch}&urlpath={quote(f'lab/tree/{self.name}/{START}', safe='')}"
        )


INTRO = """\
# negotiation_kit: two-level games, hands on

How does domestic politics shape international bargaining? The lessons in `notebooks/` let
you move sliders and watch win-sets, the zone of agreement and the predicted outcome shift.
The exercises in `exercises/` check your answers as you go: a ✓ when an answer is right, a ✗
with a hint when it is not yet, "not answered yet" while a cell still holds `...`, and a note
that your written explanations are saved for your instructor to read.
{student}"""

LAPTOP = """\
## On your own computer

You need Python 3.11 or newer. In this folder, run:

```bash
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/jupyter lab
```

(On Windows: `py -m venv .venv`, then `.venv\\Scripts\\pip install -r requirements.txt` and
`.venv\\Scripts\\jupyter lab`.) Open `notebooks/00_start_here.ipynb` first. Next time, only
`.venv/bin/jupyter lab` is needed.
"""

ONLINE = """\
## Online, with nothing to install

{links}
"""

EXERCISES = """\
## Exercises

Each lesson has an exercise notebook with the same number in `exercises/`. Replace each `...`
with your answer, run the cell, and read the check under it. Save your work (Ctrl+S) and hand
in the notebook the way your instructor asks, with the file of the same name ending in
`.attempts.json` beside it if there is one (`03_tied_hands.attempts.json`): it records your
predictions.

## A fresh copy of an exercise

Made a mess? Get a fresh copy; your own file is kept, never overwritten. The copy appears
beside it as `exercises/03_tied_hands (fresh 1).ipynb` (then `fresh 2`, ...). Any of these
works; use the first one that fits where you are:

- in a notebook (on your computer, on a JupyterHub, on Binder or Colab), run a cell with

  ```python
  import sys
  !{sys.executable} -m negotiation_kit.exercises reset 03_tied_hands
  ```

- in a terminal on a JupyterHub (or wherever the kit is installed):
  `python -m negotiation_kit.exercises reset 03_tied_hands`;
- in a terminal on your computer, in this folder:
  `.venv/bin/python -m negotiation_kit.exercises reset 03_tied_hands`.

It finds your `exercises/` folder from where you are; if it cannot, add
`--dir path/to/exercises` (on Colab: `--dir .`, then download the copy).
"""


def _links(place: Repository, hub: str | None) -> str:
    lines = [
        f"- **Binder** (a temporary session in your browser): [open lesson 0]({place.binder()}). "
        "The first start takes a few minutes. Binder forgets your work when you close the "
        "tab: download your exercise notebooks first (File > Download).",
    ]
    colab = place.colab()
    if colab:
        lines.append(
            f"- **Google Colab**: [open lesson 0]({colab}) (or any notebook: change its path "
            "in the link). In a first cell, run\n"
            f'  `!pip install -q "git+{place.url}" "ipywidgets>=8.1,<9"` and answer '
            '"Restart session" if Colab asks. Colab saves your copy in your Google Drive.'
        )
    if hub:
        lines.append(
            f"- **Your class's JupyterHub**: [open lesson 0]({place.nbgitpuller(hub)}). The "
            f"link puts a copy of the kit in your home folder (as `{place.name}/`); clicking "
            "it again later brings your instructor's updates without overwriting your work."
        )
    return "\n".join(lines)


def student_readme(
    place: Repository | None = None, hub: str | None = None, student: str = ""
) -> str:
    """The bundle's README: getting started, online links (if ``place``), exercises, reset."""
    if hub and place is None:
        raise ValueError("--hub needs --repo: the hub's link pulls the students' repository")
    line = (
        f"\nThese exercises are **{student}**'s: their numbers may differ from a classmate's.\n"
        if student
        else ""
    )
    parts = [INTRO.format(student=line), LAPTOP]
    if place is not None:
        parts.append(ONLINE.format(links=_links(place, hub)))
    parts.append(EXERCISES)
    return "\n".join(parts)
