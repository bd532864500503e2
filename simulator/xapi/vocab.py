"""Every IRI Doorstep's statements use, in one place (docs/xapi.md documents each one).

Verbs and activity types are the published ones: ADL's vocabulary and
cmi5's. Doorstep's own extensions and activity ids live under
:data:`BASE`, a name in the ``.invalid`` domain, which the DNS reserves so
that it can never belong to anyone (RFC 6761): Doorstep has no web home of
its own, so its IRIs are documented in docs/xapi.md rather than resolved.
They are fixed on purpose: changing one would split an LRS's history.
"""

from __future__ import annotations

from typing import Final, Literal

XAPI_1: Final = "1.0.3"
XAPI_2: Final = "2.0.0"
Version = Literal["1.0.3", "2.0.0"]
VERSIONS: Final[tuple[Version, ...]] = (XAPI_1, XAPI_2)

LANGUAGE: Final = "en-GB"
PLATFORM: Final = "Doorstep"

BASE: Final = "https://doorstep.invalid/xapi"

# -- verbs (ADL's vocabulary; abandoned is the ADL verb cmi5 uses) -----------
VERBS: Final[dict[str, str]] = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "progressed": "http://adlnet.gov/expapi/verbs/progressed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "terminated": "http://adlnet.gov/expapi/verbs/terminated",
    "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "voided": "http://adlnet.gov/expapi/verbs/voided",
}

# -- activity types (ADL's vocabulary) -----------------------------------------
SIMULATION: Final = "http://adlnet.gov/expapi/activities/simulation"
MODULE: Final = "http://adlnet.gov/expapi/activities/module"
INTERACTION: Final = "http://adlnet.gov/expapi/activities/cmi.interaction"
MEDIA: Final = "http://adlnet.gov/expapi/activities/media"

# -- cmi5's result extension for how far through the case the trainee is (0-100) --
PROGRESS: Final = "https://w3id.org/xapi/cmi5/result/extensions/progress"

# -- Doorstep's extensions -------------------------------------------------------
_EXT = f"{BASE}/extensions"
EXT_DIMENSIONS: Final = f"{_EXT}/dimensions"  # result: {dimension: {raw, min, max}}
EXT_PATH: Final = f"{_EXT}/path"  # result: enabler | barrier | other, the chosen option's path
EXT_TRUST_CHANGE: Final = f"{_EXT}/trust-change"  # result: {character: change} over this step
EXT_TRUST: Final = f"{_EXT}/trust"  # result: {character: trust} at the end
EXT_ENDING: Final = f"{_EXT}/ending"  # result: {id, kind, title}
EXT_SCORES: Final = f"{_EXT}/episode-scores"  # result (progressed): {dimension: {raw, min, max}}
EXT_STEP: Final = f"{_EXT}/step"  # context: index of the host action in the playthrough (0-based)
EXT_CASE_DAY: Final = f"{_EXT}/case-day"  # context: day number on the case calendar (0 = referral)
EXT_CASE_DATE: Final = f"{_EXT}/case-date"  # context: the fictional date, YYYY-MM-DD
EXT_CASE_TIME: Final = f"{_EXT}/case-time"  # context: the fictional time of day, HH:MM
EXT_EPISODE: Final = f"{_EXT}/episode"  # context: the episode id
EXT_MODE: Final = f"{_EXT}/mode"  # context: coach | assessment
EXT_VERSION_WATCHED: Final = f"{_EXT}/watched-version"  # context (experienced): barrier | enabler
EXT_CHOICE_PATHS: Final = f"{_EXT}/choice-paths"  # activity definition: {option id: path}

EXTENSIONS: Final[tuple[str, ...]] = (
    EXT_DIMENSIONS,
    EXT_PATH,
    EXT_TRUST_CHANGE,
    EXT_TRUST,
    EXT_ENDING,
    EXT_SCORES,
    EXT_STEP,
    EXT_CASE_DAY,
    EXT_CASE_DATE,
    EXT_CASE_TIME,
    EXT_EPISODE,
    EXT_MODE,
    EXT_VERSION_WATCHED,
    EXT_CHOICE_PATHS,
)

# -- Doorstep's activity ids -------------------------------------------------------
DEFAULT_HOME_PAGE: Final = f"{BASE}/trainees"


def scenario_iri(scenario_id: str) -> str:
    return f"{BASE}/scenarios/{scenario_id}"


def episode_iri(scenario_id: str, episode_id: str) -> str:
    return f"{scenario_iri(scenario_id)}/episodes/{episode_id}"


def decision_iri(scenario_id: str, node_id: str) -> str:
    return f"{scenario_iri(scenario_id)}/decisions/{node_id}"


def reflection_iri(scenario_id: str, stage: str) -> str:
    return f"{scenario_iri(scenario_id)}/reflection/{stage}"


def watch_iri(scenario_id: str, episode_id: str, version: str) -> str:
    return f"{episode_iri(scenario_id, episode_id)}/versions/{version}"
