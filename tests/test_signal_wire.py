"""Reading signal-cli's events and send results, and writing its send parameters."""

from __future__ import annotations

import json

import pytest

from bot.transports.signal_outcomes import Delivery, Outcome, failure_outcomes, send_outcomes
from bot.transports.signal_rpc import DaemonError, RpcError
from bot.transports.signal_wire import (
    Ignored,
    IgnoredKind,
    SignalMessage,
    Styled,
    attachment_params,
    data_uri,
    parse_event,
    text_params,
    utf16_length,
)
from dialogs.messages import Attachment
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_jsonrpc import FakeRpcError
from tests.fakes.signal_methods import read_data_uri, read_text_style

BOT = "+32470000000"
AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")
T = 1_796_000_000_000
dm = env.data_message


def incoming(**content: env.Json) -> SignalMessage | Ignored:
    return parse_event(json.dumps(env.event(BOT, env.envelope(AMINA, T, **content))))


def test_a_text_message() -> None:
    message = incoming(dataMessage=env.data_message(T, "Hallo, ik ben Amina"))
    assert message == SignalMessage(BOT, AMINA.uuid, AMINA.number, T, "Hallo, ik ben Amina")
    assert message.sender == AMINA.uuid
    assert message.update_id == f"{AMINA.uuid}:{T}"
    assert not message.has_attachment


def test_without_a_uuid_the_number_keys_the_person() -> None:
    hidden = env.Sender(number="+32470999999", uuid=None)
    event = env.event(BOT, env.envelope(hidden, T, dataMessage=env.data_message(T, "hoi")))
    message = parse_event(event)
    assert isinstance(message, SignalMessage)
    assert message.sender == "+32470999999"


def test_only_an_attachment_a_voice_note_or_a_sticker() -> None:
    photo = incoming(
        dataMessage=env.data_message(T, None, attachments=[env.attachment("image/jpeg")])
    )
    voice = incoming(
        dataMessage=env.data_message(T, None, attachments=[env.attachment("audio/aac")])
    )
    sticker = incoming(dataMessage=env.data_message(T, None, sticker=env.sticker()))
    assert isinstance(photo, SignalMessage)
    assert photo.attachment_types == ("image/jpeg",)
    assert isinstance(voice, SignalMessage)
    assert voice.attachment_types == ("audio/aac",)
    assert isinstance(sticker, SignalMessage)
    assert sticker.sticker
    assert sticker.text == ""


def test_a_long_text_comes_trimmed_with_its_whole_text_as_a_file() -> None:
    long = incoming(
        dataMessage=env.data_message(T, "a" * 2000, attachments=[env.attachment(env.LONG_TEXT)])
    )
    assert isinstance(long, SignalMessage)
    assert long.long_text
    assert not long.has_attachment  # the text file is the text, not something the person sent


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ({"receiptMessage": env.receipt_message(T, [T - 5])}, IgnoredKind.RECEIPT),
        ({"typingMessage": env.typing_message(T)}, IgnoredKind.TYPING),
        ({"dataMessage": dm(T, None, reaction=env.reaction(AMINA, T - 9))}, IgnoredKind.REACTION),
        ({"editMessage": env.edit_message(T - 9, dm(T, "Hallo!"))}, IgnoredKind.EDIT),
        ({"dataMessage": dm(T, "Hallo groep", groupInfo=env.group_info())}, IgnoredKind.GROUP),
        ({"storyMessage": env.story_message("Mijn dag")}, IgnoredKind.STORY),
        ({"syncMessage": env.sync_sent_message(T, AMINA, "Hallo")}, IgnoredKind.SYNC),
        ({"dataMessage": dm(T, None, remoteDelete={"timestamp": T - 9})}, IgnoredKind.DELETE),
        ({"dataMessage": dm(T, None)}, IgnoredKind.EMPTY),
        ({}, IgnoredKind.OTHER),
    ],
)
def test_what_is_not_a_message_for_the_bot(content: env.Json, kind: IgnoredKind) -> None:
    assert incoming(**content) == Ignored(kind, T)


def test_a_group_message_with_a_file_is_still_a_group_message() -> None:
    group = env.data_message(
        T, None, groupInfo=env.group_info(), attachments=[env.attachment("image/png")]
    )
    assert incoming(dataMessage=group) == Ignored(IgnoredKind.GROUP, T)


@pytest.mark.parametrize(
    "data",
    ["{not json", "[]", '{"account": "x"}', '{"envelope": {"timestamp": "soon"}}', "null"],
)
def test_malformed_event_data(data: str) -> None:
    assert parse_event(data) == Ignored(IgnoredKind.MALFORMED)


def test_an_envelope_signal_cli_could_not_decrypt() -> None:
    event = {
        **env.event(BOT, env.envelope(AMINA, T)),
        "exception": {"message": "…", "type": "ProtocolUntrustedIdentityException"},
    }
    assert parse_event(event) == Ignored(IgnoredKind.ERROR, T)


# --- sending --------------------------------------------------------------------------------------


def test_bold_ranges_count_utf16_code_units() -> None:
    params = text_params("+32470123456", Styled("👋 Welkom", bold=True), "\n\nKies een nummer.")
    assert params["message"] == "👋 Welkom\n\nKies een nummer."
    assert utf16_length("👋") == 2
    assert params["textStyle"] == ["0:9:BOLD"]  # the emoji is two code units: 2 + 1 + 6
    # and signal-cli's own syntax check (SendCommand.parseTextStyles) accepts it
    assert read_text_style(params["textStyle"][0]) == (0, 9, "BOLD")


def test_a_bold_part_after_text_with_accents_and_arabic() -> None:
    params = text_params("x", "Café مرحبا ", Styled("Taalplezier", bold=True))
    assert params["textStyle"] == ["11:11:BOLD"]
    start, length, _ = read_text_style(params["textStyle"][0])
    units = params["message"].encode("utf-16-le")
    assert units[2 * start : 2 * (start + length)].decode("utf-16-le") == "Taalplezier"


def test_plain_text_has_no_styles() -> None:
    assert text_params("x", "Hallo") == {"recipient": ["x"], "message": "Hallo"}


def test_a_file_as_a_data_uri_that_signal_cli_reads_back() -> None:
    export = Attachment("mijn gegevens;1.json", b'{"naam": "Amina"}', "application/json")
    uri = data_uri(export)
    assert uri.startswith("data:application/json;filename=mijn%20gegevens%3B1.json;base64,")
    read = read_data_uri(uri)  # DataURI.java's pattern, as the fake uses it
    assert (read.media_type, read.filename, read.content) == (
        "application/json",
        "mijn gegevens;1.json",
        b'{"naam": "Amina"}',
    )
    assert attachment_params("x", export)["attachment"] == [uri]


def test_a_broken_data_uri_is_refused_like_signal_cli_does() -> None:
    with pytest.raises(FakeRpcError):
        read_data_uri("data:application/json;filename=a.json;base64,@@@")


# --- send outcomes -------------------------------------------------------------------------------


def test_each_result_type_per_recipient() -> None:
    result = {
        "timestamp": T,
        "results": [
            env.send_result("+32470000001"),
            env.send_result("+32470000002", "UNREGISTERED_FAILURE"),
            env.send_result("+32470000003", "IDENTITY_FAILURE"),
            env.send_result("+32470000004", "RATE_LIMIT_FAILURE", retry_after=3600),
            env.send_result("+32470000005", "RATE_LIMIT_FAILURE"),
            env.send_result("+32470000006", "NETWORK_FAILURE"),
            env.send_result("+32470000007", "INVALID_PRE_KEY_FAILURE"),
        ],
    }
    outcomes = send_outcomes(result)
    assert [o.delivery for o in outcomes] == [
        Delivery.SUCCESS,
        Delivery.UNREGISTERED,
        Delivery.IDENTITY,
        Delivery.RATE_LIMITED,
        Delivery.RATE_LIMITED,
        Delivery.NETWORK,
        Delivery.UNKNOWN,
    ]
    assert (outcomes[3].retry_after, outcomes[3].challenge) == (3600, True)
    assert (outcomes[4].retry_after, outcomes[4].challenge) == (None, False)
    assert [o.retryable for o in outcomes] == [False, False, False, True, True, True, False]
    assert outcomes[1].recipient == "+32470000002"


@pytest.mark.parametrize(
    ("code", "message", "delivery"),
    [
        (-1, "Failed to send message", Delivery.UNKNOWN),
        (-1, "The user +32470000009 is not registered.", Delivery.UNREGISTERED),
        (-3, "Failed to send message: timeout (PushNetworkException)", Delivery.NETWORK),
        (-4, "Failed to send message due to untrusted identities", Delivery.IDENTITY),
        (-5, "Failed to send message due to rate limiting", Delivery.RATE_LIMITED),
        (-32603, "Failed to send message: reset (IOException)", Delivery.NETWORK),
        (-32602, "Specified account does not exist", Delivery.UNKNOWN),
        (-32601, "Method not implemented", Delivery.UNKNOWN),
    ],
)
def test_whole_call_errors_by_code(code: int, message: str, delivery: Delivery) -> None:
    assert failure_outcomes(RpcError(code, message)) == (Outcome(delivery, wire=str(code)),)


def test_a_whole_call_error_with_results_is_read_per_recipient() -> None:
    response = {
        "timestamp": T,
        "results": [env.send_result(AMINA.number or "", "IDENTITY_FAILURE")],
    }
    error = RpcError(
        -4, "Failed to send message due to untrusted identities", {"response": response}
    )
    (outcome,) = failure_outcomes(error)
    assert outcome.delivery == Delivery.IDENTITY
    assert outcome.recipient == AMINA.number


def test_no_usable_answer_is_a_network_problem() -> None:
    assert failure_outcomes(DaemonError("refused")) == (Outcome(Delivery.NETWORK, wire="refused"),)
    assert send_outcomes("garbage") == (Outcome(Delivery.UNKNOWN, wire="no-results"),)
