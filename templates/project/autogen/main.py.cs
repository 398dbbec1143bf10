"""Entry point: run the team once and print its final message."""

import asyncio

from .app import run


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
