"""The intake desk: the new encounter wizard (``wizard.IntakeWizard``) and its parts.

Import the wizard from ``app.ui.intake.wizard``; this package's ``__init__`` imports nothing, so
that ``document_builder`` and ``problem_paths`` (pure Python) load without Qt.
"""
