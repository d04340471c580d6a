"""Bounded failed-login tracking for the desk's LAN mode (accounts).

WHY: on a newsroom LAN anyone who can reach the port can try passwords. scrypt
makes each guess cost ~50 ms of the server's CPU, which still allows tens of
thousands of guesses a day per account. So failures are counted per **account
name** and per **client address**, each in a sliding window; past the limit
that name (or address) is locked out for a while, the lockout doubling with
each further lockout up to a ceiling. While locked, a login is refused at once
(HTTP 429) without checking the password, so a locked attacker costs nothing
and learns nothing, not even whether the password was right.

Memory is bounded: at most ``max_keys`` names and addresses are tracked; when
full, the least recently failed entry that is not locked goes first (only when
every entry is locked does a locked one go). Entries whose window and lockout
have passed are dropped as they are met. A success clears that name's failures
(not the address's: one right password must not reset a guessing address).

Known limits: an attacker can lock a real editor's name out for a while (the
ceiling bounds it); behind a reverse proxy every client has the proxy's address.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Policy:
    """``failures`` within ``window`` seconds lock the key for ``lockout``
    seconds, doubled on each further lockout (at most ``max_lockout``)."""

    failures: int
    window: float = 15 * 60
    lockout: float = 60
    max_lockout: float = 15 * 60


#: Per account name: a person mistyping does not hit this; a guesser does.
ACCOUNT_POLICY = Policy(failures=5)
#: Per client address: one machine trying many names.
ADDRESS_POLICY = Policy(failures=20)


@dataclass
class _Entry:
    times: list[float] = field(default_factory=list)  # failures within the window (at most policy.failures)
    locked_until: float = 0.0
    strikes: int = 0  # lockouts so far (the next one lasts lockout * 2**strikes)
    last: float = 0.0  # last failure or lockout


@dataclass
class Lockout:
    """A refusal: which kind of key is locked and for how many more seconds."""

    kind: str  # "account" | "address"
    key: str
    seconds: int

    def message(self) -> str:
        what = "for this name" if self.kind == "account" else "from this address"
        return (f"too many failed logins {what}: try again in {self.seconds} s "
                "(ask a chief editor if you forgot the password)")


class LoginLimiter:
    """Counts failed logins; thread-safe (waitress serves from several threads)."""

    def __init__(self, account: Policy = ACCOUNT_POLICY, address: Policy = ADDRESS_POLICY, *,
                 max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.policies = {"account": account, "address": address}
        self.max_keys = max_keys
        self.clock = clock
        self._entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def check(self, name: str, address: str) -> Lockout | None:
        """The lockout refusing a login of ``name`` from ``address`` now, if any."""
        now = self.clock()
        with self._lock:
            self._expire(now)
            for kind, key in (("account", name), ("address", address)):
                e = self._live(kind, key, now)
                if e is not None and e.locked_until > now:
                    return Lockout(kind, key, max(1, int(e.locked_until - now + 0.999)))
        return None

    def failed(self, name: str, address: str) -> list[Lockout]:
        """Count a failed login; returns the lockouts it starts (to audit)."""
        now = self.clock()
        started = []
        with self._lock:
            for kind, key in (("account", name), ("address", address)):
                policy = self.policies[kind]
                e = self._live(kind, key, now) or _Entry()
                keep = [t for t in e.times if now - t < policy.window]
                e.times = keep[max(0, len(keep) - policy.failures + 1):] + [now]
                e.last = now
                if len(e.times) >= policy.failures:
                    seconds = min(policy.max_lockout, policy.lockout * 2 ** e.strikes)
                    e.locked_until, e.strikes, e.times = now + seconds, e.strikes + 1, []
                    started.append(Lockout(kind, key, int(seconds)))
                self._entries[(kind, key)] = e
                self._entries.move_to_end((kind, key))
            self._expire(now)
            self._bound(now)
        return started

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._entries.pop(("account", name), None)

    def _live(self, kind: str, key: str, now: float) -> _Entry | None:
        """The entry, or None when it has nothing left to remember."""
        e = self._entries.get((kind, key))
        if e is None:
            return None
        policy = self.policies[kind]
        # strikes are forgotten once a whole window passes after the lockout ends
        if e.locked_until <= now and now - max(e.last, e.locked_until) >= policy.window:
            del self._entries[(kind, key)]
            return None
        return e

    def _expire(self, now: float) -> None:
        """Drop the entries with nothing left to remember, oldest first (entries
        are kept in the order of their last failure)."""
        while self._entries:
            kind, key = next(iter(self._entries))
            if self._live(kind, key, now) is not None:
                break

    def _bound(self, now: float) -> None:
        while len(self._entries) > self.max_keys:
            victim = next((k for k, e in self._entries.items() if e.locked_until <= now),
                          next(iter(self._entries)))
            del self._entries[victim]
