"""Play by e-mail: turn files two players exchange by any means, checked on opening.

Pure core code (no pygame): ``turnfile`` is the file format and its checks, ``seeds`` the
commit-reveal that makes the game's seed from a secret of each player, ``folder`` the player's
own record of each game (secrets, the files exchanged, the unsent phase), ``exchange`` the
protocol that ties them to a ``Game``, and ``playback`` what the receiver may see of the
opponent's orders. The UI and the CLI only call these.
"""
