"""A refusal from the core as the chat shows it, in the page's or the question's language."""

from __future__ import annotations

from core.errors import PolicybotError
from core.language import Lang
from ui.i18n import MESSAGES, t
from ui.policy_card import escape


def error_text(lang: Lang, exc: PolicybotError) -> str:
    """A refusal in ``lang``: the core's public detail, introduced in Chinese for Chinese askers."""
    key = f"error_{type(exc).__name__}"
    key = key if key in MESSAGES[lang] else "error_other"
    return f"**{t(lang, 'error')}** {t(lang, key, detail=escape(exc.public()))}"
