"""The quotes stage: direct, indirect and mixed quotes, cues, speakers (name, role, org)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom.model import Record
from sitroom.stages.linguistic import Linguistic
from sitroom.stages.quotes import Quotes, quote_index

SHARED = Path(os.environ.get("SITROOM_SHARED", Path(__file__).resolve().parents[2] / "shared"))

TEXTS = {
    "issa": '"It\'s the New York of Syria," said Antoun Issa, senior editor at Middle East '
            'Institute.',
    "curly": "\u201cIt\u2019s the New York of Syria,\u201d said Antoun Issa, senior editor at "
             "Middle East Institute.",
    "split": '"We will not leave," said Fatima Hassan, a resident of the old city. "There is '
             'nowhere else to go."',
    "told": "The army advanced on Monday.\n\nA senior official in Assad's army told Reuters that "
            "the rebels would be defeated within weeks.",
    "according": "According to the UN, 16,000 civilians had fled the eastern districts in a few "
                 "days.",
    "pronoun": "Maria Lopez, a spokeswoman for the ministry, spoke to reporters on Tuesday. She "
               "said the talks had failed.",
    "floating": '"The city is under siege," said Ahmed Karim, a doctor at the main hospital.\n\n'
                '"We have no fuel and no medicine left."',
    "paragraphs": 'Karim said:\n\n"We have no fuel.\n\n"We have no medicine either."',
    "negated": "The minister did not say whether the convoy would be allowed through.",
    "conditional": "The ministry would only say that the talks were continuing.",
    "org": "The Syrian Observatory for Human Rights said 20 people were killed in the strikes.",
    "surname": "Antoun Issa spoke at length in Beirut. Later, Issa said the siege would end "
               "within weeks.",
    "possessive": "Russia said it was concentrating on humanitarian corridors, while the UN's "
                  "under-secretary-general for humanitarian affairs said aid could not reach the "
                  "city.",
    "mixed": 'The mayor said the shelling had been "relentless and deliberate" since Friday.',
    "headline": "Sanders: Trade deal is a disaster for workers.\n\nSenator Bernie Sanders spoke "
                "in Ohio on Monday.\n\nThe Latest: Clinton wins Nevada caucuses.",
    "scare": 'The so-called "safe zone" was shelled again on Sunday.',
}


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    recs = {k: Record(id=k, text=t, published="2016-12-07") for k, t in TEXTS.items()}
    stage = Quotes()
    for r in Linguistic().pipe(recs.values()):
        stage(r)
    return recs


def only(record: Record):
    assert len(record.quotes) == 1, [q.text for q in record.quotes]
    return record.quotes[0]


def test_stage_declares_what_it_reads_and_sets():
    assert Quotes.name == "quotes"
    assert Quotes.requires == ("doc", "entities")
    assert Quotes.assigns == ("quotes",)


def test_direct_quote_with_role_and_org(records):
    q = only(records["issa"])
    assert q.kind == "direct"
    assert q.text == "It's the New York of Syria"
    assert q.cue.text == "said"
    assert q.speaker.text == "Antoun Issa"
    assert q.speaker.name == "Antoun Issa"
    assert q.speaker.role == "senior editor"
    assert q.speaker.org == "Middle East Institute"
    assert not q.negated and not q.conditional


def test_curly_quotes_read_like_straight_ones(records):
    q = only(records["curly"])
    assert q.kind == "direct"
    assert q.text == "It\u2019s the New York of Syria"
    assert q.speaker.name == "Antoun Issa"


def test_quote_split_by_its_cue_is_one_quote_in_two_parts(records):
    q = only(records["split"])
    assert q.kind == "direct"
    assert [records["split"].text[p.start:p.end] for p in q.parts] == [
        "We will not leave", "There is nowhere else to go."]
    assert q.speaker.name == "Fatima Hassan"
    assert q.speaker.role == "resident"


def test_indirect_quote_told_reuters_that(records):
    q = only(records["told"])
    assert q.kind == "indirect"
    assert q.text == "that the rebels would be defeated within weeks"
    assert q.cue.text == "told"
    assert q.speaker.role == "senior official"
    assert q.speaker.org == "Assad's army"


def test_according_to_gives_speaker_and_content(records):
    q = only(records["according"])
    assert q.kind == "indirect"
    assert q.cue.text == "According to"
    assert q.text == "16,000 civilians had fled the eastern districts in a few days"
    assert q.speaker.text == "the UN"
    assert q.speaker.name == "UN" and q.speaker.org == "UN"


def test_pronoun_speaker_resolved_to_earlier_name(records):
    q = only(records["pronoun"])
    assert q.speaker.text == "She"
    assert q.speaker.name == "Maria Lopez"
    assert q.text == "the talks had failed"


def test_floating_quote_inherits_last_speaker(records):
    first, floating = records["floating"].quotes
    assert first.speaker.name == "Ahmed Karim"
    assert first.speaker.role == "doctor"
    assert floating.kind == "direct"
    assert floating.cue is None
    assert floating.text == "We have no fuel and no medicine left."
    assert floating.speaker.name == "Ahmed Karim"


def test_quote_running_over_paragraphs_is_one_quote(records):
    q = only(records["paragraphs"])
    text = records["paragraphs"].text
    assert [text[p.start:p.end] for p in q.parts] == ["We have no fuel.", "We have no medicine either."]
    assert q.speaker.name == "Karim"


def test_negated_and_conditional_cues_are_flagged(records):
    neg = only(records["negated"])
    assert neg.negated and neg.cue.text == "say"
    assert neg.speaker.role == "minister"
    cond = only(records["conditional"])
    assert cond.conditional and not cond.negated


def test_organisation_as_speaker(records):
    q = only(records["org"])
    assert q.speaker.name == "Syrian Observatory for Human Rights"
    assert q.speaker.org == "Syrian Observatory for Human Rights"


def test_surname_expanded_to_full_name(records):
    q = only(records["surname"])
    assert q.speaker.text == "Issa"
    assert q.speaker.name == "Antoun Issa"


def test_coordinated_attributions_split_and_possessive_org(records):
    russia, un = records["possessive"].quotes
    assert russia.text == "it was concentrating on humanitarian corridors"
    assert russia.speaker.name == "Russia"
    assert un.text == "aid could not reach the city"
    assert un.speaker.org == "UN"
    assert un.speaker.role == "under-secretary-general for humanitarian affairs"


def test_mixed_quote_and_scare_quotes(records):
    q = only(records["mixed"])
    assert q.kind == "mixed"
    assert q.text.startswith("the shelling had been")
    assert records["scare"].quotes == []


def test_headline_attribution(records):
    q = only(records["headline"])  # "The Latest: ..." names no one
    assert q.speaker.text == "Sanders"
    assert q.speaker.name == "Bernie Sanders"  # the article's fuller mention
    assert q.text.startswith("Trade deal is a disaster")


def test_every_span_equals_its_text(records):
    for r in records.values():
        for q in r.quotes:
            assert r.text[q.start:q.end] == q.text
            for p in q.parts:
                assert q.start <= p.start < p.end <= q.end
            if q.cue:
                assert r.text[q.cue.start:q.cue.end] == q.cue.text
            if q.speaker:
                assert r.text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_quote_index_points_into_content(records):
    r = records["floating"]
    i = r.text.index("no medicine")
    assert quote_index(r, i, i + len("no medicine")) == 1
    assert quote_index(r, 0, 3) is None  # the opening mark is not content
    r = records["split"]
    seam = r.text.index("said Fatima")
    assert quote_index(r, seam, seam + 4) is None  # the cue between the parts
    assert quote_index(r, r.text.index("nowhere"), r.text.index("nowhere") + 7) == 0


def test_no_doc_means_no_quotes():
    r = Record(id="x", text="He said so.")
    Quotes()(r)
    assert r.quotes == []


POLNEAR = SHARED / "data" / "polnear"
SCORER = SHARED / "eval" / "quotes"


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="shared evaluation data not present")
def test_bench_matches_reference_scorer(tmp_path):
    from sitroom.bench import quotes as bench

    out = tmp_path / "system.jsonl"
    figures = bench.run(POLNEAR, limit=4, out=out, baseline=False)
    assert figures["docs"] == 4
    assert figures["system_quotes"] > 0
    assert figures["speech_t30_tp"] + figures["speech_t30_fn"] == figures["gold_speech"]
    if not (SCORER / "score.py").is_file():
        return
    gold_dir = tmp_path / "gold"
    subprocess.run([sys.executable, str(SCORER / "make_inputs.py"), "--split", "dev", "--limit", "4",
                    "--root", str(POLNEAR), "--out-dir", str(gold_dir)], check=True,
                   capture_output=True)
    res = subprocess.run([sys.executable, str(SCORER / "score.py"), "--gold",
                          str(gold_dir / "gold.jsonl"), "--system", str(out)],
                         check=True, capture_output=True, text=True)
    ref = json.loads(res.stdout.strip().splitlines()[-1])
    for block in ("all", "speech", "direct"):
        for tag in ("t30", "t80"):
            for k in ("p", "r", "f1", "speaker_acc", "cue_acc", "tp", "fp", "fn"):
                assert figures[f"{block}_{tag}_{k}"] == ref[f"{block}_{tag}"][k], (block, tag, k)
