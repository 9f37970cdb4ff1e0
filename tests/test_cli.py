import json

from click.testing import CliRunner

from rasd.cli import main

REPORT = "اشتباكات في ريف الرقة\n\nقال ناشطون إن اشتباكات اندلعت قرب مدينة الطبقة مساء أمس بين فصيلين مسلحين."


def _write(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(p)


def test_analyze_prints_one_contract_article_per_input(tmp_path):
    a = _write(tmp_path, "a.txt", REPORT)
    res = CliRunner().invoke(main, ["analyze", a, "--published", "2017-05-06", "--outlet", "نشرة"])
    art = json.loads(res.output)
    assert res.exit_code == 0 and art["published"] == "2017-05-06" and art["outlet"] == "نشرة"


def test_analyze_output_keeps_arabic_unescaped(tmp_path):
    res = CliRunner().invoke(main, ["analyze", _write(tmp_path, "a.txt", REPORT)])
    assert "الطبقة" in res.output and "\\u" not in res.output


def test_analyze_reports_bad_items_on_stderr_and_exits_non_zero(tmp_path):
    good, bad = _write(tmp_path, "a.txt", REPORT), _write(tmp_path, "b.txt", b"")
    res = CliRunner().invoke(main, ["analyze", good, bad])
    assert res.exit_code == 1 and len(res.stdout.splitlines()) == 1
    assert json.loads(res.stderr.splitlines()[0])["error"] == "empty"


def test_analyze_reads_jsonl_from_stdin():
    line = json.dumps({"id": "s1", "text": REPORT}, ensure_ascii=False)
    res = CliRunner().invoke(main, ["analyze", "-"], input=line + "\n")
    assert json.loads(res.output)["id"] == "s1"


def test_a_bad_published_option_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["analyze", _write(tmp_path, "a.txt", REPORT), "--published", "last week"])
    assert res.exit_code == 2


def test_batch_of_twenty_with_five_bad_gives_fifteen_articles_and_five_errors(tmp_path):
    paths = [_write(tmp_path, f"good{i:02}.txt", f"{REPORT}\nوأضافوا أن الحصيلة بلغت {i} جرحى.") for i in range(15)]
    paths += [_write(tmp_path, "empty.txt", b""), _write(tmp_path, "bin.txt", b"\x00\x01\x02" * 99),
              _write(tmp_path, "english.txt", "An English text about the weather today."),
              _write(tmp_path, "bad.jsonl", "{broken\n"), _write(tmp_path, "big.txt", REPORT * 30)]
    res = CliRunner().invoke(main, ["analyze", *paths, "--max-bytes", "2000"])
    assert len(res.stdout.splitlines()) == 15 and len(res.stderr.splitlines()) == 5 and res.exit_code == 1


def test_ingest_twice_stores_each_article_once(tmp_path):
    paths = [_write(tmp_path, f"a{i}.txt", f"{REPORT}\nوأضافوا أن الحصيلة بلغت {i} جرحى.") for i in range(3)]
    db = str(tmp_path / "x.db")
    first = CliRunner().invoke(main, ["ingest", *paths, "--db", db])
    second = CliRunner().invoke(main, ["ingest", *paths, "--db", db])
    assert json.loads(first.stdout.splitlines()[-1])["added"] == 3
    assert json.loads(second.stdout.splitlines()[-1])["added"] == 0


def test_ingest_stores_error_records(tmp_path):
    from rasd.store import open_store
    db = str(tmp_path / "x.db")
    CliRunner().invoke(main, ["ingest", _write(tmp_path, "e.txt", b""), _write(tmp_path, "a.txt", REPORT), "--db", db])
    with open_store(db) as store:
        assert [e.error for e in store.errors()] == ["empty"] and len(list(store.articles())) == 1


def test_export_jsonl_gives_back_the_stored_articles(tmp_path):
    db = str(tmp_path / "x.db")
    CliRunner().invoke(main, ["ingest", _write(tmp_path, "a.txt", REPORT), "--db", db])
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl"])
    assert json.loads(res.output)["text"] == REPORT


def test_meta_sidecar_gives_plain_text_files_their_outlet_and_date(tmp_path):
    a = _write(tmp_path, "a.txt", REPORT)
    meta = _write(tmp_path, "meta.csv", "file,outlet,published\na.txt,نشرة الفرات,2019-03-18\n")
    art = json.loads(CliRunner().invoke(main, ["analyze", a, "--meta", meta]).stdout)
    assert (art["outlet"], art["published"]) == ("نشرة الفرات", "2019-03-18")


def test_meta_sidecar_with_a_bad_date_is_refused(tmp_path):
    meta = _write(tmp_path, "meta.csv", "file,published\na.txt,March\n")
    res = CliRunner().invoke(main, ["analyze", _write(tmp_path, "a.txt", REPORT), "--meta", meta])
    assert res.exit_code == 2 and "--meta" in res.output
