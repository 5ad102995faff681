"""Lecture views of the lessons: ``python -m negotiation_kit.lecture 03`` opens lesson 3 in Voila.

A lesson is written for a student at a keyboard: long prose, "the next cell prints...",
printouts that go stale once a slider moves. A lecture needs the headings, the explorers and
a few key points, large enough for the back row. The lesson's author marks those cells with
tags (``metadata.tags``), and this module builds a *lecture notebook* from them:

- ``lecture``: a Markdown cell shown whole, or a code cell that runs and shows its output (an
  explorer); its code is never shown;
- ``lecture-heading``: a Markdown cell of which only the headings show (its prose speaks to a
  student with the code in front of them);
- ``lecture-setup``: a code cell that runs with its output hidden (what a later lecture cell
  needs).

Every other cell is left out. Each lesson's lecture view ends with its ``## Key points``: a
cell tagged ``lecture`` of two to four short bullets, written for the projector and read by
students too, just above the lesson's detailed key points.

Why tags and a generated notebook rather than a Voila template that hides cells: the lesson
stays the single source (a heading or an explorer edited for students is edited for the
lecture), the lecture notebook is an ordinary notebook that any Voila (or JupyterLab) can
open, and a test can read which cells a lecture shows without a browser. The projector style
(body text 22 px, headings and controls to match, the figure as wide as the screen allows) is
a ``<style>`` shown by a first, hidden code cell: Voila 0.5 marks executed outputs as trusted,
so the style applies to the page. A Voila template would need installing into a Jupyter data
folder (Voila looks up templates only in ``share/jupyter/voila/templates`` of the Jupyter
paths), which a student install (``pip install -r requirements.txt``, the kit editable) does
not do; the style cell needs nothing beyond that install.

The lecture notebooks are written to a temporary folder (or ``--build OUT``), never into
``notebooks/``: nothing a student or an instructor wrote there is touched.
"""

from __future__ import annotations

from .build import (
    HEADING,
    SETUP,
    SHOWN,
    LectureError,
    Lesson,
    build,
    find,
    headings,
    lecture_notebook,
    lessons,
    projector_style,
)

__all__ = [
    "HEADING",
    "SETUP",
    "SHOWN",
    "LectureError",
    "Lesson",
    "build",
    "find",
    "headings",
    "lecture_notebook",
    "lessons",
    "projector_style",
]
