"""The per-Doc memo reads token attributes from the Doc's arrays: the same strings as the Token objects give."""
from sitroom.docmemo import Memo
from sitroom.model import Record
from sitroom.stages.linguistic import Linguistic


def test_the_memo_arrays_equal_the_token_attributes():
    r = Record(id="m", text="Gunmen from the Example Front attacked Port Nowhere on Monday, killing 3 villagers. "
                            "President Jane Doe said the 'Iron Brigade' had been RAIDING farms since the 1990s.")
    Linguistic()(r)
    doc, memo = r.doc, Memo(r.doc)
    assert memo.lowers == [t.lower_ for t in doc]
    assert memo.lemmas == [t.lemma_.lower() for t in doc]
    assert memo.ent_types == [t.ent_type_ for t in doc]
    assert memo.ent_iobs == [t.ent_iob_ for t in doc]
    assert memo.poses == [t.pos_ for t in doc]
    assert "PERSON" in memo.ent_types and "B" in memo.ent_iobs  # the sentence exercises the entity arrays
