"""Delete a folder however deep it is: ``remove_tree``.

``shutil.rmtree`` calls itself once per level of folders (Python 3.10 to 3.13): a folder
nested ~1,000 deep in ``output/`` (a copy into itself) ended every build with a
RecursionError as it was cleaned away. This walks with a list instead, holding one open
folder at a time (so no limit on open files either) and no path longer than a name
(so no limit on a path's length). Symbolic links are removed, never followed.

It imports nothing of authorsite's: the detached process that deletes a replaced site
(``write._discard``) runs it from this file in a fresh interpreter.
"""

from __future__ import annotations

import os
from collections.abc import Callable

_FOLDER = (
    os.O_RDONLY
    | getattr(os, "O_DIRECTORY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
# Folders opened relative to an open folder (not on Windows, which has shutil.rmtree's)
_RELATIVE = {os.open, os.unlink, os.rmdir} <= os.supports_dir_fd and os.scandir in os.supports_fd


def remove_tree(path: str | os.PathLike[str], *, ignore_errors: bool = True) -> None:
    """Delete the folder ``path`` and everything in it (a file or link: just it).

    With ``ignore_errors``, what cannot be deleted is left where it is; without, the first
    error is raised (something already gone is no error).
    """
    if not _RELATIVE:
        import shutil

        shutil.rmtree(path, ignore_errors=ignore_errors)
        return
    try:
        fd = os.open(path, _FOLDER)
    except FileNotFoundError:
        return
    except OSError:  # a file, or a link (O_NOFOLLOW): removed itself
        _quietly(ignore_errors, os.unlink, path)
        return
    # Each level below the top: its name and the entries of it still to delete. ``fd`` is
    # the folder being emptied; its parent is reached again through "..", which is its
    # real parent, as no link was followed on the way down.
    stack: list[tuple[str, list[tuple[str, bool]]]] = [("", _entries(fd, ignore_errors))]
    try:
        while stack:
            name, pending = stack[-1]
            if pending:
                entry, is_folder = pending.pop()
                if not is_folder:
                    _quietly(ignore_errors, os.unlink, entry, dir_fd=fd)
                    continue
                try:
                    child = os.open(entry, _FOLDER, dir_fd=fd)
                except FileNotFoundError:
                    continue
                except OSError:
                    if not ignore_errors:
                        raise
                    continue
                os.close(fd)
                fd = child
                stack.append((entry, _entries(fd, ignore_errors)))
                continue
            stack.pop()
            if not stack:
                break
            parent = os.open("..", _FOLDER, dir_fd=fd)
            os.close(fd)
            fd = parent
            _quietly(ignore_errors, os.rmdir, name, dir_fd=fd)
    finally:
        os.close(fd)
    _quietly(ignore_errors, os.rmdir, path)


def _entries(fd: int, ignore_errors: bool) -> list[tuple[str, bool]]:
    """The names in the open folder ``fd``, each with whether it is a folder (not a link)."""
    try:
        with os.scandir(fd) as found:
            return [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in found]
    except OSError:
        if not ignore_errors:
            raise
        return []


def _quietly(
    ignore_errors: bool, func: Callable[..., object], *args: object, **kwargs: object
) -> None:
    """``func(*args, **kwargs)``; an error is raised only without ``ignore_errors``, and
    something already gone is never one."""
    try:
        func(*args, **kwargs)
    except FileNotFoundError:
        pass
    except OSError:
        if not ignore_errors:
            raise
