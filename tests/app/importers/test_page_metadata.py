"""Saved web pages: kind, date and language from the page's own data, paragraphs kept, and the
import command's wording (the kinds in --help, the existing source named on a second import, the date said)."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.importers import read_html
from app.importers.batch import import_paths

STORY = (
    "<p>The harbour authority said on Sunday that the tanker had switched off its transponder for nine hours "
    "before it met another ship off the cape.</p><p>Read more: checks on ageing tankers</p>"
    "<p>The owner of the ship called the report baseless and said its vessel had been at anchor all week.</p>"
)


def page(head: str, *, lang: str = "", body: str = STORY) -> bytes:
    html_lang = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{html_lang}><head><meta charset='utf-8'><title>Tanker went dark</title>{head}"
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Tanker went dark</h1>"
        f"{body}</article><footer>&copy; 2025 Example Courier</footer></body></html>"
    ).encode()


def test_og_type_article_makes_a_news_article_with_the_pages_date_and_language(lib, tmp_path):
    f = tmp_path / "tanker.html"
    f.write_bytes(
        page(
            '<meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2026-11-30T08:15:00+01:00">',
            lang="en-GB",
        )
    )
    report = import_paths(lib, [f])
    source = lib.sources.get(report.results[0].source_ids[0])
    assert source.kind.value == "news article"
    assert str(source.published) == "2026-11-30"
    assert source.language == "en-GB"


def test_json_ld_news_article_in_a_graph_and_its_date_wins_over_a_guess():
    data = page(
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Courier"}, {"@type": "NewsArticle", "headline": "Tanker went dark", '
        '"datePublished": "2026-11-30T06:30:00Z", "inLanguage": "en"}]}</script>'
        '<meta property="og:url" content="https://courier.example/2024/03/02/tanker">',
        body=STORY.replace("<p>The harbour", "<p>Updated 2 March 2024. The harbour"),
    )
    meta = read_html(data, filename="tanker.html").metadata
    assert meta["kind"] == "news article"
    assert meta["date"] == "2026-11-30"  # not the URL's or the text's 2024 date
    assert meta["language"] == "en"


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="news_keywords" content="tanker, transponder">',  # the news-sitemap era's keywords
        '<meta name="googlebot-news" content="index">',
    ],
)
def test_the_news_sitemap_metas_make_a_news_article(head):
    assert read_html(page(head), filename="tanker.html").metadata["kind"] == "news article"


def test_a_page_that_declares_nothing_stays_other_and_its_language_is_read_from_its_words(lib, tmp_path):
    plain = tmp_path / "plain.html"
    plain.write_bytes(page(""))
    german = tmp_path / "german.html"
    german.write_bytes(
        page(
            "",
            body="<p>Die Hafenbehörde erklärte am Sonntag, der Tanker habe sein Ortungssystem neun Stunden lang "
            "abgeschaltet, bevor er vor dem Kap ein anderes Schiff traf.</p><p>Die Reederei wies die Vorwürfe "
            "als haltlos zurück und sagte, das Schiff habe die ganze Woche vor Anker gelegen.</p>",
        )
    )
    report = import_paths(lib, [plain, german])
    first, second = (lib.sources.get(r.source_ids[0]) for r in report.results)
    assert first.kind.value == "other" and first.language == "en"
    assert second.kind.value == "other" and second.language == ""
    declared = read_html(page("", lang="de", body=STORY), filename="x.html").metadata
    assert declared["language"] == "de"  # what the page declares wins


def test_paragraphs_of_a_page_stay_paragraphs():
    body = read_html(page('<meta property="og:type" content="article">'), filename="p.html").body
    paragraphs = body.split("\n\n")
    assert any(p.startswith("Read more") for p in paragraphs)
    assert all("\n" not in p for p in paragraphs)


@pytest.fixture
def cli(tmp_path, capsys):
    library = tmp_path / "cli.briefdesk"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--library", str(library), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_import_help_text_names_every_kind(capsys):
    from app.domain import SourceKind

    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for kind in SourceKind:
        assert f"'{kind.value}'" in out


def test_a_second_import_names_the_existing_source(cli, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Harbour to reopen\n\nThe port authority said the harbour will reopen on Friday.\n")
    assert cli("import", str(f))[0] == 0
    code, out, _ = cli("import", str(f))
    assert code == 0
    assert f"existing: {f}: already in the library as s1" in out
    code, out, _ = cli("import", str(f), "--json")
    assert json.loads(out)["files"][0]["source_ids"] == [1]


def test_a_bad_date_said_says_how_to_write_it(cli, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("Harbour to reopen\n\nThe port authority said the harbour will reopen on Friday.\n")
    cli("import", str(f))
    code, _out, err = cli("claim", "add", "--source", "1", "--quote", "harbour", "--said", "3 March")
    assert code != 0
    assert "write the date said as YYYY-MM-DD" in err
