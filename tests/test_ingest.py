import json

import pytest

from rasd.ingest import IngestOptions, clean_text, read_inputs
from rasd.model import Article, ItemError

REPORT = "هجوم على حاجز في ريف حلب\n\nقال مصدر محلي إن مسلحين هاجموا حاجزاً للشرطة قرب مدينة الباب صباح اليوم.\nوأضاف أن الاشتباكات استمرت ساعة."


def _one(path, **opts):
    items = list(read_inputs([str(path)], IngestOptions(**opts)))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_text_files_decode_in_common_arabic_encodings(tmp_path, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes(REPORT.encode(encoding))
    art = _one(p)
    assert isinstance(art, Article) and art.text == REPORT


def test_first_non_empty_line_is_the_title(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("\n\n" + REPORT, encoding="utf-8")
    assert _one(p).title == "هجوم على حاجز في ريف حلب"


def test_windows_line_endings_are_normalized(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(REPORT.replace("\n", "\r\n").encode("utf-8"))
    assert "\r" not in _one(p).text


@pytest.mark.parametrize("content,kind", [
    (b"", "empty"), (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
    ("This is an English press release about markets.".encode(), "not_arabic"),
    ("\n   \n".encode(), "empty"),
])
def test_bad_files_give_error_records(tmp_path, content, kind):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    err = _one(p)
    assert isinstance(err, ItemError) and err.error == kind and err.source == str(p)


def test_files_over_the_size_limit_are_refused(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(REPORT * 10, encoding="utf-8")
    assert _one(p, max_bytes=100).error == "too_large"


def test_jsonl_records_keep_their_metadata_and_bad_lines_become_errors(tmp_path):
    p = tmp_path / "a.jsonl"
    good = {"id": "r1", "text": REPORT, "outlet": "نشرة", "url": "http://x", "published": "2024-03-02T10:00:00Z"}
    p.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"title": "x"}) + "\n", encoding="utf-8")
    items = list(read_inputs([str(p)]))
    assert (items[0].id, items[0].outlet, items[0].published) == ("r1", "نشرة", "2024-03-02")
    assert [i.error for i in items[1:]] == ["invalid_json", "empty"]


def test_json_array_files_are_read(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"text": REPORT}, {"text": REPORT + " ثم هدأ الوضع."}], ensure_ascii=False), encoding="utf-8")
    assert [type(i).__name__ for i in read_inputs([str(p)])] == ["Article", "Article"]


def test_html_main_text_is_extracted(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in REPORT.split("\n")[2:])
    html = f"<html><head><title>هجوم على حاجز</title></head><body><nav>الرئيسية | اتصل بنا</nav><article>{body * 3}</article></body></html>"
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    art = _one(p)
    assert "مسلحين هاجموا حاجزاً" in art.text and "اتصل بنا" not in art.text


def test_stdin_dash_reads_jsonl(tmp_path):
    lines = [json.dumps({"text": REPORT}, ensure_ascii=False)]
    assert isinstance(next(read_inputs(["-"], stdin=lines)), Article)


def test_options_fill_missing_metadata_only(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": REPORT, "outlet": "خاص"}, ensure_ascii=False) + "\n", encoding="utf-8")
    art = next(read_inputs([str(p)], IngestOptions(published="2020-01-02", outlet="عام")))
    assert (art.outlet, art.published) == ("خاص", "2020-01-02")


def test_directories_are_read_recursively_and_skip_non_article_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT + "\nسطر آخر للخبر.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    assert len([i for i in read_inputs([str(tmp_path)]) if isinstance(i, Article)]) == 2


@pytest.mark.parametrize("junk", ["28", "اقرأ/ي أيضًا:", "لم تشترك بعد", "اترك رد",
                                  "انشئ حساباً خاصاً بك لتحصل على أخبار مخصصة لك"])
def test_boilerplate_lines_are_dropped(junk):
    assert junk not in clean_text(REPORT + "\n" + junk + "\n" + "وقال شاهد إن الطريق أغلق.")


def test_read_also_link_headline_is_dropped_with_its_label():
    text = REPORT + "\nاقرأ/ي أيضًا:\nعنوان خبر آخر عن الانتخابات\nوقال شاهد إن الطريق أغلق."
    out = clean_text(text)
    assert "عنوان خبر آخر" not in out and "وقال شاهد إن الطريق أغلق." in out


def test_repeated_headline_and_pull_quote_are_dropped_but_sentences_kept():
    text = REPORT + "\nهجوم على حاجز في ريف حلب\nمسلحين هاجموا حاجزاً للشرطة قرب مدينة الباب"
    out = clean_text(text)
    assert out.count("هجوم على حاجز في ريف حلب") == 1 and out.count("هاجموا حاجزاً") == 1


@pytest.mark.parametrize("line", ["شارك الآلاف في التظاهرة.", "وقال 28 شاهداً إن الطريق أغلق.", "2019"])
def test_article_sentences_resembling_boilerplate_are_kept(line):
    assert line in clean_text(REPORT + "\n" + line) or line == "2019"
