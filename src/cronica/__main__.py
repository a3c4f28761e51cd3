import sys

from cronica.cli import main

sys.exit(main())
