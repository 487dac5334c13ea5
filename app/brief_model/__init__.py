"""One reading of a brief's Markdown for every part of the app: see :mod:`app.brief_model.model`.

    model = parse_brief(body)
    model.headings            # Heading(level, raw_title, title, start, content_start, end, index, setext)
    model.blocks              # Block(kind, start, end, heading, depth, quote, level, item, mark, ...): portions
    model.code_blocks         # Block(kind="code", ...)
    model.citations           # Citation(key, kind, ident, line, column, start, end, group_start, group_end,
                              #          section, block, heading, group), in reading order, none in code
    model.block_at(offset), model.section_range(heading), model.line_col(offset), model.scrubbed

The renderers use :mod:`app.brief_model.render` (the tree Python-Markdown makes of ``model.parse_text``, with
the citations as tokens); Python-Markdown is configured in :mod:`app.brief_model.pm` only.
"""

from app.brief_model.model import Block, BriefModel, Citation, Heading, banner_of, parse_brief

__all__ = ["Block", "BriefModel", "Citation", "Heading", "banner_of", "parse_brief"]
