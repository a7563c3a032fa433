"""Where the handout checks put their trees, and their head start.

ci_dir(root): $SIGLAB_CI_DIR (tests/run_tests.py points it at a RAM disk), else
root/build/ci. reuse_objects(root, tree): grade/prebuilt.py, which the grader uses
for its own pristine trees too.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
from grade.prebuilt import reuse_objects  # noqa: E402,F401  (re-exported for the checks)


def ci_dir(root: str) -> str:
    return os.environ.get("SIGLAB_CI_DIR") or os.path.join(root, "build", "ci")
