"""Entry point: run the graph once on the project's idea and print every task's output."""

import json

from . import plan
from .graph import build_graph


def run(request: str = plan.IDEA) -> dict:
    return dict(build_graph().invoke({"request": request}))


def main() -> None:
    print(json.dumps(run(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
