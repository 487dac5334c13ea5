"""Structured analysis on graded claims.

- ``app.analysis.ach``: analysis of competing hypotheses per brief (``lib.ach``): hypotheses, the matrix's
  claims, ratings on Heuer's scale, and the computed matrix (scores, ranking, diagnosticity, suggestions
  from denials, sensitivity).
- ``app.analysis.scoring``: the arithmetic, pure and exact; its docstring states the weight formula and why.
- ``app.analysis.assumptions``: the key assumptions check per brief (``lib.assumptions``).
- ``app.analysis.timeline``: who said what, when (``lib.timeline``).
- ``app.analysis.model``: the values they take and return (the stored records and scales in
  ``app.analysis.records``, re-exported).
"""
