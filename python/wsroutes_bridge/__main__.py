"""Entry point: `python -m wsroutes_bridge --app module:attr [--app-dir DIR]`."""

import sys

if __name__ == "__main__":
    from .main import main

    sys.exit(main(sys.argv[1:]))
