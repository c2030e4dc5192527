"""Help cases, read like the chat: Amina in Ieper asks for a coach; Sarah (coach for Ieper) is
alerted, Tom (coach for Poperinge) is not; Sarah claims it (one coach wins), talks with Amina
through the bot, and either of them ends it with /klaar; Amina rates the help."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from store.cases import cases
from store.cases.models import Case, CaseStatus
from store.people.models import Role
from tests.hours_support import grant, other, person_id
from tests.support import Chat


async def _people(chat: Chat) -> tuple[Chat, Chat, Chat]:
    """Amina (participant, Ieper), Sarah (coach for Ieper), Tom (coach for Poperinge)."""
    await chat.onboard(name="Amina", place="Ieper", language="fr")
    sarah, tom = other(chat, "sarah"), other(chat, "tom")
    for coach, name, area in [(sarah, "Sarah", "Ieper"), (tom, "Tom", "Poperinge")]:
        await coach.onboard(name=name, place=area, language="nl")
        await grant(coach, Role.COACH)
        async with chat.sessions() as session, session.begin():
            await cases.set_areas(session, await person_id(coach), [area])
    return chat, sarah, tom


async def _cases(chat: Chat) -> list[Case]:
    async with chat.sessions() as session:
        return list((await session.scalars(select(Case).order_by(Case.id))).all())


async def test_asking_for_a_coach_alerts_the_coach_of_her_municipality_once(chat: Chat) -> None:
    amina, sarah, tom = await _people(chat)
    said = await amina.send("coach")

    assert said.says("Ik geef je vraag door aan een coach.")
    assert said.says("Een coach stuurt je een bericht. Meestal binnen 1 werkdag.")
    [alert] = said.told(await person_id(sarah))
    assert alert.reply.texts[0].msgid == "Hulpvraag van {name} ({municipality})."
    rendered = chat.engine.knowledge.renderer.render(alert.reply, alert.locale)
    assert rendered.text.startswith("Hulpvraag van Amina (Ieper).")
    assert "Taal: Français." in rendered.text
    assert "vraagt om een coach" in rendered.text
    assert [c.label for c in rendered.choices] == ["Ik neem dit op", "Bekijk"]
    assert said.told(await person_id(tom)) == []

    for _ in range(3):  # the same request again: one case, no second alert
        again = await amina.send("kan iemand mij helpen aub")
        assert again.says("Je vraag is al bij een coach. Een coach stuurt je snel een bericht.")
        assert again.others == ()
    [case] = await _cases(chat)
    assert (case.status, [r["reason"] for r in case.reasons]) == ("open", ["asked"])


async def test_two_coaches_press_at_once_one_wins_the_other_hears_who(chat: Chat) -> None:
    amina, sarah, _tom = await _people(chat)
    await amina.send("coach")
    [case] = await _cases(chat)
    lotte = other(chat, "lotte")
    await lotte.onboard(name="Lotte", place="Ieper", language="nl")
    await grant(lotte, Role.COACH)

    first, second = await asyncio.gather(
        sarah.click(f"case_claim:{case.id}"), lotte.click(f"case_claim:{case.id}")
    )

    won = [s for s in (first, second) if s.says("Jij helpt {name} nu.")]
    lost = [s for s in (first, second) if s.says("{coach} helpt al bij deze hulpvraag.")]
    assert (len(won), len(lost)) == (1, 1)
    [case] = await _cases(chat)
    assert case.status == CaseStatus.CLAIMED
    [news] = won[0].told(await person_id(amina))
    assert news.reply.texts[0].msgid == "{coach} is coach en helpt je. Je krijgt zo een bericht."


async def test_sarah_and_amina_talk_through_the_bot_and_klaar_ends_it(chat: Chat) -> None:
    amina, sarah, _tom = await _people(chat)
    await amina.send("coach")
    [case] = await _cases(chat)
    await sarah.click(f"case_claim:{case.id}")
    opened = await sarah.click(f"case_talk:{case.id}")
    assert opened.says("Je praat nu met {name}. Wat je schrijft, gaat naar {name}.")
    amina_id, sarah_id = await person_id(amina), await person_id(sarah)
    [told] = opened.told(amina_id)
    assert told.reply.texts[0].msgid == "{coach} (coach) praat nu met je via mij."

    to_amina = await sarah.send("Dag Amina, welke sport wil je doen?")
    assert to_amina.replies == ()  # the bot says nothing to Sarah in between
    [message] = to_amina.told(amina_id)
    rendered = chat.engine.knowledge.renderer.render(message.reply, message.locale)
    assert rendered.text == "👤 Sarah (coach): Dag Amina, welke sport wil je doen?"  # no 🌐

    to_sarah = await amina.send("voetbal, maar ik heb geen fiets")
    assert to_sarah.replies == ()
    [message] = to_sarah.told(sarah_id)
    assert chat.engine.knowledge.renderer.render(message.reply, message.locale).text == (
        "👤 Amina: voetbal, maar ik heb geen fiets"
    )
    data = await amina.send("/mijngegevens")  # global commands still work
    assert data.says("Dit bewaar ik over jou:")
    assert data.says("Je hebt een hulpvraag bij een coach.")

    ended = await amina.send("/klaar")
    assert ended.says("Het gesprek met je coach is klaar. Ik ben er weer voor je.")
    assert ended.says("Was de hulp goed?")
    [heard] = ended.told(sarah_id)
    assert heard.reply.texts[0].msgid == "{name} heeft het gesprek gestopt."
    thanked = await amina.click(f"case_rate:{case.id}:up")
    assert thanked.says("Dank je! Zo leren we bij.")
    [case] = await _cases(chat)
    assert (case.status, case.rating, case.talking_since) == ("resolved", "up", None)

    back = await amina.send("hallo")  # the bot answers her again
    assert back.says("Hallo {name}!")
    assert (await sarah.send("/klaar")).says("Er is nu geen gesprek met een coach.")


async def test_who_may_see_or_claim_a_case(chat: Chat) -> None:
    amina, sarah, tom = await _people(chat)
    await amina.send("coach")
    [case] = await _cases(chat)
    ward = other(chat, "ward")
    await ward.onboard(name="Ward", place="Ieper", language="nl")
    await grant(ward, Role.BUDDY)

    for stranger in (tom, ward, amina):  # another area, a buddy, the person herself
        assert (await stranger.click(f"case_view:{case.id}")).says(
            "Die hulpvraag is niet voor jou."
        )
        assert (await stranger.click(f"case_claim:{case.id}")).says(
            "Die hulpvraag is niet voor jou."
        )
    seen = await sarah.click(f"case_view:{case.id}")
    assert seen.says("Hulpvraag van {name} ({municipality}).")
    listed = await sarah.send("/hulpvragen")
    assert listed.labels == ["Amina, Ieper", "Terug naar het menu"]
    assert (await tom.send("/hulpvragen")).says("Er zijn nu geen vragen om hulp.")
    assert (await ward.send("/hulpvragen")).says("Dat is alleen voor coaches.")
    await sarah.click(f"case_claim:{case.id}")
    assert (await sarah.click(f"case_claim:{case.id}")).says("Je hebt deze hulpvraag al.")
    assert (await tom.click(f"case_talk:{case.id}")).says("Die hulpvraag is niet voor jou.")


async def test_vergeet_mid_conversation_ends_it_and_leaves_no_trace_of_her(chat: Chat) -> None:
    amina, sarah, _tom = await _people(chat)
    await amina.send("coach")
    [case] = await _cases(chat)
    await sarah.click(f"case_claim:{case.id}")
    await sarah.click(f"case_talk:{case.id}")

    await amina.send("/vergeet")
    gone = await amina.click("yes")

    [heard] = gone.told(await person_id(sarah))
    assert heard.reply.texts[0].msgid == "Een hulpvraag is klaar. De persoon heeft alles gewist."
    [case] = await _cases(chat)
    assert (case.person_id, case.municipality, case.status) == (None, None, "resolved")
    assert [r["reason"] for r in case.reasons] == ["asked"]  # the count stays, anonymous
    said = await sarah.send("Ben je er nog?")
    assert said.others == ()  # nothing goes to someone who is gone


async def test_going_together_the_first_time_becomes_a_case_with_the_activity(
    chat: Chat,
) -> None:
    from tests.catalogue import KITCHEN_IEPER, stock

    ids = await stock(chat.sessions, KITCHEN_IEPER)
    amina, sarah, _tom = await _people(chat)
    said = await amina.click(f"act_together:{ids['keuken-ieper']}")

    assert said.says("Ik geef door dat je de eerste keer samen wil gaan.")
    [alert] = said.told(await person_id(sarah))
    rendered = chat.engine.knowledge.renderer.render(alert.reply, alert.locale)
    assert "wil de eerste keer samen gaan" in rendered.text
    assert "• Samen koken in Ieper" in rendered.text


async def test_a_coach_without_buttons_takes_the_alert_by_typing_1(chat: Chat) -> None:
    amina, sarah, _tom = await _people(chat)
    await amina.send("coach")
    assert await sarah.position() == "cases/alert"  # the alert is her open question

    taken = await sarah.send("1")  # Ik neem dit op, as on Signal or in the console

    assert taken.says("Jij helpt {name} nu.")
    [case] = await _cases(chat)
    assert (case.status, case.coach_person_id) == ("claimed", await person_id(sarah))
    listed = await sarah.send("/hulpvragen")
    assert listed.labels == ["✋ Amina, Ieper", "Terug naar het menu"]
    seen = await sarah.send("1")
    assert seen.says("Hulpvraag van {name} ({municipality}).")
