"""Entry point: run the workflow once and print the answer."""

import asyncio

from .app import run


def main() -> None:
    print(asyncio.run(run()))


if __name__ == "__main__":
    main()
