"""The widgets' one cache: the values made for the last few keys (least recently used go).

Students drag a slider back and forth over the same few values, and each new scenario costs
model work (win-sets, the Nash point, curves over a sweep, a frame's layers). Results are
immutable, so keeping the last few by what they were made from (control values, a layer's
look) makes a return to a value nearly free. Explorers and the renderer use ``Memo`` and
no other cache, so every cache is bounded and behaves alike.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """The values ``make()`` returned for the last ``size`` keys.

    Examples
    --------
    >>> memo: Memo[int] = Memo(size=2)
    >>> calls = []
    >>> def square(x: int) -> int:
    ...     calls.append(x)
    ...     return x * x
    >>> [memo.get(x, lambda: square(x)) for x in (3, 3, 4, 5, 3)]
    [9, 9, 16, 25, 9]
    >>> calls  # 3 was forgotten once 4 and 5 came
    [3, 4, 5, 3]
    >>> 5 in memo, 4 in memo
    (True, False)
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Value] = OrderedDict()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._kept

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept for ``key``, or ``make()`` (then kept)."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = self._kept[key] = make()
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return value
