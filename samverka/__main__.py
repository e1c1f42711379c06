"""`python -m samverka` runs the command line."""

from samverka.cli import main

raise SystemExit(main())
