"""Markdown edge cases, written for Briefdesk, one or more per part of the Markdown syntax (tabs, rules, ATX and
setext headings, indented and fenced code, HTML, link definitions, paragraphs, quotes, lists, escapes,
entities, code spans, emphasis, links, images, autolinks, raw HTML, line breaks) and the extensions a brief
uses (tables, definition lists, footnote-like and citation brackets, abbreviations), plus a generator that
mixes their pieces. Used by tests/adversarial/test_markdown_corpus.py: every reader and every renderer must
take each of them without an exception, and the readers must agree on what they hold."""

from __future__ import annotations

import random

# Each entry: (name, Markdown). Kept short: they test shapes, not sizes (sizes are in hostile_briefs.py).
EDGE_CASES: list[tuple[str, str]] = [
    # tabs
    ("tab-indented code", "\tcode line [@c1]\n\tmore\n"),
    ("tab after list marker", "-\titem [@c1]\n-\t\tdeeper\n"),
    ("tab inside quote", ">\t\tquoted code\n"),
    ("tab in heading", "#\tHeading\twith tabs [@c1]\n"),
    ("mixed tabs and spaces", " \t- item\n  \t  - inner [@c2]\n"),
    # thematic breaks
    ("rules", "***\n---\n___\n * * *\n- - -\n_  _  _  _\n"),
    ("not a rule", "+++\n===\n--\n**\n"),
    ("rule between paragraphs", "Text [@c1]\n***\nMore [@c2]\n"),
    ("rule or setext", "Foo\n---\nbar\n\n- foo\n---\n"),
    ("rule in list", "- foo\n- * * *\n- bar\n"),
    # ATX headings
    ("all levels", "# a\n## b\n### c\n#### d\n##### e\n###### f\n####### seven\n"),
    ("no space after hashes", "#5 bolt\n#hashtag [@c1]\n"),
    ("escaped hash", "\\## not a heading [@c1]\n"),
    ("closing hashes", "## heading ##\n# heading #####   \n### heading ### b\n### heading #\\#\n"),
    ("empty headings", "#\n##\n### ###\n"),
    ("indented atx", " # one\n  ## two\n   ### three\n    #### code\n"),
    ("heading inside paragraph", "Text\n# Heading [@c1]\nmore text\n"),
    ("heading with emphasis", "# *emph* **strong** `code` [@c1; @c2]\n"),
    # setext headings
    ("setext both", "Title one [@c1]\n=========\n\nTitle two\n---------\n"),
    ("setext multiline", "Line one\nline two [@c1]\n===\n"),
    ("setext indented underline", "Title\n   ====\n\nOther\n    ----\n"),
    ("setext with trailing spaces", "Title   \n===   \n"),
    ("setext after list", "- item\n===\n"),
    ("setext in quote", "> Quoted\n> ===\n"),
    ("setext lazy", "> foo\nbar\n===\n"),
    ("setext empty", "\n===\n"),
    ("setext escaped", "Foo\n\\---\n"),
    # indented code
    ("indented code", "    a simple\n      indented code [@c1]\n\n    block\n"),
    ("indented code after paragraph", "Para\n    not code\n"),
    ("indented code with blank lines", "    chunk1\n\n\n\n    chunk2\n"),
    ("indented code in list", "1.  item\n\n        code in item [@c1]\n"),
    # fenced code
    ("backtick fence", "```\n<\n >\n[@c1]\n```\n"),
    ("tilde fence", "~~~\n# not heading\n~~~\n"),
    ("longer closing fence", "````\naaa\n```\n``````\n"),
    ("unclosed fence", "```\nunclosed [@c1]\n\nmore\n"),
    ("fence info string", '```python  {.x #y}\ncode\n```\n``` {style="x"}\nc\n```\n'),
    ("fence in list", "- a\n\n    ```\n    code [@c1]\n    ```\n- b\n"),
    ("fence in quote", "> ```\n> quoted [@c1]\n> ```\n"),
    ("backticks in info", "``` aa ```\nfoo\n"),
    ("fence mismatched", "```\naaa\n~~~\n```\n~~~\nbbb\n```\n~~~\n"),
    ("empty fence", "```\n```\n"),
    ("fence with attrs braces", "``` { .a .b }\nx\n```\n```{\nx\n```\n"),
    # HTML blocks
    ("html block", "<table><tr><td>\n<pre>\n**Hello**,\n</pre>\n</td></tr></table>\n"),
    ("html comment", "<!-- a comment [@c1] -->\n\ntext [@c2]\n"),
    ("html script", "<script>\nalert(1)\n</script>\nokay\n"),
    ("html div markdown", '<div markdown="1">\n# inside [@c1]\n</div>\n'),
    ("processing instruction", "<?php echo 1; ?>\n\n<!DOCTYPE html>\n\n<![CDATA[\nx\n]]>\n"),
    ("unclosed tag", '<div\nclass="x">\n*emph*\n'),
    # link reference definitions
    ("link definition", '[foo]: /url "title"\n\n[foo] and [@c1]\n'),
    ("link definition multiline", "[foo]:\n/url\n'the title'\n\n[foo]\n"),
    ("definition like citation", "[@c1]: /url\n\ntext [@c1]\n"),
    ("definition not at start", "Foo [bar]: /baz\n\n[bar]\n"),
    ("definition case folding", "[ΑΓΩ]: /φου\n\n[αγω]\n"),
    ("definition in quote", "> [foo]: /url\n\n[foo]\n"),
    # paragraphs and blank lines
    ("leading spaces", "  aaa\n bbb [@c1]\n"),
    ("hard breaks", "foo  \nbar\\\nbaz [@c1]\n"),
    ("only blank lines", "\n\n\n  \n\t\n"),
    ("empty", ""),
    ("single space", " "),
    ("no trailing newline", "text [@c1]"),
    ("crlf", "# Head\r\n\r\ntext [@c1]\r\n- item\r\n"),
    ("lone cr", "# Head\rtext [@c1]\r"),
    # block quotes
    ("quote", "> # Foo\n> bar [@c1]\n> baz\n"),
    ("quote lazy", "> bar\nbaz [@c1]\n> foo\n"),
    ("quote nested", ">>> deep [@c1]\n> > > deeper\n"),
    ("quote without space", ">no space\n>\n>  two spaces\n"),
    ("quote containing list", "> - one [@c1]\n>     - two\n"),
    ("quote then code", ">     code\n\n>    not code\n"),
    ("empty quote", ">\n>  \n> \n"),
    # list items
    ("list simple", "- one [@c1]\n- two\n- three\n"),
    ("list markers", "* a\n+ b\n- c\n"),
    ("ordered start", "7. seven [@c1]\n8. eight\n\n003. three\n"),
    ("ordered paren", "1) one\n2) two\n"),
    ("long ordered number", "1234567890. not a list\n123456789. a list [@c1]\n"),
    ("list interrupting paragraph", "Para\n- item [@c1]\n1. one\n"),
    ("list with blank lines", "- a\n\n- b\n\n\n- c [@c1]\n"),
    ("list two-space nesting", "- a\n  - b\n    - c\n      - d [@c1]\n"),
    ("list four-space nesting", "- a\n    - b\n        - c\n            - d [@c2]\n"),
    ("list item code", "-     code in item\n\n  para\n"),
    ("empty list items", "-\n-\n- \n1.\n"),
    ("list item starting blank", "-\n  foo [@c1]\n-\n  ```\n  bar\n  ```\n"),
    ("list after list", "- a\n- b\n\n\n1. c\n2. d\n"),
    ("list with heading", "- # Heading [@c1]\n- ## Another\n"),
    ("list loose and tight", "- a\n- b\n\n  c [@c1]\n- d\n"),
    ("marker then rule", "- foo\n***\n- bar\n"),
    # escapes and entities
    (
        "backslash escapes",
        "\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~\n",
    ),
    ("escaped citation", "\\[@c1] and [\\@c2] and [@c3\\]\n"),
    ("backslash at end", "text\\\n"),
    ("entities", "&nbsp; &amp; &copy; &AElig; &Dcaron; &frac34; &HilbertSpace; &ThisIsNotDefined; &hi?;\n"),
    ("numeric entities", "&#35; &#1234; &#992; &#0; &#X22; &#XD06; &#xcab; &#99999999; &#xFFFFFFF;\n"),
    ("entity in code", "`&amp;` and ```\n&amp;\n```\n"),
    # code spans
    ("code spans", "`foo` ``foo ` bar`` ` `` ` ``\n"),
    ("code span with citation", "`[@c1]` and ``[@c2, @c3]`` and [@c4]\n"),
    ("unclosed code span", "`foo [@c1]\n\n```foo``\n"),
    ("code span across lines", "`foo\nbar [@c1]\nbaz`\n"),
    ("backslash in code", "`foo\\`bar` [@c1]\n"),
    # emphasis
    ("emphasis rules", "*foo bar* a * foo bar* _foo bar_ foo*bar* 5*6*78 **foo** __foo__ ***x***\n"),
    ("emphasis nesting", "*foo **bar** baz* **foo *bar* baz** *foo *bar**\n"),
    ("emphasis unbalanced", "**foo* *foo** ***foo** **foo*** _____foo_____\n"),
    ("emphasis intraword", "foo_bar_ 5_6_78 пристаням_стремятся_ snake_case_word\n"),
    ("emphasis around citation", "*quoted [@c1]* and **[@c2, @c3]** and _[@s4]_\n"),
    ("many stars", "*" * 200 + " text " + "_" * 200 + "\n"),
    ("strike", "~~gone [@c1]~~ and ~~~three~~~\n"),
    # links
    ("inline links", '[link](/uri "title") [link](</my uri>) [link]() [a](<b)c>) [link](\\(foo\\))\n'),
    (
        "link destinations",
        "[link](foo(and(bar))) [link](foo\\)\\:) [link](#fragment) [l](http://x.y?q=1#f)\n",
    ),
    ("link titles", "[link](/url \"title\") [link](/url 'title') [link](/url (title))\n"),
    ("link nesting", "[link [foo [bar]]](/uri) [link [bar](/uri) [foo [bar](/uri)](/uri)\n"),
    ("link with citation inside", "[see [@c1]](https://example.org) and [[@c2]](/x)\n"),
    ("reference links", "[foo][bar] [foo][] [foo] [Foo][BAR]\n\n[bar]: /url\n[foo]: /other\n"),
    (
        "unsafe links",
        "[a](javascript:alert(1)) [b](vbscript:x) [c](file:///etc/passwd) [d](data:text/html,x)\n",
    ),
    ("link in heading", "# [Heading](https://example.org) [@c1]\n"),
    ("brackets around citation", "[[@c1]] [[[@c2]]] [x][@c3] [@c4][y]\n"),
    # images
    ("images", '![foo](/url "title") ![foo *bar*](train.jpg) ![](empty) ![foo][ref]\n\n[ref]: /img.png\n'),
    (
        "image hostile paths",
        "![a](/etc/passwd) ![b](../../x.png) ![c](file:///dev/zero) ![d](http://x/y.png)\n",
    ),
    ("image in link", "[![moon](moon.jpg)](/uri) [@c1]\n"),
    # autolinks and raw HTML
    ("autolinks", "<http://foo.bar.baz> <https://x.y/a?b=c> <mailto:a@b.c> <a@b.c> <made-up-scheme://x>\n"),
    ("raw inline html", '<a><bab><c2c> <a/><b2/> <a  /><b2\ndata="foo" > <33> <__> </a> <!-- c -->\n'),
    ("inline html with handlers", '<img src=x onerror="alert(1)"> <a href="javascript:x">y</a> [@c1]\n'),
    ("less-than text", "1 < 2 > 0 and a <-> b and <@c1>\n"),
    # line breaks
    ("trailing spaces", "foo     \nbaz\n\nfoo\\\nbar\n"),
    ("break at end", "foo\\\n\n### foo\\\n"),
    # citations, every shape
    (
        "citation shapes",
        "[@c1] [@c1;@c2] [@c1, @s3] [ @c1 ] [@c1;] [;@c1] [@c1,,@c2] [@] [@c] [@cx] [@c1a]\n",
    ),
    ("huge citation ids", "[@c99999999999999999999] [@s0] [@c00001] [@c-1]\n"),
    ("citation across lines", "[@c1;\n@c2] and [@c3,\n\n@c4]\n"),
    ("citation in table", "| a | b |\n|---|---|\n| [@c1] | [@c2, @c3] |\n| `[@c4]` | \\| [@c5] |\n"),
    ("citation in definition", "Term [@c1]\n:   Definition [@c2]\n:   Another\n"),
    ("citation in footnote-like", "Text[^1] [@c1]\n\n[^1]: Note [@c2]\n"),
    ("citation in abbreviation", "*[HTML]: Hyper [@c1]\n\nThe HTML spec.\n"),
    # tables
    ("table minimal", "a|b\n-|-\n1|2\n"),
    ("table alignment", "| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"),
    ("table ragged", "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n"),
    ("table no body", "| a |\n|---|\n"),
    ("table bad separator", "| a | b |\n|---|\n| 1 | 2 |\n"),
    ("table with pipes in code", "| a | b |\n|---|---|\n| `x|y` | z |\n"),
    ("table in list", "- | a | b |\n  |---|---|\n  | 1 | 2 |\n"),
    # definition lists
    ("definition list", "Apple\n:   Pomaceous fruit [@c1]\n\nOrange\n:   Citrus\n\n    Second paragraph\n"),
    ("definition empty", "Term\n:\n\n:   orphan\n"),
    # markings and attribute lists
    (
        "portion marks",
        "(U) Para [@c1]\n\n(S//NF) Secret [@c2]\n\n(TS//SCI) x\n\n(( U )) odd\n\n(U)no space\n",
    ),
    ("attribute lists", '# Head {: #id .cls style="color:red" }\n\nPara\n{: onclick="x" }\n'),
    ("toc marker", "[TOC]\n\n# A\n\n## B [@c1]\n"),
    # Unicode
    ("unicode mix", "# שלום [@c1]\n\nπ café 🚀 \u200b\u200d\ufeff text [@c2]\n"),
    ("bidi overrides", "Pay \u202eevil\u202c [@c1] \u2066iso\u2069\n"),
    ("surrogates", "text \ud800 lone [@c1] \udfff\n"),
    ("control characters", "a\x00b\x01c\x07d\x1be\x7f [@c1]\n\x0c\n"),
    ("private use", "\ue000\ue001\ue002\ue003\ue004 [@c1] \uf8ff\n"),
    ("line separators", "one\u2028two\u2029three\x85four [@c1]\n"),
    ("noncharacters", "\ufffe\uffff\U0001fffe [@c1]\n"),
    ("combining", "e\u0301\u0301\u0301\u0301 [@c1] " + "a" + "\u0300" * 200 + "\n"),
    # mixtures
    (
        "every construct",
        "Title\n=====\n\n## (U) Key Judgments\n\n- (U) Likely [@c1; @c2].\n    - nested [@s3]\n\n"
        "> quote [@c1]\n\n```\n[@c9]\n```\n\n| a | b |\n|---|---|\n| [@c1] | x |\n\nTerm\n:   def [@c2]\n\n"
        "***\n\n    code [@c8]\n\nEnd [@c1, @c2].\n",
    ),
]


# Pieces the generator joins: each a line or a few, in the shapes above.
_PIECES = [
    "# ",
    "## ",
    "   ### ",
    "    ",
    "\t",
    "> ",
    ">> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "    - ",
    "```",
    "~~~",
    "===",
    "---",
    "***",
    "| a | b |",
    "|---|:-:|",
    ":   ",
    "[@c1]",
    "[@c1, @c2]",
    "[@c1; @s3]",
    "[@c9]",
    "`",
    "``",
    "*",
    "**",
    "_",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "<",
    ">",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "&amp;",
    "&#",
    "\\",
    "{: .x }",
    "(U) ",
    "(S//NF) ",
    "[x]: /u",
    "[^1]",
    "text",
    "words here",
    "שלום",
    "\u202e",
    "  ",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
]


def generated(count: int, seed: int = 11, pieces: int = 40) -> list[str]:
    """``count`` bodies of up to ``pieces`` random pieces each (seeded: the same list every run)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, pieces))) for _ in range(count)]
