"""Shared fixtures of the corpus tests: the default corpus generated once per test session."""

from __future__ import annotations

import pytest

from joint_nlu.corpus import DEFAULT_SEED, build_entity_pools, generate_corpus_with_report
from joint_nlu.corpus.lexicon import EntityPools


@pytest.fixture(scope="session")
def generated():
    """Return ``(train_rows, hidden_rows, reports)`` of the default seed."""
    return generate_corpus_with_report(DEFAULT_SEED)


@pytest.fixture(scope="session")
def pools() -> EntityPools:
    return build_entity_pools(DEFAULT_SEED)


@pytest.fixture(scope="session")
def kiwi():
    """One Kiwi analyser for every report test (loading it takes a few seconds)."""
    import warnings

    from kiwipiepy import Kiwi

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Kiwi()
