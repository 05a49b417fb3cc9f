"""dates: rewrite a date written by a human ("25th of June, 2009", "25/06/09") as ISO 8601 ("2009-06-25").

The Sequence Models course's attention exercise (Seq2Seq-Vis calls it "fakedates"): days drawn from a seeded
calendar, 1950 to 2049, each written in one of several surface formats, read character by character.  A
two-digit year means 1950–1999 from 50 up and 2000–2049 below.  A model with attention learns to look at the
characters of the year while it writes the year, then at the month, then at the day; `render` says which
input characters carry which field, so that can be checked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import torch

from .base import Batch
from .seq2seq import EOS, PAD, Seq2SeqTask

FIRST, LAST = dt.date(1950, 1, 1), dt.date(2049, 12, 31)
FORMATS = (
    "{Dth} of {Month}, {yyyy}",    # 25th of June, 2009
    "{month} {d} {yyyy}",          # june 25 2009
    "{dd}/{mm}/{yy}",              # 25/06/09
    "{Weekday} {d} {Mon} {yyyy}",  # Thursday 25 Jun 2009
    "{d} {Month} {yyyy}",          # 25 June 2009
    "{Month} {d}, {yyyy}",         # June 25, 2009
    "{dd}.{mm}.{yyyy}",            # 25.06.2009
)
FIELD = {"Dth": "day", "d": "day", "dd": "day", "Month": "month", "month": "month", "Mon": "month",
         "mm": "month", "yyyy": "year", "yy": "year", "Weekday": "weekday"}
ISO_FIELDS = ["year"] * 4 + [""] + ["month"] * 2 + [""] + ["day"] * 2  # what each output character writes


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def render(date: dt.date, form: int) -> tuple[str, list[str]]:
    """The date in format number `form`, and per character the field it carries (day, month, year,
    weekday, or "" for punctuation and words like "of")."""
    values = {"Dth": ordinal(date.day), "d": str(date.day), "dd": f"{date.day:02d}",
              "Month": calendar.month_name[date.month], "month": calendar.month_name[date.month].lower(),
              "Mon": calendar.month_abbr[date.month], "mm": f"{date.month:02d}", "yyyy": str(date.year),
              "yy": f"{date.year % 100:02d}", "Weekday": calendar.day_name[date.weekday()]}
    text, fields = "", []
    for i, piece in enumerate(re.split(r"\{(\w+)\}", FORMATS[form])):
        value, field = (values[piece], FIELD[piece]) if i % 2 else (piece, "")
        text += value
        fields += [field] * len(value)
    return text, fields


class Dates(Seq2SeqTask):
    name = "dates"
    out_symbols = list("0123456789-")

    def setup(self):
        # September has the longest month name and every weekday; the 28th of each month, every month name.
        days = [dt.date(2049, 9, day) for day in range(1, 31)] + [dt.date(2049, month, 28) for month in range(1, 13)]
        texts = [render(day, form)[0] for day in days for form in range(len(FORMATS))]
        self.in_symbols = sorted(set("".join(texts)) | set("0123456789"))
        self.seq_len, self.out_len = max(map(len, texts)), len("2009-06-25") + 1
        super().setup()

    def draw(self, batch_size: int, generator: torch.Generator) -> list[tuple[dt.date, int]]:
        """(date, format) pairs from the seeded calendar."""
        days = torch.randint((LAST - FIRST).days + 1, (batch_size,), generator=generator).tolist()
        forms = torch.randint(len(FORMATS), (batch_size,), generator=generator).tolist()
        return [(FIRST + dt.timedelta(days=d), f) for d, f in zip(days, forms)]

    def sample(self, batch_size: int, generator: torch.Generator) -> Batch:
        x = torch.full((batch_size, self.seq_len), PAD)
        y = torch.full((batch_size, self.out_len), EOS)
        out_index = {s: i + 2 for i, s in enumerate(self.out_symbols)}
        for b, (date, form) in enumerate(self.draw(batch_size, generator)):
            text = render(date, form)[0]
            x[b, :len(text)] = torch.tensor([self.in_index[c] for c in text])
            y[b, :-1] = torch.tensor([out_index[c] for c in date.isoformat()])
        return Batch(x, y)

    def split(self, text):
        return list(" ".join(text.split()))  # spaces are symbols here; runs of them count as one

    def describe(self):
        return (f"Read a date written in one of {len(FORMATS)} ways (\"25th of June, 2009\", \"25/06/09\", …) "
                "and write it as year-month-day (\"2009-06-25\").")
