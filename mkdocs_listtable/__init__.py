"""mkdocs-listtable: tables written as nested Markdown lists, for MkDocs and Python-Markdown."""

__version__ = "0.1.0"
