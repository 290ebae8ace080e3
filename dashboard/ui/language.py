"""The interface's language for a session: `?lang=uk` / `?lang=en` in the URL (whenever it
differs from the browser's choice), kept in the session, first chosen from the browser's
Accept-Language, switched in the sidebar on every page.

`apply_language()` runs at the start of every script run (app.py) and sets core's context
variable; a fragment's rerun, which skips app.py, reads the session's language through the
fallback registered here.
"""

from __future__ import annotations

import json
import threading

import streamlit as st

from dashboard.core.base.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    from_accept_language,
    normalise,
    set_fallback,
    set_language,
)

LANGUAGE = "lang"  # session-state key, URL parameter and the switch's widget key
SWITCH = "lang_switch"
# Labelled in both languages: a reader who cannot read the current one still finds it.
SWITCH_LABEL = "Мова / Language"


SCRIPT_THREAD = "ScriptRunner.scriptThread"  # Streamlit's name for the thread running a page


def _session_language() -> str | None:
    """The session's language, in the thread that runs its script (a fragment's rerun skips
    app.py). Any other thread (a warm-up, a render) draws in English unless it is told: a
    background build must not cache one session's language for everyone."""
    if threading.current_thread().name != SCRIPT_THREAD:
        return None
    try:
        return st.session_state.get(LANGUAGE)
    except Exception:  # no session to read
        return None


set_fallback(_session_language)


def _browser_language() -> str:
    try:
        return from_accept_language(st.context.headers.get("Accept-Language"))
    except Exception:  # AppTest and bare runs have no request headers
        return from_accept_language(None)


def apply_language() -> str:
    """Decide this run's language (URL, else session, else browser), set it, keep it in the
    URL and the session; returns it."""
    from_url = normalise(st.query_params.get(LANGUAGE))
    chosen = st.session_state.get(SWITCH) if st.session_state.get(SWITCH) in LANGUAGES else None
    if chosen and chosen != st.session_state.get(LANGUAGE):  # the switch was just used
        lang = chosen
    else:
        lang = from_url or normalise(st.session_state.get(LANGUAGE)) or _browser_language()
    st.session_state[LANGUAGE] = lang
    st.session_state[SWITCH] = lang
    # In the URL when it is not what the browser would choose: a copied link opens in the same
    # language, and a link in the reader's own language stays short.
    if lang != _browser_language():
        if st.query_params.get(LANGUAGE) != lang:
            st.query_params[LANGUAGE] = lang
    elif LANGUAGE in st.query_params:
        del st.query_params[LANGUAGE]
    return set_language(lang)


def render_language_switch(lang: str) -> None:
    """The sidebar's language control, on every page, and the page's `lang` attribute (a
    screen reader reads Ukrainian as Ukrainian; quotes carry lang="en" of their own)."""
    # A radio, not a segmented control: its chosen option keeps full contrast (axe).
    st.sidebar.radio(
        SWITCH_LABEL,
        LANGUAGES,
        key=SWITCH,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
    )
    st.sidebar.html(  # in the sidebar: an element holding only a script still takes a gap
        f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
        unsafe_allow_javascript=True,
    )


def start_language() -> str:
    """A run's start (app.py): set its language and draw the switch; returns the language."""
    lang = apply_language()
    render_language_switch(lang)
    return lang


MARK_ENGLISH = """<script>(() => {
  // a widget's option labels that are the sources' words: lang="en", as Streamlit cannot say
  const mark = () => document.querySelectorAll(%s).forEach(el => el.setAttribute('lang', 'en'));
  mark();
  const box = document.querySelector(%s);
  if (box && !box.dataset.markedEnglish) {
    box.dataset.markedEnglish = '1';
    new MutationObserver(mark).observe(box, {childList: true, subtree: true});
  }
})();</script>"""


def mark_options_english(key: str) -> None:
    """Mark the option labels of the radio in `st.container(key=key)` lang="en": they are
    quotes, shown as written (a screen reader then reads them as English)."""
    box = f".st-key-{key}"
    options = f"{box} [role=radiogroup] label [data-testid=stMarkdownContainer]"
    st.html(MARK_ENGLISH % (json.dumps(options), json.dumps(box)), unsafe_allow_javascript=True)
