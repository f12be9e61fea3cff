"""Problems found in a return, each named by file, row (or XML path) and field."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReturnError:
    file: str
    row: int  # 0: the file as a whole; 1: the header row; data rows from 2
    field: str
    message: str
    path: str = ""  # where in an XML file ("Child 3 / CINdetails 1") or a workbook ("List 3")

    @property
    def place(self) -> str:
        where = [self.file]
        if self.path:
            where.append(self.path)
        if self.row:
            where.append(f"row {self.row}")
        if self.field:
            where.append(self.field)
        return ", ".join(where)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ReturnInvalid(Exception):
    """The return has errors, so nothing of it was written."""

    def __init__(self, errors: list[ReturnError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the return; nothing was imported")
        self.errors = sorted(errors, key=lambda e: (e.file, e.path, e.row, e.field, e.message))
