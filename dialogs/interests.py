"""The interests a person can pick; their ids are stored, their labels translated."""

from __future__ import annotations

from dialogs.messages import Msg, _

INTERESTS: dict[str, Msg] = {
    "sport": _("sport"),
    "koken": _("koken"),
    "natuur": _("natuur"),
    "tuin": _("tuin"),
    "muziek": _("muziek"),
    "cultuur": _("cultuur"),
    "creatief": _("creatief"),
    "lezen": _("lezen"),
    "vrijwilligerswerk": _("vrijwilligerswerk"),
    "zorg": _("zorg"),
    "kinderen": _("kinderen"),
    "techniek": _("techniek"),
    "dieren": _("dieren"),
}


def labels(interest_ids: list[str]) -> tuple[Msg, ...]:
    """Translatable labels for stored interest ids (unknown ids are skipped)."""
    return tuple(INTERESTS[item] for item in interest_ids if item in INTERESTS)
