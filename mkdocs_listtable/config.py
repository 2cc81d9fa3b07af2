"""The plugin's options, typed (`plugins: - listtable: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .model import MODES, as_mode


class _Mode(c.Choice[str]):
    """A validation mode; YAML reads a bare `off` as false, which means `off` here."""

    def run_validation(self, value: object) -> str:
        return str(super().run_validation(as_mode(value) or value))


class ListTableConfig(base.Config):
    """Options of the `listtable` plugin."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (for example from an environment variable)."""

    # Validation
    validation = _Mode(MODES, default="warn")
    """Mode of tables that set no `validation` attribute: `strict`, `warn` or `off`."""

    # Source toggles
    source_toggle = c.Type(bool, default=True)
    """Show an "MDX source" toggle after each table (per table: `showSource`)."""
    source_label = c.Type(str, default="MDX source")
    """Summary text of the source toggles."""

    # Looks
    include_css = c.Type(bool, default=True)
    """Ship the stylesheet and link it from every page."""
