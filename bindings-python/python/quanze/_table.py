"""`Table`: a list of row dicts that turns into a pandas or polars DataFrame; and the builders of
duty rows and Arrow tables used by the extension."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow


class Table(list[dict[str, Any]]):
    """Rows as dicts, all with the same keys in the same order. A table built from columns
    (`Table.from_columns`) keeps them, and hands them to pandas and polars as they are."""

    _data: dict[str, list[Any]] | None = None

    @classmethod
    def from_columns(cls, data: dict[str, list[Any]]) -> Table:
        """A table of the given equal-length columns; the rows share the columns' objects."""
        names = list(data)
        table = cls(dict(zip(names, values)) for values in zip(*data.values()))
        table._data = data
        return table

    def _columns_if_current(self) -> dict[str, list[Any]] | None:
        """The columns it was built from, unless rows were added or removed since."""
        data = self._data
        if data is None or any(len(values) != len(self) for values in data.values()):
            return None
        return data

    def columns(self) -> list[str]:
        """The column names, in order."""
        if self._data is not None:
            return list(self._data)
        return list(self[0]) if self else []

    def to_pandas(self) -> pandas.DataFrame:
        """The table as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        data = self._columns_if_current()
        if data is not None:
            return pd.DataFrame(data)
        return pd.DataFrame(list(self), columns=self.columns() or None)

    def to_polars(self) -> polars.DataFrame:
        """The table as a polars DataFrame (needs polars)."""
        import polars as pl

        data = self._columns_if_current()
        if data is not None:
            return pl.DataFrame(data, schema={name: pl.String for name in data})
        if not self:
            return pl.DataFrame()
        return pl.DataFrame(list(self), infer_schema_length=None)

    def __repr__(self) -> str:
        return f"Table({len(self)} rows, columns={self.columns()})"


_DUTY_COLUMNS = (
    "list",
    "item",
    "name",
    "mode",
    "delegation",
    "conflict",
    "primary",
    "scenario",
    "role",
    "duties",
    "revocation",
)


def duty_rows(view: dict[str, Any]) -> Table:
    """Flattens a duties view: one row per entry of 基本履职 (basic), 配合履职 (cooperating) and
    上级部门收回 (revoked); `duties` joined with `、`."""
    rows = Table()
    for group in ("basic", "cooperating", "revoked"):
        for entry in view.get(group, []):
            row: dict[str, Any] = dict.fromkeys(_DUTY_COLUMNS)
            row["list"] = group
            for key, value in entry.items():
                row[key] = "、".join(value) if key == "duties" else value
            rows.append(row)
    return rows


def arrow_table(n: int, specs: list[tuple[str, bytes, bytes, list[str] | None]]) -> pyarrow.Table:
    """Builds a pyarrow Table from dictionary-coded columns: validity bitmap, int32 codes (or
    days since 1970-01-01 for the `date32` column, whose dictionary is None) and dictionary."""
    import pyarrow as pa

    arrays = []
    names = []
    for name, validity, data, dictionary in specs:
        buffers = [pa.py_buffer(validity), pa.py_buffer(data)]
        if dictionary is None:
            arrays.append(pa.Array.from_buffers(pa.date32(), n, buffers))
        else:
            codes = pa.Array.from_buffers(pa.int32(), n, buffers)
            arrays.append(pa.DictionaryArray.from_arrays(codes, pa.array(dictionary, pa.string())))
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)
