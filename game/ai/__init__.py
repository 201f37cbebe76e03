"""Computer players. They see only their side's view and give orders through ``Game.play``.

players.py    the registry (``PLAYERS``, ``make_player``), the greedy baseline and ``pass``
planner.py    the AI: ``plan_phase(view)`` decides a phase from a view; ``play_phase`` plays it
situation.py  influence maps from a view: firepower, enemy reach, supply and what own units report
goals.py      objectives, link-ups, fortifications to hold, and which unit goes for which
attacks.py    attack groups and positions scored with the combat preview (encirclement first)
maneuver.py   where every other unit moves: goal fields, supply discipline, danger, garrisons
airpower.py   ground support, air supply, patrols, defensive support, interdiction
landings.py   gathering in ports and landing on visible beaches
lookahead.py  hard's rehearsal: the phase in several styles, each answered by the enemy, the best played
fields.py     cached distance fields to goals per movement class (roads and passes steer them)
config.py     the AI's own weights per difficulty level (easy, normal, hard)
match.py      a whole game between players; runs.py many seeds in parallel; bench.py timings
"""
