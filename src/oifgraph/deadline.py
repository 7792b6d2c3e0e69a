"""Run a job that writes a stream, in a child process that is abandoned when it takes too long.

pyoxigraph has no query timeout and may hold the GIL while it evaluates, so a thread cannot be
relied on to give up. The job runs in a forked child that writes into a pipe; the parent relays
what arrives (results stream through, never held whole) and kills the child at the deadline.
An :class:`OifgraphError` raised in the child is raised again in the parent.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import sys
import time
from collections.abc import Callable
from typing import BinaryIO

from .errors import OifgraphError

_CHUNK = 64 * 1024


class DeadlineExceeded(OifgraphError):
    """The job ran longer than it was allowed to."""


def _child(job: Callable[[BinaryIO], None], write_fd: int, read_fd: int, report) -> None:
    os.close(read_fd)
    try:
        with os.fdopen(write_fd, "wb") as stream:
            job(stream)
    except BrokenPipeError:
        pass  # the parent stopped reading
    except OifgraphError as exc:
        report.send(exc)
    except BaseException as exc:  # anything else still reaches the user as one line
        report.send(OifgraphError(f"{type(exc).__name__}: {exc}"))


def can_abandon() -> bool:
    """Whether jobs can run under a deadline here (it needs fork: Linux and other Unixes)."""
    return "fork" in multiprocessing.get_all_start_methods()


def run_with_deadline(job: Callable[[BinaryIO], None], output: BinaryIO, seconds: float) -> None:
    """``job(stream)`` in a child process; what it writes goes to ``output`` as it comes.

    Raises :class:`DeadlineExceeded` (the child is killed) when it is not done after ``seconds``.
    """
    context = multiprocessing.get_context("fork")
    read_fd, write_fd = os.pipe()
    receive, send = context.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr, output):
        stream.flush()  # or the child would write the parent's pending output a second time
    child = context.Process(target=_child, args=(job, write_fd, read_fd, send), daemon=True)
    deadline = time.monotonic() + seconds
    child.start()
    os.close(write_fd)
    send.close()
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
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            raise DeadlineExceeded(f"abandoned after {seconds:g} s")
        error = _received(receive)
        if error is not None:
            raise error
        if child.exitcode:
            raise OifgraphError(f"the worker process ended abnormally (exit code {child.exitcode})")
    finally:
        if child.is_alive():
            child.kill()
            child.join()
        receive.close()


def _received(connection) -> OifgraphError | None:
    """The error the child sent, if any (a closed, empty connection means none)."""
    try:
        return connection.recv() if connection.poll() else None
    except EOFError:
        return None
