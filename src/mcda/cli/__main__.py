"""``python -m mcda.cli``: the same app as the ``mcda`` console script."""

from . import main

main()
