"""Kinlink: the station (``app``) and, beside it, the registry (``sync``).

``__version__`` is the one place the version is written: the package's metadata (pyproject.toml reads
it), ``kinlink --version``, the app's About box, the Debian package (``scripts/package``) and the
CHANGELOG's newest heading (a test checks they agree).
"""

__version__ = "0.1.0"
