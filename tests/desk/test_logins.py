"""Login rate limiting in LAN mode: bounded failures per account and per client
address, a lockout that doubles up to a ceiling, a clear 429, an audit record,
bounded memory."""

from __future__ import annotations

import pytest

from pipeline.web.logins import LoginLimiter, Policy
from tests.desk.test_app import _login, lan_app  # noqa: F401 (fixture)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_an_account_is_locked_after_its_failures_with_a_doubling_lockout(clock):
    lim = LoginLimiter(Policy(3, window=600, lockout=60, max_lockout=200), Policy(100), clock=clock)
    assert lim.failed("kim", "10.0.0.1") == [] and lim.failed("kim", "10.0.0.2") == []
    assert lim.check("kim", "10.0.0.3") is None
    [lock] = lim.failed("kim", "10.0.0.3")  # the third failure, whatever the address
    assert (lock.kind, lock.key, lock.seconds) == ("account", "kim", 60)
    refused = lim.check("kim", "10.0.0.9")
    assert refused is not None and refused.seconds == 60 and "for this name" in refused.message()
    assert lim.check("lee", "10.0.0.9") is None  # other accounts are not affected
    clock.t += 61
    assert lim.check("kim", "10.0.0.1") is None
    lim.failed("kim", "a"), lim.failed("kim", "a")
    assert lim.failed("kim", "a")[0].seconds == 120  # the second lockout doubles
    clock.t += 121
    for _ in range(2):
        lim.failed("kim", "a")
    assert lim.failed("kim", "a")[0].seconds == 200  # … up to the ceiling
    clock.t += 200 + 900  # a whole window after the lockout (and the address's window): forgotten
    assert lim.check("kim", "a") is None and len(lim) == 0


def test_failures_outside_the_window_do_not_count_and_success_clears(clock):
    lim = LoginLimiter(Policy(3, window=60), Policy(100), clock=clock)
    lim.failed("kim", "a"), lim.failed("kim", "a")
    clock.t += 61
    assert lim.failed("kim", "a") == []  # the two earlier ones left the window
    lim.failed("kim", "a")
    lim.succeeded("kim")
    assert lim.failed("kim", "a") == [] and lim.failed("kim", "a") == []


def test_an_address_trying_many_names_is_locked(clock):
    lim = LoginLimiter(Policy(5), Policy(4, lockout=30), clock=clock)
    started = [lim.failed(f"user{i}", "10.0.0.66") for i in range(4)]
    assert started[:3] == [[], [], []] and started[3][0].kind == "address"
    refused = lim.check("kim", "10.0.0.66")
    assert refused is not None and "from this address" in refused.message()
    assert lim.check("kim", "10.0.0.67") is None


def test_memory_is_bounded_and_keeps_the_locked_entries(clock):
    lim = LoginLimiter(Policy(2), Policy(10_000), max_keys=50, clock=clock)
    lim.failed("victim", "x"), lim.failed("victim", "x")  # locked
    for i in range(5000):
        lim.failed(f"n{i}", f"10.1.{i // 250}.{i % 250}")
    assert len(lim) <= 50
    assert lim.check("victim", "elsewhere") is not None  # flooding names did not unlock it


def test_lan_login_is_locked_out_with_a_clear_message_and_an_audit_record(lan_app, monkeypatch):  # noqa: F811
    from pipeline.desk.store import DeskStore
    from pipeline.web import logins

    c = lan_app.test_client()
    for _ in range(logins.ACCOUNT_POLICY.failures - 1):
        assert _login(c, "kim", "wrong password").status_code == 401
    r = _login(c, "kim", "wrong password")
    assert r.status_code == 429 and "too many failed logins for this name" in r.get_data(as_text=True)
    checked = []
    real = DeskStore.check_password
    monkeypatch.setattr(DeskStore, "check_password", lambda self, n, p: checked.append(n) or real(self, n, p))
    r = _login(c, "kim", "chief password")  # the right password, while locked: refused unchecked
    assert r.status_code == 429 and checked == [] and "try again in" in r.get_data(as_text=True)
    assert c.get("/").status_code == 303  # not logged in
    assert _login(c, "lee", "editor password").status_code == 303  # another account still logs in
    store = lan_app.extensions["zhko_desk"]["store"]
    [rec] = [a for a in store.audit() if a["action"] == "login-lockout"]
    assert rec["target"] == "account:kim" and rec["after"]["seconds"] == 60
