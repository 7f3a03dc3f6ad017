"""The format declaration, the report model and the consistency rules. Never imports Qt."""
