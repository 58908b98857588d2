from __future__ import annotations

import multiprocessing
import os
import time
from multiprocessing.queues import Queue
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


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _hold_with_read_workers(state_dir: str, started: Event, worker_pids: Queue[int]) -> None:
    """A run's shape: the lock held, then a fork pool of read workers (as ``pipeline.read_all`` makes)."""
    from concurrent.futures import ProcessPoolExecutor

    from generator.pipeline import _start_worker

    with site_lock(Path(state_dir)):
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(2, context, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
            futures = [pool.submit(_sleep, 60.0) for _ in range(2)]
            for pid in pool._processes:  # the workers exist once submit() returns
                worker_pids.put(pid)
            started.set()
            for future in futures:
                future.result()


def test_read_workers_die_with_a_killed_run_and_never_keep_the_lock(tmp_path: Path) -> None:
    started = multiprocessing.Event()
    pids: Queue[int] = multiprocessing.Queue()
    holder = multiprocessing.Process(target=_hold_with_read_workers, args=(str(tmp_path), started, pids))
    holder.start()
    assert started.wait(20)
    workers = [pids.get(timeout=5) for _ in range(2)]
    holder.kill()  # SIGKILL the run while its workers are busy
    holder.join()
    with site_lock(tmp_path, wait=5):  # a worker's inherited descriptor would keep the flock held
        pass
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())  # a zombie has exited
