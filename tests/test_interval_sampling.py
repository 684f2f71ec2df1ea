"""Rank acceptability with the missing values sampled as intervals (the vectorised path that
prepares only the criteria that vary) gives, sample for sample, the positions of one
compute_scores per sampled matrix, for every method; and the sampler's criterion-major
columns (and its sampled cells' values) are the same numbers as its full matrices."""

from __future__ import annotations

import numpy as np
import pytest

from mcda.missing import apply_missing_policy
from mcda.ranking import METHODS, RankingSettings, compute_scores, rank_scores
from mcda.sensitivity import DataUncertainty, ValueSampler, WeightCloud, analyse_rank_acceptability

SAMPLES, SEED = 300, 11


def _sampler(problem) -> ValueSampler:
    return ValueSampler(*DataUncertainty(ranges=True).bounds(problem))


def test_columns_are_the_varying_criteria_of_the_full_matrices(shipped_problem) -> None:
    sampler = _sampler(apply_missing_policy(shipped_problem, "interval").problem)
    u = np.random.default_rng(SEED).random((50, sampler.uniforms_per_sample))
    full = sampler.transform(u)
    crit = sampler.varying_criteria
    assert 0 < crit.size < full.shape[2]
    columns = sampler.columns(u)
    np.testing.assert_array_equal(columns, full[:, :, crit].transpose(2, 1, 0))
    criterion, alternative = np.nonzero(sampler.varying[:, crit].T)  # by criterion, then alternative
    np.testing.assert_array_equal(sampler.cell_values(u), columns[criterion, alternative])


@pytest.mark.parametrize("method", list(METHODS))
def test_interval_acceptability_equals_one_ranking_per_sample(shipped_problem, method: str) -> None:
    norm = "max" if method == "wpm" else None  # the shipped data have zeros: no sum normalisation
    used = apply_missing_policy(shipped_problem, "interval").problem
    cloud = WeightCloud.uniform(used.criterion_ids)
    result = analyse_rank_acceptability(
        shipped_problem,
        cloud,
        samples=SAMPLES,
        seed=SEED,
        settings=RankingSettings(method=method, normalization=norm),
        confidence_samples=1,
    )
    assert result.data_uncertainty is not None
    sampler = _sampler(used)
    u = np.random.default_rng(SEED).random((SAMPLES, cloud.uniforms_per_sample + sampler.uniforms_per_sample))
    weights = cloud.transform(u[:, : cloud.uniforms_per_sample])
    matrices = sampler.transform(u[:, cloud.uniforms_per_sample :])
    m = matrices.shape[1]
    expected = np.zeros((m, m), dtype=np.int64)
    for w, x in zip(weights, matrices, strict=True):
        scores = compute_scores(x, w, used.types, method, norm).scores
        ranks = rank_scores(scores, METHODS[method].score_direction)
        for position, i in enumerate(sorted(range(m), key=lambda i: (ranks[i], i))):
            expected[i, position] += 1
    np.testing.assert_array_equal(np.array(result.counts), expected)


@pytest.mark.parametrize("method", ["promethee2", "topsis"])  # without and with columns built
def test_interval_acceptability_does_not_depend_on_the_chunk_size(shipped_problem, method: str, monkeypatch) -> None:
    """Each sample's uniforms are one row of the draw: chunks of 64 samples give the counts
    and confidence factors of the default chunks, and their central weights to rounding (the
    weights of a chunk are summed before the chunks are)."""
    from mcda.sensitivity import acceptability

    settings = RankingSettings(method=method)
    cloud = WeightCloud.uniform(shipped_problem.criterion_ids)
    run = lambda: analyse_rank_acceptability(shipped_problem, cloud, samples=700, seed=3, settings=settings)  # noqa: E731
    default = run()
    monkeypatch.setattr(acceptability, "chunk_size", lambda m, n, with_data=False, columns=True: 64)
    small = run()
    assert small.counts == default.counts
    assert small.confidence == default.confidence
    for alternative, weights in default.central_weights.items():
        if weights is None:
            assert small.central_weights[alternative] is None
        else:
            assert small.central_weights[alternative] == pytest.approx(weights, rel=1e-12, abs=1e-15)
