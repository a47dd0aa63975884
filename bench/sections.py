"""Puts one benchmark's section into BENCHMARKS.md between its markers (appended when missing)."""
import re


def replace(name, lines, path="BENCHMARKS.md"):
    """lines: the section's lines from <!-- NAME:begin --> to <!-- NAME:end --> inclusive."""
    section = "\n".join(lines) + "\n"
    try:
        text = open(path).read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    if begin in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", lambda _: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(path, "w").write(text)
