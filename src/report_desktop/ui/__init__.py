"""Widgets, Qt item models, pages and dialogs. The only package that imports QtWidgets."""
