"""The ``briefdesk`` entry point: the command line, or the desktop app when no command is given.

It lives in ``ui`` so that ``app`` never imports the GUI; Qt is only imported when the app starts.
"""

from __future__ import annotations

from typing import NoReturn


def _gui(library: str | None) -> int:
    from ui.main import run

    return run(library=library)


def main(argv: list[str] | None = None) -> int:
    import gc

    gc.disable()  # start-up without the cyclic collector (app.cli.common.pause_collector says why)
    from app.cli import main as cli_main

    return cli_main(argv, gui=_gui, own_process=True)


def console() -> NoReturn:
    """The ``briefdesk`` console script: as :func:`main`, and once a command has run the process leaves at
    once, skipping the interpreter's teardown (:func:`app.cli.console`)."""
    import gc

    gc.disable()
    from app.cli import console as cli_console

    cli_console(gui=_gui)


if __name__ == "__main__":
    console()
