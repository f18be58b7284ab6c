"""Stage 1 for `.html`/`.htm`: a web page → the article text a reader sees.

BeautifulSoup over lxml rather than trafilatura: every offset of a row points
into this text, so it must come out the same for the same page, whatever
version is installed. The rules here are few and written down; a content
scorer such as trafilatura's guesses differently from release to release and
brings a dozen dependencies. The article is the page's <article> or <main>
where it has one, else its <body>; navigation, header, footer, asides, forms
and scripts are dropped. Each block (paragraph, heading, list item, table
row, <br>) is a line; table cells are joined by a tab; runs of spaces and the
page source's own line breaks collapse to one space, as a browser shows them.
SPEC §1 then applies to this text.
"""
from __future__ import annotations

import regex
from bs4 import BeautifulSoup, NavigableString
from bs4.dammit import EncodingDetector

from .read import decode

DROPPED = ("head", "script", "style", "noscript", "template", "nav", "header", "footer",
           "aside", "form", "iframe", "svg", "button", "select", "object")
BLOCKS = ("address", "article", "blockquote", "caption", "dd", "div", "dl", "dt",
          "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
          "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul")
CELLS = ("td", "th")
# GB2312 and GBK pages decode as GB18030, their superset: a page that says
# gb2312 often holds characters only GBK has.
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
SPACES = regex.compile(r"\s+")


def html_text(data: bytes) -> str:
    soup = BeautifulSoup(_decode(data), "lxml")
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ("navigation", "banner", "contentinfo")}):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"}) \
        or soup.body or soup
    for string in root.find_all(string=True):
        if type(string) is NavigableString:    # not a comment, CDATA or doctype
            string.replace_with(SPACES.sub(" ", string))
    for br in root.find_all("br"):
        br.replace_with("\n")
    for cell in root.find_all(CELLS):
        cell.append("\t")
    for block in root.find_all(BLOCKS):
        block.insert_before("\n")
        block.append("\n")
    lines = (line.strip(" \t") for line in root.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def _decode(data: bytes) -> str:
    # UTF-8 first (GB18030 decodes almost any bytes, so a page that declares
    # gbk but is UTF-8 must not reach it), then the page's declared charset,
    # then detection as for a .txt file.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = EncodingDetector.find_declared_encoding(data, is_html=True, search_entire_document=False)
    if declared:
        try:
            return data.decode(SUPERSETS.get(declared.lower(), declared))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)
