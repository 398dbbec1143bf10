"""Entry point: run the flow once and print every task's output."""

import json

from .flow import ProjectFlow


def run() -> dict:
    flow = ProjectFlow()
    flow.kickoff()
    return dict(flow.state.results)


def main() -> None:
    print(json.dumps(run(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
