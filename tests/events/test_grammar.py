"""Grammar the event coder handles, one real sentence per construction."""

from __future__ import annotations

from datetime import date

import pytest

from dyad.model import Event
from dyad.pipeline import Pipeline

DAY = date(2021, 12, 23)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def coded(pipe: Pipeline, text: str) -> list[tuple[str, str, str, str]]:
    """(type, actor codes, recipient codes, flags) of each event, for compact assertions."""
    out = []
    for e in pipe.code(text, DAY):
        flags = "".join(f for f, on in (("N", e.negated), ("H", e.hypothetical)) if on)
        out.append(
            (
                e.event_type,
                ",".join(a.code for a in e.actor),
                ",".join(r.code for r in e.recipient),
                flags,
            )
        )
    return out


def real(events: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str]]:
    return [(t, a, r) for t, a, r, f in events if not f]


def test_active_voice(pipe: Pipeline) -> None:
    # a state named bare acts through its government (diplomacy) or military (force)
    assert ("ACCUSE", "IRNGOV", "ISR") in real(coded(pipe, "Iran condemned Israel on Monday."))


def test_passive_voice_takes_the_actor_from_by(pipe: Pipeline) -> None:
    events = coded(
        pipe,
        "Iranian Foreign Minister Hossein Amir-Abdollahian was welcomed by Azerbaijani "
        "President Ilham Aliyev in Baku.",
    )
    assert ("SUPPORT", "AZEGOV", "IRNGOV") in real(events)


def test_nominal_event_with_possessor_and_of(pipe: Pipeline) -> None:
    events = coded(pipe, "Azerbaijan's release of two detained Iranian truck drivers was welcomed.")
    assert any(t == "RETREAT" and a == "AZE" and r.startswith("IRN") for t, a, r in real(events))


def test_nominal_event_between_a_and_b(pipe: Pipeline) -> None:
    events = coded(pipe, "A meeting between Iranian and Azeri diplomats was held in Baku.")
    events += coded(pipe, "The meeting between Russia and China was held in Beijing.")
    assert ("CONSULT", "RUSGOV", "CHN") in real(events)


def test_nominal_event_in_a_phone_call_with(pipe: Pipeline) -> None:
    events = coded(
        pipe,
        "In a phone call with his Azerbaijani counterpart, the Iranian foreign minister "
        "discussed trade.",
    )
    assert ("CONSULT", "IRNGOV", "AZEGOV") in real(events)


def test_light_verbs_code_their_noun(pipe: Pipeline) -> None:
    assert ("CONSULT", "RUSGOV", "CHNGOV") in real(
        coded(pipe, "Russian and Chinese diplomats held talks in Beijing on Monday.")
    )
    visits = [e for e in pipe.code("Turkey's president made a visit to Qatar.", DAY)]
    assert visits and visits[0].mode == "visit" and visits[0].trigger.text == "visit"


def test_compound_subject_acts_together(pipe: Pipeline) -> None:
    [event] = pipe.code("Azerbaijan, Russia, Turkey, Armenia and Iran took part in the talks.", DAY)
    assert [a.country for a in event.actor] == ["AZE", "RUS", "TUR", "ARM", "IRN"]
    assert event.recipient == ()


def test_two_coordinated_parties_are_a_reciprocal_pair(pipe: Pipeline) -> None:
    assert ("ASSAULT", "AZEMIL", "ARM") in real(
        coded(pipe, "Azerbaijan and Armenia fought a six-week war last year.")
    )


def test_non_reciprocal_verbs_keep_coordinated_actors_together(pipe: Pipeline) -> None:
    events = coded(
        pipe,
        "Al-Shabaab militants attacked a hotel in Mogadishu. "
        "The United States and the African Union denounced the attack.",
    )
    accuse = [e for e in events if e[0] == "ACCUSE"]
    assert accuse and accuse[0][1] == "USAGOV,IGO"


def test_reported_speech_codes_the_reported_event(pipe: Pipeline) -> None:
    events = real(coded(pipe, "The Pentagon said Houthi rebels attacked a US warship."))
    assert ("ASSAULT", "YEMREB", "USAMIL") in events
    # "said" is not itself an attack; it is the Pentagon's claim against the rebels
    assert all(a != "USAMIL" for t, a, _ in events if t != "ACCUSE")
    assert ("ACCUSE", "USAMIL", "YEMREB") in events


def test_verb_chain_expressed_readiness_to(pipe: Pipeline) -> None:
    events = coded(pipe, "Iran expressed readiness to export engineering services to Azerbaijan.")
    assert ("AGREE", "IRNGOV", "AZE") in real(events)
    assert ("COOPERATE", "IRN", "AZE", "H") in events  # the export itself has not happened


def test_verb_chain_invited_to_visit(pipe: Pipeline) -> None:
    events = coded(pipe, "Iran invited Azerbaijan's foreign minister to visit Tehran.")
    assert ("AGREE", "IRNGOV", "AZEGOV", "") in events
    assert ("CONSULT", "AZEGOV", "IRNGOV", "H") in events


def test_relative_clause_subject(pipe: Pipeline) -> None:
    events = real(coded(pipe, "Amir-Abdollahian met Bayramov, who later praised Iran's support."))
    assert any(t == "SUPPORT" and a == "AZEGOV" for t, a, _ in events)


def test_sentence_initial_participle(pipe: Pipeline) -> None:
    events = real(
        coded(
            pipe,
            "Visiting neighboring Azerbaijan, the Iranian foreign minister said ties were good.",
        )
    )
    assert ("CONSULT", "IRNGOV", "AZE") in events


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Russia denied attacking the Ukrainian hospital.", "N"),
        ("Russia did not attack the Ukrainian hospital.", "N"),
        ("If Iran attacks Israel, the United States could respond.", "H"),
        ("Did Russia attack Ukraine?", "H"),
        ("Russia may attack Ukraine.", "H"),
        ("Serbia plans to recognise Kosovo.", "H"),
    ],
)
def test_modality(pipe: Pipeline, text: str, flag: str) -> None:
    events = coded(pipe, text)
    judged = [f for kind, _, _, f in events if kind != "REJECT"]
    assert judged and all(flag in f for f in judged), events


def test_refusal_is_reject(pipe: Pipeline) -> None:
    events: list[Event] = pipe.code("Georgia said it would not attend the summit.", DAY)
    assert [(e.event_type, e.cameo, e.negated) for e in events] == [("REJECT", "125", False)]


def test_promise_of_harm_is_a_threat(pipe: Pipeline) -> None:
    events = real(coded(pipe, "North Korea threatened to attack South Korea."))
    assert ("THREATEN", "PRKGOV", "KOR") in events


def test_historical_background(pipe: Pipeline) -> None:
    [war] = [e for e in pipe.code("Azerbaijan and Armenia fought a war in 2020.", DAY)]
    assert war.historical and war.date == "2020"


def test_boilerplate_codes_nothing(pipe: Pipeline) -> None:
    text = "(Photo by IRNA)\n\nSHARE THIS ARTICLE\n\nBy John Smith, Reuters\n"
    assert pipe.code(text, DAY) == []


def test_caption_describing_an_event_is_coded(pipe: Pipeline) -> None:
    caption = (
        "Iranian Foreign Minister Hossein Amir-Abdollahian (4th L) and Azerbaijani President "
        "Ilham Aliyev (3rd R) meet in Baku on December 23, 2021. (Photo by IRNA)"
    )
    [event] = pipe.code(caption, DAY)
    assert event.event_type == "CONSULT" and event.location is not None


def test_attack_on_a_place_targets_its_state_there(pipe: Pipeline) -> None:
    [strike] = pipe.code("Russian missiles struck the port of Odesa on Monday.", date(2023, 7, 20))
    assert strike.recipient[0].country == "UKR"
    assert strike.location is not None and strike.location.name == "Odesa"


def test_announced_intent_is_dated_by_its_announcement(pipe: Pipeline) -> None:
    events = pipe.code(
        "Germany said on Wednesday that it would send Leopard 2 tanks to Ukraine.",
        date(2023, 1, 26),
    )
    [intent] = [e for e in events if e.event_type == "AGREE"]
    assert intent.date == "2023-01-25" and not intent.hypothetical


def test_protest_without_target_addresses_its_government(pipe: Pipeline) -> None:
    [protest] = pipe.code("Thousands of Kenyan protesters marched in Nairobi.", DAY)
    assert protest.event_type == "PROTEST"
    assert protest.recipient[0].code == "KENGOV"


def test_possessive_pronoun_repeats_the_whole_coordinated_subject(pipe: Pipeline) -> None:
    assert ("CONSULT", "IRNGOV", "AZE") in real(
        coded(pipe, "Iran and Azerbaijan held their first talks on Monday.")
    )
    # both nations of the troops: a joint exercise is military cooperation
    assert ("COOPERATE", "KORMIL", "USAMIL") in real(
        coded(pipe, "South Korean and U.S. troops began their joint exercises on Monday.")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PLOVER: clashes are ASSAULT with both sides as parties, not a riot
        (
            "Kenyan protesters clashed with police in Nairobi on Tuesday.",
            ("ASSAULT", "KENCVL", "KENCOP"),
        ),
        ("Protesters clashed with supporters in La Paz.", ("ASSAULT", "BOLCVL", "BOLCVL")),
        # PLOVER: charging is ACCUSE (allege), not an arrest
        ("Serbian prosecutors charged the activists.", ("ACCUSE", "SRBJUD", "SRBCVL")),
        # crowd-control weapons used on people are ASSAULT
        (
            "Thai police used water cannon against protesters in Bangkok.",
            ("ASSAULT", "THACOP", "THACVL"),
        ),
    ],
)
def test_plover_conventions(pipe: Pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in real(coded(pipe, text))


def test_violence_by_protesters_alone_is_still_a_riot(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Protesters attacked police stations in Almaty on Wednesday."))
    assert found and found[0][0] == "PROTEST"


def test_alleged_act_is_hypothetical_with_the_accused_as_actor(pipe: Pipeline) -> None:
    found = coded(pipe, "Armenia accused Azerbaijan of shelling Armenian villages on Monday.")
    assert ("ACCUSE", "ARMGOV", "AZE", "") in found
    alleged = [e for e in found if e[0] == "ASSAULT"]
    assert alleged and alleged[0][1] == "AZEMIL" and alleged[0][3] == "H"


def test_ceasefire_declared_is_concede_and_observed_is_retreat(pipe: Pipeline) -> None:
    assert ("CONCEDE", "KGZGOV", "TJK") in real(
        coded(pipe, "Kyrgyzstan and Tajikistan agreed a ceasefire on Friday.")
    )
    assert [e[0] for e in real(coded(pipe, "Israel observed the ceasefire on Monday."))] == [
        "RETREAT"
    ]


def test_denouncing_the_decision_targets_whoever_made_it(pipe: Pipeline) -> None:
    text = (
        "British police arrested Julian Assange in London on Thursday. "
        "Russia criticised the arrest."
    )
    assert ("ACCUSE", "RUSGOV", "GBRCOP") in real(coded(pipe, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poland called the Russian strike on the hospital a crime.", ("ACCUSE", "POLGOV", "RUS")),
        ("Beijing called the Saudi deal a victory for diplomacy.", ("SUPPORT", "CHNGOV", "SAU")),
    ],
)
def test_calling_something_names_the_judgement(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    # "called the strike a crime": the predicate, not the object noun, picks the pattern
    found = real(coded(pipe, text))
    assert expected in found
    assert all(t != "PROTEST" for t, _, _ in found)


def test_reaction_without_target_is_about_the_lead_event(pipe: Pipeline) -> None:
    text = (
        "Russian forces shelled Kharkiv on Monday, killing ten civilians. "
        "Britain and France expressed concern."
    )
    assert ("ACCUSE", "GBRGOV,FRAGOV", "RUSMIL") in real(coded(pipe, text))
    # with no earlier event there is nobody to react to: no recipient is made up
    alone = real(coded(pipe, "Britain and France expressed concern."))
    assert all(r == "" for _, _, r in alone)


def test_an_order_to_ones_own_government_is_no_event_but_its_content_is(
    pipe: Pipeline,
) -> None:
    found = real(
        coded(
            pipe,
            "Russian President Vladimir Putin on Wednesday ordered his government "
            "to start lifting sanctions on Turkey.",
        )
    )
    assert [t for t, _, _ in found] == ["RETREAT"]
    # a court ordering the government is an interaction between branches
    court = real(
        coded(pipe, "The Kenyan High Court ordered the government to halt the deployment.")
    )
    assert ("REQUEST", "KENJUD", "KENGOV") in court


def test_threat_to_stop_cooperating(pipe: Pipeline) -> None:
    found = coded(pipe, "Belarus threatened to stop cooperating with the EU on migration.")
    assert ("THREATEN", "BLRGOV", "EUR", "") in found
    # what stops is not happening: no cooperation is counted
    assert all(f for t, _, _, f in found if t == "COOPERATE")


def test_stopping_an_act_negates_it(pipe: Pipeline) -> None:
    found = coded(pipe, "Hamas stopped firing rockets at Israel on Monday.")
    assert found and all("N" in f for _, _, _, f in found)


def test_protests_with_no_named_actor_are_the_publics(pipe: Pipeline) -> None:
    text = (
        "Sri Lankan President Gotabaya Rajapaksa fled the country on Wednesday "
        "after mass protests over the island's economic collapse."
    )
    assert ("PROTEST", "LKACVL", "LKAGOV") in real(coded(pipe, text))


def test_in_protest_is_a_manner_not_an_event(pipe: Pipeline) -> None:
    text = "More than 50 British ministers quit the government in protest at the scandals."
    assert all(t != "PROTEST" for t, _, _ in real(coded(pipe, text)))


def test_announced_concession_is_concede(pipe: Pipeline) -> None:
    # PLOVER: CONCEDE covers "the promise of future concessions"
    text = "Ethiopia will release all political prisoners, the prime minister said on Wednesday."
    assert ("CONCEDE", "ETHGOV", "ETHOPP") in real(coded(pipe, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pakistan vowed to hit back at India.", ("THREATEN", "PAKGOV", "IND")),
        ("China pledged to invest in Kenya.", ("AGREE", "CHNGOV", "KEN")),
    ],
)
def test_promise_takes_the_target_of_what_it_promises(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_promise_passes_through_aspectual_verbs(pipe: Pipeline) -> None:
    # "continue", "keep", "intensify" name no act: the promised act is their object or complement
    found = coded(pipe, "Ukraine's president vowed to continue the war against Russia.")
    assert ("THREATEN", "UKRGOV", "RUS") in real(found)
    assert all(t != "ASSAULT" for t, _, _ in real(found))
    kept = coded(pipe, "The Houthis vowed that they would keep targeting Israeli ships.")
    assert any(t == "THREATEN" and r.startswith("ISR") for t, _, r in real(kept))
    assert all(t != "ASSAULT" for t, _, _ in real(kept))  # the targeting is only promised
    assert ("THREATEN", "INDGOV", "PAK") in real(
        coded(pipe, "India vowed a firm response against Pakistan.")
    )


def test_hostile_act_announced_in_reported_speech_is_a_threat(pipe: Pipeline) -> None:
    found = coded(pipe, "Iran said it would retaliate against Israel.")
    assert ("THREATEN", "IRNGOV", "ISR", "") in found
    # a verbal act announced so is no threat
    vetoed = coded(pipe, "Georgia's president said she would veto the bill.")
    assert all(t != "THREATEN" for t, _, _, _ in vetoed)


def test_reduction_of_relations_announced_by_its_actor_is_the_act(pipe: Pipeline) -> None:
    said = real(coded(pipe, "Canada said on Friday it would expel two Chinese diplomats."))
    assert any(t == "SANCTION" and a == "CANGOV" and r.startswith("CHN") for t, a, r in said)
    assert all(t != "THREATEN" for t, _, _ in said)
    will = real(coded(pipe, "Australia will suspend its defence cooperation with Fiji."))
    assert any(t == "SANCTION" and a == "AUSGOV" for t, a, _ in will)
    # so is a deployment announced by the state that makes it
    sent = real(coded(pipe, "Britain said it would send troops to Estonia."))
    assert any(t == "MOBILIZE" and a == "GBRMIL" for t, a, _ in sent)
    # a warning that sanctions would follow is a threat, not the sanctions
    warned = real(coded(pipe, "Germany warned that it would impose sanctions on Belarus."))
    assert all(t != "SANCTION" for t, _, _ in warned)


def test_light_verb_with_a_pattern_of_its_own_is_coded_by_its_event_object(pipe: Pipeline) -> None:
    # "approve" and "order" are events of their own, but not when their object names the event
    approved = real(coded(pipe, "Sri Lanka's parliament approved a state of emergency on Friday."))
    assert any(t == "COERCE" and a == "LKALEG" for t, a, _ in approved)
    assert all(t != "SUPPORT" for t, _, _ in approved)
    ordered = real(coded(pipe, "China's government ordered a lockdown of Wuhan on Thursday."))
    assert any(t == "COERCE" and a == "CHNGOV" for t, a, _ in ordered)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # leaving an existing agreement reduces relations (PLOVER SANCTION), unlike rejecting one
        ("Washington withdrew from the nuclear deal with Iran.", ("SANCTION", "USAGOV", "IRN")),
        ("Malawi's top court annulled the presidential election.", ("COERCE", "MWIJUD", "MWI")),
        ("Zambia suspended mobile internet services on Tuesday.", ("COERCE", "ZMBGOV", "ZMB")),
    ],
)
def test_state_coercion_and_reduced_relations(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_refusals_of_acts_that_are_no_cooperation_are_not_done(pipe: Pipeline) -> None:
    # a refused condemnation is no condemnation (negation.tsv has no REJECT code for it)
    found = coded(pipe, "Russia refused to condemn the coup in Niger.")
    assert all(t != "ACCUSE" for t, _, _ in real(found))
    # "would stop" cooperating is a refusal to go on cooperating (negation.tsv: 06 → 121)
    stop = real(coded(pipe, "Belarus said it would stop cooperating with the European Union."))
    assert ("REJECT", "BLRGOV", "EUR") in stop


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a launch into the sea is a show of force, not an attack on the nearby state
        ("China fired missiles into the sea near Japan on Monday.", ("MOBILIZE", "CHNMIL", "JPN")),
        ("North Korea carried out a nuclear test on Sunday.", ("MOBILIZE", "PRKMIL", "")),
        ("Mexico ordered retaliatory tariffs on the United States.", ("SANCTION", "MEXGOV", "USA")),
        ("Seoul cut off all communication lines with Pyongyang.", ("SANCTION", "KORGOV", "PRKGOV")),
    ],
)
def test_shows_of_force_and_reduced_relations(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_court_ordered_payment_is_a_sanction(pipe: Pipeline) -> None:
    paid = real(coded(pipe, "A Dutch court ordered Shell to compensate the Nigerian farmers."))
    assert any(t == "SANCTION" and a == "NLDJUD" for t, a, _ in paid)
    # other court orders stay demands
    text = "South Africa's top court ordered Zuma to hand himself over to police."
    told = real(coded(pipe, text))
    assert any(t == "REQUEST" and a == "ZAFJUD" for t, a, _ in told)
    assert all(t != "SANCTION" for t, _, _ in told)


def test_arrest_warrant_of_an_international_court_is_a_threat(pipe: Pipeline) -> None:
    icc = "The International Criminal Court issued an arrest warrant for Israel's prime minister."
    found = real(coded(pipe, icc))
    assert any(t == "THREATEN" and a == "IGOJUD" and r.startswith("ISR") for t, a, r in found)
    assert all(t != "COERCE" for t, _, _ in found)
    # a state's own police can arrest: a domestic warrant stays an arrest
    text = "Police in Peru arrested the former president on Tuesday."
    assert any(t == "COERCE" for t, _, _ in real(coded(pipe, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraine pushed Russian forces back from Kharkiv.", ("ASSAULT", "UKRMIL", "RUSMIL")),
        ("Greece suspended asylum applications for a month.", ("COERCE", "GRCGOV", "GRC")),
        (
            "Egypt's prison authorities placed the blogger in solitary confinement.",
            ("COERCE", "EGYCOP", "EGYJRN"),
        ),
        (
            "France announced joint operations with the Chadian army.",
            ("COOPERATE", "FRAMIL", "TCDMIL"),
        ),
    ],
)
def test_armed_forces_pushed_back_and_suspended_asylum(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_asserted_adjuncts_are_facts_whatever_governs_them(pipe: Pipeline) -> None:
    text = "Washington threatened sanctions on Niger, while France summoned Niger's ambassador."
    assert any(t == "ACCUSE" and a == "FRAGOV" for t, a, _ in real(coded(pipe, text)))
    text = "Zelenskiy condemned the visit, hours after a Russian missile hit a hospital in Kyiv."
    assert any(t == "ASSAULT" and a == "RUSMIL" for t, a, _ in real(coded(pipe, text)))
    # a condition stays hypothetical
    text = "Iran vowed to retaliate if Israel attacked its nuclear sites."
    assert all(a != "ISRMIL" for _, a, _ in real(coded(pipe, text)))


def test_forces_deployed_for_relief_give_aid(pipe: Pipeline) -> None:
    text = "Libya's army deployed troops and helicopters to evacuate families from Derna."
    found = real(coded(pipe, text))
    assert any(t == "AID" and a.startswith("LBY") and r == "LBYCVL" for t, a, r in found)
    assert all(t != "MOBILIZE" for t, _, _ in found)
    # forces sent to secure a place are a deployment
    secured = real(coded(pipe, "France sent troops to secure the airport in Noumea."))
    assert all(t != "AID" for t, _, _ in secured)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Britain suspended high-level contacts with Russia.", ("SANCTION", "GBRGOV", "RUS")),
        (
            "Thousands of Sudanese protesters camped outside the army headquarters in Khartoum.",
            ("PROTEST", "SDNCVL", "SDNGOV"),
        ),
        ("Egypt released the Al Jazeera journalists on bail.", ("RETREAT", "EGY", "QATJRN")),
    ],
)
def test_reduced_contacts_sit_ins_and_bail(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_a_threat_dropped_is_a_concession_and_its_content_not_done(pipe: Pipeline) -> None:
    text = "The European Union dropped its threat to block payments to Poland."
    found = real(coded(pipe, text))
    assert any(t == "CONCEDE" and a == "EUR" for t, a, _ in found)
    assert all(t != "REJECT" for t, _, _ in found)  # the blocking is only threatened


def test_event_noun_modifying_a_noun_is_no_event(pipe: Pipeline) -> None:
    text = "Thai police arrested several protest leaders in Bangkok on Friday."
    assert all(t != "PROTEST" for t, _, _ in real(coded(pipe, text)))
    text = "The African Union was to hold an emergency meeting on Sudan."
    assert all(t != "COERCE" for t, _, _ in real(coded(pipe, text)))


def test_armed_forces_calling_off_a_march_retreat(pipe: Pipeline) -> None:
    text = "Sudan's paramilitary commander called off his fighters' march on Khartoum."
    found = real(coded(pipe, text))
    assert any(t == "RETREAT" for t, _, _ in found)
    assert all(t != "CONCEDE" for t, _, _ in found)


def test_participle_of_reaction_is_the_motive_of_its_act(pipe: Pipeline) -> None:
    text = (
        "China said it would impose sanctions on two American senators, "
        "retaliating against Washington."
    )
    found = real(coded(pipe, text))
    assert any(t == "SANCTION" for t, _, _ in found)
    assert all(t != "ASSAULT" for t, _, _ in found)


def test_money_released_by_a_lender_is_aid(pipe: Pipeline) -> None:
    found = real(coded(pipe, "The IMF released $600 million to Ghana on Wednesday."))
    assert ("AID", "IGO", "GHA") in found
    assert all(t != "RETREAT" for t, _, _ in found)


def test_military_cooperation_by_bare_states_is_by_their_militaries(pipe: Pipeline) -> None:
    text = "The United States announced joint operations with Guyana on Thursday."
    assert ("COOPERATE", "USAMIL", "GUY") in real(coded(pipe, text))


def test_criticism_received_from_a_party(pipe: Pipeline) -> None:
    text = (
        "The Taliban banned women from universities on Tuesday. "
        "The decision drew swift condemnation from the United Nations."
    )
    assert ("ACCUSE", "UNO", "AFGGOV") in real(coded(pipe, text))
    assert ("ACCUSE", "EUR", "GEO") in real(
        coded(pipe, "Georgia faced sharp criticism from the European Union.")
    )


def test_event_noun_in_another_nouns_of_phrase_is_its_topic(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Turkey issued a strong condemnation of the Israeli raid."))
    assert found == [("ACCUSE", "TURGOV", "ISR")]  # no raid by Turkey


def test_combatants_captured_are_abducted_not_arrested(pipe: Pipeline) -> None:
    # PLOVER manual: "Combatants captured during conflict should be coded as ASSAULT 'abduct'"
    found = real(coded(pipe, "Ukrainian forces captured Russian soldiers in Kursk."))
    assert ("ASSAULT", "UKRMIL", "RUSMIL") in found
    police = real(coded(pipe, "Colombian police captured the drug lord in Medellin."))
    assert [t for t, _, _ in police] == ["COERCE"]


def test_it_was_an_event_names_no_actor(pipe: Pipeline) -> None:
    text = "Police in Nigeria said 300 girls were missing. It was the third mass kidnapping."
    assert all(t != "ASSAULT" for t, _, _ in real(coded(pipe, text)))


def test_agentless_sentence_is_by_the_state_where_it_was_served(pipe: Pipeline) -> None:
    text = (
        "U.S. basketball star Brittney Griner was freed on Thursday. "
        "Griner had been sentenced to nine years in a Russian penal colony in August."
    )
    assert ("SANCTION", "RUSJUD", "USA") in real(coded(pipe, text))


def test_two_expulsions_in_opposite_directions_are_two_events(pipe: Pipeline) -> None:
    text = (
        "India expelled a senior Canadian diplomat on Tuesday, "
        "hours after Canada expelled a top Indian diplomat."
    )
    found = real(coded(pipe, text))
    assert ("SANCTION", "INDGOV", "CANGOV") in found
    assert ("SANCTION", "CANGOV", "INDGOV") in found


def test_its_neighbour_is_the_bordering_country_of_the_story(pipe: Pipeline) -> None:
    text = (
        "Niger's junta held a rally in Niamey on Sunday. "
        "Nigeria has cut electricity supplies to its neighbour."
    )
    assert ("SANCTION", "NGAGOV", "NER") in real(coded(pipe, text))


def test_allegation_hanging_from_the_accused(pipe: Pipeline) -> None:
    text = (
        "Congo on Wednesday suspended all agreements with Rwanda, "
        "accusing its neighbour of backing M23 rebels."
    )
    found = coded(pipe, text)
    assert ("ACCUSE", "CODGOV", "RWA", "") in found
    backing = [e for e in found if e[0] == "SUPPORT"]
    assert backing and backing[0][1].startswith("RWA") and backing[0][3] == "H"


def test_a_blocs_summit_is_a_meeting_of_its_members(pipe: Pipeline) -> None:
    text = "African Union leaders opened a two-day summit in Addis Ababa on Saturday."
    assert [(t, a) for t, a, _ in real(coded(pipe, text))] == [("CONSULT", "IGO")]
    # a mediation needs parties: a bloc alone mediates nothing
    assert real(coded(pipe, "The talks were mediated by the African Union.")) == []


def test_the_two_leaders_spoke(pipe: Pipeline) -> None:
    text = "Biden met Xi in Bali on Monday. The two leaders spoke again in November."
    assert ("CONSULT", "USAGOV", "CHNGOV") in real(coded(pipe, text)) or (
        "CONSULT",
        "CHNGOV",
        "USAGOV",
    ) in real(coded(pipe, text))


def test_aid_with_no_named_recipient_goes_to_the_storys_country(pipe: Pipeline) -> None:
    text = (
        "A massive earthquake killed more than 7,000 people across Turkey on Monday. "
        "Rescue teams from Turkey worked through the night in Antakya, Turkey. "
        "The United States dispatched two urban search-and-rescue teams."
    )
    found = real(coded(pipe, text))
    assert any(t == "AID" and a.startswith("USA") and r == "TUR" for t, a, r in found)
    # the teams it sends are not the recipient of its aid
    assert all(not (t == "AID" and r.startswith("USA")) for t, _, r in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mobile internet was cut across Cuba for hours.", ("COERCE", "CUBGOV", "CUB")),
        ("More than 300 people were arrested in Santiago.", ("COERCE", "CHLCOP", "CHLCVL")),
    ],
)
def test_passive_subject_fills_the_pattern_and_the_state_acts(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Army officers in Gabon seized power on Wednesday.", ("COERCE", "GABMIL", "GABGOV")),
        ("Police arrested dozens in Nairobi on Tuesday.", ("COERCE", "KENCOP", "KENCVL")),
    ],
)
def test_domestic_coercion_without_a_named_target_is_done_at_home(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_a_town_the_gazetteer_lacks_is_still_the_events_place(pipe: Pipeline) -> None:
    events = pipe.code(
        "Iranian security forces fired at crowds in the northwestern town of Oshnavieh.", DAY
    )
    place = events[0].location
    assert place is not None and place.name == "Oshnavieh" and place.country == "IRN"
    assert place.lat is None  # named, not located: no made-up coordinates


def test_a_denial_answers_its_accuser(pipe: Pipeline) -> None:
    text = (
        "Burundi closed its border with Rwanda, accusing its neighbour of backing rebels. "
        "Rwanda's government denied any link with the rebels."
    )
    assert ("REJECT", "RWAGOV", "BDIGOV") in real(coded(pipe, text))


def test_scrapping_a_pact_reduces_relations(pipe: Pipeline) -> None:
    text = "South Korea scrapped its intelligence-sharing pact with Japan on Thursday."
    assert ("SANCTION", "KORGOV", "JPN") in real(coded(pipe, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hooded gunmen stormed the studio of Ecuador's public broadcaster in Guayaquil.",
            ("ASSAULT", "ECUUAF", "ECUJRN"),
        ),
        (
            "Zimbabwean armoured vehicles blocked roads to the main government offices.",
            ("COERCE", "ZWEMIL", "ZWEGOV"),
        ),
    ],
)
def test_armed_men_do_not_protest(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_ambassadors_recalled_from_their_posts(pipe: Pipeline) -> None:
    text = "France recalled its ambassadors to the United States and Australia on Friday."
    found = real(coded(pipe, text))
    assert found and found[0][0] == "SANCTION" and set(found[0][2].split(",")) == {"USA", "AUS"}


def test_stated_readiness_is_an_announced_intent(pipe: Pipeline) -> None:
    found = coded(pipe, "Iran said it was ready to ship food to Qatar through its ports.")
    assert any(t == "AGREE" and a == "IRNGOV" and r == "QAT" and f == "" for t, a, r, f in found)
    # not ready: no intent; first-person rhetoric in a quote is not coded as one either
    assert all(f for t, *_, f in coded(pipe, "Turkey is not ready to normalise ties with Armenia."))
    quote = coded(pipe, '"We are ready to reach new agreements," the Iranian minister said.')
    assert all(t != "AGREE" or f for t, _, _, f in quote)


def test_government_and_rebels_agreeing_are_two_sides(pipe: Pipeline) -> None:
    text = "Colombia's government and ELN rebels agreed on Friday to a six-month ceasefire."
    found = real(coded(pipe, text))
    assert any(t == "CONCEDE" and {a, r} == {"COLGOV", "COLREB"} for t, a, r in found)


def test_a_concession_is_made_to_the_storys_counterpart(pipe: Pipeline) -> None:
    text = (
        "Japan lifted export curbs on semiconductor materials to South Korea on Thursday. "
        "Seoul said it would drop its complaint at the World Trade Organization."
    )
    found = real(coded(pipe, text))
    assert any(t == "CONCEDE" and a.startswith("KOR") and r.startswith("JPN") for t, a, r in found)


def test_missile_launch_at_no_one_is_a_show_of_force(pipe: Pipeline) -> None:
    launch = real(coded(pipe, "North Korea fired an intercontinental ballistic missile on Friday."))
    assert [t for t, _, _ in launch] == ["MOBILIZE"]  # "on Friday" is no "fire on" target
    attack = real(coded(pipe, "Iran fired missiles at Israel."))
    assert [t for t, _, _ in attack] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ecuadorean police raided the Mexican embassy in Quito on Friday. "
            'Mexico\'s foreign minister called the raid "an authoritarian act".',
            ("ACCUSE", "MEXGOV", "ECUCOP"),
        ),
        (
            "A Myanmar court sentenced Suu Kyi to four years on Monday. "
            "Rights groups described the verdict as politically motivated.",
            ("ACCUSE", "NGO", "MMRJUD"),
        ),
    ],
)
def test_naming_a_told_event_judges_its_actor(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_naming_needs_an_actor_or_event_and_praise_is_support(pipe: Pipeline) -> None:
    assert coded(pipe, "Officials called the situation calm.") == []
    text = "Egypt and Ethiopia held talks on the dam. Sudan called the talks constructive."
    assert any(t == "SUPPORT" and a == "SDNGOV" for t, a, _ in real(coded(pipe, text)))
    text = "Belarus held a presidential election. The EU called the election neither free nor fair."
    assert all(t != "SUPPORT" for t, *_ in coded(pipe, text))


def test_a_denial_in_the_accusations_own_sentence_answers_it(pipe: Pipeline) -> None:
    text = "The United States blamed Iran for the attacks on two tankers, which Tehran denied."
    assert ("REJECT", "IRNGOV", "USAGOV") in real(coded(pipe, text))


def test_mediators_are_not_each_others_counterparts(pipe: Pipeline) -> None:
    text = (
        "Ethiopian troops launched air strikes on Tigrayan rebels on Tuesday. Saudi Arabia "
        "and the United States, which are mediating, urged both sides to respect a truce."
    )
    found = real(coded(pipe, text))
    assert not any(t == "CONSULT" and {a[:3], r[:3]} == {"SAU", "USA"} for t, a, r in found)
    assert not any(t == "CONSULT" and not r for t, a, r in found)  # mediating between no one
    assert any(t == "REQUEST" and r.startswith("ETH") for t, a, r in found)


def test_a_build_up_with_no_named_target_faces_the_storys_counterpart(pipe: Pipeline) -> None:
    text = (
        "Hezbollah fired rockets at northern Israel on Sunday. Israel's military said it was "
        "reinforcing its northern border with additional troops and tanks."
    )
    found = real(coded(pipe, text))
    assert any(t == "MOBILIZE" and a.startswith("ISR") and r.startswith("LBN") for t, a, r in found)


def test_a_claim_that_another_country_attacked_is_an_accusation(pipe: Pipeline) -> None:
    text = "The Tajik side said Kyrgyz troops had shelled a border outpost."
    found = real(coded(pipe, text))
    assert ("ACCUSE", "TJKGOV", "KGZMIL") in found
    assert any(t == "ASSAULT" and a == "KGZMIL" for t, a, _ in found)
    # a trailing source is no claim, nor is a country's report of its own act
    source = real(coded(pipe, "Russian missiles struck the port of Odesa, Ukraine said."))
    assert all(t != "ACCUSE" for t, *_ in source)
    own = real(coded(pipe, "Pakistan said it had shot down two Indian jets."))
    assert all(t != "ACCUSE" for t, *_ in own)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States said it was deeply troubled by Georgia's crackdown on protesters.",
            ("ACCUSE", "USAGOV", "GEO"),
        ),
        ("Kenya said it was disappointed by Somalia's decision.", ("ACCUSE", "KENGOV", "SOM")),
        ("Britain is concerned about China's treatment of Hong Kong.", ("ACCUSE", "GBRGOV", "CHN")),
        ("Egypt said it was pleased with Sudan's support.", ("SUPPORT", "EGYGOV", "SDN")),
    ],
)
def test_a_feeling_about_anothers_act_is_disapproval_or_praise(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    # the one who feels is the subject even when the participle is passive ("troubled by")
    assert expected in real(coded(pipe, text))


def test_an_attributive_adjective_is_no_event(pipe: Pipeline) -> None:
    assert coded(pipe, "The concerned ministry in Nairobi published the figures.") == []


def test_air_strikes_are_attacks_by_the_demonyms_state(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Israeli air strikes killed at least 24 people in Gaza on Monday."))
    assert any(t == "ASSAULT" and a.startswith("ISR") for t, a, _ in found)
    # a place name modifying a war says where it was fought, not who fought it
    war = real(coded(pipe, "Iran hailed Turkey's support during the Karabakh war."))
    assert all(t != "ASSAULT" for t, *_ in war)


def test_the_strikes_told_again_keep_their_kind_and_parties(pipe: Pipeline) -> None:
    text = (
        "The United States, Britain and France launched air strikes on Syria on Saturday. "
        "The strikes targeted a research centre near Damascus."
    )
    found = real(coded(pipe, text))
    assert all(t != "PROTEST" for t, *_ in found)  # not a labour strike
    assert sum(t == "ASSAULT" and "USAMIL" in a for t, a, _ in found) == 2
    # said of the strikes, not news of them: no second attack
    about = "Russian troops struck Kyiv on Monday. Ukraine said the strikes were unjustified."
    assert [t for t, *_ in real(coded(pipe, about))].count("ASSAULT") == 1


def test_an_army_dissolving_parliament_takes_power(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Chad's army dissolved parliament and the government on Tuesday."))
    assert any(t == "COERCE" and a == "TCDMIL" for t, a, _ in found)
    assert all(t != "CONCEDE" for t, *_ in found)


def test_a_denial_with_no_accusation_answers_the_storys_lead(pipe: Pipeline) -> None:
    text = (
        "Romania's constitutional court annulled the presidential election on Friday. "
        "Moscow has denied interfering in the vote."
    )
    assert any(
        t == "REJECT" and a.startswith("RUS") and r.startswith("ROU")
        for t, a, r in real(coded(pipe, text))
    )


def test_the_warring_sides_are_the_storys_two_parties(pipe: Pipeline) -> None:
    text = (
        "Sudan's army launched air strikes on the Rapid Support Forces in Khartoum on Tuesday, "
        "despite talks between the warring sides in Jeddah."
    )
    talks = [(a, r) for t, a, r in real(coded(pipe, text)) if t == "CONSULT"]
    assert talks and all(a.startswith("SDN") and r.startswith("SDN") for a, r in talks)


def test_an_infinitive_of_purpose_is_not_reported_as_done(pipe: Pipeline) -> None:
    text = "Russian paratroopers arrived in Kazakhstan on Thursday to help quell the uprising."
    found = coded(pipe, text)
    assert all(f for t, _, _, f in found if t == "ASSAULT")  # meant, not done
    assert any(t == "MOBILIZE" and not f for t, _, _, f in found)  # the arrival is done
    # a verb chain that is not a purpose still reports the act
    began = real(coded(pipe, "Russia began to withdraw its troops from Kherson on Wednesday."))
    assert any(t == "RETREAT" for t, *_ in began)


def test_words_inside_a_name_are_no_triggers(pipe: Pipeline) -> None:
    text = "The hostages were held by the Group to Support Islam and Muslims in Mali."
    assert all(t != "SUPPORT" for t, *_ in coded(pipe, text))
    # in a title-case headline the capitals mark no names
    assert any(t == "ASSAULT" for t, *_ in coded(pipe, "Iran Condemns Israeli Strike On Syria"))


def test_an_event_noun_modifying_another_noun_is_no_event(pipe: Pipeline) -> None:
    text = "The U.N. Security Council held an emergency meeting on Monday."
    assert all(t != "COERCE" for t, *_ in coded(pipe, text))  # no state of emergency
    text = "Police in Bangkok arrested several protest leaders on Friday."
    assert all(t != "PROTEST" for t, *_ in real(coded(pipe, text)))
    coup = "Bolivian troops staged a coup attempt in La Paz on Wednesday."
    assert any(t in ("COERCE", "ASSAULT") for t, *_ in real(coded(pipe, coup)))


def test_a_journey_is_a_visit_only_for_officials(pipe: Pipeline) -> None:
    visit = real(coded(pipe, "Iranian Foreign Minister Javad Zarif flew to Baku on Monday."))
    assert any(t == "CONSULT" and a == "IRNGOV" for t, a, _ in visit)
    exile = "Opposition candidate Sviatlana Tsikhanouskaya left for Lithuania on Tuesday."
    assert all(t != "CONSULT" for t, *_ in coded(pipe, exile))
    carried = "Nicaragua freed 222 prisoners on Thursday and flew them to the United States."
    assert all(t != "CONSULT" for t, *_ in coded(pipe, carried))
    troops = real(coded(pipe, "Russian paratroopers arrived in Kazakhstan on Thursday."))
    assert any(t == "MOBILIZE" for t, *_ in troops)


def test_releasing_money_frees_no_one(pipe: Pipeline) -> None:
    text = "The IMF approved a loan for Ghana, releasing an immediate disbursement of $600 million."
    assert all(t != "RETREAT" for t, *_ in coded(pipe, text))
    assert any(t == "RETREAT" for t, *_ in real(coded(pipe, "Iran released two French tourists.")))


def test_an_aim_is_not_an_accomplished_act(pipe: Pipeline) -> None:
    text = (
        "Kiir and rebel leader Riek Machar signed a peace deal in Addis Ababa on Wednesday "
        "aimed at ending a five-year civil war."
    )
    assert all(f for t, _, _, f in coded(pipe, text) if t == "RETREAT")


def test_a_courts_order_against_a_party_is_a_ruling(pipe: Pipeline) -> None:
    text = "South Korea's Supreme Court ordered Japanese companies to compensate forced labourers."
    found = coded(pipe, text)
    assert ("SANCTION", "KORJUD", "JPNBUS", "") in found
    # what is ordered has not happened yet
    assert all(f for t, _, _, f in found if t == "AID")


def test_a_clause_of_time_is_fact_whatever_governs_the_main_clause(pipe: Pipeline) -> None:
    text = (
        "Putin ordered his government to lift sanctions on Turkey after Turkish President "
        "Tayyip Erdogan expressed regret over the downing of a Russian warplane."
    )
    assert any(a == "TURGOV" and not f for _, a, _, f in coded(pipe, text))


def test_a_domestic_reaction_answers_its_own_states_act(pipe: Pipeline) -> None:
    text = (
        "Ethiopia will release all political prisoners, Prime Minister Hailemariam Desalegn "
        "said on Wednesday. Opposition groups welcomed the announcement."
    )
    assert ("SUPPORT", "ETHOPP", "ETHGOV") in real(coded(pipe, text))


def test_an_announced_sanction_or_deployment_is_the_decision(pipe: Pipeline) -> None:
    expel = coded(pipe, "Britain will expel 23 Russian diplomats, Theresa May said on Wednesday.")
    assert any(t == "SANCTION" and a.startswith("GBR") and not f for t, a, _, f in expel)
    send = coded(pipe, "The United States said it would send troops to Saudi Arabia.")
    assert any(t == "MOBILIZE" and r.startswith("SAU") and not f for t, _, r, f in send)
    # with a condition it is still only a possibility
    maybe = coded(pipe, "Britain would expel Russian diplomats if Moscow failed to explain.")
    assert all(f for t, *_, f in maybe if t == "SANCTION")


def test_workers_striking_stop_work_and_announcing_it_is_a_threat(pipe: Pipeline) -> None:
    assert ("PROTEST", "KENEDU", "KENGOV") in real(
        coded(pipe, "Teachers struck across Kenya on Monday.")
    )
    threat = real(coded(pipe, "French unions said they would strike again next week."))
    assert ("THREATEN", "FRALAB", "FRAGOV") in threat
    attack = real(coded(pipe, "Russian missiles struck Kyiv on Monday."))
    assert any(t == "ASSAULT" for t, *_ in attack)


def test_a_told_event_named_again_is_no_new_event(pipe: Pipeline) -> None:
    text = (
        "Thailand's army chief seized power in a coup on Thursday. The United States said "
        'there was "no justification" for the coup.'
    )
    assert not any(a.startswith("USA") for t, a, _ in real(coded(pipe, text)) if t == "COERCE")


def test_forces_sent_for_relief_are_aid(pipe: Pipeline) -> None:
    text = "Pakistan's government deployed the army to evacuate stranded families on Monday."
    assert ("AID", "PAKGOV", "PAKCVL") in real(coded(pipe, text))
    troops = real(coded(pipe, "Russia deployed troops to the border with Ukraine on Monday."))
    assert any(t == "MOBILIZE" for t, *_ in troops)


def test_a_warning_about_what_happened_criticises(pipe: Pipeline) -> None:
    past = "The European Union warned Zambia on Friday that its new cyber law gave police powers."
    assert ("ACCUSE", "EUR", "ZMB") in real(coded(pipe, past))
    future = "The European Union warned Zambia on Friday that the law would cost it trade deals."
    assert ("THREATEN", "EUR", "ZMB") in real(coded(pipe, future))


def test_rights_groups_of_no_nationality_are_ngos(pipe: Pipeline) -> None:
    text = "Rights groups accused the Ugandan army on Monday of torturing detainees in Kampala."
    assert ("ACCUSE", "NGO", "UGAMIL") in real(coded(pipe, text))
    # an adjective that describes a thing names no group
    text = "Qatar and Egypt urged Israel and Hamas to respect a humanitarian truce."
    assert all("NGO" not in r for _, _, r in real(coded(pipe, text)))


def test_forces_moved_in_an_agentless_passive_act_for_their_state(pipe: Pipeline) -> None:
    text = (
        "Armenia's defence ministry said 2,000 Armenian troops had been withdrawn from the "
        "border with Azerbaijan."
    )
    assert any(t == "RETREAT" and a == "ARMMIL" for t, a, _ in real(coded(pipe, text)))
    # a passive act done to forces is not theirs
    text = "Three Kenyan soldiers were killed in an ambush near the Somali border."
    assert all(a != "KENMIL" for _, a, _ in real(coded(pipe, text)))


def test_aid_from_a_state_is_given_by_it(pipe: Pipeline) -> None:
    text = (
        "A powerful typhoon killed 80 people in the Philippines. "
        "The first relief flights from Japan and South Korea arrived in Manila on Friday."
    )
    assert any(
        t == "AID" and {"JPN", "KOR"} <= set(a.split(",")) and r == "PHL"
        for t, a, r in real(coded(pipe, text))
    )


def test_a_vow_to_keep_attacking_is_a_threat_and_no_attack(pipe: Pipeline) -> None:
    text = "The Houthis vowed that the group would keep targeting Israel-linked ships."
    found = coded(pipe, text)
    assert ("THREATEN", "YEMREB", "ISR", "") in found
    assert all(f for t, _, _, f in found if t == "ASSAULT")


def test_open_to_talks_is_an_intent_to_negotiate(pipe: Pipeline) -> None:
    assert ("AGREE", "IRNGOV", "USA") in real(
        coded(pipe, "Iran said it was open to talks with the United States.")
    )


def test_a_states_own_forces_in_a_warning_are_not_its_target(pipe: Pipeline) -> None:
    # "warned that Turkish forces could cross": the forces are the threat, not its target
    text = (
        "Turkish jets struck Kurdish militants in Syria on Monday. On Tuesday President Recep "
        "Tayyip Erdogan warned that Turkish forces could cross the border at any time."
    )
    threats = [(a, r) for t, a, r in real(coded(pipe, text)) if t == "THREATEN"]
    assert threats and all(r.startswith("SYR") for _, r in threats)
    alone = "President Recep Tayyip Erdogan warned that Turkish forces were ready to move again."
    assert all(r != "TURMIL" for *_, r in real(coded(pipe, alone)))


def test_own_troops_withdrawn_are_not_the_target(pipe: Pipeline) -> None:
    text = (
        "Somalia accused Kenyan troops of killing civilians near Kismayo. "
        "Kenya began pulling its troops out of the town on Friday."
    )
    withdrawals = [(a, r) for t, a, r in real(coded(pipe, text)) if t == "RETREAT"]
    assert withdrawals and all(r != "KENMIL" for _, r in withdrawals)


def test_welcoming_an_agreement_is_addressed_to_both_its_parties(pipe: Pipeline) -> None:
    text = (
        "Ethiopia and Eritrea signed a peace agreement in Jeddah on Sunday after talks mediated "
        "by Saudi Arabia. Egypt praised Riyadh for its role. The European Union welcomed the "
        "agreement."
    )
    welcomed = [r for t, a, r in real(coded(pipe, text)) if t == "SUPPORT" and a == "EUR"]
    assert welcomed and "ETH" in welcomed[0] and "ERI" in welcomed[0]


def test_the_arrest_names_the_earlier_arrest_not_the_latest_event(pipe: Pipeline) -> None:
    text = (
        "Belarusian police arrested a Polish journalist in Grodno on Monday. Lithuania closed "
        "two border crossings with Belarus on Tuesday. Poland condemned the arrest."
    )
    assert ("ACCUSE", "POLGOV", "BLRCOP") in real(coded(pipe, text))


def test_a_possessive_on_a_restated_attack_is_the_attacker(pipe: Pipeline) -> None:
    text = (
        "Armenia accused Azerbaijan on Monday of shelling villages in Syunik. Baku launched "
        "artillery strikes on Armenian positions on Tuesday in its heaviest attack since 2020. "
        "France condemned the attack."
    )
    found = real(coded(pipe, text))
    assert all(not a.startswith("ARM") for t, a, _ in found if t == "ASSAULT")
    assert any(t == "ACCUSE" and a == "FRAGOV" and r.startswith("AZE") for t, a, r in found)


def test_seizing_a_flagged_tanker_targets_its_flag_state(pipe: Pipeline) -> None:
    text = "Iranian commandos seized a Panamanian-flagged oil tanker in the Gulf of Oman on Friday."
    assert any(t == "COERCE" and r == "PAN" for t, _, r in real(coded(pipe, text)))


def test_the_actors_own_possessive_gives_way_to_the_place_entered(pipe: Pipeline) -> None:
    # "forced their way into the embassy": "their" is the police, the embassy is the target
    text = "Bolivian police forced their way into the Argentine embassy in La Paz on Friday."
    assert any(t == "COERCE" and r.startswith("ARG") for t, _, r in real(coded(pipe, text)))


def test_a_swap_is_two_releases_and_named_captives_beat_guessed_ones(pipe: Pipeline) -> None:
    text = (
        "SANAA (Reuters) - Houthi rebels released 14 hostages on Sunday, including nine Saudis, "
        "and Saudi Arabia freed 20 Yemeni prisoners from its jails."
    )
    releases = {(a, r) for t, a, r in real(coded(pipe, text)) if t == "RETREAT"}
    assert ("YEMREB", "SAU") in releases
    assert any(a == "SAU" and r.startswith("YEM") for a, r in releases)


def test_an_object_pronoun_is_not_its_own_clauses_subject(pipe: Pipeline) -> None:
    text = (
        "French President Emmanuel Macron called Chinese President Xi Jinping on Monday and "
        "urged him to press Moscow for a ceasefire."
    )
    assert ("REQUEST", "FRAGOV", "CHNGOV") in real(coded(pipe, text))


def test_a_noun_event_told_through_its_verb_takes_the_storys_counterpart(pipe: Pipeline) -> None:
    text = (
        "India accused Pakistan of shelling villages in Kashmir on Sunday. The Indian army "
        "responded on Monday with a large artillery drill near the border."
    )
    found = real(coded(pipe, text))
    assert any(t == "MOBILIZE" and a == "INDMIL" and r[:3] == "PAK" for t, a, r in found)


def test_a_refusal_about_ones_own_people_answers_the_foreign_party(pipe: Pipeline) -> None:
    text = (
        "A British court convicted three Russian citizens of spying on Friday. "
        "Moscow has refused to extradite the Russian suspects."
    )
    refusals = [(a, r) for t, a, r in real(coded(pipe, text)) if t == "REJECT"]
    assert refusals and all(r.startswith("GBR") for _, r in refusals)
    # rebels the state fights at home stay the target of its refusal
    home = "Pakistan said it would not free militants of the Pakistani Taliban."
    assert all(not r.startswith("AFG") for t, _, r, _f in coded(pipe, home) if t == "REJECT")


def test_calling_for_someone_to_act_targets_the_clauses_subject(pipe: Pipeline) -> None:
    text = "Bangladesh's opposition party called for Prime Minister Sheikh Hasina to step down."
    assert ("REQUEST", "BGDOPP", "BGDGOV") in real(coded(pipe, text))


def test_firing_at_a_countrys_posts_targets_that_country(pipe: Pipeline) -> None:
    text = "Azerbaijani soldiers fired at Armenian border posts near Sotk on Tuesday."
    assert any(t == "ASSAULT" and r.startswith("ARM") for t, _, r in real(coded(pipe, text)))


def test_a_passive_subject_naming_no_party_takes_its_possessor(pipe: Pipeline) -> None:
    text = (
        "Two of Kenyan opposition leader Raila Odinga's aides were shot dead by unidentified "
        "gunmen in Nairobi on Friday."
    )
    assert ("ASSAULT", "KENUAF", "KENOPP") in real(coded(pipe, text))


def test_aid_with_no_recipient_goes_where_the_storys_earlier_aid_went(pipe: Pipeline) -> None:
    text = (
        "PARIS (Reuters) - France said on Monday it would send Caesar howitzers to Ukraine. "
        "Britain followed a day later, announcing it would supply 14 Challenger tanks."
    )
    found = real(coded(pipe, text))
    assert any(a.startswith("GBR") and r.startswith("UKR") for t, a, r in found if t == "AGREE")


def test_the_actors_own_side_is_a_last_resort_target(pipe: Pipeline) -> None:
    # the story's counterpart before the actor's own capital ...
    text = (
        "North Korean troops fired artillery shells near the border on Tuesday. South Korea's "
        "defence ministry warned that Seoul would respond firmly."
    )
    threats = [r for t, a, r in real(coded(pipe, text)) if t == "THREATEN"]
    assert threats and all(r.startswith("PRK") for r in threats)
    # ... a party further down the clause before the actor's own forces ...
    assert ("THREATEN", "RUSGOV", "UKR") in real(
        coded(pipe, "Russia threatened the use of force against Ukraine.")
    )
    # ... and the own side when the clause and the story name no one else
    home = "Haiti's police investigated the assassination of the president."
    assert ("ACCUSE", "HTICOP", "HTIGOV") in real(coded(pipe, home))


def test_a_domestic_concession_is_made_to_the_country(pipe: Pipeline) -> None:
    text = "Kazakh President Kassym-Jomart Tokayev reinstated a price cap on fuel on Wednesday."
    assert any(
        t == "CONCEDE" and a == "KAZGOV" and r.startswith("KAZ")
        for t, a, r in real(coded(pipe, text))
    )


def test_an_expression_of_regret_is_a_concession(pipe: Pipeline) -> None:
    # PLOVER manual: expressions of regret or remorse are CONCEDE
    text = "Turkish President Tayyip Erdogan expressed regret to Russia over the downed jet."
    assert any(t == "CONCEDE" and a == "TURGOV" for t, a, _ in real(coded(pipe, text)))


def test_cancelled_talks_are_a_rejection(pipe: Pipeline) -> None:
    # PLOVER manual: cancellations of meetings are REJECT (verbal conflict)
    assert ("REJECT", "INDGOV", "PAK") in real(
        coded(pipe, "India cancelled talks with Pakistan on Friday.")
    )


def test_refugees_fleeing_are_driven_out_by_a_state(pipe: Pipeline) -> None:
    # PLOVER manual: SANCTION expel, the causative agent as actor
    text = (
        "Myanmar's army burned villages in Rakhine, and thousands of Rohingya civilians "
        "fled to Bangladesh."
    )
    assert any(
        t == "SANCTION" and a.startswith("MMR") and r == "MMRCVL"
        for t, a, r in real(coded(pipe, text))
    )
    leader = "Sri Lankan President Gotabaya Rajapaksa fled the country on Wednesday."
    assert all(t != "SANCTION" for t, *_ in coded(pipe, leader))
    helped = "Taiwan said it would open an office to help people fleeing the city."
    assert all(t != "SANCTION" for t, *_ in coded(pipe, helped))


def test_the_medium_of_a_saying_and_a_barred_act_are_no_events(pipe: Pipeline) -> None:
    text = "The Burkinabe soldiers said in a statement that they had closed the borders."
    assert all(t != "CONSULT" for t, *_ in coded(pipe, text))
    barred = "The U.S. ambassador was blocked from visiting Wine by Ugandan security forces."
    assert all(f for t, _, _, f in coded(pipe, barred) if t == "CONSULT")


def test_the_misdeed_a_punishment_is_for_is_alleged(pipe: Pipeline) -> None:
    text = "Brazil's Senate voted to remove President Dilma Rousseff from office for breaking laws."
    found = coded(pipe, text)
    assert any(t == "COERCE" and a == "BRALEG" and not f for t, a, _, f in found)
    assert all(f for t, _, _, f in found if t == "REJECT")


def test_forces_on_alert_and_rivals_cutting_ties(pipe: Pipeline) -> None:
    alert = real(coded(pipe, "Guyana's defence forces were on high alert on Friday."))
    assert any(t == "MOBILIZE" and a == "GUYMIL" for t, a, _ in alert)
    text = "Saudi Arabia and Iran agreed to restore ties. The two rivals cut ties in 2016."
    cut = [(a, r) for t, a, r in real(coded(pipe, text)) if t == "SANCTION"]
    assert cut and {cut[0][0][:3], cut[0][1][:3]} == {"SAU", "IRN"}


def test_an_extradition_is_cooperation_with_the_receiving_state(pipe: Pipeline) -> None:
    text = "Mexico extradited Joaquin Guzman to the United States on Thursday."
    assert any(
        t == "COOPERATE" and a.startswith("MEX") and r == "USA"
        for t, a, r in real(coded(pipe, text))
    )


@pytest.mark.parametrize(
    "text",
    [
        "Poland accused Belarus of staging the crisis. Minsk called the accusations absurd.",
        "Czech police accused Russia of the blasts. Moscow described the charges as absurd.",
    ],
)
def test_judging_a_claim_denies_it_and_answers_the_accuser(pipe: Pipeline, text: str) -> None:
    found = real(coded(pipe, text))
    accused = found[0][2][:3]
    assert ("REJECT", f"{accused}GOV", found[0][1]) in found
    assert sum(t == "ACCUSE" for t, *_ in found) == 1  # the denial is no second accusation


def test_judging_remarks_is_criticism_not_denial(pipe: Pipeline) -> None:
    text = "Lithuania criticised China over Taiwan. Beijing called the remarks crazy."
    assert all(t != "REJECT" for t, *_ in real(coded(pipe, text)))


def test_states_fighting_side_by_side_cooperate(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Malian and French troops were fighting side by side near Konna."))
    assert found == [("COOPERATE", "MLIMIL", "FRAMIL")]
    found = real(coded(pipe, "Indian and Pakistani troops fought in Kashmir."))
    assert [t for t, *_ in found] == ["ASSAULT"]  # enemies, not allies


def test_joint_operations_against_a_target_also_code_the_alliance(pipe: Pipeline) -> None:
    text = "Nigerian and Cameroonian troops carried out joint operations against Boko Haram."
    found = real(coded(pipe, text))
    assert any(t == "ASSAULT" and a == "NGAMIL,CMRMIL" for t, a, _ in found)
    assert ("COOPERATE", "NGAMIL", "CMRMIL") in found


def test_a_bloc_suspending_a_member_targets_the_member(pipe: Pipeline) -> None:
    text = "Mercosur suspended Paraguay from the South American trade bloc on Friday."
    assert real(coded(pipe, text)) == [("SANCTION", "IGO", "PRY")]


def test_an_appeal_with_no_addressee_goes_to_the_storys_lead_actor(pipe: Pipeline) -> None:
    text = "Myanmar troops fired on monks in Yangon. China, the junta's ally, urged restraint."
    assert ("REQUEST", "CHNGOV", "MMRMIL") in real(coded(pipe, text))


def test_troops_sent_at_a_governments_request_are_aid(pipe: Pipeline) -> None:
    text = (
        "East Timor's government asked Australia, New Zealand and Malaysia for troops on "
        "Wednesday. Malaysia was sending 500 troops."
    )
    assert ("AID", "MYSMIL", "TLSGOV") in real(coded(pipe, text))
    text = "Russia demanded that Ukraine withdraw from the border. Russia sent troops to Ukraine."
    assert all(t != "AID" for t, *_ in real(coded(pipe, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Britain said Russia was responsible for the poisoning.", ("ACCUSE", "GBRGOV", "RUS")),
        (
            "Czech Prime Minister Andrej Babis said there was evidence that Russian officers "
            "were involved in the blasts.",
            ("ACCUSE", "CZEGOV", "RUSCOP"),
        ),
    ],
)
def test_saying_another_party_is_to_blame_accuses_it(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_blame_needs_a_speaker_before_it_and_no_negation(pipe: Pipeline) -> None:
    assert coded(pipe, "Russia was responsible for the poisoning, British officials said.") == []
    assert coded(pipe, "Britain said Russia was not responsible for the poisoning.") == []


def test_a_state_storming_a_place_uses_force_crowds_riot(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Israeli commandos stormed a Gaza-bound aid flotilla on Monday."))
    assert [t for t, *_ in found] == ["ASSAULT"]
    found = real(coded(pipe, "Kenyan protesters stormed the parliament building in Nairobi."))
    assert [t for t, *_ in found] == ["PROTEST"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Somalia gave Kenyan diplomats seven days to leave.", ("SANCTION", "SOMGOV", "KENGOV")),
        (
            "Saudi Arabia cut ties with Qatar. Qatari citizens were given two weeks to leave "
            "Saudi Arabia.",
            ("COERCE", "SAUGOV", "QATCVL"),
        ),
    ],
)
def test_a_deadline_to_leave_is_an_expulsion(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_a_deadline_to_surrender_is_no_expulsion(pipe: Pipeline) -> None:
    found = real(coded(pipe, "The Malian army gave the rebels 48 hours to surrender."))
    assert all(t not in ("SANCTION", "COERCE") for t, *_ in found)


def test_saying_a_claim_is_outrageous_denies_it(pipe: Pipeline) -> None:
    text = (
        "South Africa accused Israel of genocide at the court. Netanyahu said the charge of "
        'genocide against Israel was "outrageous".'
    )
    found = real(coded(pipe, text))
    assert any(t == "REJECT" and a[:3] == "ISR" and r == "ZAFGOV" for t, a, r in found)
    text = "South Africa accused Israel of genocide. Netanyahu said the accusations were true."
    assert all(t != "REJECT" for t, *_ in real(coded(pipe, text)))


def test_the_opposition_calling_off_protests_answers_its_own_state(pipe: Pipeline) -> None:
    text = (
        "Kenyan President Mwai Kibaki met Tanzanian President Jakaya Kikwete. Kenya's opposition "
        "party called off protests it had planned for this week."
    )
    assert ("CONCEDE", "KENOPP", "KENGOV") in real(coded(pipe, text))


def test_a_build_up_with_no_named_target_faces_the_storys_other_state(pipe: Pipeline) -> None:
    text = (
        "Thailand and Cambodia traded accusations over the temple. Thailand has moved tanks and "
        "extra troops to the area, residents said."
    )
    assert ("MOBILIZE", "THAMIL", "KHM") in real(coded(pipe, text))
    text = (
        "CAIRO (Reuters) - Troops were deployed around rallies in Cairo on Friday. The United "
        "States urged restraint."
    )
    found = real(coded(pipe, text))
    assert not any(t == "MOBILIZE" and r.startswith("USA") for t, a, r in found)


def test_saying_an_event_was_a_crime_criticises_its_actor(pipe: Pipeline) -> None:
    text = (
        "Israeli commandos stormed a Gaza-bound aid flotilla on Monday. Turkish Prime Minister "
        'Tayyip Erdogan told parliament on Tuesday the raid was "state terrorism".'
    )
    assert ("ACCUSE", "TURGOV", "ISRMIL") in real(coded(pipe, text))
    text = "Egypt and Ethiopia held talks on the dam. Sudan said the talks were constructive."
    assert any(t == "SUPPORT" and a == "SDNGOV" for t, a, _ in real(coded(pipe, text)))


def test_a_plain_statement_about_an_event_judges_nothing(pipe: Pipeline) -> None:
    text = "Russia launched an offensive in the east. Ukraine said the attack was the largest."
    assert all(t != "ACCUSE" for t, *_ in real(coded(pipe, text)))


def test_agreeing_to_send_troops_is_no_threat(pipe: Pipeline) -> None:
    found = coded(pipe, "The ECOWAS bloc agreed to send troops to Mali.")
    assert any(t == "AGREE" and a == "IGO" and not f for t, a, _, f in found)
    assert all(t != "THREATEN" for t, *_ in found)


def test_cancelling_joint_exercises_reduces_relations(pipe: Pipeline) -> None:
    text = (
        "Israeli commandos stormed a Turkish ship. Ankara also cancelled three joint military "
        "exercises with the Jewish state."
    )
    found = real(coded(pipe, text))
    assert any(t == "SANCTION" and a == "TURGOV" and r.startswith("ISR") for t, a, r in found)


def test_force_used_in_a_named_country_targets_it(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Israeli warplanes pounded air bases across Syria on Monday."))
    assert found == [("ASSAULT", "ISRMIL", "SYRMIL")]  # a military site: its military
    found = real(coded(pipe, "American drones struck targets in Iraq."))
    assert found == [("ASSAULT", "USAMIL", "IRQ")]
    found = real(coded(pipe, "Russian police arrested 300 protesters in Moscow."))
    assert all(not r.startswith(("SYR", "USA")) for _, _, r in found)


def test_an_expulsion_of_diplomats_is_a_break_in_relations(pipe: Pipeline) -> None:
    events = list(pipe.code("Moscow's expulsion of four Polish diplomats angered Warsaw.", DAY))
    assert [(e.event_type, e.cameo) for e in events if e.trigger.text.startswith("expulsion")] == [
        ("SANCTION", "161")
    ]


def test_strikes_that_destroy_are_no_labour_strike(pipe: Pipeline) -> None:
    text = (
        "Nigerian jets killed 12 insurgents on Monday in air raids near Lake Chad. The strikes "
        "also destroyed two camps, the air force said."
    )
    assert all(t != "PROTEST" for t, *_ in coded(pipe, text))
    text = "Dock workers in Mombasa began a strike on Monday over pay."
    assert any(t == "PROTEST" for t, *_ in coded(pipe, text))


def test_a_hyphenated_verb_keeps_its_first_half(pipe: Pipeline) -> None:
    events = list(pipe.code("Kenyan police tear-gassed the students in Nairobi on Monday.", DAY))
    assert [(e.event_type, e.cameo) for e in events] == [("ASSAULT", "175")]


def test_an_army_chief_hosting_a_delegation_deploys_nothing(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Sudan's army chief received a delegation from South Sudan."))
    assert [t for t, *_ in found] == ["CONSULT"]


def test_a_withdrawal_from_a_place_is_made_to_its_state(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Russian troops withdrew from the city of Kherson."))
    assert found == [("RETREAT", "RUSMIL", "UKR")]


def test_forces_put_on_alert_act_for_their_state(pipe: Pipeline) -> None:
    text = "South Korea accused the North of shelling. Its military was put on the highest alert."
    assert any(t == "MOBILIZE" and a == "KORMIL" for t, a, _ in real(coded(pipe, text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The foreign ministers of Armenia and Azerbaijan met in Washington.",
            ("CONSULT", "ARMGOV", "AZEGOV"),
        ),
        (
            "After talks between Sudanese and South Sudanese officials in Addis Ababa, the two "
            "sides agreed on a demilitarised zone.",
            ("CONSULT", "SDNGOV", "SSDGOV"),
        ),
        (
            "A delegation of Houthi officials visited Riyadh for peace talks.",
            ("CONSULT", "YEMREB", "SAUGOV"),
        ),
        (
            "The visit by Chinese President Xi Jinping to Moscow drew criticism.",
            ("CONSULT", "CHNGOV", "RUSGOV"),
        ),
    ],
)
def test_meetings_and_visits_of_coordinated_or_armed_parties(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


def test_by_naming_no_party_in_an_active_clause_is_a_means(pipe: Pipeline) -> None:
    text = "The leaders of France and Germany conferred by telephone on Monday."
    assert real(coded(pipe, text)) == [("CONSULT", "FRAGOV", "DEUGOV")]


def test_an_army_chief_travelling_abroad_visits(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Pakistan's army chief travelled to Beijing for talks."))
    assert found == [("CONSULT", "PAKMIL", "CHNGOV")]


def test_an_offer_to_send_police_is_an_aid_pledge_not_a_threat(pipe: Pipeline) -> None:
    found = coded(pipe, "Kenya offered to send 1,000 police officers to Haiti.")
    assert ("AGREE", "KENGOV", "HTI", "") in found
    assert all(t != "THREATEN" for t, *_ in found)


@pytest.mark.parametrize(
    ("text", "trigger_type"),
    [
        ("Qatar brokered a deal between Russia and Ukraine to return children.", "RETREAT"),
        ("Colombia's government and the FARC reached a deal to end the war.", "RETREAT"),
        ("Japan and the Philippines agreed to allow troops to train together.", "AID"),
    ],
)
def test_what_a_deal_or_an_agreed_permission_provides_is_not_yet_done(
    pipe: Pipeline, text: str, trigger_type: str
) -> None:
    found = coded(pipe, text)
    assert all("H" in f for t, _, _, f in found if t == trigger_type)


def test_a_state_withdrawing_from_a_body_reduces_relations(pipe: Pipeline) -> None:
    assert real(coded(pipe, "Mali withdrew from the G5 Sahel force.")) == [
        ("SANCTION", "MLIGOV", "IGO")
    ]
    found = real(coded(pipe, "UN peacekeepers withdrew from Mali."))
    assert [t for t, *_ in found] == ["RETREAT"]


def test_of_two_mentions_of_one_event_the_named_target_wins(pipe: Pipeline) -> None:
    text = "Myanmar soldiers raided Buddhist monasteries overnight and detained hundreds of monks."
    assert real(coded(pipe, text)) == [("COERCE", "MMRMIL", "MMRREL")]


def test_a_passive_participle_describing_a_noun_is_not_the_subjects_act(pipe: Pipeline) -> None:
    found = real(coded(pipe, "Egypt evacuated 300 Palestinians wounded in Gaza to its hospitals."))
    assert [t for t, *_ in found] == ["AID"]
    found = real(coded(pipe, "Iran released 50 activists detained during the protests."))
    assert any(t == "COERCE" and a.startswith("IRN") for t, a, _ in found)


def test_a_gapped_passive_keeps_its_victims_out_of_the_actor_slot(pipe: Pipeline) -> None:
    # "... were killed and 19 officers injured": "injured" shares "were"; the officers are hurt
    text = (
        "Ugandan police fired tear gas at marchers in Kampala. Three people were killed and "
        "12 police officers injured."
    )
    for e in pipe.code(text, DAY):
        assert not any(a.sector == "COP" for a in e.actor) or e.trigger.text.startswith("fired")


def test_blocking_by_armed_forces_restricts_movement(pipe: Pipeline) -> None:
    text = "Zambian opposition leader Hakainde Hichilema's motorcade was blocked by riot police."
    events = pipe.code(text, DAY)
    assert [(e.event_type, e.cameo) for e in events] == [("COERCE", "191")]
    # a state blocking a decision still rejects it
    assert [e.cameo for e in pipe.code("Hungary blocked the EU aid package.", DAY)] == ["120"]


def test_designation_by_a_sanctions_office_is_a_sanction(pipe: Pipeline) -> None:
    text = "The Office of Foreign Assets Control designated four Venezuelan officials."
    assert [(e.event_type, e.actor[0].code) for e in pipe.code(text, DAY)] == [
        ("SANCTION", "USAGOV")
    ]
    assert pipe.code("The ruling party designated Mr Tembo as its candidate.", DAY) == []


def test_naming_with_quoted_names_the_parser_coordinates(pipe: Pipeline) -> None:
    # the quotes make the parser read the thing named as the first name, the name its conjunct
    text = (
        "South Korea's president on Sunday called North Korea's launch of a cruise missile "
        '"totally unacceptable" and a "serious provocation to peace".'
    )
    events = [e for e in pipe.code(text, DAY) if e.event_type == "ACCUSE"]
    assert events and events[0].actor[0].code.startswith("KOR")
    assert events[0].recipient and events[0].recipient[0].code.startswith("PRK")


def test_a_past_tense_tagged_as_adjective_is_still_the_verb(pipe: Pipeline) -> None:
    # the small model tags "assaulted" here as an adjective, though it has subject and object
    events = pipe.code("Guaido said soldiers assaulted members of his team.", DAY)
    assert [(e.event_type, e.cameo) for e in events] == [("ASSAULT", "182")]


def test_a_barrage_of_shells_is_artillery_fire(pipe: Pipeline) -> None:
    text = "Thai troops fired a barrage of artillery shells at Cambodian positions."
    assert [(e.cameo, e.actor[0].code, e.recipient[0].code) for e in pipe.code(text, DAY)] == [
        ("194", "THAMIL", "KHMMIL")  # positions: a military site
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("India shipped 50,000 tonnes of wheat to Afghanistan.", ("COOPERATE", "IND", "AFG")),
    ],
)
def test_what_is_moved_names_the_event(
    pipe: Pipeline, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in real(coded(pipe, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hezbollah fired rockets and shells at three Israeli positions.", "ISRMIL"),
        ("Russian border guards rammed a Ukrainian tugboat near the Kerch Strait.", "UKRMIL"),
    ],
)
def test_force_on_a_military_site_or_craft_is_on_the_military(
    pipe: Pipeline, text: str, expected: str
) -> None:
    assert any(r == expected for _, _, r in real(coded(pipe, text)))


def test_protest_leaders_are_opposition(pipe: Pipeline) -> None:
    assert real(coded(pipe, "Thai police arrested several protest leaders.")) == [
        ("COERCE", "THACOP", "THAOPP")
    ]


def test_speaking_to_the_press_consults_no_one(pipe: Pipeline) -> None:
    text = "Speaking at a news conference in Brussels, the NATO chief said Russia must withdraw."
    assert all(t != "CONSULT" for t, *_ in coded(pipe, text))
    assert coded(pipe, "On the sidelines of the summit, Indian officials briefed reporters.") == []
    text = "The Polish defence minister briefed NATO allies on the border incident."
    assert real(coded(pipe, text)) == [("CONSULT", "POLGOV", "IGO")]


def test_a_news_conference_is_no_meeting_and_a_body_sends_delegations(pipe: Pipeline) -> None:
    assert coded(pipe, "The EU foreign policy chief held a news conference in Brussels.") == []
    found = real(coded(pipe, "A delegation from the IMF arrived in Colombo on Monday."))
    assert found == [("CONSULT", "IGO", "LKAGOV")]
