"""fit_bass (NumPy Levenberg–Marquardt) against SciPy's curve_fit, which it replaced.

The fit must reach at least as low a sum of squares as curve_fit (which stops at a relative
cost change of 1e-8), the same p and q where both are converged, and curve_fit's covariance.
"""
import numpy as np
import pytest

from core import adoption

optimize = pytest.importorskip("scipy.optimize")


def _scipy_fit(cumulative, m):
    """The pre-NumPy fit_bass: curve_fit (trf, bounds) from nine starts, best sum of squares."""
    t = np.arange(1, len(cumulative) + 1, dtype=float)
    new = np.diff(np.concatenate([[0.0], cumulative]))

    def model(t, p, q):
        return m * (adoption.bass_cdf(t, p, q) - adoption.bass_cdf(t - 1, p, q))

    best = None
    for p0 in (0.002, 0.01, 0.05):
        for q0 in (0.02, 0.1, 0.4):
            (p, q), cov = optimize.curve_fit(model, t, new, p0=(p0, q0),
                                             bounds=((1e-7, 0.0), (1.0, 3.0)), max_nfev=2000)
            sse = float(np.sum((model(t, p, q) - new) ** 2))
            if best is None or sse < best[0]:
                best = (sse, p, q, cov)
    return best


def _sse(cumulative, m, p, q):
    t = np.arange(1, len(cumulative) + 1, dtype=float)
    new = np.diff(np.concatenate([[0.0], cumulative]))
    r = adoption._bass_new(t, p, q, m) - new
    return float(r @ r)


def _noisy(p, q, m, weeks, seed):
    rng = np.random.default_rng(seed)
    mean = np.diff(np.concatenate([[0], m * adoption.bass_cdf(np.arange(1, weeks + 1), p, q)]))
    return np.cumsum(rng.poisson(mean)).astype(float)


CASES = [
    (np.round(1000 * adoption.bass_cdf(np.arange(1, 41), 0.01, 0.25)), 1000),
    (_noisy(0.02, 0.12, 800, 52, 7), 800),
    (_noisy(0.005, 0.03, 5000, 150, 11), 5000),
    (_noisy(0.01, 0.08, 13, 51, 3), 13),     # a small department: a flat valley
    (_noisy(0.05, 0.0, 10, 51, 5), 10),      # q on its lower bound
]


@pytest.mark.parametrize("cumulative, m", CASES)
def test_fit_matches_curve_fit(cumulative, m):
    p, q, cov = adoption.fit_bass(cumulative, m)
    sse_ref, p_ref, q_ref, cov_ref = _scipy_fit(cumulative, m)
    sse = _sse(cumulative, m, p, q)
    assert sse <= sse_ref * (1 + 1e-12)
    # Same optimum: curve_fit's early stop costs it at most 1e-8 of the sum of squares.
    assert sse == pytest.approx(sse_ref, rel=1e-8)
    assert p == pytest.approx(p_ref, rel=1e-3, abs=1e-6)
    assert q == pytest.approx(q_ref, rel=1e-3, abs=1e-6)
    assert cov == pytest.approx(cov_ref, rel=2e-3, abs=1e-12)


def test_fit_on_well_determined_data_agrees_to_the_digits_shown():
    for cumulative, m in CASES[:3]:
        p, q, _ = adoption.fit_bass(cumulative, m)
        _, p_ref, q_ref, _ = _scipy_fit(cumulative, m)
        assert (round(p, 5), round(q, 5)) == (round(p_ref, 5), round(q_ref, 5))


def test_jacobian_is_the_derivative_of_new_adopters():
    t = np.arange(1, 61, dtype=float)
    p, q, m, h = 0.013, 0.21, 700, 1e-7
    jac = adoption._bass_jacobian(t, p, q, m)
    d_p = (adoption._bass_new(t, p + h, q, m) - adoption._bass_new(t, p - h, q, m)) / (2 * h)
    d_q = (adoption._bass_new(t, p, q + h, m) - adoption._bass_new(t, p, q - h, m)) / (2 * h)
    assert jac[:, 0] == pytest.approx(d_p, rel=1e-5, abs=1e-6)
    assert jac[:, 1] == pytest.approx(d_q, rel=1e-5, abs=1e-6)
