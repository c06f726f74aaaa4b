"""Own weight penalties: L2 (weight decay) and L1, on the weights only (biases are not penalised).

    penalty  = λ₂/2 · Σ w²  +  λ₁ · Σ |w|
    gradient = λ₂ · w       +  λ₁ · sign(w)      (sign(0) = 0: the subgradient that keeps 0 at 0)

The loss a student reads per example stays the data loss; the penalty is shown beside it and its
gradient is added to each weight's before the update.
"""
import numpy as np


def penalty(params, l1, l2):
    """λ₂/2 · Σ w² + λ₁ · Σ |w| over every weight matrix."""
    if not (l1 or l2):
        return 0.0  # what the sums give then: every term is 0 × a finite sum (weights stay finite)
    return float(sum(0.5 * l2 * np.sum(W * W) + l1 * np.sum(np.abs(W)) for W in params.W))


def penalty_gradients(params, l1, l2):
    """∂penalty/∂W per layer (the biases' are 0)."""
    return [l2 * W + l1 * np.sign(W) for W in params.W]
