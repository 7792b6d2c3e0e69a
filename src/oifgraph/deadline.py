"""Run a job that writes a stream, in a child process that is abandoned when it takes too long.

pyoxigraph has no query timeout and may hold the GIL while it evaluates, so a thread cannot be
relied on to give up. The job runs in a forked child that writes into a pipe; the parent relays
what arrives (results stream through, never held whole) and kills the child at the deadline.
An :class:`OifgraphError` raised in the child is raised again in the parent.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from typing import BinaryIO

from .errors import OifgraphError

_CHUNK = 64 * 1024
_REPORT_MAX = 16 * 1024  # bytes of a pickled error; a pipe holds at least 64 KB on Linux


class DeadlineExceeded(OifgraphError):
    """The job ran longer than it was allowed to."""


def _child(job: Callable[[BinaryIO], None], write_fd: int, report_fd: int) -> int:
    """In the forked child: run the job; an error goes back pickled on ``report_fd``."""
    error: OifgraphError | None = None
    try:
        with os.fdopen(write_fd, "wb") as stream:
            job(stream)
    except BrokenPipeError:
        pass  # the parent stopped reading
    except OifgraphError as exc:
        error = exc
    except BaseException as exc:  # anything else still reaches the user as one line
        error = OifgraphError(f"{type(exc).__name__}: {exc}")
    if error is None:
        return 0
    import pickle  # (here: a query that succeeds does not pay for the import)

    try:
        payload = pickle.dumps(error)
    except Exception:  # an error that cannot be pickled still reaches the user as one line
        payload = pickle.dumps(OifgraphError(str(error)))
    if len(payload) > _REPORT_MAX:  # the parent reads it after the child ends: it must fit the pipe
        short = str(error)[: _REPORT_MAX // 4] + " ..."
        try:
            payload = pickle.dumps(type(error)(short))
        except Exception:  # an error class that takes other arguments
            payload = pickle.dumps(OifgraphError(short))
    with os.fdopen(report_fd, "wb") as report:
        report.write(payload)
    return 1


def can_abandon() -> bool:
    """Whether jobs can run under a deadline here (it needs fork: Linux and other Unixes)."""
    return hasattr(os, "fork")


def run_with_deadline(job: Callable[[BinaryIO], None], output: BinaryIO, seconds: float) -> None:
    """``job(stream)`` in a child process; what it writes goes to ``output`` as it comes.

    Raises :class:`DeadlineExceeded` (the child is killed) when it is not done after ``seconds``.
    The child is a bare ``os.fork``: ``multiprocessing`` would cost a query's start-up more than
    the query (its import alone takes about 20 ms).
    """
    read_fd, write_fd = os.pipe()
    report_read, report_write = os.pipe()
    for stream in (sys.stdout, sys.stderr, output):
        stream.flush()  # or the child would write the parent's pending output a second time
    deadline = time.monotonic() + seconds
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_fd)
            os.close(report_read)
            code = _child(job, write_fd, report_write)
        finally:
            os._exit(code)  # never back into the parent's code, its atexit handlers or buffers
    os.close(write_fd)
    os.close(report_write)
    status: int | None = None
    try:
        with os.fdopen(read_fd, "rb", buffering=0) as pipe:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DeadlineExceeded(f"abandoned after {seconds:g} s")
                ready, _, _ = select.select([pipe], [], [], left)
                if ready:
                    chunk = pipe.read(_CHUNK)
                    if not chunk:
                        break
                    output.write(chunk)
        status = _wait(pid, deadline)
        if status is None:
            raise DeadlineExceeded(f"abandoned after {seconds:g} s")
        with os.fdopen(report_read, "rb") as report:
            payload = report.read()
        report_read = -1
        if payload:
            import pickle

            raise pickle.loads(payload)
        if status:
            raise OifgraphError(f"the worker process ended abnormally (exit code {status})")
    finally:
        if report_read >= 0:
            os.close(report_read)
        if status is None:  # still running: abandoned
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _wait(pid: int, deadline: float) -> int | None:
    """The child's exit code once it ends, or None if it is still running at the deadline."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.001)
