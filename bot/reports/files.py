"""The report in four forms: one offline HTML file, a PDF on A4, CSV and XLSX.

Every form shows the same protected tables: a hidden cell is "<5" or "x" in each of them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from fpdf import FPDF
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Font

from bot.documents.fonts import FAMILY, add_fonts, close_fonts
from bot.reports.charts import draw
from dialogs.reports.build import Chart, Report, Section
from dialogs.reports.tables import Table

TEMPLATES = Path(__file__).resolve().parent / "templates"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Format(StrEnum):
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"
    XLSX = "xlsx"


MEDIA_TYPES = {
    Format.HTML: "text/html",
    Format.PDF: "application/pdf",
    Format.CSV: "text/csv",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(report: Report, form: Format) -> bytes:
    match form:
        case Format.HTML:
            return to_html(report)
        case Format.PDF:
            return to_pdf(report)
        case Format.CSV:
            return to_csv(report)
        case Format.XLSX:
            return to_xlsx(report)


def file_name(report: Report, form: Format) -> str:
    place = (report.municipality or "westhoek").lower().replace(" ", "-")
    return f"wegwijs-rapport-{place}-{report.period.first}-{report.period.last}.{form.value}"


@dataclass(frozen=True)
class _DrawnChart:
    caption: str
    svg: Markup


@dataclass(frozen=True)
class _DrawnSection:
    title: str
    action: str
    lines: tuple[str, ...]
    charts: tuple[_DrawnChart, ...]
    tables: tuple[Table, ...]


def _svg(chart: Chart) -> Markup:
    text = draw(chart, "svg").decode("utf-8")
    start = text.index("<svg")  # drop the XML prologue and doctype inside HTML
    svg = text[start:].replace(
        "<svg ", f'<svg role="img" aria-label="{Markup.escape(chart.caption)}" ', 1
    )
    return Markup(svg)  # matplotlib's own output; the label is escaped


def to_html(report: Report) -> bytes:
    """One file with the charts inside, that opens without a network."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"])
    )
    sections = [
        _DrawnSection(
            section.title,
            section.action,
            section.lines,
            tuple(_DrawnChart(chart.caption, _svg(chart)) for chart in section.charts),
            section.tables,
        )
        for section in report.sections
    ]
    page = environment.get_template("report.html").render(report=report, sections=sections)
    return page.encode("utf-8")


def _cell_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def rows(report: Report) -> list[tuple[str, str, str, str, str]]:
    """The report as long rows: section, table, row, column, value as shown."""
    out = []
    for section in report.sections:
        for table in section.tables:
            for label, cells in zip(table.labels, table.cells, strict=True):
                for head, cell in zip(table.header[1:], cells, strict=True):
                    out.append((section.title, table.title, label, head, cell.shown))
    return out


def to_csv(report: Report) -> bytes:
    """CSV as Belgian Excel opens it: UTF-8 with BOM, `;` between fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(("Periode", report.period_text, "", "", ""))
    writer.writerow(("Gegevens", report.data_text, "", "", ""))
    writer.writerow(("Onderdeel", "Tabel", "Rij", "Kolom", "Waarde"))
    for row in rows(report):
        writer.writerow(tuple(_cell_text(value) for value in row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    """A sheet per section; tables below each other; a hidden cell is the text "<5" or "x"."""
    book = Workbook()
    for empty in book.worksheets:
        book.remove(empty)
    bold = Font(bold=True)
    for section in report.sections:
        sheet = book.create_sheet(section.title[:31])
        sheet.append((report.heading, report.period_text))
        sheet.append((report.data_text, report.made_text))
        sheet.append(())
        for table in section.tables:
            sheet.append((table.title,))
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.append(table.header)
            for column in range(1, len(table.header) + 1):
                sheet.cell(sheet.max_row, column).font = bold
            for label, cells in zip(table.labels, table.cells, strict=True):
                sheet.append(
                    (_cell_text(label), *(c.shown if c.hidden else c.value for c in cells))
                )
            sheet.append(())
        sheet.column_dimensions["A"].width = 34
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class _Paper(FPDF):
    def __init__(self, report: Report) -> None:
        super().__init__(format="A4")
        self.report = report
        add_fonts(self)
        self.set_auto_page_break(True, margin=16)
        self.set_margins(16, 16, 16)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(
            0, 5, f"{self.report.heading} · {self.report.period_text} · blad {self.page_no()}"
        )


def to_pdf(report: Report) -> bytes:
    """The same content on A4: figures as pictures, then their tables."""
    pdf = _Paper(report)
    try:
        pdf.add_page()
        pdf.set_font(FAMILY, "B", 18)
        _para(pdf, 9, report.heading)
        pdf.set_font(FAMILY, "", 10)
        for line in (report.period_text + ".", f"{report.data_text} {report.made_text}"):
            _para(pdf, 5.5, line)
        pdf.ln(2)
        _para(
            pdf,
            5.5,
            "Dit rapport telt alleen. Het noemt niemand. Bij minder dan 5 mensen staat er <5. "
            "Een x staat er waar je anders een klein getal kunt vinden.",
        )
        for section in report.sections:
            _pdf_section(pdf, section)
        return bytes(pdf.output())
    finally:
        close_fonts(pdf)


def _para(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _pdf_section(pdf: _Paper, section: Section) -> None:
    if pdf.get_y() > 200:
        pdf.add_page()
    pdf.ln(6)
    pdf.set_font(FAMILY, "B", 14)
    _para(pdf, 7, section.title)
    pdf.set_font(FAMILY, "", 10)
    _para(pdf, 5, section.action)
    pdf.ln(1)
    for line in section.lines:
        _para(pdf, 5.5, line)
    for chart in section.charts:
        height = 178 * (4.2 if chart.kind == "map" else 3.4) / 7.2
        if pdf.get_y() + height + 12 > pdf.h - 16:
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font(FAMILY, "B", 10)
        _para(pdf, 5, chart.caption)
        pdf.image(io.BytesIO(draw(chart, "png")), w=178)
    for table in section.tables:
        _pdf_table(pdf, table)


def _pdf_table(pdf: _Paper, table: Table) -> None:
    columns = len(table.header)
    label_width = 52.0
    other = (pdf.epw - label_width) / max(columns - 1, 1)
    needed = 7 * (len(table.labels) + 2)
    if pdf.get_y() + min(needed, 60) > pdf.h - 16:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", 10)
    _para(pdf, 5, table.title)
    size = 8 if columns <= 8 else 6.5
    pdf.set_font(FAMILY, "B", size)
    with pdf.table(
        col_widths=(label_width, *([other] * (columns - 1))),
        text_align=("LEFT", *(["RIGHT"] * (columns - 1))),
        line_height=4.6,
        first_row_as_headings=True,
        repeat_headings=1,
    ) as grid:
        head = grid.row()
        for title in table.header:
            head.cell(title)
        pdf.set_font(FAMILY, "", size)
        for index, (label, cells) in enumerate(zip(table.labels, table.cells, strict=True)):
            last = table.column_totals and index == len(table.labels) - 1
            pdf.set_font(FAMILY, "B" if last else "", size)
            row = grid.row()
            row.cell(label)
            for cell in cells:
                row.cell(cell.shown)
