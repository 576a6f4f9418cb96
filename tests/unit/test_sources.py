"""Operator-supplied official guidebook files: HTML, PDF and Markdown become cited sections."""

from pathlib import Path

from knowledge.sources import load_sources


def tiny_pdf(pages: list[str]) -> bytes:
    """A valid PDF with one line of Helvetica text per page (enough for pypdf's extractor)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        page_no, content_no = len(objects) + 1, len(objects) + 2
        kids.append(f"{page_no} 0 R")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_no} 0 R "
            f"/Resources << /Font << /F1 {len(pages) * 2 + 3} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def never_called(text: str) -> str:
    raise AssertionError("language came from the path")


def test_html_is_split_on_headings_and_drops_scripts(tmp_path: Path):
    (tmp_path / "guidebook_en.html").write_text(
        "<html><head><title>Guide</title><script>alert(1)</script></head><body>"
        "<h2>Residence card</h2><p>Carry your card.</p><ul><li>Report loss within 14 days.</li></ul>"
        "<h2>Garbage</h2><p>Sort it.</p></body></html>",
        encoding="utf-8",
    )
    sections = load_sources(tmp_path, {"en", "ja"}, never_called)
    assert [(s.lang, s.title, s.source_file) for s in sections] == [
        ("en", "Residence card", "guidebook_en.html"),
        ("en", "Garbage", "guidebook_en.html"),
    ]
    assert "14 days" in sections[0].body and "alert" not in sections[0].body


def test_pdf_pages_become_sections_cited_by_page(tmp_path: Path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "chapter1.pdf").write_bytes(tiny_pdf(["Residence card rules", "Period of stay"]))
    sections = load_sources(tmp_path, {"en"}, never_called)
    assert [(s.source_section, s.lang) for s in sections] == [("p. 1", "en"), ("p. 2", "en")]
    assert "Residence card rules" in sections[0].body


def test_markdown_without_a_language_code_is_detected(tmp_path: Path):
    (tmp_path / "notes.md").write_text("# Thẻ cư trú\n\nLuôn mang theo thẻ cư trú.\n", encoding="utf-8")
    sections = load_sources(tmp_path, {"en", "vi"}, lambda text: "vi")
    assert [(s.lang, s.title, s.topic_id) for s in sections] == [("vi", "Thẻ cư trú", "src:notes.md#1")]


def test_unsupported_files_and_missing_folders_are_ignored(tmp_path: Path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert load_sources(tmp_path, {"en"}, never_called) == []
    assert load_sources(tmp_path / "missing", {"en"}, never_called) == []
