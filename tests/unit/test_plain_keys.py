"""Questions typed without diacritics on a phone keyboard (issue 12): the search folds them and puts marks back.

Measured over our own examples with bench/plain_keys.py; here the behaviour a resident notices.
"""

import json

import pytest

from knowledge.chunker import Chunk
from knowledge.index_builds import read_current
from knowledge.index_manager import IndexManager
from knowledge.index_store import Versions, read_manifest
from knowledge.languages import load_writings
from knowledge.lexical import LexicalIndex, chunk_tokens
from knowledge.marks import MarkVocabulary, fold
from knowledge.tokenizers import tokenizer_for
from knowledge.embedders import FakeEmbedder


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("isenção do nenkin", "isencao do nenkin"),
        ("Çöp atma günü", "Cop atma gunu"),
        ("çocuğumu ilkokula yazdırmak", "cocugumu ilkokula yazdirmak"),
        ("İkamet kartım", "Ikamet kartim"),
        ("¿Dónde renuevo mi visa?", "¿Donde renuevo mi visa?"),
        ("Gia hạn visa ở đâu", "Gia han visa o dau"),
        ("Đăng ký", "Dang ky"),
        ("zairyu card", "zairyu card"),
    ],
)
def test_fold_drops_the_marks(written, plain):
    assert fold(written) == plain


@pytest.mark.parametrize(
    ("lang", "typed", "written"),
    [
        ("pt", "isencao do nenkin", "isenção do nenkin"),
        ("tr", "cop atma gunu", "çöp atma günü"),
        ("es", "donde renuevo mi visa", "dónde renuevo mi visa"),
        ("vi", "gia han visa o dau", "gia hạn visa ở đâu"),
    ],
)
def test_a_plain_typed_word_has_the_tokens_of_its_written_form(lang, typed, written):
    tokenize = tokenizer_for(lang)
    assert tokenize(typed) == tokenize(written)


def test_languages_that_do_not_fold_keep_their_letters():
    # Ukrainian й is not и with a mark to the reader: folding it would merge different words
    assert tokenizer_for("uk")("й") != tokenizer_for("uk")("и")
    assert tokenizer_for("ja")("ガス") != tokenizer_for("ja")("カス")


def test_the_lexical_index_finds_the_written_passage_for_a_plain_question():
    chunks = [
        Chunk("a:pt", "pension-exemption", "pt", "c", "C", "a", "Isenção do nenkin quando a renda cai"),
        Chunk("b:pt", "garbage", "pt", "c", "C", "b", "Coleta de lixo reciclável: a inscrição na prefeitura"),
    ]
    index = LexicalIndex([chunk_tokens(c) for c in chunks], [c.lang for c in chunks])
    scores = index.scores("isencao", "pt")  # the word alone: before, no passage had it
    assert scores[0] == pytest.approx(1.0) and scores[1] == 0


VIETNAMESE = ["Gia hạn visa ở đâu?", "Tôi muốn gia hạn visa.", "Làm thẻ ở đâu?", "Nộp hồ sơ ở đâu?"]


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("gia han visa o dau", "gia hạn visa ở đâu"),
        ("Gia han the o dau?", "Gia hạn the ở đâu?"),  # "the" seen once: too rare to take its marks
        ("GIA HAN visa", "GIA HẠN visa"),  # the asker's capitals kept
        ("gia han. o dau", "gia hạn. ở đâu"),  # across a full stop runs are looked up apart
    ],
)
def test_plain_words_take_their_usual_marks(typed, restored):
    assert MarkVocabulary(VIETNAMESE).restore(typed) == restored


def test_words_typed_with_marks_and_unclear_words_stay_as_typed():
    vocabulary = MarkVocabulary(["¿Cómo lo hago?", "Como arroz.", "Cómo se paga", "Como pan", "Dónde", "Dónde"])
    assert vocabulary.restore("como pago donde") == "como pago dónde"  # cómo/como: no usual form
    assert vocabulary.restore("Dónde donde") == "Dónde dónde"


def test_a_left_out_text_lends_no_marks():
    vocabulary = MarkVocabulary(["çöp atma günü", "çöp atma günü", "çöp torbası"])
    assert vocabulary.restore("cop atma gunu") == "çöp atma günü"
    assert vocabulary.restore("cop atma gunu", left_out=["çöp atma günü"]) == "çöp atma gunu"


def test_a_writing_file_with_fold_marks_not_true_or_false_is_refused(tmp_path):
    (tmp_path / "pt").mkdir()
    (tmp_path / "pt" / "language.yaml").write_text("fold_marks: yes please\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fold_marks"):
        load_writings(tmp_path)


INSTALLED = Versions(model_package="fakemodel 1.0", sudachi_dictionary="sudachidict-core 20240409")


def test_an_index_tokenized_by_other_tokenizers_is_rebuilt(tmp_path):
    (tmp_path / "guidebook" / "pt").mkdir(parents=True)
    chapter = "# Vida\n\n## Lixo {#garbage}\n\nSepare o lixo e coloque-o no dia da coleta.\n"
    (tmp_path / "guidebook" / "pt" / "12-daily-life.md").write_text(chapter, encoding="utf-8")
    index = IndexManager(tmp_path / "index", tmp_path / "guidebook", FakeEmbedder(), versions=INSTALLED)
    index.ensure()
    first = read_current(tmp_path / "index")
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    (first / "manifest.json").write_text(json.dumps({**manifest, "tokens_fingerprint": "before-folding"}))
    IndexManager(tmp_path / "index", tmp_path / "guidebook", FakeEmbedder(), versions=INSTALLED).ensure()
    rebuilt = read_current(tmp_path / "index")
    assert rebuilt != first and read_manifest(rebuilt).tokens_fingerprint == manifest["tokens_fingerprint"]


PLAIN_TYPED = [
    ("pt", "isencao do nenkin", "pension-exemption"),
    ("pt", "Onde faco a inscricao do meu filho na escola?", "school-enrolment"),
    ("tr", "cop atma gunu ne zaman", "garbage"),
    ("tr", "cocugumu ilkokula yazdirmak istiyorum", "school-enrolment"),
    ("es", "donde renuevo mi visa", "period-extension"),
    ("es", "cuando es el dia de la basura", "garbage"),
    ("vi", "gia han visa o dau", "period-extension"),
]


@pytest.mark.integration
@pytest.mark.parametrize(("lang", "typed", "topic"), PLAIN_TYPED)
def test_a_question_typed_without_marks_is_answered_from_its_topic(real_services, lang, typed, topic):
    retriever = real_services.assistant.retriever()
    best = next(hit for hit in retriever.search(typed, lang) if not hit.is_intent)
    assert best.topic_id == topic
    assert best.dense >= real_services.assistant.threshold  # confident: answered, not "I am not sure"
