"""Schemathesis against a live relay, driven by the relay's own OpenAPI document.

Every operation gets a bounded number of generated requests (valid and
invalid); each must get an answer the schema allows, and never a 5xx.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.schemas import BaseSchema

from tests.fixtures.relay import RelayLauncher
from tests.relay.conftest import UNLIMITED
from tests.relay.helpers import make_community


@pytest.fixture(scope="module")
def relay_schema(module_relay_process: RelayLauncher) -> Iterator[BaseSchema]:
    relay = module_relay_process(args=[*UNLIMITED, "--max-batch", "20", "--page-max", "100"])
    make_community(relay, "fuzz")
    yield schemathesis.openapi.from_url(f"{relay.url}/v1/openapi.json", config=CONFIG)
    relay.stop()
    assert "Traceback" not in relay.log()


# A valid stream never ends, so generated requests cannot be waited for:
# tests/relay/test_stream.py drives /v1/stream, its refusals included.
schema = schemathesis.pytest.from_fixture("relay_schema").exclude(path="/v1/stream")

# A batch over the relay's limit is "too large" (413), as the contract says; the
# check that invalid input is refused must count that as a refusal.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [400, 404, 405, 406, 413, 422],
            }
        }
    }
)


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_relay_answers_every_generated_request_within_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()
