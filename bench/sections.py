"""Puts one benchmark's section into BENCHMARKS.md between its markers (appended when missing)."""
import re


def replace(name, lines, path="BENCHMARKS.md", place=None):
    """lines: the section's lines from <!-- NAME:begin --> to <!-- NAME:end --> inclusive. A missing section
    goes at the end, or at the offset place(text) gives."""
    section = "\n".join(lines) + "\n"
    try:
        text = open(path).read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    if begin in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", lambda _: section, text, flags=re.S)
    elif place is None:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        at = place(text)
        head, tail = text[:at].rstrip("\n"), text[at:].lstrip("\n")
        text = head + "\n\n" + section + ("\n" + tail if tail else "")
    open(path, "w").write(text)
