from __future__ import annotations

import multiprocessing
import time
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from generator.errors import LockError
from generator.lock import site_lock


def _hold(state_dir: str, seconds: float, started: Event) -> None:
    with site_lock(Path(state_dir)):
        started.set()
        time.sleep(seconds)


def test_second_run_waits_then_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    started = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold, args=(str(tmp_path), 3.0, started))
    holder.start()
    try:
        assert started.wait(10)
        with pytest.raises(LockError, match=r"another newsroom run .*pid"), site_lock(tmp_path, wait=0.3):
            pass
    finally:
        holder.join()


def test_lock_is_released_when_the_holder_dies(tmp_path: Path) -> None:
    started = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold, args=(str(tmp_path), 60.0, started))
    holder.start()
    assert started.wait(10)
    holder.kill()  # SIGKILL: no cleanup code runs
    holder.join()
    with site_lock(tmp_path, wait=2):
        pass


def test_waiting_run_proceeds_when_the_first_finishes(tmp_path: Path) -> None:
    started = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold, args=(str(tmp_path), 0.5, started))
    holder.start()
    assert started.wait(10)
    began = time.monotonic()
    with site_lock(tmp_path, wait=10):
        waited = time.monotonic() - began
    holder.join()
    assert 0.1 < waited < 10
