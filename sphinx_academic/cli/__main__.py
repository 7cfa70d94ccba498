"""``python -m sphinx_academic.cli``."""

import sys

from . import main

sys.exit(main())
