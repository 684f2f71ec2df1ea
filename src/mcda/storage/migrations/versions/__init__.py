"""The revisions, one file each (``NNNN_slug.py``); see :mod:`mcda.storage.migrations` for how to add one."""
