"""Entry point: run the agents once and print the results."""

import json

from .app import run


def main() -> None:
    print(json.dumps(run(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
