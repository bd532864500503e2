"""The records' ``__new__`` lambdas, as ``collections.namedtuple`` writes them, compiled ahead: generated, never edited.

Made by ``python -m simulator.quicktuple`` from the package's records, each under the text it is compiled from;
a text not here is compiled at import instead (slower, never wrong), and ``tests/test_quicktuple.py`` fails
until this file is made again.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
from typing import Any

TUPLES: dict[str, Any] = {}
TUPLES['lambda _cls, name, bg, surface, panel, panel_alpha, text, muted, accent, on_accent, button, button_hover, button_border, button_text, primary, primary_hover, on_primary, disabled, focus, focus_name, bar, on_bar, bar_warn, good, bad, scrim, scrim_alpha, border_width, art_dim: _tuple_new(_cls, (name, bg, surface, panel, panel_alpha, text, muted, accent, on_accent, button, button_hover, button_border, button_text, primary, primary_hover, on_primary, disabled, focus, focus_name, bar, on_bar, bar_warn, good, bad, scrim, scrim_alpha, border_width, art_dim))'] = lambda _cls, name, bg, surface, panel, panel_alpha, text, muted, accent, on_accent, button, button_hover, button_border, button_text, primary, primary_hover, on_primary, disabled, focus, focus_name, bar, on_bar, bar_warn, good, bad, scrim, scrim_alpha, border_width, art_dim: _tuple_new(_cls, (name, bg, surface, panel, panel_alpha, text, muted, accent, on_accent, button, button_hover, button_border, button_text, primary, primary_hover, on_primary, disabled, focus, focus_name, bar, on_bar, bar_warn, good, bad, scrim, scrim_alpha, border_width, art_dim))
TUPLES['lambda _cls, path, auto, seed, speed, screenshots, name, assessment, fullscreen, start_at, set_values, clean: _tuple_new(_cls, (path, auto, seed, speed, screenshots, name, assessment, fullscreen, start_at, set_values, clean))'] = lambda _cls, path, auto, seed, speed, screenshots, name, assessment, fullscreen, start_at, set_values, clean: _tuple_new(_cls, (path, auto, seed, speed, screenshots, name, assessment, fullscreen, start_at, set_values, clean))
TUPLES['lambda _cls, rows, height: _tuple_new(_cls, (rows, height))'] = lambda _cls, rows, height: _tuple_new(_cls, (rows, height))
TUPLES['lambda _cls, spans, bullet, center, space_before, space_after, keep_with_next, whole, carry: _tuple_new(_cls, (spans, bullet, center, space_before, space_after, keep_with_next, whole, carry))'] = lambda _cls, spans, bullet, center, space_before, space_after, keep_with_next, whole, carry: _tuple_new(_cls, (spans, bullet, center, space_before, space_after, keep_with_next, whole, carry))
TUPLES['lambda _cls, text, style, role, x, width: _tuple_new(_cls, (text, style, role, x, width))'] = lambda _cls, text, style, role, x, width: _tuple_new(_cls, (text, style, role, x, width))
TUPLES['lambda _cls, text, style, role: _tuple_new(_cls, (text, style, role))'] = lambda _cls, text, style, role: _tuple_new(_cls, (text, style, role))
TUPLES['lambda _cls, text_size, high_contrast, reduced_motion, no_time_pressure, fullscreen, mode, window, worker_name, seem, self_voicing, speech_rate, voice: _tuple_new(_cls, (text_size, high_contrast, reduced_motion, no_time_pressure, fullscreen, mode, window, worker_name, seem, self_voicing, speech_rate, voice))'] = lambda _cls, text_size, high_contrast, reduced_motion, no_time_pressure, fullscreen, mode, window, worker_name, seem, self_voicing, speech_rate, voice: _tuple_new(_cls, (text_size, high_contrast, reduced_motion, no_time_pressure, fullscreen, mode, window, worker_name, seem, self_voicing, speech_rate, voice))
TUPLES['lambda _cls, width, height, scale, body, small, heading, title, display: _tuple_new(_cls, (width, height, scale, body, small, heading, title, display))'] = lambda _cls, width, height, scale, body, small, heading, title, display: _tuple_new(_cls, (width, height, scale, body, small, heading, title, display))
TUPLES['lambda _cls, y, height, runs: _tuple_new(_cls, (y, height, runs))'] = lambda _cls, y, height, runs: _tuple_new(_cls, (y, height, runs))
