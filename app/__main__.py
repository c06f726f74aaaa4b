"""Serve the app for development: `python -m app [--host H] [--port P]`."""
import argparse
import os

from . import create_app
from .settings import from_environment


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m app", description="Backprop Passo a Passo")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    args = parser.parse_args(argv)
    create_app(from_environment(os.environ)).run(host=args.host, port=args.port, threaded=True)


if __name__ == "__main__":
    main()
