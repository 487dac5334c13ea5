import pytest

from app.importers import ImportFormatError, read_html

PAGE = b"""<html><head><title>Port talks stall | Harbour Wire</title><meta name="author" content="Lena Ortiz">
<meta property="og:site_name" content="Harbour Wire"><meta name="date" content="2026-07-11"></head>
<body><nav>Home</nav><article><h1>Port talks stall</h1><p>Dana Reyes, the country's foreign minister, said on
Tuesday that talks over the northern port had stalled after three rounds of meetings in the capital.</p>
<p>Officials in the capital said the delegation would return next month to resume the discussions.</p>
</article><footer>Copyright</footer></body></html>"""


def test_metadata_and_main_text():
    p = read_html(PAGE, filename="p.html")
    assert p.title == "Port talks stall"
    assert p.metadata["author"] == "Lena Ortiz"
    assert p.metadata["sitename"] == "Harbour Wire"
    assert p.metadata["date"] == "2026-07-11"
    assert "Officials in the capital said" in p.body
    assert "Copyright" not in p.body


def test_not_html_refused():
    with pytest.raises(ImportFormatError, match="HTML"):
        read_html(b"just some words with no markup at all", filename="q.html")
