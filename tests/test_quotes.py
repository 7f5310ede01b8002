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


# --- round 2: speakers and content the parse makes hard -----------------------------------------

MORE = {
    "relative": "The report was written by Joe Madison, who said the vote had been rigged.",
    "asked": "Asked about the budget, Ryan said it would pass next week.",
    "inverted_long": '"The convoy never arrived," aid worker Samir Haddad, standing beside an '
                     'empty warehouse in the old city, said on Tuesday.',
    "call_on": "Palmieri called on the governor to release the videos.",
    "call_for": "Clinton is calling for the United States to take a stronger role in the war.",
    "called_it": 'She called the ruling "outrageous" on Tuesday.',
    "called_meeting": "Republicans had called the hearing for Monday.",
    "headline_poll": "Poll: Voters turn against the war in record numbers\n\nThe survey was "
                     "taken in May.",
    "headline_quoted": "Elizabeth Warren to Bank Chief: 'You Should Be Investigated'\n\nThe "
                       "senator spoke on Tuesday.",
    "reversed_appos": "Aid was blocked, the UN's under-secretary-general for humanitarian affairs, "
                      "Stephen O'Brien, said on Tuesday.",
    "org_noun": "Russia's defence ministry said its jets had not flown over the area. The Syrian "
                "army said in a statement that it had retaken the district.",
    "statement": "The ministry issued a statement saying the strikes had hit no civilians.",
    "next_para_cue": '"The talks will move to Geneva," said Elaine Kamarck, a mediator. "And '
                     'nothing is settled."\n\nFowler argued that the party would be wise to wait.',
    "adding": "Mr. Trump said the system was rigged, adding that his son is friendly with one "
              "of the governor's sons.",
    "surname_s": "Bernie Sanders said the deal was bad for workers.",
    "learned_gender": "Jordan Smith arrived on Monday and she met the governor. Pat Brown, the "
                      "governor, said his office would help. Later she said the talks had failed.",
    "titles": '"We are winning," said Col. Ahmed Hamada, a rebel commander with the Free Syrian '
              'Army. State Department spokesman John Kirby said the talks had failed.',
}


@pytest.fixture(scope="module")
def more() -> dict[str, Record]:
    recs = {k: Record(id=k, text=t, published="2016-12-07") for k, t in MORE.items()}
    stage = Quotes()
    for r in Linguistic().pipe(recs.values()):
        stage(r)
    return recs


def test_relative_pronoun_speaker_names_its_antecedent(more):
    q = only(more["relative"])
    assert q.speaker.text == "who"
    assert q.speaker.name == "Joe Madison"


def test_asked_participle_has_no_speaker_but_the_answer_does(more):
    quotes = {q.cue.text: q for q in more["asked"].quotes}
    assert quotes["Asked"].speaker is None
    assert quotes["Asked"].text == "the budget"
    assert quotes["said"].speaker.name == "Ryan"
    assert quotes["said"].text == "it would pass next week"


def test_inverted_speaker_far_from_its_cue(more):
    q = only(more["inverted_long"])
    assert q.speaker.name == "Samir Haddad"


def test_call_on_and_call_for_give_the_demand(more):
    assert only(more["call_on"]).text == "the governor to release the videos"
    assert only(more["call_for"]).text == "the United States to take a stronger role in the war"
    assert only(more["called_it"]).text.startswith('the ruling "outrageous"')
    assert more["called_meeting"].quotes == []


def test_headline_sources(more):
    poll = more["headline_poll"].quotes[0]
    assert poll.text == "Voters turn against the war in record numbers"
    assert poll.speaker.text == "Poll"
    quoted = more["headline_quoted"].quotes[0]
    assert quoted.kind == "direct"
    assert quoted.text == "You Should Be Investigated"
    assert quoted.speaker.name == "Elizabeth Warren"


def test_role_and_org_from_a_role_before_the_name(more):
    q = only(more["reversed_appos"])
    assert q.speaker.name == "Stephen O'Brien"
    assert q.speaker.role == "under-secretary-general for humanitarian affairs"
    assert q.speaker.org == "UN"


def test_organisations_in_common_words_are_named(more):
    ministry, army = more["org_noun"].quotes
    assert ministry.speaker.name == ministry.speaker.org == "Russia's defence ministry"
    assert army.speaker.name == army.speaker.org == "Syrian army"
    q = only(more["statement"])
    assert q.speaker.name == "ministry"


def test_cue_in_the_next_paragraph_is_not_the_quotes(more):
    first, argued = more["next_para_cue"].quotes
    assert first.speaker.name == "Elaine Kamarck"
    assert len(first.parts) == 2
    assert argued.cue.text == "argued"


def test_adding_that_is_a_quote_of_its_own(more):
    said, adding = more["adding"].quotes
    assert said.text == "the system was rigged"
    assert adding.text.startswith("that his son is friendly")
    assert adding.speaker.name == "Trump"


def test_names_ending_in_s_keep_it(more):
    assert only(more["surname_s"]).speaker.name == "Bernie Sanders"


def test_pronoun_gender_learned_from_the_article(more):
    last = more["learned_gender"].quotes[-1]
    assert last.text == "the talks had failed"
    assert last.speaker.name == "Jordan Smith"


def test_titles_and_appositions(more):
    hamada, kirby = more["titles"].quotes
    assert hamada.speaker.name == "Ahmed Hamada"
    assert hamada.speaker.role == "rebel commander"
    assert hamada.speaker.org == "Free Syrian Army"
    assert kirby.speaker.name == "John Kirby"
    assert kirby.speaker.role == "spokesman"
    assert kirby.speaker.org == "State Department"


def test_more_spans_equal_their_text(more):
    for r in more.values():
        for q in r.quotes:
            assert r.text[q.start:q.end] == q.text
            if q.speaker:
                assert r.text[q.speaker.start:q.speaker.end] == q.speaker.text


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
