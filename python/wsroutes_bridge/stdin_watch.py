"""Ends the bridge when its parent goes away: the parent holds our stdin's write end, so EOF on
stdin means wsroutes exited (even by SIGKILL). A daemon thread waits for it and calls os._exit,
which works even when the app has frozen the event loop (time.sleep in a handler)."""

from __future__ import annotations

import os
import threading


def _wait_for_eof() -> None:
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    os._exit(0)


def exit_when_stdin_closes() -> None:
    threading.Thread(target=_wait_for_eof, name="wsroutes-stdin-watch", daemon=True).start()
