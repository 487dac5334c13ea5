"""A press release or statement saved from a mail client (.eml) imports as a source: its text, the subject as
title, the sender as author and outlet, the Date header as published; attachments left out."""

from __future__ import annotations

import base64

import pytest

from app.extract import propose
from app.importers import ImportFormatError, read_bytes
from app.importers.batch import import_paths

RELEASE = (
    "The Ministry of Ports said on Monday that the east quay at Ostrava Bay would stay shut until the\n"
    "inspection ends.\n"
    "\n"
    "=E2=80=9CNo vessel will berth there before 12 May,=E2=80=9D the ministry's spokeswoman, Dace Vilkerte, told\n"
    "reporters in Kessel.\n"
)


def _alternative_mail() -> bytes:
    html = base64.b64encode(
        b"<html><head><style>p{color:red}</style></head><body><p>The HTML copy.</p></body></html>"
    )
    return (
        b"Return-Path: <press@ports.gov.example>\r\n"
        b"From: =?utf-8?q?Ministry_of_Ports_=E2=80=93_Press_Office?= <press@Ports.gov.example>\r\n"
        b"To: desk@example.org\r\n"
        b"Subject: Fwd: =?utf-8?q?East_quay_stays_shut_=E2=80=93_statement?=\r\n"
        b"Date: Tue, 05 May 2026 23:40:12 -0700\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n'
        b"--outer\r\n"
        b'Content-Type: multipart/alternative; boundary="inner"\r\n\r\n'
        b"--inner\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        + RELEASE.replace("\n", "\r\n").encode("ascii")
        + b"\r\n--inner\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + html + b"\r\n--inner--\r\n"
        b"--outer\r\n"
        b'Content-Type: text/plain; name="notes.txt"\r\n'
        b'Content-Disposition: attachment; filename="notes.txt"\r\n\r\n'
        b"An attached file that is not the message.\r\n"
        b"--outer\r\n"
        b"Content-Type: application/pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(b"%PDF-1.7 " * 200_000)
        + b"--outer--\r\n"
    )


def test_a_saved_mail_is_the_source_its_headers_fill_the_details():
    parsed = read_bytes(_alternative_mail(), filename="release.eml")
    assert parsed.title == "East quay stays shut \u2013 statement"
    assert parsed.metadata["author"] == "Ministry of Ports \u2013 Press Office"
    assert parsed.metadata["sitename"] == "ports.gov.example"
    assert parsed.metadata["date"] == "2026-05-05"  # the sender's own day, not UTC's 6 May
    assert parsed.body.startswith(
        "The Ministry of Ports said on Monday that the east quay at Ostrava Bay would stay shut until the inspection ends.\n\n"
    )  # noqa: E501  hard-wrapped lines joined
    assert "\u201cNo vessel will berth there before 12 May,\u201d" in parsed.body
    assert "The HTML copy" not in parsed.body and "attached file" not in parsed.body
    assert "%PDF" not in parsed.body


def test_a_mail_with_only_html_reads_as_paragraphs():
    html = (
        "<html><head><title>x</title><script>track()</script></head><body><div>Dear colleagues,</div>"
        "<p>The union&#8217;s secretary, Ilse Barrow, said the strike would go on.</p><p>Regards</p></body></html>"
    )
    mail = (
        "From: Union Press <press@union.example>\nSubject: Strike\nDate: Mon, 4 May 2026 09:00:00 +0000\n"
        "Content-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(html.encode("latin-1", "xmlcharrefreplace")).decode("ascii")
    ).encode("ascii")
    parsed = read_bytes(mail, filename="strike.eml")
    assert parsed.body == (
        "Dear colleagues,\n\nThe union\u2019s secretary, Ilse Barrow, said the strike would go on.\n\nRegards"
    )
    assert "track()" not in parsed.body and "<" not in parsed.body


@pytest.mark.parametrize(
    "data, message",
    [
        (b"just some words\nand more words\n", "not an e-mail message"),
        (
            b"From: a@example.org\nSubject: Files\nMIME-Version: 1.0\n"
            b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: image/png\n\nxxxx\n--b--\n',
            "holds no text",
        ),
    ],
    ids=["not a mail", "attachments only"],
)
def test_what_is_not_a_readable_mail_is_refused_in_plain_words(data, message):
    with pytest.raises(ImportFormatError, match=message):
        read_bytes(data, filename="x.eml")


def test_a_folder_of_mail_imports_and_drafts(lib, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "release.eml").write_bytes(_alternative_mail())
    report = import_paths(lib, [folder])
    assert [r.status for r in report.results] == ["imported"]
    source = lib.sources.get(report.results[0].source_ids[0])
    assert source.published is not None and source.published.isoformat() == "2026-05-05"
    assert source.authors == "Ministry of Ports \u2013 Press Office"
    speakers = {p.actor for p in propose(lib, source.id).proposals}
    assert "Dace Vilkerte" in speakers
