"""One home for writing a benchmark's section of BENCHMARKS.md, between its markers."""
import re


def write_section(name, section, path="BENCHMARKS.md"):
    """Replaces the text from <!-- NAME:begin --> to <!-- NAME:end --> (which `section` holds) or appends it."""
    try:
        text = open(path).read()
    except FileNotFoundError:
        text = "# Benchmarks\n"
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    if begin in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", lambda m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(path, "w").write(text)
