"""The plain-Japanese engine must not make the service heavy: no spaCy, no PyTorch, one Sudachi dictionary."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
def rss_mb():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) // 1024
from knowledge.tokenizers import tokenizer_for
tokenizer_for("ja")("在留カード")          # the search index's Sudachi, loaded as in the service
before = rss_mb()
from bot.plain import furigana
furigana("在留カードをなくしました")
print("torch" in sys.modules, "spacy" in sys.modules, rss_mb() - before)
"""


def test_furigana_adds_little_memory_to_the_service():
    torch_loaded, spacy_loaded, added_mb = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert torch_loaded == "False"  # thinc would import torch (the test extra installs it): 260 MB
    assert spacy_loaded == "False"  # the engine reads Sudachi's morphemes itself
    assert int(added_mb) < 150  # rules + levels; a second Sudachi dictionary would add ~80 MB more
