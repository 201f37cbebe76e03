"""The desktop screen: the only package that imports pygame.

``window.run`` opens the window around a ``shell.Shell``, which switches between the menus
(``menu``, ``newgame``, ``loadgame``, ``settings_screen``, built from the widgets in ``gui``)
and the map screen ``app.App``. The App owns a ``Game`` and turns input into Orders for it;
``flow`` runs the game around the map: computer phases (``computer``, played back by
``animation``, summed up by ``turnreport``), the hotseat ``handover``, saves, and the end
(``gameover`` with ``charts`` from ``history``). ``session`` says who plays what;
``settings`` holds the player's settings; ``fog`` keeps the log inside the fog of war;
``oob`` and ``victory_panel`` are the order-of-battle browser and the objectives.
``screenshot`` draws the map screen offscreen. The map is drawn from cached surfaces:
``maplayer`` (terrain tiles, built with ``hexdraw``), ``counters`` (NATO counters and their
warning marks), ``overlays`` (range, path, labels, and the tiled supply / zone /
fortification layers that ``mapoverlays`` switches); ``camera`` does zoom and pan, ``panels``
and ``info`` the bars and side panel, ``palette`` the colours, ``text`` the fonts. Floating
boxes share ``widgets``: the attack preview and result (``combat_panel``, its words in
``combat_info``), the event log (``eventlog``) and the help screen (``help``).
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout clean for CLI output
