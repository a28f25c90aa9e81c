"""A time limit for one example that stops it even when it hangs.

The limit is a real-time interval timer: when it fires, a signal handler
raises ExampleTimeout in the main thread, which interrupts a blocked event
loop or a sleeping call alike, so the run can go on with the next page.
"""

import signal
import threading
from contextlib import contextmanager


class ExampleTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds):
    if threading.current_thread() is not threading.main_thread():
        # Signals only reach the main thread; elsewhere the caller's own
        # limit (pytest-timeout) is the backstop.
        yield
        return

    def expire(signum, frame):
        raise ExampleTimeout(f"did not finish within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
