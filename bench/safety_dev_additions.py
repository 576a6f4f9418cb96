"""Our own safety dev messages read again with a sentence added after them that should change nothing: a place
sentence of their language ("Moro em Aichi.") and a feeling ("tenho medo."). Counts the messages whose reading
changed, lost a wanted situation or gained a danger that is not wanted (a dev check; never the held-out sets).

    .venv/bin/python bench/safety_dev_additions.py bench/data/safety_dev.yaml bench/data/safety_dev_r8.yaml …
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.services import build_services  # noqa: E402
from connectors.settings import Settings  # noqa: E402

# written for this check (the residence phrases of translations/<lang>/residence.yaml with Aichi)
PLACE = {
    "en": "I live in Aichi", "es": "Vivo en Aichi", "pt": "Moro em Aichi", "ja": "愛知県に住んでいます",
    "ja-plain": "あいちけんに すんで います", "ko": "아이치에 살아요", "vi": "Tôi sống ở Aichi", "zh": "我住在爱知县",
    "fil": "Nakatira ako sa Aichi", "id": "Saya tinggal di Aichi", "tr": "Aichi'de yaşıyorum", "uk": "Я живу в Айчі",
    "th": "ฉันอยู่ที่ไอจิ", "ne": "म Aichi मा बस्छु", "my": "Aichi မှာ နေတယ်", "km": "ខ្ញុំរស់នៅ Aichi",
    "mn": "Би Айчид амьдардаг",
}  # fmt: skip
FEELING = {
    "en": "I am scared", "es": "tengo miedo", "pt": "tenho medo", "ja": "怖いです", "ja-plain": "こわい です",
    "ko": "무서워요", "vi": "tôi sợ lắm", "zh": "我很害怕", "fil": "natatakot ako", "id": "saya takut",
    "tr": "korkuyorum", "uk": "я боюся", "th": "ฉันกลัว", "ne": "मलाई डर लाग्छ", "my": "ကြောက်တယ်",
    "km": "ខ្ញុំខ្លាច", "mn": "би айж байна",
}  # fmt: skip


def added(text: str, lang: str, sentence: str) -> str:
    stop = "。" if lang.startswith("ja") else "."
    end = "" if text[-1:] in ".!?。！？" else stop
    return f"{text}{end} {sentence}{stop}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args()
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp()), reindex_check_seconds=0, _env_file=None))
    recogniser = services.dialogue.safety.recogniser
    counts: Counter[str] = Counter()
    for path in args.files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = [(m, m["situations"]) for m in data.get("situation_messages") or []]
        items += [(m, []) for m in data.get("ordinary_messages") or []]
        for item, wanted in items:
            text, lang = item["text"].strip(), item["lang"]
            alone = recogniser.recognise(text, lang.split("-")[0])
            counts["messages"] += 1
            for kind, sentences in (("place", PLACE), ("feeling", FEELING)):
                if lang not in sentences:
                    continue
                found = recogniser.recognise(added(text, lang, sentences[lang]), lang.split("-")[0])
                danger = {f.situation for f in found.found if f.immediate}
                counts[f"{kind}: reading changed"] += found.ids != alone.ids
                counts[f"{kind}: wanted lost"] += bool(set(wanted) & set(alone.ids) - set(found.ids))
                new = danger - {f.situation for f in alone.found if f.immediate} - set(wanted)
                counts[f"{kind}: wrong danger added"] += bool(new)
                if new:
                    print(f"  {kind} danger {sorted(new)} {lang}: {text}")
    for key, n in sorted(counts.items()):
        print(f"{key:32s} {n}")


if __name__ == "__main__":
    main()
