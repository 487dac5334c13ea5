import gc

gc.disable()  # start-up without the cyclic collector (app.cli.common.pause_collector says why)

from app.cli import console  # noqa: E402

console()
