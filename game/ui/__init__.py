"""The desktop screen: the only package that imports pygame (and, later, pygame_gui).

``app`` runs the window (``run``) around an ``App`` that turns input into Orders for the
engine; ``screenshot`` draws the same screen offscreen. The map is drawn from cached
surfaces: ``maplayer`` (terrain tiles, built with ``hexdraw``), ``counters`` (NATO counters
and their warning marks), ``overlays`` (range, path, labels, and the tiled supply / zone /
fortification layers that ``mapoverlays`` switches); ``camera`` does zoom and pan, ``panels``
and ``info`` the bars and side panel, ``palette`` the colours, ``text`` the fonts. Floating
boxes share ``widgets``: the attack preview and result (``combat_panel``, its words in
``combat_info``), the event log (``eventlog``) and the help screen (``help``).
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout clean for CLI output
