"""Print the commands of the README's "Quick start" bash block, one per line (used by CI)."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def quickstart_commands(readme: str) -> list[str]:
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    if block is None:
        raise SystemExit("no bash block in the Quick start section")
    return [line for line in block.group(1).splitlines() if line.strip()]


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print("\n".join(quickstart_commands(path.read_text(encoding="utf-8"))))
