"""Deep links into the bot (no Telegram import, so the CLI stays light)."""

from __future__ import annotations

import os


def bot_naam() -> str:
    """The bot's username from STJ_BOT_USERNAME (without @)."""
    return (os.environ.get("STJ_BOT_USERNAME") or "STJIntakeBot").lstrip("@")


def deeplink(token: str, bot: str | None = None) -> str:
    """The invite link `https://t.me/<bot>?start=<token>`."""
    return f"https://t.me/{bot or bot_naam()}?start={token}"
