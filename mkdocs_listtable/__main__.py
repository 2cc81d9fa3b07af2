"""`python -m mkdocs_listtable check [PATHS…]`: the `mkdocs-listtable` command."""

from .cli import main

raise SystemExit(main())
