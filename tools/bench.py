"""`make bench`: every figure the project tracks, printed, never judged.

python -m tools.bench
"""

import subprocess
import sys

SECTIONS = [
    ("Examples: time per tier and the runner's overhead", "tools.bench_runner"),
    ("Site: page weight, requests, paint, and build times", "tools.bench_site"),
    ("Test suite: wall time by part, and cost per example-run", "tools.bench_suite"),
    ("The writer's loop: one guide edited, then its tests", "tools.bench_loop"),
    ("Converter: motor_to_pymongo on 10,000 lines of Motor code, one core", "tools.bench_converter"),
]


def main():
    status = 0
    for title, module in SECTIONS:
        print(f"\n== {title} ==\n", flush=True)
        status |= subprocess.call([sys.executable, "-m", module])
    sys.exit(status)


if __name__ == "__main__":
    main()
