"""Messages next to the fields of the intake wizard."""

from __future__ import annotations

from ..forms import InlineMessage


def add_message(message: InlineMessage, text: str) -> None:
    """Show ``text`` under a field, after what it already says (two problems with one field are
    both shown, each once)."""
    shown = "" if message.isHidden() else message.text()
    lines = [line for line in shown.split("\n") if line]
    if text not in lines:
        lines.append(text)
    message.show_message("\n".join(lines))
