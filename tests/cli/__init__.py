"""Tests of the ``mcda`` command line, one file per command module of ``mcda.cli``."""
