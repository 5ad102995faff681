"""Read a submission's answers out of its kernel as plain data, never its verdicts.

After each cell ran, the grader finds the ``check("ID", <answer>)`` calls of that cell with
:mod:`ast` (however they are displayed: ``print(check(...))``, ``r = check(...)``, a line
after them) and asks the kernel for the value of each ``<answer>`` through a dumper it
installed before any of the student's code ran. The dumper turns the value into JSON
(:func:`plain` below, run in the kernel): numbers, bools, text, lists, win-sets and zones as
lists of ``[low, high]``, and a function as its source plus its outputs on the inputs the
grader chose. The verdict is then computed in the grader's own process.

>>> [(c.task_id, c.expression) for c in check_calls('x = 1\\nprint(check("03.1", x + 1))')]
[('03.1', 'x + 1')]
>>> check_calls("%matplotlib inline\\ncheck('01.2', talks.outcome().agreement)")[0].expression
'talks.outcome().agreement'
"""

from __future__ import annotations

import ast
import json
import re
import secrets
from dataclasses import dataclass

TASK_LIKE = re.compile(r"^\s*\d{1,3}\.\d+\s*$")
"""A first argument that looks like a task id (unknown ids like "3.1" are reported, not dropped)."""


@dataclass(frozen=True)
class CheckCall:
    """One ``check(task_id, answer)`` call found in a cell."""

    task_id: str
    expression: str
    line: int
    """The cell line the call ends on (1-based)."""


def _source(cell_source: str) -> str:
    """The cell as Python (IPython's ``%magic`` and ``!shell`` lines turned into calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return str(TransformerManager().transform_cell(cell_source))  # type: ignore[no-untyped-call]
    except Exception:  # IPython missing or a cell it cannot transform: read it as it is
        return cell_source


def check_calls(cell_source: str) -> list[CheckCall]:
    """The check calls of a cell outside any function or class body, in order."""
    try:
        tree = ast.parse(_source(cell_source))
    except (SyntaxError, ValueError):
        return []
    found: list[CheckCall] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            return
        if isinstance(node, ast.Call) and len(node.args) >= 2:
            first, answer = node.args[0], node.args[1]
            if (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and TASK_LIKE.match(first.value)
                and not isinstance(answer, ast.Starred)
            ):
                line = node.end_lineno or node.lineno
                found.append(CheckCall(first.value.strip(), ast.unparse(answer), line))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


# ----------------------------------------------------------------------- in the kernel

DUMPER = r"""
def _nk_make_dumper(json, inspect, math, signal, sys):
    dumps, loads, getsource = json.dumps, json.loads, inspect.getsource
    set_handler, set_timer, alarm = signal.signal, signal.setitimer, signal.SIGALRM
    timer = signal.ITIMER_REAL
    def plain(value, depth=0):
        if depth > 12:
            return {"unreadable": "nested too deep"}
        if value is None or isinstance(value, bool | str):
            return value
        if value is Ellipsis:
            return "..."
        if isinstance(value, int):
            return value if abs(value) < 2 ** 53 else float(value)
        if isinstance(value, float):
            return value if math.isfinite(value) else {"unreadable": repr(value)}
        kind = type(value)
        if kind.__module__ == "numpy" and getattr(value, "ndim", None) == 0:
            return plain(value.item(), depth + 1)
        if kind.__module__ == "numpy" and hasattr(value, "tolist"):
            return plain(value.tolist(), depth + 1)
        pieces = getattr(value, "intervals", None)
        if isinstance(pieces, list | tuple):
            return [[plain(low, depth + 2), plain(high, depth + 2)] for low, high in pieces]
        if isinstance(value, list | tuple):
            return [plain(item, depth + 1) for item in value[:10000]]
        return {"unreadable": kind.__name__}

    def timed_out(signum, frame):
        raise TimeoutError("the function took too long")

    def probe(fn, inputs, seconds):
        try:
            source = getsource(fn)
        except Exception:
            source = None
        calls = []
        old = set_handler(alarm, timed_out)
        try:
            for given in inputs:
                args = given if isinstance(given, list) else [given]
                set_timer(timer, seconds)
                try:
                    output = plain(fn(*args))
                except BaseException as error:
                    output = {"raised": type(error).__name__}
                finally:
                    set_timer(timer, 0)
                calls.append([given, output])
        finally:
            set_handler(alarm, old)
        return {"function": {"source": source, "calls": calls}}

    def dump(value, inputs_json):
        inputs = loads(inputs_json)
        if callable(value) and not isinstance(value, type) and inputs is not None:
            return dumps(probe(value, inputs, 5.0))
        return dumps(plain(value))

    def error_line():
        tb = getattr(sys, "last_traceback", None)
        seen_runner = False
        while tb is not None:
            code = tb.tb_frame.f_code
            if seen_runner and code.co_name == "<module>":
                return tb.tb_lineno
            seen_runner = seen_runner or code.co_name == "run_code"
            tb = tb.tb_next
        return 0

    return dump, error_line
"""


def install_code(token: str) -> str:
    """Code that defines the dumper in the kernel under names only the grader knows."""
    return (
        DUMPER
        + "import json as _j, inspect as _i, math as _m, signal as _s, sys as _y\n"
        + f"_nk_dump_{token}, _nk_line_{token} = _nk_make_dumper(_j, _i, _m, _s, _y)\n"
        + "del _nk_make_dumper, _j, _i, _m, _s, _y\n"
    )


def new_token() -> str:
    """A fresh random suffix for the dumper's names."""
    return secrets.token_hex(8)


def dump_expression(token: str, call: CheckCall, probe_inputs: list[list[object]] | None) -> str:
    """The expression the kernel evaluates to send back ``call``'s answer as JSON text."""
    return f"_nk_dump_{token}(({call.expression}), {json.dumps(json.dumps(probe_inputs))})"


def error_line_expression(token: str) -> str:
    """The expression giving the cell line where the last cell raised (0: not known)."""
    return f"_nk_line_{token}()"


def read_value(reply: dict[str, object]) -> tuple[bool, object]:
    """(ok, value) from one ``user_expressions`` entry of an execute reply."""
    if reply.get("status") != "ok":
        return False, str(reply.get("ename", "an error"))
    data = reply.get("data")
    text = data.get("text/plain") if isinstance(data, dict) else None
    try:
        value = ast.literal_eval(text) if isinstance(text, str) else None
        return True, json.loads(value) if isinstance(value, str) else value
    except (ValueError, SyntaxError, json.JSONDecodeError):
        return False, "an answer the grader could not read"
