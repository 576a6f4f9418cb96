"""Adding a 17th language is data only: a catalog, content for a few topics and intent examples, from
files in a temporary folder — no code change — and the assistant converses in it, and the chat page speaks it."""
import shutil

import pytest
from fastapi.testclient import TestClient

from bot.dialogue import IncomingMessage
from bot.replies import merge_replies
from connectors.app import create_app
from connectors.services import LanguageData, build_services, get_services
from knowledge.paths import GUIDEBOOK_DIR, INTENTS_DIR, QUESTIONS_DIR, TRANSLATIONS_DIR
from tests.conftest import fake_settings

FRENCH_CONTENT = """# Procédures de séjour

## Carte de résident {#residence-card}

La carte de résident (zairyu card) est remise aux résidents de moyen et long terme. Portez-la toujours sur
vous. En cas de perte, déclarez-la à la police puis demandez une nouvelle carte au bureau régional de
l'immigration dans les 14 jours.
"""
FRENCH_CATALOG = '''msgid ""
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
'''
FRENCH_INTENTS = '''version: "3.1"
nlu:
- intent: greet
  examples: |
    - bonjour
    - salut
    - bonsoir
'''


@pytest.fixture(scope="module")
def with_french(tmp_path_factory):
    root = tmp_path_factory.mktemp("langs")
    data = LanguageData(root / "guidebook", root / "questions", root / "nlu", root / "translations")
    shutil.copytree(GUIDEBOOK_DIR, data.guidebook)
    shutil.copytree(QUESTIONS_DIR, data.questions)
    shutil.copytree(INTENTS_DIR, data.intents)
    shutil.copytree(TRANSLATIONS_DIR, data.translations)
    (data.guidebook / "fr").mkdir()
    (data.guidebook / "fr" / "01-residence.md").write_text(FRENCH_CONTENT, encoding="utf-8")
    (data.translations / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (data.translations / "fr" / "LC_MESSAGES" / "messages.po").write_text(FRENCH_CATALOG, encoding="utf-8")
    (data.intents / "fr.yml").write_text(FRENCH_INTENTS, encoding="utf-8")
    return build_services(fake_settings(tmp_path_factory.mktemp("fr-data")), data=data)


def ask(services, text, **extra):
    return merge_replies(services.dialogue.handle(IncomingMessage("fr-1", text, **extra))).to_json()


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
    assert 'data-ui="ui_send">Envoyer</button>' in page              # from the French catalog
    assert 'data-ui="ui_question_label">Your question</span>' in page  # not translated yet: English
