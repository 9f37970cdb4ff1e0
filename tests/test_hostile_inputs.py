"""Hostile inputs, generated at test time: every bad item is one error record, the batch goes on.

The sentences are our own. The mixed folder holds every kind of bad input beside good
articles; ``rasd ingest`` must store each good one and record each bad one exactly once.
"""
from __future__ import annotations

import io
import json
import os

import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.ingest import IngestOptions, read_inputs
from rasd.ingest.limits import bounded_lines, html_depth, json_depth
from rasd.model import Article, ItemError
from rasd.store import open_store

LIMIT = 20_000  # --max-bytes for the folder: the "large" file is just over it, so the test stays fast


def report(n: int) -> str:
    return (f"اشتباكات في ريف إدلب رقم {n}\n\nقال ناشطون إن اشتباكات اندلعت قرب بلدة سراقب مساء أمس "
            f"بين فصيلين مسلحين، وأضافوا أن الحصيلة بلغت {n} جرحى.")


HTML = ("<html><head><title>قصف على بلدة</title><script>alert('x')</script></head><body>"
        "<iframe src='http://example.invalid/ad'></iframe><article><h1>قصف على بلدة</h1>"
        "<p>{}</p><script>document.write('حقن')</script></article></body></html>")

GOOD = {  # name -> bytes; each is one article
    "good1.txt": report(1).encode(),
    "good_cp1256.txt": report(2).encode("cp1256"),
    "good_utf16_nobom.txt": report(3).encode("utf-16-le"),
    "good_bidi.txt": ("\u202e" + report(4) + "\u202c\u2066").encode(),
    "good_scripts.html": HTML.format(report(5)).encode(),
    "good_nul_escape.jsonl": json.dumps({"id": "nul", "text": report(6) + "\u0000\ud800"}).encode(),
}
BAD = {  # name -> (bytes, error kind)
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "large.txt": (report(7).encode() * 200, "too_large"),
    "nul_bytes.txt": (report(8).encode().replace(b" ", b"\x00"), "binary"),
    "deep.jsonl": (b"[" * 10_000 + b"]" * 10_000 + b"\n", "too_deep"),
    "deep.json": (b'{"a":' * 2_000 + b"1" + b"}" * 2_000, "too_deep"),
    "deep.html": (("<div>" * 1_000 + report(9) + "</div>" * 1_000).encode(), "too_deep"),
    "empty.txt": (b"", "empty"),
    "one_char.txt": ("ا".encode(), "too_short"),
}


def _corpus(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "fifo.txt")
    # A JSONL file mixing good lines and bad ones: each line is its own item.
    lines = [json.dumps({"id": "j1", "text": report(10)}), "{broken", "[" * 500 + "]" * 500,
             json.dumps({"id": "j2", "text": report(11), "title": ["not", "a", "string"]}),
             json.dumps({"id": "j3", "text": report(12)})]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_mixed_folder_stores_every_good_article_and_records_every_bad_item_once(tmp_path):
    folder, db = _corpus(tmp_path), str(tmp_path / "x.db")
    res = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--max-bytes", str(LIMIT)])
    assert res.exit_code == 1, res.output
    with open_store(db) as store:
        ids = {a.id for a in store.articles()}
        errors = [(os.path.basename(e.source).split(":")[0], e.error) for e in store.errors()]
    assert len(ids) == len(GOOD) + 2 and {"nul", "j1", "j3"} <= ids
    expected = [(n, kind) for n, (_, kind) in BAD.items()] + [
        ("loop.txt", "unreadable"), ("fifo.txt", "not_a_file"), ("lines.jsonl", "invalid_json"),
        ("lines.jsonl", "too_deep"), ("lines.jsonl", "bad_record")]
    assert sorted(errors) == sorted(expected)


def _items(tmp_path, name: str, data: bytes, **opts):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_inputs([str(p)], IngestOptions(**opts)))


@pytest.mark.parametrize("name", ["good_bidi.txt", "good_scripts.html", "good_nul_escape.jsonl"])
def test_hostile_characters_and_markup_never_reach_the_text(tmp_path, name):
    [art] = _items(tmp_path, name, GOOD[name])
    assert isinstance(art, Article)
    assert not any(bad in art.text for bad in ("alert", "حقن", "<", "\x00", "\ud800"))


def test_bidi_controls_are_kept_because_offsets_index_them(tmp_path):
    [art] = _items(tmp_path, "b.txt", GOOD["good_bidi.txt"])
    assert art.text.startswith("\u202e")


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_one_error_record_of_its_kind(tmp_path, name):
    data, kind = BAD[name]
    [err] = _items(tmp_path, name, data, max_bytes=LIMIT)
    assert isinstance(err, ItemError) and err.error == kind


def test_an_unreadable_file_is_an_error_record(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root: file permissions do not stop root from reading")
    p = tmp_path / "secret.txt"
    p.write_text(report(13), encoding="utf-8")
    p.chmod(0)
    [err] = list(read_inputs([str(p)]))
    assert err.error == "unreadable"


def test_a_large_jsonl_file_streams_line_by_line(tmp_path):
    lines = "".join(json.dumps({"id": f"r{i}", "text": report(i)}) + "\n" for i in range(40))
    items = _items(tmp_path, "big.jsonl", lines.encode(), max_bytes=2_000)
    assert len(items) == 40 and all(isinstance(i, Article) for i in items)


@pytest.mark.parametrize("stdin,kinds", [
    ([json.dumps({"text": report(1)}, ensure_ascii=False) + "\n", "x" * 500 + "\n"], ["article", "line_too_long"]),
    (io.StringIO("y" * 5_000 + "\n" + json.dumps({"text": report(2)}, ensure_ascii=False) + "\n"), ["line_too_long", "article"]),
])
def test_lines_over_the_limit_are_one_error_and_reading_goes_on(stdin, kinds):
    items = list(read_inputs(["-"], IngestOptions(max_line_bytes=400), stdin=stdin))
    assert [getattr(i, "error", "article") for i in items] == kinds


@pytest.mark.parametrize("text,depth", [('{"a": [1, {"b": "[[[["}]}', 3), ("[]", 1), ('"{"', 0), ("1", 0)])
def test_json_depth_ignores_brackets_inside_strings(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize("html,depth", [("<div><p>x</p><br><img src=a></div>", 2), ("<a/><b></b>", 1),
                                        ("</div></div><p>", 1)])
def test_html_depth_skips_void_and_self_closed_tags(html, depth):
    assert html_depth(html) == depth


@pytest.mark.parametrize("data,limit,expected", [
    (b"ab\ncd\n", 2, [b"ab\n", b"cd\n"]), (b"abc\nd", 2, [None, b"d"]), (b"abcdefgh", 3, [None]),
])
def test_bounded_lines_reads_long_lines_through_in_pieces(data, limit, expected):
    assert [line for _, line in bounded_lines(io.BytesIO(data), limit)] == expected
