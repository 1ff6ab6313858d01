"""`python -m desktop_app`: the same entry point as the `postdesk` command."""

import sys

from desktop_app.cli import main

sys.exit(main())
