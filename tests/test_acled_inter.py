import pytest

from rasd.model import Actor
from rasd.store.exports import _inter, _interaction


@pytest.mark.parametrize("kb_id,code", [("org:islamic-state", "2"), ("org:sdf", "2"), (None, "")])
def test_acled_inter_code_comes_from_the_knowledge_base(kb_id, code):
    assert _inter(Actor("x", None, kb_id)) == code


@pytest.mark.parametrize("a,b,code", [("2", "1", "12"), ("2", "", "20"), ("", "6", "60"), ("", "", ""), ("8", "2", "28")])
def test_interaction_puts_the_lower_code_first(a, b, code):
    assert _interaction(a, b) == code
