"""A validation problem: where it is and what is wrong, readable by a person."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, printed as `file:row:column: what is wrong (expected ...)`.

    `row` counts lines as a spreadsheet does: the header is row 1, the first record row 2.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ":".join(
            [
                self.file,
                *([str(self.row)] if self.row is not None else []),
                *([self.column] if self.column else []),
            ]
        )
        return f"{where}: {self.message}"
