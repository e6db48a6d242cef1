"""docs/export.md describes the CSV columns the code writes: the same names, in the same order."""

import re

from service.config import PROJECT_ROOT
from service.export.tables import COLUMNS


def test_the_documented_csv_columns_are_the_ones_written():
    text = (PROJECT_ROOT / "docs" / "export.md").read_text()
    table = text.split("## CSV and JSON lines", 1)[1].split("\n\n| column | holds |", 1)[1].split("\n\n", 1)[0]
    documented = [name for row in table.splitlines()[2:] for name in re.findall(r"`(\w+)`", row.split("|")[1])]
    assert documented == [name for name, _ in COLUMNS]
