"""The feed's per-event decision: content warnings, mutes with expiry, blocks."""

from __future__ import annotations

import time

import pytest

from peerhaven.core import builders
from peerhaven.core.keys import Keypair
from peerhaven.safety.filters import (
    DAY,
    WEEK,
    Action,
    EventView,
    FilterRules,
    Mute,
    Visibility,
    decide,
    mute_for,
)

NOW = 1_800_000_000
ME, ALICE, BOB = "a" * 64, "b" * 64, "c" * 64


def post(content: str = "hello", *, author: str = ALICE, cw: tuple[str, ...] = (),
         community: str = "grief", root: str | None = None,
         parent_author: str | None = None) -> EventView:  # fmt: skip
    return EventView(
        id="e" * 64, author=author, content=content, community=community, cw=cw, root=root,
        parent_author=parent_author,
    )  # fmt: skip


def test_nothing_set_shows_everything_without_warning() -> None:
    assert decide(post(), FilterRules(), NOW) == Visibility(Action.SHOW)


# -- content warnings ------------------------------------------------------------------


def test_a_warning_collapses_by_default_with_its_label_as_reason() -> None:
    got = decide(post(cw=("Suicide mention",)), FilterRules(), NOW)
    assert got == Visibility(Action.COLLAPSE, "Content warning: Suicide mention.")


def test_reader_policy_per_label_is_case_insensitive() -> None:
    rules = FilterRules(cw_policy={"food": Action.SHOW, "Self Harm": Action.HIDE})
    assert decide(post(cw=("FOOD",)), rules, NOW).action is Action.SHOW
    assert decide(post(cw=("self  harm",)), rules, NOW).action is Action.HIDE


def test_strictest_label_wins() -> None:
    rules = FilterRules(cw_policy={"food": Action.SHOW, "death": Action.HIDE})
    assert decide(post(cw=("food", "death")), rules, NOW).action is Action.HIDE


def test_community_default_applies_to_labels_without_a_reader_policy() -> None:
    rules = FilterRules(
        community_defaults={"recovery": Action.SHOW}, cw_policy={"relapse": Action.COLLAPSE}
    )
    assert decide(post(cw=("drinking",), community="recovery"), rules, NOW).action is Action.SHOW
    assert decide(post(cw=("relapse",), community="recovery"), rules, NOW).action is (
        Action.COLLAPSE
    )
    assert decide(post(cw=("drinking",), community="grief"), rules, NOW).action is (Action.COLLAPSE)


def test_go_gently_collapses_everything_with_any_warning_but_keeps_hides() -> None:
    rules = FilterRules(
        go_gently=True, cw_policy={"food": Action.SHOW, "gore": Action.HIDE},
        community_defaults={"grief": Action.SHOW},
    )  # fmt: skip
    assert decide(post(cw=("food",)), rules, NOW).action is Action.COLLAPSE
    assert decide(post(cw=("anything",)), rules, NOW).action is Action.COLLAPSE
    assert decide(post(cw=("gore",)), rules, NOW).action is Action.HIDE
    assert decide(post(), rules, NOW).action is Action.SHOW


def test_empty_label_is_still_a_warning() -> None:
    assert decide(post(cw=("",)), FilterRules(), NOW) == Visibility(
        Action.COLLAPSE, "Content warning: unlabelled."
    )


# -- mute words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "content", "hidden"),
    [
        ("relapse", "I had a Relapse last night", True),
        ("relapse", "relapsed", False),
        ("relapse", "prerelapse plans", False),
        ("due date", "my DUE\n date was yesterday", True),
        ("due date", "due to the date", False),
        ("don't", "I don’t know", True),
        ("c-section", "my c-section scar", True),
        ("(sigh)", "well (sigh) ok", True),
    ],
)
def test_mute_words_match_whole_words_and_phrases(word: str, content: str, hidden: bool) -> None:
    rules = FilterRules(muted_words=(Mute(word),))
    assert (decide(post(content), rules, NOW).action is Action.HIDE) is hidden


def test_mute_words_match_content_warning_labels_too() -> None:
    rules = FilterRules(muted_words=(Mute("miscarriage"),))
    got = decide(post("a gentle post", cw=("Miscarriage",)), rules, NOW)
    assert got == Visibility(Action.HIDE, "Contains a word you muted: “miscarriage”.")


def test_mutes_expire() -> None:
    day = mute_for("alcohol", "day", NOW)
    rules = FilterRules(muted_words=(day,))
    assert decide(post("alcohol"), rules, NOW + DAY - 1).action is Action.HIDE
    assert decide(post("alcohol"), rules, NOW + DAY).action is Action.SHOW
    assert mute_for("x", "week", NOW).until == NOW + WEEK
    assert mute_for("x", "forever", NOW).until is None


def test_an_expired_word_does_not_shadow_an_active_one() -> None:
    rules = FilterRules(muted_words=(Mute("wine", until=NOW - 1), Mute("gin")))
    assert decide(post("wine and gin"), rules, NOW).reason.endswith("“gin”.")


def test_the_longest_mute_on_the_same_word_wins() -> None:
    rules = FilterRules(muted_words=(Mute("Wine", until=NOW + 5), Mute("wine")))
    assert decide(post("wine"), rules, NOW + 10).action is Action.HIDE


# -- personas, threads, blocks ---------------------------------------------------------


def test_muted_persona_hidden_until_the_mute_ends() -> None:
    rules = FilterRules(muted_personas=(Mute(ALICE, until=NOW + WEEK),))
    assert decide(post(), rules, NOW) == Visibility(Action.HIDE, "You muted this persona.")
    assert decide(post(), rules, NOW + WEEK).action is Action.SHOW


def test_muted_thread_hides_the_first_post_and_its_replies() -> None:
    root = "r" * 64
    rules = FilterRules(muted_threads=(Mute(root),))
    first = EventView(id=root, author=ALICE, content="x")
    assert decide(first, rules, NOW).reason == "You muted this thread."
    assert decide(post(root=root), rules, NOW).action is Action.HIDE
    assert decide(post(root="s" * 64), rules, NOW).action is Action.SHOW


def test_blocked_persona_is_hidden_everywhere_including_replies_to_me() -> None:
    rules = FilterRules(me=ME, blocked=frozenset({BOB}))
    assert decide(post(author=BOB), rules, NOW) == Visibility(
        Action.HIDE, "You blocked this persona."
    )
    assert decide(post(author=BOB, parent_author=ME), rules, NOW).action is Action.HIDE


def test_replies_to_a_blocked_persona_are_collapsed() -> None:
    rules = FilterRules(blocked=frozenset({BOB}))
    got = decide(post(parent_author=BOB), rules, NOW)
    assert got == Visibility(Action.COLLAPSE, "A reply to a persona you blocked.")


def test_a_reply_to_a_blocked_persona_names_its_warning_and_a_hidden_label_hides_it() -> None:
    rules = FilterRules(blocked=frozenset({BOB}), cw_policy={"loss": Action.SHOW})
    got = decide(post(parent_author=BOB, cw=("loss",)), rules, NOW)
    assert got == Visibility(
        Action.COLLAPSE, "A reply to a persona you blocked. Content warning: loss."
    )
    hiding = FilterRules(blocked=frozenset({BOB}), cw_policy={"gore": Action.HIDE})
    assert decide(post(parent_author=BOB, cw=("gore",)), hiding, NOW).action is Action.HIDE


def test_my_own_posts_are_never_filtered_from_me() -> None:
    rules = FilterRules(me=ME, muted_words=(Mute("hello"),), go_gently=True)
    assert decide(post("hello", author=ME, cw=("x",)), rules, NOW).action is Action.SHOW


def test_block_outranks_everything_else() -> None:
    rules = FilterRules(blocked=frozenset({BOB}), muted_personas=(Mute(BOB),))
    assert decide(post(author=BOB), rules, NOW).reason == "You blocked this persona."


# -- persistence and speed ---------------------------------------------------------------


def test_rules_round_trip_through_plain_data() -> None:
    rules = FilterRules(
        me=ME, muted_words=(Mute("wine", NOW),), muted_personas=(Mute(ALICE),),
        muted_threads=(Mute("t", NOW + 1),), blocked=frozenset({BOB}),
        cw_policy={"food": Action.SHOW}, community_defaults={"grief": Action.HIDE},
        default_cw=Action.HIDE, go_gently=True,
    )  # fmt: skip
    again = FilterRules.from_dict(rules.to_dict())
    assert again == rules
    assert decide(post("wine"), again, NOW - 1).action is Action.HIDE


def test_without_expired_prunes_only_what_ran_out() -> None:
    rules = FilterRules(muted_words=(Mute("a", NOW), Mute("b")), muted_personas=(Mute(ALICE, 1),))
    pruned = rules.without_expired(NOW)
    assert [m.value for m in pruned.muted_words] == ["b"] and pruned.muted_personas == ()


def test_event_view_from_a_real_signed_reply() -> None:
    alice, bob = Keypair.generate(), Keypair.generate()
    first = builders.post(alice, "grief", "first")
    reply = builders.post(bob, "grief", "a reply", reply_to=first, cw=["death", "Funeral"])
    view = EventView.from_event(reply, parent_author=alice.pubkey)
    assert (view.author, view.community, view.cw) == (bob.pubkey, "grief", ("death", "Funeral"))
    assert view.thread == first.id and view.parent_author == alice.pubkey
    assert EventView.from_event(first).thread == first.id


def test_decisions_are_fast_with_many_mute_words() -> None:
    words = tuple(Mute(f"word{i}") for i in range(300))
    rules = FilterRules(muted_words=words, cw_policy={"food": Action.SHOW})
    view = post("An ordinary post about a long, tiring day at the hospital. " * 8, cw=("food",))
    start = time.perf_counter()
    for _ in range(2000):
        decide(view, rules, NOW)
    assert (time.perf_counter() - start) / 2000 < 0.001
