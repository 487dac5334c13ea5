"""The house Word template (made by scripts/make_template.py)."""
