"""``python -m vetting`` is the same as the ``vetting`` command."""

from vetting.cli import main

raise SystemExit(main())
