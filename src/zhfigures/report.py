"""The visual report: one self-contained HTML page of documents and figures.

Every document's text with each figure highlighted as a <mark>, coloured by
kind, its record shown on hover and kept in data-* attributes (so that a
test, or a script, reads them back from the page); a summary table per
document and the list of its figures; filters by kind. Given gold rows, each
mark also says whether it matches (ok), disagrees (wrong: which attributes),
or is an extra, and the gold rows nobody found are marked as misses.

CSS and JavaScript are inline and nothing is fetched, so the file opens
anywhere, offline, and can be mailed as it is.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from . import __version__
from .output import value_text
from .record import KINDS, Figure

BOUND_WORDS = {"=": "exact", "~": "about", ">": "more than", ">=": "at least",
               "<": "under", "<=": "at most"}
STATUSES = ("ok", "wrong", "extra", "miss")
STATUS_WORDS = {"ok": "matches gold", "wrong": "differs from gold", "extra": "not in gold",
                "miss": "in gold, not found"}
# ColorBrewer's Set3 and neighbours: pale enough to read black text on.
COLOURS = dict(zip(KINDS, (
    "#ffed6f", "#b3de69", "#80b1d3", "#bebada", "#fdb462", "#fccde5", "#e5c494",
    "#8dd3c7", "#d9f0a3", "#fb8072", "#c6dbef", "#bc80bd", "#c49c94", "#d9d9d9")))


@dataclass(frozen=True)
class Mark:
    """One highlighted span: a predicted figure, or a gold row nobody found."""
    row: dict            # SPEC §2 columns, as in the CSV
    predicted: bool
    status: str = ""     # "" without gold; else one of STATUSES
    note: str = ""       # with gold: what differs, the gold row behind it


@dataclass(frozen=True)
class Page:
    """One document as the report shows it."""
    doc_id: str
    source: str
    text: str
    marks: tuple[Mark, ...]     # by start; never overlapping (see `_judged`)
    score: str = ""             # with gold: the document's F1 line
    relations: tuple = ()       # the audit's relations (relation.Relation), beside the text


def page(doc, figures: list[Figure], gold=None) -> Page:
    """A document's page; `gold` is its gold rows as a DataFrame (evaluate.load_figures)."""
    rows = [f.as_dict() for f in figures]
    if gold is None:
        marks = tuple(Mark(r, True) for r in rows)
        return Page(doc.doc_id, doc.path, doc.text, marks)
    return Page(doc.doc_id, doc.path, doc.text, *_judged(figures, rows, gold))


def _judged(figures: list[Figure], rows: list[dict], gold) -> tuple[tuple[Mark, ...], str]:
    from . import evaluate
    from .output import to_dataframe

    pred = to_dataframe(figures)
    gold = gold.reset_index(drop=True)
    pairing = evaluate.pair(gold, pred)
    marks: dict[int, Mark] = {}
    for i, j in pairing.pairs:
        g = gold.iloc[i]
        wrong = evaluate.differences(g, pred.iloc[j])
        note = "\n".join(f"gold {name}: {value_text(g[name]) if name == 'value' else g[name]}"
                         for name in wrong)
        marks[j] = Mark(rows[j], True, "wrong" if wrong else "ok", note)
    for j in pairing.extra:
        marks[j] = Mark(rows[j], True, "extra")
    out = [marks[j] for j in range(len(rows))]
    for i in pairing.missed:
        g = gold.iloc[i].to_dict()
        hit = next((k for k, m in enumerate(out)
                    if m.predicted and m.row["start"] < g["end"] and g["start"] < m.row["end"]), None)
        if hit is None:
            out.append(Mark(g, False, "miss"))
        else:    # a miss overlapping a highlight is told on that highlight
            m = out[hit]
            extra = f"gold also has {g['mention']!r} here (missed)"
            out[hit] = Mark(m.row, True, m.status, "\n".join(filter(None, (m.note, extra))))
    score = evaluate.score(gold, pred).micro
    line = (f"full F1 {score['full_f1']:.3f} (P {score['full_p']:.3f}, R {score['full_r']:.3f}); "
            f"record F1 {score['record_f1']:.3f}; {len(gold)} gold, {len(pred)} found")
    return tuple(sorted(out, key=lambda m: (m.row["start"], m.row["end"]))), line


def render(pages: list[Page]) -> str:
    """The whole report as one HTML string."""
    marks = [m for p in pages for m in p.marks]
    kinds = Counter(m.row["kind"] for m in marks)
    statuses = Counter(m.status for m in marks if m.status)
    found = sum(m.predicted for m in marks)
    filters = "".join(
        f'<label class="chip" style="background:{COLOURS.get(k, "#ddd")}">'
        f'<input type="checkbox" value="kind:{escape(k)}" checked> {escape(k)} ({n})</label>'
        for k, n in sorted(kinds.items(), key=lambda kv: _kind_order(kv[0])))
    if statuses:
        filters += '<span class="sep"></span>' + "".join(
            f'<label class="chip status-{s}"><input type="checkbox" value="status:{s}" checked> '
            f'{STATUS_WORDS[s]} ({statuses[s]})</label>' for s in STATUSES if statuses[s])
    contents = "".join(
        f'<li><a href="#doc-{n}">{escape(p.doc_id)}</a> '
        f'<span class="muted">{sum(m.predicted for m in p.marks)}</span></li>'
        for n, p in enumerate(pages))
    body = "".join(_section(n, p) for n, p in enumerate(pages))
    return (TEMPLATE.replace("{{version}}", escape(__version__))
            .replace("{{counts}}", f"{_count(len(pages), 'document')}, {_count(found, 'figure')}")
            .replace("{{filters}}", filters).replace("{{contents}}", contents)
            .replace("{{body}}", body))


def _section(n: int, p: Page) -> str:
    listing = "".join(_listing_row(n, k, m) for k, m in enumerate(p.marks))
    with_gold = any(m.status for m in p.marks)
    score = f'<p class="score">{escape(p.score)}</p>' if p.score else ""
    return (f'<section class="doc" id="doc-{n}" data-doc-id="{escape(p.doc_id)}" '
            f'data-source="{escape(p.source)}">'
            f'<h2>{escape(p.doc_id)} <span class="muted">{escape(p.source)}</span></h2>{score}'
            f'<div class="columns"><div class="text">{_highlighted(n, p)}</div>'
            f"<aside>{_summary(p)}{_relations(n, p)}</aside></div>"
            f"<details><summary>All figures of {escape(p.doc_id)}</summary>"
            f'<table class="listing"><tr><th>mention</th><th>value</th><th>unit</th><th>kind</th>'
            f"<th>bound</th><th>indicator</th><th>entity</th><th>period</th>"
            f"{'<th>status</th>' if with_gold else ''}</tr>{listing}</table></details></section>")


def _summary(p: Page) -> str:
    """The document's table: figures per kind and, with gold, per status."""
    statuses = STATUSES if any(m.status for m in p.marks) else ()
    head = "<tr><th>kind</th><th>figures</th>" + "".join(
        f'<th title="{STATUS_WORDS[s]}">{s}</th>' for s in statuses) + "</tr>"
    kinds = sorted({m.row["kind"] for m in p.marks}, key=_kind_order)
    rows = []
    for kind in kinds + ["all"]:
        ms = [m for m in p.marks if kind in ("all", m.row["kind"])]
        swatch = "" if kind == "all" else \
            f'<span class="swatch" style="background:{COLOURS.get(kind, "#ddd")}"></span>'
        cells = [sum(m.predicted for m in ms)] + [sum(m.status == s for m in ms) for s in statuses]
        rows.append(f'<tr{" class=total" if kind == "all" else ""}><th>{swatch}{escape(kind)}</th>'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="summary">{head}{"".join(rows)}</table>'


def _relations(n: int, p: Page) -> str:
    """The audit's relations (issue 8), each linked to the figure it checks."""
    if not p.relations:
        return ""
    mark_at = {m.row["start"]: k for k, m in enumerate(p.marks) if m.predicted}
    rows = "".join(
        f'<tr class="rel-{r.status}" data-relation="{r.relation}" data-result="{r.result_start}">'
        f'<td><a href="#m-{n}-{mark_at.get(r.result_start, "")}">{escape(r.relation)}</a></td>'
        f"<td>{escape(r.status)}</td><td>{escape(r.note)}</td></tr>" for r in p.relations)
    return (f'<table class="relations"><tr><th>relation</th><th>status</th><th>arithmetic</th></tr>'
            f"{rows}</table>")


def _listing_row(n: int, k: int, m: Mark) -> str:
    r = m.row
    cells = [f'<a href="#m-{n}-{k}">{escape(r["mention"])}</a>', value_text(r["value"]), r["unit"],
             r["kind"], r["bound"], r["indicator"], r["entity"], r["period"]]
    if m.status:
        cells.append(m.status)
    return (f'<tr data-kind="{escape(r["kind"])}" data-status="{m.status}">'
            + "".join(f"<td>{c if i == 0 else escape(str(c))}</td>" for i, c in enumerate(cells))
            + "</tr>")


def _highlighted(n: int, p: Page) -> str:
    out, at = [], 0
    for k, m in enumerate(p.marks):
        r = m.row
        if r["start"] < at:    # marks cannot nest: a miss over a prediction is told on it
            continue           # (_judged); two predictions overlap nowhere in the corpus
        tip = _describe(r) + (f"\n{STATUS_WORDS[m.status]}" if m.status else "") \
            + (f"\n{m.note}" if m.note else "")
        attrs = {"id": f"m-{n}-{k}", "class": f"{'fig' if m.predicted else 'miss'} k-{r['kind']}",
                 "style": f"--c:{COLOURS.get(r['kind'], '#ddd')}",
                 "data-start": r["start"], "data-end": r["end"], "data-value": value_text(r["value"]),
                 "data-unit": r["unit"], "data-kind": r["kind"], "data-bound": r["bound"],
                 "data-indicator": r["indicator"], "data-entity": r["entity"],
                 "data-period": r["period"], "data-status": m.status, "data-tip": tip}
        attributes = " ".join(f'{a}="{escape(str(v))}"' for a, v in attrs.items())
        out.append(escape(p.text[at:r["start"]], quote=False))
        out.append(f"<mark {attributes}>{escape(p.text[r['start']:r['end']], quote=False)}</mark>")
        at = r["end"]
    out.append(escape(p.text[at:], quote=False))
    return "".join(out)


def _describe(r: dict) -> str:
    lines = [f"{r['mention']} = {value_text(r['value'])} {r['unit']}",
             f"{r['kind']}, {BOUND_WORDS.get(r['bound'], r['bound'])} ({r['bound']})",
             f"indicator: {r['indicator'] or '—'}"]
    lines += [f"{name}: {r[name]}" for name in ("entity", "period") if r[name]]
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _kind_order(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zhfigures report</title>
<style>
body { font: 15px/1.6 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 0; color: #222; background: #fafafa; }
header { position: sticky; top: 0; z-index: 20; background: #fff; border-bottom: 1px solid #ddd;
         padding: .5em 1.5em; }
h1 { font-size: 1.3em; margin: .2em 0; }
h1 .muted { font-size: .7em; font-weight: normal; }
main { max-width: 84em; margin: 0 auto; padding: 0 1.5em 4em; }
.muted { color: #888; font-size: .85em; }
#filters { display: flex; flex-wrap: wrap; gap: .35em; align-items: center; }
.chip { border-radius: 1em; padding: 0 .7em 0 .4em; font-size: .85em; cursor: pointer;
        border: 1px solid rgba(0, 0, 0, .12); user-select: none; }
.chip.status-ok { background: #e3f4e3; } .chip.status-wrong { background: #fff0d9; }
.chip.status-extra, .chip.status-miss { background: #fde2e2; }
.sep { width: 1em; }
nav ul { margin: .3em 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .2em 1em;
         font-size: .85em; }
section.doc { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; margin: 1.5em 0;
              padding: .5em 1.5em 1.5em; }
h2 { font-size: 1.15em; margin: .6em 0 .3em; }
table { border-collapse: collapse; font-size: .85em; margin: .4em 0; }
th, td { border-bottom: 1px solid #eee; padding: .15em .7em .15em 0; text-align: left;
         vertical-align: top; }
table.summary td, table.summary tr:first-child th:not(:first-child) { text-align: right; }
table.summary th { font-weight: normal; white-space: nowrap; }
table.summary tr:first-child th { color: #777; font-size: .9em; }
tr.total td, tr.total th { font-weight: 600; border-top: 1px solid #ccc; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 2em; align-items: start; }
.columns aside { position: sticky; top: 9em; }
@media (max-width: 60em) {
  .columns { grid-template-columns: minmax(0, 1fr); }
  .columns aside { order: -1; position: static; }
}
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .4em;
          vertical-align: -.05em; border: 1px solid rgba(0, 0, 0, .15); }
details { margin: .4em 0 1em; font-size: .95em; } summary { cursor: pointer; color: #555; }
.text { white-space: pre-wrap; line-height: 1.9; font-size: 1.02em; }
mark { position: relative; background: var(--c); border-radius: 3px; padding: 0 1px;
       color: inherit; cursor: help; }
mark[data-status="extra"] { outline: 2px solid #d33; }
mark[data-status="wrong"] { text-decoration: underline wavy #e67e22; text-underline-offset: 3px; }
mark.miss { background: transparent; outline: 2px dashed #d33; }
mark { scroll-margin-top: 40vh; }
mark.off { background: transparent; outline: none; text-decoration: none; cursor: auto; }
mark.off:hover::after, mark.off:target::after, mark.off.pinned::after { display: none; }
mark:target { box-shadow: 0 0 0 2px #222; }
mark:hover::after, mark:target::after, mark.pinned::after { content: attr(data-tip); position: absolute; left: 0; top: 1.7em; z-index: 10;
                    white-space: pre-line; width: max-content; max-width: 28em; background: #222;
                    color: #fff; padding: .4em .7em; border-radius: 4px; font-size: .82rem;
                    line-height: 1.45; box-shadow: 0 2px 6px rgba(0, 0, 0, .3); }
tr.off { display: none; }
table.relations td:last-child { max-width: 22em; } tr.rel-fails td { color: #b00; }
</style>
</head>
<body>
<header>
<h1>zhfigures report <span class="muted">{{counts}} · zhfigures {{version}}</span></h1>
<div id="filters">{{filters}}</div>
<nav><ul>{{contents}}</ul></nav>
</header>
<main>
{{body}}
</main>
<script>
// Filters: a mark (and its row in the lists) is dimmed when its kind or its
// status is unticked.
(function () {
  var boxes = document.querySelectorAll("#filters input");
  function apply() {
    var off = {};
    boxes.forEach(function (b) { if (!b.checked) off[b.value] = true; });
    document.querySelectorAll("mark, tr[data-kind]").forEach(function (el) {
      var hide = off["kind:" + el.dataset.kind] || off["status:" + el.dataset.status];
      el.classList.toggle("off", !!hide);
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  // A click pins a figure's details open (a touch screen has no hover).
  document.addEventListener("click", function (e) {
    var mark = e.target.closest("mark");
    if (mark) mark.classList.toggle("pinned");
  });
})();
</script>
</body>
</html>
"""
