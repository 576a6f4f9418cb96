"""Adding a 17th language is data only: a catalog, content for a few topics and intent examples, from
files in a temporary folder — no code change — and the assistant converses in it, and the chat page speaks it.
Lao, written without spaces between words and in a script of its own, also needs its writing
(``translations/lo/language.yaml``) and its script's range (the language rules file) — data again."""

import shutil

import yaml

import pytest
from fastapi.testclient import TestClient

from bot.dialogue import IncomingMessage
from bot.replies import merge_replies
from connectors.app import create_app
from connectors.services import LanguageData, build_services, get_services
from bot.language import RULES_FILE
from knowledge.paths import GUIDEBOOK_DIR, INTENTS_DIR, QUESTIONS_DIR, TRANSLATIONS_DIR
from tests.conftest import fake_settings

FRENCH_CONTENT = """# Procédures de séjour

## Carte de résident {#residence-card}

La carte de résident (zairyu card) est remise aux résidents de moyen et long terme. Portez-la toujours sur
vous. En cas de perte, déclarez-la à la police puis demandez une nouvelle carte au bureau régional de
l'immigration dans les 14 jours.
"""
FRENCH_CATALOG = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgid "language_name"
msgstr "Français"

msgid "greet"
msgstr "Bonjour, je suis Tsunagu. Posez-moi vos questions sur la vie au Japon."

msgid "language_set"
msgstr "D'accord, je réponds en français."

msgid "ui_send"
msgstr "Envoyer"
"""
FRENCH_INTENTS = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - bonjour
    - salut
    - bonsoir
"""

# Lao (lo): no spaces between words, a script of its own (U+0E80–U+0EFF, Unicode 15.1 "Lao" block)
LAO_BODY = (
    "ບັດຜູ້ພັກອາໄສແມ່ນອອກໃຫ້ຜູ້ທີ່ພັກອາໄສໃນຍີ່ປຸ່ນໄລຍະກາງແລະໄລຍະຍາວ. ກະລຸນາພົກບັດໄປນຳຕະຫຼອດເວລາ. "
    "ຖ້າເຮັດບັດເສຍໃຫ້ແຈ້ງຕຳຫຼວດແລ້ວຂໍບັດໃໝ່ຢູ່ຫ້ອງການກວດຄົນເຂົ້າເມືອງພາຍໃນ 14 ວັນ."
)
LAO_CONTENT = f"# ຂັ້ນຕອນການພັກອາໄສ\n\n## ບັດຜູ້ພັກອາໄສ {{#residence-card}}\n\n{LAO_BODY}\n"
LAO_CATALOG = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: lo\\n"

msgid "language_name"
msgstr "ພາສາລາວ"

msgid "greet"
msgstr "ສະບາຍດີ, ຂ້ອຍແມ່ນ Tsunagu. ຖາມກ່ຽວກັບຊີວິດໃນຍີ່ປຸ່ນໄດ້ເລີຍ."
"""
LAO_INTENTS = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - ສະບາຍດີ
    - ສະບາຍດີຕອນເຊົ້າ
"""
LAO_QUESTION = "ຂ້ອຍເຮັດບັດຜູ້ພັກອາໄສເສຍຕ້ອງເຮັດແນວໃດ"


def add_language(data: LanguageData, code: str, content: str, catalog: str, intents: str) -> None:
    (data.guidebook / code).mkdir()
    (data.guidebook / code / "01-residence.md").write_text(content, encoding="utf-8")
    (data.translations / code / "LC_MESSAGES").mkdir(parents=True)
    (data.translations / code / "LC_MESSAGES" / "messages.po").write_text(catalog, encoding="utf-8")
    (data.intents / f"{code}.yml").write_text(intents, encoding="utf-8")


@pytest.fixture(scope="module")
def with_french(tmp_path_factory):
    """French and Lao added (one index build for both)."""
    root = tmp_path_factory.mktemp("langs")
    data = LanguageData(
        root / "guidebook",
        root / "questions",
        root / "nlu",
        root / "translations",
        language_rules=root / "language_rules.yaml",
    )
    shutil.copytree(GUIDEBOOK_DIR, data.guidebook)
    shutil.copytree(QUESTIONS_DIR, data.questions)
    shutil.copytree(INTENTS_DIR, data.intents)
    shutil.copytree(TRANSLATIONS_DIR, data.translations)
    add_language(data, "fr", FRENCH_CONTENT, FRENCH_CATALOG, FRENCH_INTENTS)
    add_language(data, "lo", LAO_CONTENT, LAO_CATALOG, LAO_INTENTS)
    (data.translations / "lo" / "language.yaml").write_text("spaces: false\n", encoding="utf-8")
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    rules["scripts"]["lao"] = [[0x0E80, 0x0EFF]]
    rules["script_languages"]["lao"] = "lo"
    data.language_rules.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return build_services(fake_settings(tmp_path_factory.mktemp("fr-data")), data=data)


def ask(services, text, session="fr-1", **extra):
    return merge_replies(services.dialogue.handle(IncomingMessage(session, text, **extra))).to_json()


def test_the_new_language_is_detected_and_greeted_in_its_own_words(with_french):
    assert "fr" in with_french.languages
    reply = ask(with_french, "bonjour")
    assert reply["lang"] == "fr" and reply["text"].startswith("Bonjour, je suis Tsunagu")


def test_questions_are_answered_from_the_new_content(with_french):
    reply = ask(with_french, "J'ai perdu ma carte de résident, que faire ?")
    assert reply["lang"] == "fr" and reply["sources"][0]["id"] == "residence-card"
    assert "Portez-la toujours" in reply["text"]


def test_the_new_language_appears_in_the_language_choice(with_french):
    assert "Français" in with_french.dialogue.language_choices()
    assert ask(with_french, "Français")["text"] == "D'accord, je réponds en français."


def test_the_chat_page_speaks_the_new_language_with_english_for_missing_words(with_french):
    app = create_app()
    app.dependency_overrides[get_services] = lambda: with_french
    with TestClient(app) as client:
        page = client.get("/", headers={"accept-language": "fr-CA,fr;q=0.9"}).text
    assert '<html lang="fr">' in page and '<option value="fr" lang="fr">Français</option>' in page
    assert 'data-ui="ui_send">Envoyer</button>' in page  # from the French catalog
    assert 'data-ui="ui_question_label">Your question</span>' in page  # not translated yet: English


def test_a_language_written_without_spaces_is_detected_and_greeted(with_french):
    reply = ask(with_french, "ສະບາຍດີ", session="lo-1")
    assert reply["lang"] == "lo" and reply["text"].startswith("ສະບາຍດີ, ຂ້ອຍແມ່ນ Tsunagu")


def test_a_language_written_without_spaces_is_searched_and_counted_by_its_characters(with_french):
    retriever = with_french.index.retriever
    scores = retriever.lexical.scores(LAO_QUESTION, "lo")  # one run of letters: words alone match nothing
    best = retriever.chunks[int(scores.argmax())]
    assert scores.max() > 0 and (best.lang, best.topic_id) == ("lo", "residence-card")
    assert with_french.index.writings.word_count("lo", LAO_BODY) > 3 * len(LAO_BODY.split())
    reply = ask(with_french, LAO_QUESTION, session="lo-2")
    assert reply["lang"] == "lo" and reply["sources"][0]["id"] == "residence-card" and "14 ວັນ" in reply["text"]
