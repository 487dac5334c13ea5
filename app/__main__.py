import gc

gc.disable()  # start-up without the cyclic collector (app.cli.common.pause_collector says why)

from app.cli import main  # noqa: E402

raise SystemExit(main(own_process=True))
