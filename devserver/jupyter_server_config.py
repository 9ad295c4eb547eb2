"""jupyter_server config for local runs (integration tests, bench): kernel websockets without
Nagle delays. Pass it with `--config=devserver/jupyter_server_config.py`."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from nodelay import enable_nodelay  # noqa: E402

enable_nodelay()
