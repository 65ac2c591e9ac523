"""Gradio "Find policies for my company" tab: a short company profile, and the policies in force
that may apply, each condition checked (``bot.finder.match.find_policies``, as ``POST /api/match``).

Thin: the callback admits the asker exactly as the chat's Ask box does (``PolicyBot.admit``: the
API key when one is required, and the shared rate limit), reads the form into the core's
``Profile``, makes one core call and renders its result (``ui/finder_render.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import gradio as gr

from bot.finder.match import Profile, find_policies
from bot.service import PolicyBot
from core.dates import parse_iso
from core.errors import PolicybotError
from core.language import Lang
from core.validity import today
from ui.documents_tab import address_of
from ui.errors import error_text
from ui.finder_render import render_matches
from ui.i18n import t

SIZES = ("micro", "small", "medium", "large")
UNSAID = "unsaid"  # the radio buttons' "not said": the profile leaves the field out
TOP = {"USD": 1e13, "CNY": 1e14, "employees": 10_000_000}  # the bounds of POST /api/match's ProfileIn
MAX_TEXT = 100


class FormError(ValueError):
    """The form holds a value the finder cannot take; the message is in the page's language."""


def _amount(value: float | str | None, top: float, label: str, lang: Lang) -> float | None:
    """A number the member typed ("8,000,000"); empty is "not said", never 0."""
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("，", "")
        if not value:
            return None
        try:
            value = float(value)
        except ValueError:
            raise FormError(t(lang, "finder_bad_number", field=label, top=f"{top:,.0f}")) from None
    if value is None:
        return None
    if not 0 <= value <= top:  # also NaN
        raise FormError(t(lang, "finder_bad_number", field=label, top=f"{top:,.0f}"))
    return float(value)


def _flag(choice: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(choice or UNSAID)


def read_form(form: dict[str, Any], lang: Lang) -> tuple[Profile, dt.date | None]:
    """The profile the form states (empty or "not said" fields stay None) and its as-of day."""
    currency = "CNY" if form.get("currency") == "CNY" else "USD"
    exports = _amount(form.get("exports"), TOP[currency], t(lang, "finder_exports"), lang)
    employees = _amount(form.get("employees"), TOP["employees"], t(lang, "finder_employees"), lang)
    size = form.get("size")
    try:
        day = parse_iso((form.get("as_of") or "").strip() or None, "as_of")
    except PolicybotError as exc:
        raise FormError(t(lang, "finder_bad_date")) from exc
    profile = Profile(
        region=(form.get("region") or "").strip()[:MAX_TEXT] or None,
        sector=(form.get("sector") or "").strip()[:MAX_TEXT] or None,
        annual_exports_usd=exports if currency == "USD" else None,
        annual_exports_cny=exports if currency == "CNY" else None,
        employees=None if employees is None else round(employees),
        enterprise_size=size if size in SIZES else None,
        first_time=_flag(form.get("first_time")),
        has_violations=_flag(form.get("violations")),
    )
    return profile, day


def find(bot: PolicyBot, form: dict[str, Any], key: str | None = None, address: str | None = None,
         lang: Lang = "en") -> str:
    """Markdown for the policies that may apply to the company the form describes."""
    try:
        bot.admit((key or "").strip() or None, address)
        profile, day = read_form(form, lang)
        result = find_policies(bot.index().data.documents, profile, day or today(), lang, bot.settings.cny_per_usd)
    except FormError as exc:
        return f"**{t(lang, 'error')}** {exc}"
    except PolicybotError as exc:
        return error_text(lang, exc)
    return render_matches(result, lang)


def _tristate(lang: Lang) -> list[tuple[str, str]]:
    return [(t(lang, "finder_not_said"), UNSAID), (t(lang, "finder_yes"), "yes"), (t(lang, "finder_no"), "no")]


def finder_tab(bot: PolicyBot, lang: Lang = "en") -> None:
    """Render inside an open gr.Blocks, labelled in ``lang``."""
    with gr.Tab(t(lang, "tab_finder"), elem_id="finder-tab"):
        gr.Markdown(t(lang, "finder_intro"))
        # Without anonymous use the finder asks for the same API key as /api/match and the chat.
        key = gr.Textbox(label=t(lang, "api_key"), type="password", visible=not bot.settings.allow_anonymous)
        with gr.Row():
            region = gr.Textbox(label=t(lang, "finder_region"), placeholder=t(lang, "finder_region_hint"),
                                max_length=MAX_TEXT, elem_id="finder-region")
            sector = gr.Textbox(label=t(lang, "finder_sector"), placeholder=t(lang, "finder_sector_hint"),
                                max_length=MAX_TEXT, elem_id="finder-sector")
        with gr.Row():
            # Text boxes, not gr.Number: that shows (and sends) 0 for a field left empty, and a
            # company that did not say its exports is not a company exporting nothing.
            exports = gr.Textbox(label=t(lang, "finder_exports"), max_length=20, elem_id="finder-exports")
            currency = gr.Radio([(t(lang, "finder_usd"), "USD"), (t(lang, "finder_cny"), "CNY")], value="USD",
                                label=t(lang, "finder_currency"), elem_id="finder-currency")
            employees = gr.Textbox(label=t(lang, "finder_employees"), max_length=20, elem_id="finder-employees")
        size = gr.Radio([(t(lang, "finder_not_said"), UNSAID)] + [(t(lang, f"finder_{s}"), s) for s in SIZES],
                        value=UNSAID, label=t(lang, "finder_size"), elem_id="finder-size")
        with gr.Row():
            first_time = gr.Radio(_tristate(lang), value=UNSAID, label=t(lang, "finder_first_time"),
                                  elem_id="finder-first-time")
            violations = gr.Radio(_tristate(lang), value=UNSAID, label=t(lang, "finder_violations"),
                                  elem_id="finder-violations")
        with gr.Row():
            as_of = gr.Textbox(label=t(lang, "finder_as_of"), max_length=10, scale=2, elem_id="finder-as-of")
            go = gr.Button(t(lang, "finder_find"), variant="primary", scale=1, elem_id="finder-find")
        result = gr.Markdown(elem_id="finder-result")

        def on_find(region_: str, sector_: str, exports_: str | None, currency_: str,
                    employees_: str | None, size_: str, first_time_: str, violations_: str, as_of_: str,
                    api_key: str, request: gr.Request) -> str:
            form = {"region": region_, "sector": sector_, "exports": exports_, "currency": currency_,
                    "employees": employees_, "size": size_, "first_time": first_time_,
                    "violations": violations_, "as_of": as_of_}
            return find(bot, form, api_key, address_of(request), lang)

        inputs = [region, sector, exports, currency, employees, size, first_time, violations, as_of, key]
        go.click(on_find, inputs, result, api_name=False)
